package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.sandbox.auth.Hmac;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

@QuarkusTest
class WebhookTest {

    record Delivery(byte[] body, String signature) {
    }

    @Inject
    Vertx vertx;

    HttpServer receiver;
    final List<Delivery> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Sandbox.reset("{}");
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(new Delivery(b.getBytes(), req.getHeader("X-Hub-Signature-256")));
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Sandbox.settings("{\"webhookTarget\":\"http://127.0.0.1:" + receiver.actualPort() + "/hook\"}");
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close().toCompletionStage().toCompletableFuture().get();
    }

    static JsonPath newLeads(String form, int count) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("formId", form, "count", count, "deliverWebhooks", true))
                .post(Sandbox.ADMIN + "/leads").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void signatureIsOverTheExactBytesSent() {
        String form = Sandbox.formId(0, 0);
        JsonPath out = newLeads(form, 3);
        assertEquals(3, out.getInt("webhooksSent"));
        assertEquals(1, received.size());
        Delivery d = received.get(0);
        assertEquals("sha256=" + Hmac.hex(Sandbox.secret(), d.body()), d.signature());
        JsonPath payload = new JsonPath(new String(d.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("page", payload.getString("object"));
        assertEquals(Sandbox.world().getString("pages[0].id"), payload.getString("entry[0].id"));
        assertEquals(out.getList("leadIds"), payload.getList("entry[0].changes.value.leadgen_id"));
        assertEquals("leadgen", payload.getString("entry[0].changes[0].field"));
        assertEquals(form, payload.getString("entry[0].changes[0].value.form_id"));
        assertTrue(payload.get("entry[0].changes[0].value.created_time") instanceof Integer);
        assertTrue(payload.get("entry[0].time") instanceof Integer);
    }

    @Test
    void aShareIsDroppedDeterministically() {
        Sandbox.settings("{\"webhookDropRate\":0.5}");
        JsonPath out = newLeads(Sandbox.formId(1, 0), 40);
        int sent = out.getInt("webhooksSent");
        assertEquals(40, sent + out.getInt("webhooksDropped"));
        assertTrue(sent > 5 && sent < 35, "sent " + sent);
        assertEquals(sent, new JsonPath(new String(received.get(0).body(), java.nio.charset.StandardCharsets.UTF_8))
                .getList("entry[0].changes").size());
    }

    @Test
    void pagesWithoutTheAppInstalledGetNone() {
        String token = Sandbox.pageToken(2);
        String page = Sandbox.world().getString("pages[2].id");
        Sandbox.graph(token).delete(Sandbox.GRAPH + "/" + page + "/subscribed_apps").then().body("success", equalTo(true));
        Sandbox.graph(token).get(Sandbox.GRAPH + "/" + page + "/subscribed_apps").then().body("data.size()", equalTo(0));
        assertEquals(2, newLeads(Sandbox.formId(2, 0), 2).getInt("webhooksUnsubscribed"));
        Sandbox.graph(token).formParam("subscribed_fields", "leadgen").post(Sandbox.GRAPH + "/" + page + "/subscribed_apps")
                .then().body("success", equalTo(true));
        assertEquals(2, newLeads(Sandbox.formId(2, 0), 2).getInt("webhooksSent"));
    }

    @Test
    void arrivingLeadsAreDeliveredWhenAutoWebhooksIsOn() {
        Sandbox.settings("{\"autoWebhooks\":true,\"leadArrivalPerMinute\":1.0}");
        Awaitility.await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        Sandbox.advance(120);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        String body = new String(received.get(0).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Sandbox.world().getList("pages").size() * 2 * 2,
                new JsonPath(body).getList("entry.changes.flatten()").size());
    }

    @Test
    void defaultTargetIsTheAppsOwnWebhookEndpoint() {
        Sandbox.settings("{\"webhookTarget\":\"\"}");
        int status = newLeads(Sandbox.formId(0, 0), 1).getInt("targetStatus");
        assertTrue(status >= 200, "the app answered on its own port: " + status);
    }
}
