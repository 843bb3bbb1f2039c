package io.metasync.outbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.time.AppClock;
import io.metasync.connect.MetaWorld;
import io.metasync.leads.LeadForm;
import io.metasync.leads.LeadWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Outbound over the real API and database: outbox, relay, webhook and OAuth2 receivers, replay, isolation. */
@QuarkusTest
class OutboundTest {

    static final String SECRET = "whsec-test-0123456789";
    static Receiver receiver;

    @Inject
    LeadWriter writer;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;
    @Inject
    AppClock clock;

    String bearer;
    UUID workspaceId;
    LeadForm form;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void workspace() {
        bearer = MetaWorld.newWorkspaceToken();
        workspaceId = UUID.fromString(given().auth().oauth2(bearer).get("/api/v1/me").then().statusCode(200).extract().path("workspaceId"));
        form = form(workspaceId, "1500000000000001");
        receiver.requests.clear();
        receiver.script();
        receiver.fallback(200);
    }

    /** No destination outlives its test, so no delivery keeps retrying in the background. */
    @AfterEach
    void dropDestinations() {
        for (String id : given().auth().oauth2(bearer).get("/api/v1/destinations").then().extract().jsonPath().getList("items.id",
                String.class)) {
            given().auth().oauth2(bearer).delete("/api/v1/destinations/" + id).then().statusCode(204);
        }
    }

    @Test
    void aLeadSyncedTwiceAndPushedByWebhookIsDeliveredOncePerDestination() throws Throwable {
        MetaWorld.reset("{\"pages\":1,\"formsPerPage\":2,\"leadsPerForm\":6}");
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String pageId = given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200).extract().path("items[0].id");
        List<String> formIds = given().auth().oauth2(bearer).get("/api/v1/meta/pages/" + pageId + "/forms").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        String all = webhook("every form", receiver.url("/all"), null, null);
        String one = webhook("first form", receiver.url("/one"), List.of(formIds.get(0)), null);
        for (int run = 0; run < 2; run++) {
            given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/lead-retrieval?wait=30")
                    .then().statusCode(200).body("status", equalTo("succeeded"));
        }
        List<Map<String, Object>> leads = given().auth().oauth2(bearer).get("/api/v1/leads?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(12, leads.size());
        // the webhook path: the same leads again, through the same writer, as the webhook room stores them
        for (Map<String, Object> lead : leads) {
            LeadForm of = form(workspaceId, (String) lead.get("formId"));
            ObjectNode again = json.createObjectNode().put("id", (String) lead.get("metaLeadId"))
                    .put("created_time", (String) lead.get("createdTime"));
            again.putArray("field_data");
            List<LeadWriter.Stored> stored = VertxContextSupport.subscribeAndAwait(() -> writer.upsert(of, List.of(again), "webhook"));
            assertFalse(stored.get(0).created());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= 18);
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertEquals(12, receiver.on("/all").size(), "every lead once to the destination of every form");
        assertEquals(6, receiver.on("/one").size(), "the first form's leads once to its destination");
        assertEquals(12, new HashSet<>(receiver.on("/all").stream().map(r -> r.header("Idempotency-Key")).toList()).size());
        Set<String> sentLeads = new HashSet<>();
        for (Receiver.Request r : receiver.on("/one")) {
            JsonNode body = json.readTree(r.body());
            assertEquals(formIds.get(0), body.path("lead").path("formId").asText());
            sentLeads.add(body.path("lead").path("id").asText());
        }
        assertEquals(6, sentLeads.size());
        assertEquals(12, deliveries("destinationId=" + all + "&status=delivered").size());
        assertEquals(6, deliveries("destinationId=" + one).size());
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheLeadOnTheFourthAttemptSignedAndWithOneIdempotencyKey() throws Throwable {
        receiver.script(500, 503, 502);
        String dest = webhook("crm", receiver.url("/flaky"), null, SECRET);
        JsonNode lead = lead("ada@example.com", "Ada Lovelace", "+14155550101", true);
        write(List.of(lead));
        Map<String, Object> delivery = awaitStatus(dest, "delivered");
        assertEquals(4, delivery.get("attemptCount"));
        List<Map<String, Object>> attempts = attempts(delivery);
        assertEquals(List.of("retry", "retry", "retry", "delivered"), attempts.stream().map(a -> a.get("outcome")).toList());
        assertEquals(List.of(500, 503, 502, 200), attempts.stream().map(a -> a.get("statusCode")).toList());
        assertTrue(attempts.get(0).get("error").toString().startsWith("HTTP 500"));

        List<Receiver.Request> got = receiver.on("/flaky");
        assertEquals(4, got.size());
        assertEquals(1, new HashSet<>(got.stream().map(r -> r.header("Idempotency-Key")).toList()).size(), "one key for every retry");
        assertEquals(delivery.get("id"), got.get(0).header("Idempotency-Key"));
        long now = clock.instant().getEpochSecond();
        for (Receiver.Request r : got) {
            assertTrue(SignatureVerifier.verify(r.header(Signature.HEADER), r.body(), SECRET, now, 300), "a genuine request verifies");
            assertFalse(SignatureVerifier.verify(r.header(Signature.HEADER), r.body() + " ", SECRET, now, 300), "an altered body does not");
            assertFalse(SignatureVerifier.verify(r.header(Signature.HEADER), r.body(), "another-secret", now, 300));
            assertFalse(SignatureVerifier.verify(r.header(Signature.HEADER), r.body(), SECRET, now + 600, 300),
                    "the same request replayed ten minutes later is refused");
        }
        JsonNode body = json.readTree(got.get(3).body());
        assertEquals("lead.created", body.path("event").asText());
        assertEquals("ada@example.com", body.path("lead").path("fields").path("email").asText());
        assertEquals("Ada Lovelace", body.path("lead").path("fields").path("fullName").asText());
        assertTrue(body.path("lead").path("consents").get(0).path("checked").asBoolean(), "consent travels with the lead");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("metasync_outbound_deliveries_total{destination_id=\"" + dest + "\",outcome=\"retry\"} 3.0"), metrics);
        assertTrue(metrics.contains("metasync_outbound_deliveries_total{destination_id=\"" + dest + "\",outcome=\"delivered\"} 1.0"));
        assertTrue(metrics.contains("metasync_outbound_oldest_due_seconds "));
    }

    @Test
    void aReceiverDownPastTheRetryWindowIsDeadAndReplayDeliversIt() throws Throwable {
        receiver.fallback(503);
        String dest = webhook("down", receiver.url("/down"), null, null);
        write(List.of(lead("bob@example.com", "Bob", null, false)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.on("/down").size() >= 2);
        Map<String, Object> failing = deliveries("destinationId=" + dest).get(0);
        assertEquals("failed", failing.get("status"));
        assertNotNull(failing.get("nextAttemptAt"));
        assertTrue(failing.get("lastError").toString().startsWith("HTTP 503"));

        given().contentType(ContentType.JSON).body("{\"seconds\":" + (25 * 3600) + "}").post(MetaWorld.ADMIN + "/clock/advance")
                .then().statusCode(200);
        Map<String, Object> dead = awaitStatus(dest, "dead");
        assertTrue(dead.get("lastError").toString().endsWith("(retry window over)"));
        int tries = receiver.on("/down").size();
        Awaitility.await().pollDelay(Duration.ofMillis(400)).until(() -> true);
        assertEquals(tries, receiver.on("/down").size(), "a dead delivery is not tried again");

        receiver.fallback(200);
        given().auth().oauth2(bearer).post("/api/v1/deliveries/" + dead.get("id") + "/replay").then().statusCode(200)
                .body("status", equalTo("pending"));
        Map<String, Object> delivered = awaitStatus(dest, "delivered");
        assertEquals(dead.get("id"), delivered.get("id"));
        assertEquals("delivered", attempts(delivered).get(attempts(delivered).size() - 1).get("outcome"));
        given().auth().oauth2(bearer).post("/api/v1/deliveries/" + dead.get("id") + "/replay").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anOAuth2ReceiverGetsABearerTokenFetchedOnceAndCached() throws Throwable {
        String dest = webhook("oauth", receiver.url("/oauth"), null, null,
                Map.of("tokenUrl", receiver.url("/token"), "clientId", Receiver.CLIENT_ID, "clientSecret", Receiver.CLIENT_SECRET,
                        "scope", "leads.write"));
        int before = receiver.tokenRequests.get();
        write(List.of(lead("c1@example.com", "C One", null, false), lead("c2@example.com", "C Two", null, false)));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("destinationId=" + dest + "&status=delivered").size() == 2);
        assertTrue(receiver.on("/oauth").stream().allMatch(r -> r.header("Authorization").startsWith("Bearer tok-")));
        assertEquals(1, receiver.tokenRequests.get() - before, "one token for both deliveries");
        given().auth().oauth2(bearer).get("/api/v1/destinations/" + dest).then().statusCode(200)
                .body("config.oauth2.clientId", equalTo(Receiver.CLIENT_ID)).body("config.oauth2.clientSecretSet", equalTo(true))
                .body("config.oauth2", not(hasKey("clientSecret")));
    }

    @Test
    void gone410DisablesTheDestinationAndOther4xxIsDead() throws Throwable {
        receiver.script(410);
        String gone = webhook("gone", receiver.url("/gone"), null, null);
        write(List.of(lead("d@example.com", "D", null, false)));
        assertEquals("gone", attempts(awaitStatus(gone, "dead")).get(0).get("outcome"));
        given().auth().oauth2(bearer).get("/api/v1/destinations/" + gone).then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", equalTo("the receiver answered 410 Gone"));
        given().auth().oauth2(bearer).delete("/api/v1/destinations/" + gone).then().statusCode(204);

        receiver.script(422);
        String bad = webhook("bad", receiver.url("/bad"), null, null);
        write(List.of(lead("e@example.com", "E", null, false)));
        Map<String, Object> dead = awaitStatus(bad, "dead");
        assertEquals(1, dead.get("attemptCount"));
        assertEquals(422, dead.get("lastStatusCode"));
    }

    @Test
    void twoRelaysAgainstOneDatabaseDeliverEachDeliveryOnce() throws Throwable {
        String dest = webhook("many", receiver.url("/many"), null, null);
        List<JsonNode> leads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leads.add(lead("m" + i + "@example.com", "M " + i, null, false));
        }
        write(leads);
        OutboxRelay a = relay("relay-a");
        OutboxRelay b = relay("relay-b");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            return both(a, b) == 0 && deliveries("destinationId=" + dest + "&status=delivered&limit=100").size() == 40;
        });
        List<Receiver.Request> got = receiver.on("/many");
        assertEquals(40, got.size(), "no delivery sent twice");
        assertEquals(40, new HashSet<>(got.stream().map(r -> r.header("Idempotency-Key")).toList()).size());
        assertTrue(deliveries("destinationId=" + dest + "&limit=100").stream().allMatch(d -> d.get("attemptCount").equals(1)));
        long attemptRows = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("SELECT count(*) FROM outbound_attempt a"
                + " JOIN outbound_delivery d ON d.id = a.delivery_id WHERE d.destination_id = $1").execute(Tuple.of(UUID.fromString(dest)))
                .map(rows -> rows.iterator().next().getLong(0)));
        assertEquals(40, attemptRows);
    }

    @Test
    void destinationsAreValidatedSecretsWriteOnlyAndOtherWorkspacesSeeNothing() throws Throwable {
        String dest = webhook("crm", receiver.url("/x"), List.of("1500000000000001"), SECRET);
        given().auth().oauth2(bearer).get("/api/v1/destinations").then().statusCode(200).body("items[0].config.secretSet", equalTo(true))
                .body("items[0].config", not(hasKey("secret"))).body("items[0].formIds[0]", equalTo("1500000000000001"));
        String sealed = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("SELECT secret_sealed FROM outbound_destination WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(dest))).map(rows -> rows.iterator().next().getString(0)));
        assertFalse(sealed.contains(SECRET), "sealed at rest");
        // a PUT without the secret keeps it; null removes it
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body(Map.of("kind", "webhook", "name", "renamed", "config", Map.of("url", receiver.url("/y"))))
                .put("/api/v1/destinations/" + dest).then().statusCode(200).body("name", equalTo("renamed"))
                .body("config.secretSet", equalTo(true)).body("formIds.size()", equalTo(0));
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"kind\":\"webhook\",\"name\":\"renamed\",\"config\":{\"url\":\"" + receiver.url("/y") + "\",\"secret\":null}}")
                .put("/api/v1/destinations/" + dest).then().statusCode(200).body("config.secretSet", equalTo(false));

        for (String body : List.of("{\"kind\":\"sms\",\"name\":\"x\",\"config\":{}}",
                "{\"kind\":\"webhook\",\"name\":\"x\",\"config\":{\"url\":\"ftp://example.com/x\"}}",
                "{\"kind\":\"webhook\",\"name\":\"x\",\"config\":{\"url\":\"not a url\"}}",
                "{\"kind\":\"webhook\",\"name\":\"\",\"config\":{\"url\":\"https://example.com\"}}",
                "{\"kind\":\"webhook\",\"name\":\"x\",\"formIds\":[\"abc\"],\"config\":{\"url\":\"https://example.com\"}}",
                "{\"kind\":\"webhook\",\"name\":\"x\",\"config\":{\"url\":\"https://example.com\",\"oauth2\":{\"tokenUrl\":\"https://a.b/t\",\"clientId\":\"c\"}}}",
                "{\"kind\":\"email\",\"name\":\"x\",\"config\":{\"from\":\"no-address\",\"subjectTemplate\":\"Hi\",\"bodyTemplate\":\"Hi\"}}",
                "{\"kind\":\"email\",\"name\":\"x\",\"config\":{\"from\":\"a@b.co\",\"subjectTemplate\":\"Hi {#if}\",\"bodyTemplate\":\"Hi\"}}",
                "{\"kind\":\"email\",\"name\":\"x\",\"config\":{\"from\":\"a@b.co\",\"subjectTemplate\":\"Hi\",\"bodyTemplate\":\"Hi\","
                        + "\"followUps\":[{\"delay\":\"2 days\",\"subjectTemplate\":\"Hi\",\"bodyTemplate\":\"Hi\"}]}}",
                "{\"kind\":\"webhook\",\"name\":\"x\"}", "{\"kind\":1}")) {
            given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body).post("/api/v1/destinations").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(bearer).get("/api/v1/deliveries?status=lost").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bearer).get("/api/v1/deliveries?destinationId=nope").then().statusCode(400);

        write(List.of(lead("f@example.com", "F", null, false)));
        String delivery = (String) Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries("destinationId=" + dest), l -> !l.isEmpty()).get(0).get("id");
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).get("/api/v1/destinations/" + dest).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON)
                .body(Map.of("kind", "webhook", "name", "mine", "config", Map.of("url", "https://example.com")))
                .put("/api/v1/destinations/" + dest).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/destinations/" + dest).then().statusCode(404);
        given().auth().oauth2(other).post("/api/v1/destinations/" + dest + "/test").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/deliveries/" + delivery).then().statusCode(404);
        given().auth().oauth2(other).post("/api/v1/deliveries/" + delivery + "/replay").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/deliveries").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(other).get("/api/v1/destinations").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void testSendsASampleLeadAndAnswersTheAttempt() {
        String dest = webhook("crm", receiver.url("/sample"), null, SECRET);
        given().auth().oauth2(bearer).post("/api/v1/destinations/" + dest + "/test").then().statusCode(200)
                .body("outcome", equalTo("delivered")).body("statusCode", equalTo(200));
        assertEquals(1, receiver.on("/sample").size());
        receiver.script(500);
        given().auth().oauth2(bearer).post("/api/v1/destinations/" + dest + "/test").then().statusCode(200)
                .body("outcome", equalTo("retry")).body("statusCode", equalTo(500));
        assertEquals(0, deliveries("destinationId=" + dest).size(), "a test is not a delivery");
    }

    // helpers

    String webhook(String name, String url, List<String> formIds, String secret) {
        return webhook(name, url, formIds, secret, null);
    }

    String webhook(String name, String url, List<String> formIds, String secret, Map<String, String> oauth2) {
        ObjectNode body = json.createObjectNode().put("kind", "webhook").put("name", name);
        if (formIds != null) {
            ArrayNode ids = body.putArray("formIds");
            formIds.forEach(ids::add);
        }
        ObjectNode config = body.putObject("config").put("url", url);
        if (secret != null) {
            config.put("secret", secret);
        }
        if (oauth2 != null) {
            config.set("oauth2", json.valueToTree(oauth2));
        }
        return createDestination(body.toString());
    }

    String createDestination(String body) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body).post("/api/v1/destinations").then().statusCode(201)
                .extract().path("id");
    }

    List<Map<String, Object>> deliveries(String query) {
        return given().auth().oauth2(bearer).get("/api/v1/deliveries?" + query).then().statusCode(200).extract().jsonPath().getList("items");
    }

    Map<String, Object> awaitStatus(String destinationId, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("destinationId=" + destinationId + "&status=" + status),
                l -> !l.isEmpty()).get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
        return (List<Map<String, Object>>) delivery.get("attempts");
    }

    OutboxRelay relay(String owner) {
        io.quarkus.arc.ArcContainer arc = io.quarkus.arc.Arc.container();
        return new OutboxRelay(arc.instance(DeliveryStore.class).get(), arc.instance(DestinationStore.class).get(),
                arc.instance(io.metasync.leads.LeadReader.class).get(), arc.instance(Dispatcher.class).get(),
                arc.instance(RetryPolicy.class).get(), arc.instance(OutboundConfig.class).get(), clock,
                arc.instance(io.micrometer.core.instrument.MeterRegistry.class).get(), owner);
    }

    /** Both relays poll at once; answers how many deliveries they finished together. */
    static int both(OutboxRelay a, OutboxRelay b) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> io.smallrye.mutiny.Uni.combine().all().unis(a.runOnce(), b.runOnce())
                    .with(Integer::sum));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    List<LeadWriter.Stored> write(List<JsonNode> leads) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> writer.upsert(form, leads, "webhook"));
    }

    static LeadForm form(UUID workspaceId, String formId) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode questions = json.createArrayNode();
        questions.addObject().put("key", "email").put("type", "EMAIL");
        questions.addObject().put("key", "full_name").put("type", "FULL_NAME");
        questions.addObject().put("key", "phone_number").put("type", "PHONE");
        return new LeadForm(workspaceId, formId, "1100000000000001", "Form", "ACTIVE", "en_US", null, null, questions,
                Map.of("marketing", "Send me offers"), Map.of(), null, null);
    }

    JsonNode lead(String email, String name, String phone, boolean consent) {
        ObjectNode lead = json.createObjectNode().put("id", "13" + (1000000000000L + ThreadLocalRandom.current().nextLong(8999999999999L)))
                .put("created_time", clock.instant().toString());
        ArrayNode data = lead.putArray("field_data");
        if (email != null) {
            data.addObject().put("name", "email").putArray("values").add(email);
        }
        if (name != null) {
            data.addObject().put("name", "full_name").putArray("values").add(name);
        }
        if (phone != null) {
            data.addObject().put("name", "phone_number").putArray("values").add(phone);
        }
        lead.putArray("custom_disclaimer_responses").addObject().put("checkbox_key", "marketing").put("is_checked", consent ? "1" : "");
        return lead;
    }
}
