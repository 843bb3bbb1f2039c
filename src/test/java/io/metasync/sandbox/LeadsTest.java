package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LeadsTest {

    static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0,\"leadArrivalPerMinute\":0.0}");
    }

    JsonPath leads(String form, Map<String, ?> params) {
        return Sandbox.graph(Sandbox.pageToken(0)).queryParams(params).get(Sandbox.GRAPH + "/" + form + "/leads")
                .then().statusCode(200).extract().jsonPath();
    }

    static long seconds(String graphTime) {
        return OffsetDateTime.parse(graphTime, GRAPH_TIME).toEpochSecond();
    }

    @Test
    void filteringOnTimeCreatedGivesTheWindow() {
        String form = Sandbox.formId(0, 0);
        List<String> times = leads(form, Map.of("limit", 100, "fields", "created_time")).getList("data.created_time");
        long newest = seconds(times.get(0));
        long older = seconds(times.get(40));
        String filter = "[{\"field\":\"time_created\",\"operator\":\"GREATER_THAN\",\"value\":" + older + "},"
                + "{\"field\":\"time_created\",\"operator\":\"LESS_THAN\",\"value\":\"" + newest + "\"}]";
        List<String> window = leads(form, Map.of("limit", 100, "fields", "created_time", "filtering", filter))
                .getList("data.created_time");
        assertEquals(39, window.size());
        assertTrue(window.stream().mapToLong(LeadsTest::seconds).allMatch(s -> s > older && s < newest));
        String inclusive = "[{\"field\":\"time_created\",\"operator\":\"GREATER_THAN_OR_EQUAL\",\"value\":" + older + "}]";
        assertEquals(41, leads(form, Map.of("limit", 100, "filtering", inclusive)).getList("data").size());
    }

    @Test
    void filteringOnCreatedTimeIsRejectedLikeMeta() {
        Sandbox.graph(Sandbox.pageToken(0))
                .queryParam("filtering", "[{\"field\":\"created_time\",\"operator\":\"GREATER_THAN\",\"value\":1}]")
                .get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 0) + "/leads")
                .then().statusCode(400).body("error.code", equalTo(100)).body("error.type", equalTo("OAuthException"));
    }

    @Test
    void leadsAreStableAcrossReadsAndMatchTheLeadNode() {
        String form = Sandbox.formId(0, 1);
        Map<String, Object> params = Map.of("limit", 50, "fields",
                "id,created_time,field_data,ad_id,platform,is_organic,custom_disclaimer_responses");
        List<Map<String, Object>> first = leads(form, params).getList("data");
        List<Map<String, Object>> again = leads(form, params).getList("data");
        assertEquals(first, again);
        Map<String, Object> one = first.get(7);
        Map<String, Object> node = Sandbox.graph(Sandbox.pageToken(0)).queryParams(params)
                .get(Sandbox.GRAPH + "/" + one.get("id")).then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(one, node);
    }

    @Test
    void consentIsOnlyReturnedWhenAskedFor() {
        leads(Sandbox.formId(0, 0), Map.of()).getList("data", Map.class)
                .forEach(l -> assertTrue(!l.containsKey("custom_disclaimer_responses") && l.containsKey("field_data")));
    }

    @Test
    void newLeadsArriveWithTheClock() {
        String form = Sandbox.formId(0, 0);
        long before = Sandbox.truth(form).size();
        Sandbox.settings("{\"leadArrivalPerMinute\":2.0}");
        Sandbox.advance(300);
        List<String> truth = Sandbox.truth(form);
        assertEquals(before + 10, truth.size());
        List<String> listed = Sandbox.all(Sandbox.GRAPH + "/" + form + "/leads",
                Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 500), new java.util.ArrayList<>());
        assertEquals(new java.util.HashSet<>(truth), new java.util.HashSet<>(listed));
        given().get(Sandbox.ADMIN + "/truth/forms/" + form + "/leads?limit=5&offset=3").then().statusCode(200)
                .body("count", equalTo((int) before + 10)).body("leadIds.size()", equalTo(5));
    }

    @Test
    void adminCreatedLeadsShowNewestFirst() {
        String form = Sandbox.formId(0, 0);
        List<String> ids = given().contentType(ContentType.JSON)
                .body(Map.of("formId", form, "count", 3, "deliverWebhooks", false))
                .post(Sandbox.ADMIN + "/leads").then().statusCode(200).extract().jsonPath().getList("leadIds");
        List<String> newest = leads(form, Map.of("limit", 3)).getList("data.id");
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), newest);
    }

    @Test
    void formsNeedAPageTokenAndOrganicLeadsHaveNoAd() {
        String page = Sandbox.world().getString("pages[0].id");
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + page + "/leadgen_forms").then().statusCode(400)
                .body("error.code", equalTo(190))
                .body("error.message", equalTo("(#190) This method must be called with a Page Access Token"));
        Sandbox.graph(Sandbox.pageToken(0)).queryParam("fields", "id,name,questions,status")
                .get(Sandbox.GRAPH + "/" + page + "/leadgen_forms").then().statusCode(200)
                .body("data.size()", equalTo(2)).body("data[0].questions.type", org.hamcrest.Matchers.hasItem("EMAIL"));
        List<Map<String, Object>> all = leads(Sandbox.formId(0, 0), Map.of("limit", 100, "fields",
                "id,ad_id,is_organic,platform")).getList("data");
        assertTrue(all.stream().anyMatch(l -> Boolean.TRUE.equals(l.get("is_organic")) && !l.containsKey("ad_id")));
        assertTrue(all.stream().allMatch(l -> List.of("fb", "ig").contains(l.get("platform"))));
        Sandbox.graph(Sandbox.pageToken(1)).get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 0) + "/leads")
                .then().statusCode(400).body("error.code", equalTo(100)).body("error.error_subcode", equalTo(33));
    }
}
