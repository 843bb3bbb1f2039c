package io.metasync.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.metasync.jobs.Reconciliation;
import io.metasync.jobs.SyncRunView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ReconciliationTest {

    @Inject
    Pool pool;

    @Inject
    Reconciliation reconciliation;

    @Inject
    io.metasync.jobs.queue.JobQueue queue;

    @Inject
    io.metasync.jobs.queue.JobWorker worker;

    @AfterEach
    void settingsBack() {
        given().contentType(ContentType.JSON).body("{\"webhookDropRate\":0.0}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
    }

    SyncRunView reconcile(String workspaceId) throws Throwable {
        // a reconciliation that never ends fails the test instead of hanging the build
        return VertxContextSupport.subscribeAndAwait(() -> reconciliation.reconcile(UUID.fromString(workspaceId))
                .ifNoItem().after(Duration.ofSeconds(60)).fail());
    }

    static String proof(String token) {
        return HexFormat.of().formatHex(WebhookSignature.hmac(Webhooks.SECRET, token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void withHalfTheWebhooksDroppedOneReconciliationMakesTheDatabaseEqualTheSandboxsTruth() throws Throwable {
        MetaWorld.reset("{\"pages\":2,\"formsPerPage\":2,\"leadsPerForm\":15}");
        String bearer = MetaWorld.newWorkspaceToken();
        String workspaceId = Webhooks.workspaceId(bearer);
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        JsonPath world = MetaWorld.world();
        List<String> forms = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            forms.addAll(world.getList("pages[" + p + "].formIds", String.class));
        }

        SyncRunView first = reconcile(workspaceId);
        assertEquals("succeeded", first.status(), String.valueOf(first.errors()));
        assertEquals(60, first.newLeads(), "the first pass backfills every form, discovered on the way");

        // one Page loses its subscription (as Meta does after an hour of failed messaging webhooks): its webhooks stop
        // altogether until reconciliation repairs it, messaging fields included
        String page1 = world.getString("pages[1].id");
        String page1Token = world.getString("pages[1].accessToken");
        given().queryParam("access_token", page1Token).queryParam("appsecret_proof", proof(page1Token))
                .delete("/sandbox/graph/v25.0/" + page1 + "/subscribed_apps").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"webhookDropRate\":0.5}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        int sent = 0;
        for (String form : forms) {
            JsonPath created = given().contentType(ContentType.JSON)
                    .body("{\"formId\":\"" + form + "\",\"count\":20,\"deliverWebhooks\":true}")
                    .post(MetaWorld.ADMIN + "/leads").then().statusCode(200).extract().jsonPath();
            sent += created.getInt("webhooksSent");
        }
        assertTrue(sent > 5 && sent < 40, "about half of page 0's webhooks arrived: " + sent);
        int expected = 60 + sent;
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(expected, forms.stream()
                .mapToInt(f -> Webhooks.stored(pool, workspaceId, f).size()).sum(), () -> Webhooks.entries(pool, workspaceId) + "; app clock " + queue.now() + ", jobs running here " + worker.running()));

        SyncRunView second = reconcile(workspaceId);
        assertEquals(80 - sent, second.newLeads(), "reconciliation found exactly what the webhooks missed");
        assertTrue(second.errors().stream().anyMatch(e -> e.contains(page1) && e.contains("repaired")), String.valueOf(second.errors()));
        for (String form : forms) {
            assertEquals(Webhooks.truth(form), Webhooks.stored(pool, workspaceId, form), "form " + form + " equals the truth");
        }
        given().queryParam("access_token", page1Token).queryParam("appsecret_proof", proof(page1Token))
                .get("/sandbox/graph/v25.0/" + page1 + "/subscribed_apps").then().statusCode(200)
                .body("data[0].subscribed_fields", org.hamcrest.Matchers.hasItems("leadgen", "messages"));
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=reconciliation").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[0].newLeads", equalTo(80 - sent));
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=webhook").then().statusCode(200)
                .body("items[0].newLeads", equalTo(sent));
        assertTrue(given().get("/q/metrics").then().extract().asString().contains("metasync_reconciliation_leads_total"));
    }

    @Test
    void theRecurringJobReconcilesOnOneReplicaAndSchedulesItsNextRun() {
        MetaWorld.reset("{\"pages\":1,\"formsPerPage\":1,\"leadsPerForm\":4}");
        String bearer = MetaWorld.newWorkspaceToken();
        String workspaceId = Webhooks.workspaceId(bearer);
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String key = Reconciliation.jobKey(UUID.fromString(workspaceId));
        try {
            queue.enqueue(List.of(new io.metasync.jobs.queue.JobQueue.JobSpec(key, Reconciliation.KIND, UUID.fromString(workspaceId),
                    null, queue.now()))).await().indefinitely();
            worker.wake();
            // the run's row appears when it starts; wait for its end
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(bearer)
                    .get("/api/v1/sync-runs?kind=reconciliation").then().extract().jsonPath()
                    .getList("items.findAll { it.status != 'running' && it.status != 'queued' }").size() == 1);
            given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=reconciliation").then()
                    .body("items[0].status", equalTo("succeeded")).body("items[0].newLeads", equalTo(4));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "queued".equals(pool.preparedQuery(
                    "SELECT status FROM job WHERE job_key = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().indefinitely()
                    .iterator().next().getString(0)));
            java.time.OffsetDateTime next = pool.preparedQuery("SELECT next_run_at FROM job WHERE job_key = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().indefinitely().iterator().next().getOffsetDateTime(0);
            assertTrue(next.isAfter(queue.now().plusMinutes(14)), "the next run is one interval away: " + next);
        } finally {
            pool.preparedQuery("DELETE FROM job WHERE job_key = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().indefinitely();
        }
    }
}
