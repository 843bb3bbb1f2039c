package io.metasync.outbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.connect.MetaWorld;
import io.metasync.leads.LeadForm;
import io.metasync.leads.LeadScorer;
import io.metasync.leads.LeadWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The lead quality score stored with each lead, the minScore filter and the status a user sets. */
@QuarkusTest
class LeadQualityTest {

    @Inject
    LeadWriter writer;
    @Inject
    ObjectMapper json;

    @Test
    void scoreWeighsEmailPhoneCompletenessAndDuplicates() {
        Map<String, String> good = new LinkedHashMap<>(Map.of("email", "ada@example.com", "phone", "+16502530000", "fullName", "Ada"));
        assertEquals(100, LeadScorer.score(good, false).score());
        assertEquals(90, LeadScorer.score(good, true).score());
        assertTrue(LeadScorer.score(good, true).reasons().contains("same e-mail or phone as a lead of another form (+0)"));

        Map<String, String> disposable = new LinkedHashMap<>(good);
        disposable.put("email", "ada@mailinator.com");
        assertEquals(75, LeadScorer.score(disposable, false).score());
        Map<String, String> broken = new LinkedHashMap<>(good);
        broken.put("email", "ada@@example");
        assertTrue(LeadScorer.score(broken, false).reasons().contains("e-mail is not a valid address (+0)"));

        Map<String, String> wrongCountry = new LinkedHashMap<>(good);
        wrongCountry.put("country", "GB");
        assertEquals(70, LeadScorer.score(wrongCountry, false).score(), "a US number for a lead in GB");
        assertTrue(LeadScorer.score(wrongCountry, false).reasons().contains("phone is not a valid number for GB (+0)"));

        Map<String, String> sparse = new LinkedHashMap<>(Map.of("email", "ada@example.com", "city", "", "phone", "12"));
        LeadScorer.Score s = LeadScorer.score(sparse, false);
        assertEquals(30 + 20 + 10, s.score());
        assertTrue(s.reasons().contains("2 of 3 answers given (+20)"));
    }

    @Test
    void leadsAreStoredWithTheirScoreFilteredByMinScoreAndTheirStatusSet() throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        UUID workspaceId = UUID.fromString(given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId"));
        LeadForm a = OutboundTest.form(workspaceId, "1500000000000011");
        LeadForm b = OutboundTest.form(workspaceId, "1500000000000012");
        write(a, lead("1390000000000001", "grace@example.com", "Grace", "+16502530000"));
        write(a, lead("1390000000000002", "temp@yopmail.com", "Temp", null));
        write(b, lead("1390000000000003", "Grace@Example.com", "Grace again", null));

        JsonPath all = given().auth().oauth2(bearer).get("/api/v1/leads").then().statusCode(200).extract().jsonPath();
        assertEquals(3, all.getList("items").size());
        assertEquals(100, all.getInt("items.find { it.metaLeadId == '1390000000000001' }.score"));
        assertEquals(5 + 30 + 10, all.getInt("items.find { it.metaLeadId == '1390000000000002' }.score"));
        assertEquals(30 + 30, all.getInt("items.find { it.metaLeadId == '1390000000000003' }.score"), "a duplicate of form a's lead");
        given().auth().oauth2(bearer).get("/api/v1/leads?minScore=90").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].metaLeadId", equalTo("1390000000000001"));
        given().auth().oauth2(bearer).get("/api/v1/leads?minScore=101").then().statusCode(400).contentType("application/problem+json");

        String id = all.getString("items.find { it.metaLeadId == '1390000000000003' }.id");
        given().auth().oauth2(bearer).get("/api/v1/leads/" + id).then().statusCode(200).body("score", equalTo(60))
                .body("scoreReasons", hasItem("same e-mail or phone as a lead of another form (+0)"));

        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"status\":\"contacted\"}").put("/api/v1/leads/" + id + "/status")
                .then().statusCode(200).body("status", equalTo("contacted"));
        given().auth().oauth2(bearer).get("/api/v1/leads?status=contacted").then().body("items.size()", equalTo(1));
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"status\":\"won\"}").put("/api/v1/leads/" + id + "/status")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MetaWorld.newWorkspaceToken()).contentType(ContentType.JSON).body("{\"status\":\"contacted\"}")
                .put("/api/v1/leads/" + id + "/status").then().statusCode(404).contentType("application/problem+json");
    }

    void write(LeadForm form, JsonNode lead) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> writer.upsert(form, List.of(lead), "sync"));
    }

    JsonNode lead(String id, String email, String name, String phone) {
        ObjectNode lead = json.createObjectNode().put("id", id).put("created_time", "2026-11-01T10:00:00+0000");
        ArrayNode data = lead.putArray("field_data");
        data.addObject().put("name", "email").putArray("values").add(email);
        data.addObject().put("name", "full_name").putArray("values").add(name);
        if (phone != null) {
            data.addObject().put("name", "phone_number").putArray("values").add(phone);
        }
        return lead;
    }
}
