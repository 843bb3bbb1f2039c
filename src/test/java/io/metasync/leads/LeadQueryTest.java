package io.metasync.leads;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.connect.MetaWorld;
import io.metasync.sandbox.auth.Hmac;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stored leads: list, one lead, CSV export, privacy erasure and the Page subscription, over the real API. */
@QuarkusTest
class LeadQueryTest {

    static final String SECRET = "sandbox-app-secret-dev-only";

    @Inject
    Pool pool;
    @Inject
    LeadWriter writer;
    @Inject
    LeadFormStore forms;
    @Inject
    ObjectMapper json;

    String bearer;
    String pageId;
    List<String> formIds;

    @BeforeEach
    void world() {
        MetaWorld.reset("{\"pages\":1,\"formsPerPage\":2,\"leadsPerForm\":120}");
        bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        pageId = given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200).extract().path("items[0].id");
        formIds = given().auth().oauth2(bearer).get("/api/v1/meta/pages/" + pageId + "/forms").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertEquals(2, formIds.size());
    }

    void syncAll() {
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/lead-retrieval?wait=30")
                .then().statusCode(200).body("status", equalTo("succeeded")).body("newLeads", equalTo(240));
    }

    List<Map<String, Object>> all(String query) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(bearer).get("/api/v1/leads?limit=37" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            out.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return out;
    }

    @Test
    void listsEveryLeadNewestFirstAcrossPagesAndFilters() {
        syncAll();
        List<Map<String, Object>> leads = all("");
        assertEquals(240, leads.size());
        assertEquals(240, new HashSet<>(leads.stream().map(l -> l.get("id")).toList()).size(), "no lead twice across pages");
        for (int i = 1; i < leads.size(); i++) {
            OffsetDateTime before = OffsetDateTime.parse((String) leads.get(i - 1).get("createdTime"));
            OffsetDateTime after = OffsetDateTime.parse((String) leads.get(i).get("createdTime"));
            assertFalse(after.isAfter(before), "newest first");
        }
        List<Map<String, Object>> ofForm = all("&formId=" + formIds.get(0));
        assertEquals(120, ofForm.size());
        assertTrue(ofForm.stream().allMatch(l -> formIds.get(0).equals(l.get("formId"))));
        assertEquals(240, all("&pageId=" + pageId).size());
        assertEquals(0, all("&pageId=1199999999999999").size());

        String middle = (String) leads.get(100).get("createdTime");
        List<Map<String, Object>> newer = all("&since=" + middle);
        List<Map<String, Object>> older = all("&until=" + middle);
        assertEquals(240, newer.size() + older.size(), "since is inclusive, until exclusive");
        assertTrue(newer.stream().allMatch(l -> !OffsetDateTime.parse((String) l.get("createdTime")).isBefore(OffsetDateTime.parse(middle))));

        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) leads.get(5).get("fields");
        String email = fields.get("email");
        assertNotNull(email);
        List<Map<String, Object>> found = all("&q=" + email.toUpperCase());
        assertTrue(found.stream().anyMatch(l -> l.get("id").equals(leads.get(5).get("id"))));
        assertEquals(240, all("&status=new").size());
        assertEquals(0, all("&status=contacted").size());
    }

    @Test
    void oneLeadHasItsMappingRawAnswersAndConsents() throws Exception {
        String formId = formIds.get(0);
        JsonPath form = given().auth().oauth2(bearer).get("/api/v1/meta/forms/" + formId).then().statusCode(200).extract().jsonPath();
        String key = form.getString("questions.find { it.type == 'EMAIL' }.key");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(Map.of("fields", Map.of(key, "custom.contactAddress")))
                .put("/api/v1/meta/forms/" + formId + "/mapping").then().statusCode(200);
        syncAll();

        Map<String, String> pageTokens = new HashMap<>();
        JsonPath world = MetaWorld.world();
        pageTokens.put(world.getString("pages[0].id"), world.getString("pages[0].accessToken"));
        int withConsents = 0;
        for (Map<String, Object> summary : all("&formId=" + formId).subList(0, 20)) {
            JsonPath lead = given().auth().oauth2(bearer).get("/api/v1/leads/" + summary.get("id")).then().statusCode(200)
                    .extract().jsonPath();
            String token = pageTokens.get(pageId);
            JsonNode meta = json.readTree(given().queryParam("access_token", token).queryParam("appsecret_proof", Hmac.hex(SECRET, token))
                    .queryParam("fields", "id,field_data,custom_disclaimer_responses,platform,is_organic,ad_id")
                    .get("/sandbox/graph/v25.0/" + lead.getString("metaLeadId")).then().statusCode(200).extract().asString());
            String answered = null;
            for (JsonNode answer : meta.path("field_data")) {
                if (answer.path("name").asText().equals(key)) {
                    answered = answer.path("values").path(0).asText();
                }
            }
            assertEquals(answered.strip().toLowerCase(), lead.getString("fields.'custom.contactAddress'"), "custom mapping applied");
            assertEquals(null, lead.getString("fields.email"), "the question no longer maps to email");
            assertEquals(meta.path("field_data").size(), lead.getList("rawFieldData").size(), "raw answers kept");
            assertEquals(meta.path("platform").asText(), lead.getString("platform"));
            assertEquals(meta.path("ad_id").isMissingNode(), lead.getBoolean("isOrganic"));
            assertEquals("sync", lead.getString("source"));
            JsonNode responses = meta.path("custom_disclaimer_responses");
            assertEquals(responses.size(), lead.getList("consents").size());
            for (JsonNode r : responses) {
                String path = "consents.find { it.checkboxKey == '" + r.path("checkbox_key").asText() + "' }";
                assertEquals("1".equals(r.path("is_checked").asText()), lead.getBoolean(path + ".checked"));
                assertEquals(form.getString("disclaimers.'" + r.path("checkbox_key").asText() + "'"), lead.getString(path + ".text"));
                assertEquals(lead.getString("createdTime"), lead.getString(path + ".recordedAt"));
                withConsents++;
            }
        }
        assertTrue(withConsents > 0, "the sandbox's forms ask for consent");
    }

    @Test
    void csvExportHasMappedColumnsAndNeutralisesFormulas() throws Throwable {
        syncAll();
        UUID workspaceId = UUID.fromString(given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId"));
        String formId = formIds.get(1);
        LeadForm read = VertxContextSupport.subscribeAndAwait(() -> forms.get(workspaceId, formId));
        String customKey = key(LeadMapper.targets(read), "phone");
        LeadForm form = VertxContextSupport.subscribeAndAwait(() -> forms.saveMapping(workspaceId, formId, Map.of(customKey, "custom.note")));
        Map<String, String> targets = LeadMapper.targets(form);
        String emailKey = key(targets, "email");
        String nameKey = targets.containsKey(key(targets, "fullName")) ? key(targets, "fullName") : key(targets, "firstName");
        String cityKey = key(targets, "city");
        String crafted = "{\"id\":\"1399999999999901\",\"created_time\":\"2020-01-01T00:00:00+0000\",\"platform\":\"fb\",\"is_organic\":true,"
                + "\"field_data\":[{\"name\":\"" + emailKey + "\",\"values\":[\"=HYPERLINK(\\\"http://evil\\\")@x.com\"]},"
                + "{\"name\":\"" + nameKey + "\",\"values\":[\"+SUM(A1:A9)\"]},"
                + "{\"name\":\"" + customKey + "\",\"values\":[\"-2+3\"]}"
                + (cityKey == null ? "" : ",{\"name\":\"" + cityKey + "\",\"values\":[\"@cmd|' /C calc'!A0\"]}") + "]}";
        JsonNode lead = json.readTree(crafted);
        VertxContextSupport.subscribeAndAwait(() -> writer.upsert(form, List.of(lead), "sync"));

        String body = given().auth().oauth2(bearer).get("/api/v1/leads/export.csv?formId=" + formId).then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"leads.csv\"").extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
        assertEquals(121, rows.size(), "every lead of the form, one row each");
        CSVRecord evil = rows.stream().filter(r -> r.get("metaLeadId").equals("1399999999999901")).findFirst().orElseThrow();
        assertEquals("'=hyperlink(\"http://evil\")@x.com", evil.get("email"));
        assertTrue(evil.get(targets.get(nameKey)).startsWith("'+SUM"));
        assertEquals("'-2+3", evil.get(targets.get(customKey)));
        if (cityKey != null) {
            assertTrue(evil.get("city").startsWith("'@cmd"));
        }
        CSVRecord ordinary = rows.get(0);
        assertFalse(ordinary.get("email").isEmpty());
        assertTrue(ordinary.get("consents").matches("([^=;]+=(yes|no)(; )?)*"));
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("id")));
        assertEquals(121, ids.size());

        String all = given().auth().oauth2(bearer).get("/api/v1/leads/export.csv").then().statusCode(200).extract().asString();
        assertEquals(242, all.lines().count() - embeddedNewlines(all), "header and 241 leads");
    }

    private static long embeddedNewlines(String csv) throws IOException {
        long records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords().size();
        return csv.lines().count() - records;
    }

    private static String key(Map<String, String> targets, String target) {
        return targets.entrySet().stream().filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Test
    void erasureRemovesThePersonsLeadsAndConsentsOnlyInTheCallersWorkspace() {
        syncAll();
        Map<String, Object> victim = all("").stream().filter(l -> consentCount((String) l.get("id")) > 0).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        String email = ((Map<String, String>) victim.get("fields")).get("email");
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/privacy/erasure")
                .then().statusCode(200).body("leads", equalTo(0));
        given().auth().oauth2(bearer).get("/api/v1/leads/" + victim.get("id")).then().statusCode(200);

        int matching = countByEmail(email);
        assertTrue(matching >= 1);
        int consents = pool.preparedQuery("SELECT count(*) FROM lead_consent c JOIN lead l ON l.id = c.lead_id WHERE l.email = $1")
                .execute(Tuple.of(email)).await().indefinitely().iterator().next().getInteger(0);
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase()))
                .post("/api/v1/privacy/erasure").then().statusCode(200)
                .body("leads", equalTo(matching)).body("consents", equalTo(consents));
        given().auth().oauth2(bearer).get("/api/v1/leads/" + victim.get("id")).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, consentCount((String) victim.get("id")));
        assertEquals(0, countByEmail(email));

        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/privacy/erasure").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"email\":\"not an email\"}").post("/api/v1/privacy/erasure")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(240 - matching, all("").size(), "nothing else was erased");
    }

    private int countByEmail(String email) {
        return pool.preparedQuery("SELECT count(*) FROM lead WHERE email = $1").execute(Tuple.of(email)).await().indefinitely()
                .iterator().next().getInteger(0);
    }

    private int consentCount(String leadId) {
        return pool.preparedQuery("SELECT count(*) FROM lead_consent WHERE lead_id = $1::uuid").execute(Tuple.of(leadId)).await()
                .indefinitely().iterator().next().getInteger(0);
    }

    @Test
    void pageSubscriptionIsInstalledAndRemovedAtMeta() {
        given().auth().oauth2(bearer).delete("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(204);
        given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200).body("items[0].leadgenSubscribed", equalTo(false));
        given().auth().oauth2(bearer).put("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(200)
                .body("leadgenSubscribed", equalTo(true)).body("subscribedFields", hasItem("messages"));
        given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200).body("items[0].leadgenSubscribed", equalTo(true));

        // without pages_messaging, Meta refuses the messaging fields: leadgen alone is installed
        String user = MetaWorld.userToken(0);
        given().queryParam("access_token", user).queryParam("appsecret_proof", Hmac.hex(SECRET, user))
                .delete("/sandbox/graph/v25.0/me/permissions/pages_messaging").then().statusCode(200);
        given().auth().oauth2(bearer).put("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(200)
                .body("leadgenSubscribed", equalTo(true)).body("subscribedFields", not(hasItem("messages")));

        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).put("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).delete("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(404);
    }

    @Test
    void anotherWorkspaceSeesNoLeadAndBadInputIsAProblem() {
        syncAll();
        String id = (String) all("").get(0).get("id");
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).get("/api/v1/leads").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(other).get("/api/v1/leads/" + id).then().statusCode(404).contentType("application/problem+json");
        String csv = given().auth().oauth2(other).get("/api/v1/leads/export.csv").then().statusCode(200).extract().asString();
        assertEquals(1, csv.lines().count(), "the header only");

        for (String bad : List.of("status=bogus", "since=yesterday", "until=2026-13-01", "formId=abc", "pageId=1;drop",
                "cursor=%25%25", "limit=0", "limit=501", "since=2026-02-01&until=2026-01-01")) {
            given().auth().oauth2(bearer).get("/api/v1/leads?" + bad).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(bearer).get("/api/v1/leads/export.csv?status=bogus").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(bearer).get("/api/v1/leads/" + UUID.randomUUID()).then().statusCode(404);
    }
}
