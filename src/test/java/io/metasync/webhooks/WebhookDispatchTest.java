package io.metasync.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class WebhookDispatchTest {

    @Inject
    Pool pool;

    @Inject
    AppClock clock;

    String bearer;
    String workspaceId;
    String pageId;
    String formId;

    @BeforeEach
    void world() {
        MetaWorld.reset("{\"pages\":1,\"formsPerPage\":1,\"leadsPerForm\":3}");
        bearer = MetaWorld.newWorkspaceToken();
        workspaceId = Webhooks.workspaceId(bearer);
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        pageId = MetaWorld.world().getString("pages[0].id");
        formId = MetaWorld.world().getString("pages[0].formIds[0]");
    }

    @AfterEach
    void noFaults() {
        given().delete(MetaWorld.ADMIN + "/faults").then().statusCode(200);
    }

    JsonPath events(String status) {
        return given().auth().oauth2(bearer).get("/api/v1/webhooks/events?status=" + status).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aDeliveryStoredByAReplicaThatDiedBeforeRoutingIsRoutedOnceItsLeaseExpires() {
        List<String> leads = Webhooks.newLeads(formId, 2);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = pool.preparedQuery("INSERT INTO webhook_event (received_at, body, claimed_by, lease_until, attempts) "
                + "VALUES ($1, $2, 'router-of-a-killed-replica', $3, 1) RETURNING id")
                .execute(Tuple.of(now, Buffer.buffer(Webhooks.leadgen(pageId, formId, leads)), now.plusSeconds(60)))
                .await().indefinitely().iterator().next().getLong(0);
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertEquals("received", status(id), "the dead replica's lease still holds it");
        assertTrue(Webhooks.stored(pool, workspaceId, formId).stream().noneMatch(leads::contains));

        clock.advance(Duration.ofSeconds(61));
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
        assertEquals("routed", status(id));
    }

    String status(long eventId) {
        return pool.preparedQuery("SELECT status FROM webhook_event WHERE id = $1").execute(Tuple.of(eventId)).await()
                .indefinitely().iterator().next().getString(0);
    }

    @Test
    void aTransientFailureIsRetriedAndAPermanentOneIsDeadWithItsReasonUntilReplayed() {
        List<String> leads = Webhooks.newLeads(formId, 2);
        String flaky = leads.get(0);
        String forbidden = leads.get(1);
        given().contentType(ContentType.JSON).body("{\"kind\":\"server_error\",\"pathContains\":\"" + flaky + "\",\"times\":2}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"kind\":\"permission\",\"pathContains\":\"" + forbidden + "\"}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        Webhooks.post(Webhooks.leadgen(pageId, formId, List.of(flaky))).then().statusCode(200);
        Webhooks.post(Webhooks.leadgen(pageId, formId, List.of(forbidden))).then().statusCode(200);

        Webhooks.awaitStored(pool, workspaceId, formId, Set.of(flaky));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events("dead").getList("items").size() == 1);
        JsonPath dead = events("dead");
        assertTrue(dead.getString("items[0].lastError").contains(forbidden), dead.prettify());
        assertEquals("leadgen", dead.getString("items[0].kind"));
        assertEquals(pageId, dead.getString("items[0].pageId"));
        long deadId = dead.getLong("items[0].id");

        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).post("/api/v1/webhooks/events/" + deadId + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).get("/api/v1/webhooks/events").then().statusCode(200).body("items.size()", equalTo(0));

        given().delete(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        given().auth().oauth2(bearer).post("/api/v1/webhooks/events/" + deadId + "/replay").then().statusCode(200)
                .body("status", equalTo("pending"));
        Webhooks.awaitStored(pool, workspaceId, formId, Set.of(forbidden));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events("dead").getList("items").isEmpty());
        given().auth().oauth2(bearer).post("/api/v1/webhooks/events/" + deadId + "/replay").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events("processed").getList("items.id", Long.class)
                .contains(deadId));
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=webhook").then().statusCode(200)
                .body("items[0].status", equalTo("partial")).body("items[0].errors[0]", containsString(forbidden));
    }

    @Test
    void aLeadFetchMetaDoesNotAnswerBacksOffInsteadOfHoldingThePage() {
        List<String> leads = Webhooks.newLeads(formId, 1);
        given().contentType(ContentType.JSON).body("{\"latencyMs\":600000}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        try {
            Webhooks.post(Webhooks.leadgen(pageId, formId, leads)).then().statusCode(200);
            // fetch-timeout is 5 s in test: the entry is retried later, the Page's job is free for other work
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events("pending").getList("items.lastError", String.class)
                    .stream().anyMatch(e -> e != null && e.contains("did not answer the lead fetch")));
            // a hold (throttled token, no answer) is no fault of the entry: it does not use up its attempts
            assertEquals(List.of(0), pool.query("SELECT attempts FROM webhook_entry WHERE status = 'pending' AND last_error LIKE "
                    + "'%did not answer the lead fetch%'").execute().await().indefinitely().stream().map(r -> r.getInteger(0)).toList());
            assertTrue(Webhooks.stored(pool, workspaceId, formId).stream().noneMatch(leads::contains));
        } finally {
            given().contentType(ContentType.JSON).body("{\"latencyMs\":0}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        }
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
    }

    @Test
    void unknownPagesAreKeptUnroutedAndMessagingGoesToTheInbox() {
        byte[] unknown = Webhooks.leadgen("998877665544", formId, List.of("1234"));
        Webhooks.post(unknown).then().statusCode(200);
        byte[] messaging = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":1700000000000,\"messaging\":[{"
                + "\"sender\":{\"id\":\"psid-1\"},\"recipient\":{\"id\":\"" + pageId + "\"},\"timestamp\":1700000000000,"
                + "\"message\":{\"mid\":\"m_1\",\"text\":\"hello\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        Webhooks.post(messaging).then().statusCode(200);
        byte[] whatsapp = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1065\"},"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.1\",\"timestamp\":\"1749416383\",\"type\":\"text\","
                + "\"text\":{\"body\":\"hi\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);
        Webhooks.post(whatsapp).then().statusCode(200);

        // the Page's message went to the inbox; the WhatsApp number is nobody's, so its entry is ignored with the reason
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events("processed").getList("items.kind").contains("messaging"));
        JsonPath processed = events("processed");
        assertEquals("page", processed.getString("items.find { it.kind == 'messaging' }.object"));
        given().auth().oauth2(bearer).get("/api/v1/inbox/conversations").then().statusCode(200)
                .body("items[0].channel", equalTo("messenger")).body("items[0].participant.id", equalTo("psid-1"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.query(
                "SELECT count(*) FROM webhook_entry WHERE page_id = '998877665544' AND status = 'unrouted' AND workspace_id IS NULL")
                .execute().await().indefinitely().iterator().next().getLong(0) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.query("SELECT count(*) FROM webhook_entry "
                + "WHERE object = 'whatsapp_business_account' AND status = 'ignored' AND last_error LIKE '%whatsapp:1065%'")
                .execute().await().indefinitely().iterator().next().getLong(0) == 1);
        given().auth().oauth2(bearer).get("/api/v1/webhooks/events").then().statusCode(200)
                .body("items.pageId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("998877665544")));
        given().auth().oauth2(bearer).get("/api/v1/webhooks/events?status=bogus").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(bearer).post("/api/v1/webhooks/events/" + processed.getLong("items.find { it.kind == 'messaging' }.id") + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
    }
}
