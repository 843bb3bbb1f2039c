package io.metasync.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class WebhookIntakeTest {

    @Inject
    Pool pool;

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

    long events() {
        return pool.query("SELECT count(*) FROM webhook_event").execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void handshakeEchoesTheChallengeOnlyForAKnownVerifyToken() {
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).contentType(ContentType.JSON)
                .body("{\"appId\":\"987654321012\",\"appSecret\":\"s3cret-of-ws\",\"verifyToken\":\"vt-handshake-1\"}")
                .put("/api/v1/meta/app").then().statusCode(200);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "vt-handshake-1")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta")
                .then().statusCode(200).contentType(ContentType.TEXT).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "vt-handshake-1")
                .queryParam("hub.challenge", "42").get("/api/v1/webhooks/meta").then().statusCode(200).body(equalTo("42"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta")
                .then().statusCode(403).contentType("application/problem+json");
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "vt-handshake-1")
                .queryParam("hub.challenge", "1").get("/webhooks/meta").then().statusCode(403);
        given().get("/webhooks/meta").then().statusCode(403);
    }

    @Test
    void aSignedDeliveryIsStoredAndItsLeadsFetchedAndAWrongOrMissingSignatureIs401() {
        List<String> leads = Webhooks.newLeads(formId, 3);
        byte[] body = Webhooks.leadgen(pageId, formId, leads);
        long before = events();
        Webhooks.post("/webhooks/meta", body, null).then().statusCode(401).contentType("application/problem+json");
        Webhooks.post("/webhooks/meta", body, Webhooks.sign(body, "another-secret")).then().statusCode(401);
        Webhooks.post("/webhooks/meta", body, "sha1=" + "0".repeat(40)).then().statusCode(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace(leads.get(0), "1").getBytes(StandardCharsets.UTF_8);
        Webhooks.post("/webhooks/meta", tampered, Webhooks.sign(body, Webhooks.SECRET)).then().statusCode(401);
        assertEquals(before, events(), "nothing rejected was stored");

        Webhooks.post(body).then().statusCode(200);
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
        assertEquals("webhook", pool.preparedQuery("SELECT source FROM lead WHERE workspace_id = $1::uuid AND meta_lead_id = $2")
                .execute(Tuple.of(workspaceId, leads.get(0))).await().indefinitely().iterator().next().getString(0));
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=webhook").then().statusCode(200)
                .body("items[0].kind", equalTo("webhook"));
    }

    @Test
    void theSignatureCoversTheRawBytesWithNonAsciiEscapes() {
        List<String> leads = Webhooks.newLeads(formId, 1);
        // Meta signs the escaped form it sent; parsing and re-serialising would change the bytes
        String json = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":1700000000,\"changes\":[{\"field\":"
                + "\"leadgen\",\"value\":{\"leadgen_id\":\"" + leads.get(0) + "\",\"page_id\":\"" + pageId + "\",\"form_id\":\""
                + formId + "\",\"note\":\"\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00\",\"created_time\":1700000000}}]}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Webhooks.post(body).then().statusCode(200);
        byte[] unescaped = json.replace("\\u00e4\\u00f6\\u00e5", "äöå").getBytes(StandardCharsets.UTF_8);
        Webhooks.post("/webhooks/meta", unescaped, Webhooks.sign(body, Webhooks.SECRET)).then().statusCode(401);
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
        byte[] stored = pool.query("SELECT body FROM webhook_event ORDER BY id DESC LIMIT 1").execute().await().indefinitely()
                .iterator().next().getBuffer(0).getBytes();
        assertEquals(json, new String(stored, StandardCharsets.UTF_8), "the raw bytes are what is kept");
    }

    @Test
    void theSameDeliveryTwiceGivesOneLead() {
        List<String> leads = Webhooks.newLeads(formId, 1);
        byte[] body = Webhooks.leadgen(pageId, formId, List.of(leads.get(0), leads.get(0)));
        Webhooks.post(body).then().statusCode(200);
        Webhooks.post(body).then().statusCode(200);
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(bearer)
                .get("/api/v1/webhooks/events?status=processed").then().extract().jsonPath().getList("items").size() == 2);
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM lead WHERE workspace_id = $1::uuid AND meta_lead_id = $2")
                .execute(Tuple.of(workspaceId, leads.get(0))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void anOversizedOrUnreadableBodyIsRefusedOrKeptDead() {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        Webhooks.post("/webhooks/meta", big, Webhooks.sign(big, Webhooks.SECRET)).then().statusCode(413);
        byte[] junk = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
        Webhooks.post(junk).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "dead".equals(pool.query(
                "SELECT status FROM webhook_event ORDER BY id DESC LIMIT 1").execute().await().indefinitely().iterator().next()
                .getString(0)));
    }
}
