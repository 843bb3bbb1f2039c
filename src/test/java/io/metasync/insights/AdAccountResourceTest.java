package io.metasync.insights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AdAccountResourceTest {

    InsightsWorld world;

    @BeforeEach
    void connect() {
        world = InsightsWorld.connected();
    }

    @Test
    void listsTheWorkspacesAdAccountsWithTimeZoneAndCurrency() {
        given().auth().oauth2(world.bearer).get("/api/v1/meta/ad-accounts").then().statusCode(200)
                .body("items.size()", equalTo(4))
                .body("items[0].id", equalTo(InsightsWorld.account(0)))
                .body("items[0].accountId", equalTo(InsightsWorld.account(0).substring(4)))
                .body("items[3].timezoneName", equalTo("Pacific/Tongatapu"))
                .body("items[3].currency", equalTo("TOP"))
                .body("items[0].accountStatus", equalTo(1))
                .body("items[0].amountSpent", equalTo("0"));
    }

    @Test
    void campaignsCarryTheirInsightsForTheRangeAndPageByCursor() {
        String account = InsightsWorld.account(0);
        LocalDate until = InsightsWorld.today(0).minusDays(1);
        LocalDate since = until.minusDays(13);
        List<Map<String, Object>> campaigns = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(world.bearer).queryParam("since", since.toString())
                    .queryParam("until", until.toString()).queryParam("limit", 1)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/meta/ad-accounts/" + account + "/campaigns").then().statusCode(200)
                    .body("items[0].insights.spend", notNullValue()).extract().jsonPath();
            campaigns.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(2, campaigns.size());
        JsonPath truth = InsightsWorld.truth(account, "campaign", since, until);
        long impressions = campaigns.stream().mapToLong(c -> ((Number) ((Map<?, ?>) c.get("insights")).get("impressions")).longValue()).sum();
        assertEquals(truth.getLong("impressions"), impressions);
        Map<?, ?> first = (Map<?, ?>) campaigns.get(0).get("insights");
        assertEquals(true, first.get("cpc") instanceof String && first.get("ctr") instanceof Number);

        given().auth().oauth2(world.bearer).queryParam("datePreset", "last_7d")
                .get("/api/v1/meta/ad-accounts/" + account + "/campaigns").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("nextCursor", nullValue());
    }

    @Test
    void anotherWorkspacesAccountIsNotFound() {
        String other = MetaWorld.newWorkspaceToken();
        String account = InsightsWorld.account(0);
        given().auth().oauth2(other).get("/api/v1/meta/ad-accounts").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(other).get("/api/v1/meta/ad-accounts/" + account + "/campaigns").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(InsightsWorld.range(LocalDate.now(), LocalDate.now(), "ad"))
                .post("/api/v1/meta/ad-accounts/" + account + "/insights/sync").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblem() {
        String account = InsightsWorld.account(0);
        String base = "/api/v1/meta/ad-accounts/";
        given().auth().oauth2(world.bearer).get(base + "123/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(world.bearer).queryParam("since", "yesterday").queryParam("until", "2026-01-01")
                .get(base + account + "/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(world.bearer).queryParam("datePreset", "forever")
                .get(base + account + "/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(world.bearer).queryParam("limit", 501)
                .get(base + account + "/campaigns").then().statusCode(400).contentType("application/problem+json");
        for (String body : List.of("{}", "{\"since\":\"2026-02-01\",\"until\":\"2026-01-01\"}",
                "{\"since\":\"2026-01-01\",\"until\":\"2026-01-02\",\"level\":\"keyword\"}",
                "{\"since\":\"2026-01-01\",\"until\":\"2026-01-02\",\"breakdowns\":[\"mood\"]}")) {
            given().auth().oauth2(world.bearer).contentType(ContentType.JSON).body(body)
                    .post(base + account + "/insights/sync").then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(world.bearer).contentType(ContentType.JSON).body(InsightsWorld.range(LocalDate.now(), LocalDate.now(), "ad"))
                .post(base + account + "/insights/sync?wait=99").then().statusCode(400).contentType("application/problem+json");
    }
}
