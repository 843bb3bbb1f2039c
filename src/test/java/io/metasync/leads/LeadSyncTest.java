package io.metasync.leads;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class LeadSyncTest {

    @Inject
    Pool pool;

    String bearer;
    List<String> formIds;

    @BeforeEach
    void world() {
        given().contentType(ContentType.JSON).body("{\"pages\":2,\"formsPerPage\":2,\"leadsPerForm\":300}")
                .post(MetaWorld.ADMIN + "/reset").then().statusCode(200);
        bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        formIds = new java.util.ArrayList<>();
        for (String pageId : given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)) {
            formIds.addAll(given().auth().oauth2(bearer).get("/api/v1/meta/pages/" + pageId + "/forms").then().statusCode(200)
                    .extract().jsonPath().getList("items.id", String.class));
        }
        assertEquals(4, formIds.size());
    }

    static JsonPath syncAndWait(String bearer, String formId) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/forms/" + formId + "/sync?wait=30")
                .then().statusCode(200).body("status", equalTo("succeeded")).extract().jsonPath();
    }

    static Set<String> truth(String formId) {
        return new HashSet<>(given().get(MetaWorld.ADMIN + "/truth/forms/" + formId + "/leads").then().statusCode(200)
                .extract().jsonPath().getList("leadIds", String.class));
    }

    Set<String> stored(String formId) {
        Set<String> ids = new HashSet<>();
        String workspaceId = given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId");
        pool.preparedQuery("SELECT meta_lead_id FROM lead WHERE form_id = $1 AND workspace_id = $2::uuid")
                .execute(Tuple.of(formId, workspaceId)).await().indefinitely()
                .forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    @Test
    void syncingTwiceAddsNothingAndLeadsArrivingBetweenRunsArePickedUp() {
        String formId = formIds.get(0);
        Set<String> before = truth(formId);
        JsonPath first = syncAndWait(bearer, formId);
        assertEquals(before.size(), first.getInt("newLeads"), "every lead of the form is new");
        assertEquals(0, first.getInt("existingLeads"));
        assertEquals(100, first.getList("processedLeads").size());
        assertTrue(first.getInt("graphCalls") >= 1);
        Set<String> db = stored(formId);
        assertTrue(db.containsAll(before), "the DB has every lead of the sandbox's truth, across empty and short pages");
        assertTrue(truth(formId).containsAll(db), "and nothing else");

        JsonPath second = syncAndWait(bearer, formId);
        assertEquals(0, second.getInt("newLeads"), "a second run stores nothing new");

        given().contentType(ContentType.JSON).body("{\"formId\":\"" + formId + "\",\"count\":7}")
                .post(MetaWorld.ADMIN + "/leads").then().statusCode(200);
        JsonPath third = syncAndWait(bearer, formId);
        assertEquals(7, third.getInt("newLeads"), "leads created since the checkpoint are picked up");
        assertEquals(truth(formId), stored(formId));

        given().auth().oauth2(bearer).get("/api/v1/meta/forms/" + formId).then().statusCode(200)
                .body("checkpoint", org.hamcrest.Matchers.notNullValue()).body("lastSyncedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?kind=leads&limit=2").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[0].id", equalTo(third.getString("id")))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aFlakyFormIsRetriedAndAForbiddenOneIsReportedWhileTheOthersFinish() {
        String flaky = formIds.get(0);
        String forbidden = formIds.get(1);
        given().contentType(ContentType.JSON).body("{\"kind\":\"server_error\",\"pathContains\":\"" + flaky + "/leads\",\"times\":2}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"kind\":\"permission\",\"pathContains\":\"" + forbidden + "\"}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        JsonPath run = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/lead-retrieval?wait=30").then().statusCode(200).extract().jsonPath();
        assertEquals("partial", run.getString("status"));
        assertEquals(List.of(forbidden), run.getList("failedForms.formId"));
        assertEquals("permission", run.getString("failedForms[0].kind"));
        assertEquals(truth(flaky), stored(flaky), "the 5xx'ing form was retried and read in full");
        assertEquals(truth(formIds.get(3)), stored(formIds.get(3)));
        assertTrue(stored(forbidden).isEmpty());
        assertEquals(stored(flaky).size() + stored(formIds.get(2)).size() + stored(formIds.get(3)).size(), run.getInt("newLeads"));
    }

    /** A Page token Meta refuses during a sync marks its connection for reconnection at once, not at the next daily check. */
    @Test
    void aPageTokenMetaRefusesShowsOnItsConnection() {
        String refused = formIds.get(2);
        given().contentType(ContentType.JSON).body("{\"kind\":\"token_revoked\",\"pathContains\":\"" + refused + "/leads\"}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().statusCode(200).body("items[0].status", equalTo("active"));
        JsonPath run = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/lead-retrieval?wait=30").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(refused), run.getList("failedForms.formId"));
        assertEquals("auth", run.getString("failedForms[0].kind"));
        JsonPath connection = given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().statusCode(200).extract().jsonPath();
        assertTrue(List.of("revoked", "expired").contains(connection.getString("items[0].status")), connection.prettify());
        assertTrue(connection.getString("items[0].statusReason").contains("reconnect"), connection.prettify());
    }

    @Test
    void longWorkAnswers202WithLocationAndStreamsProgressUntilDone() {
        Response started = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/forms/" + formIds.get(2) + "/sync");
        started.then().statusCode(202).body("kind", equalTo("leads"));
        String id = started.jsonPath().getString("id");
        assertEquals("/api/v1/sync-runs/" + id, java.net.URI.create(started.header("Location")).getPath());
        given().auth().oauth2(bearer).accept("text/event-stream").get("/api/v1/sync-runs/" + id + "/events")
                .then().statusCode(200).body(containsString("event:done"));
        given().auth().oauth2(bearer).get("/api/v1/sync-runs/" + id).then().statusCode(200)
                .body("status", equalTo("succeeded")).body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Inject
    FormLagMetrics lag;
    @Inject
    io.metasync.jobs.SyncRunSweeper sweeper;

    @Test
    void metasEmptyAndShortPagesWithNextLoseNothing() {
        given().contentType(ContentType.JSON).body("{\"emptyPageRate\":0.3,\"shortPageRate\":0.3}").put(MetaWorld.ADMIN + "/settings")
                .then().statusCode(200);
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/lead-retrieval?wait=30")
                .then().statusCode(200).body("status", equalTo("succeeded")).body("newLeads", equalTo(1200));
        for (String formId : formIds) {
            assertEquals(truth(formId), stored(formId), "every lead of " + formId + " despite empty and short pages");
        }
    }

    /** META-FACTS §0: Meta refuses a cursor past some depth; the form is read on below the oldest lead reached, none lost. */
    @Test
    void aCursorMetaRefusesAsTooDeepLosesNothing() {
        given().contentType(ContentType.JSON).body("{\"maxCursorDepth\":120,\"emptyPageRate\":0.2,\"shortPageRate\":0.2}")
                .put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        String formId = formIds.get(0);
        JsonPath run = syncAndWait(bearer, formId);
        assertEquals(300, run.getInt("newLeads"));
        assertEquals(0, run.getList("failedForms").size());
        assertEquals(truth(formId), stored(formId), "every lead of a form deeper than Meta's cursors go");
        assertEquals(0, syncAndWait(bearer, formId).getInt("newLeads"), "and once only");
    }

    @Test
    void aRunStoppedMidFormResumesWithoutGapOrDuplicate() {
        String formId = formIds.get(0);
        // the third page of the form's leads fails for good, after two pages (200 leads, 4 batches of 50) were read
        given().contentType(ContentType.JSON).body("{\"kind\":\"invalid\",\"pathContains\":\"" + formId + "/leads\",\"after\":2}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        JsonPath first = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/forms/" + formId + "/sync?wait=30").then().statusCode(200).extract().jsonPath();
        assertEquals("failed", first.getString("status"));
        // batches committed before the failure stay (how many depends on how far the writes got: at most two pages)
        int committed = stored(formId).size();
        assertTrue(committed <= 200, "committed " + committed);
        org.junit.jupiter.api.Assertions.assertNull(given().auth().oauth2(bearer).get("/api/v1/meta/forms/" + formId).then()
                .statusCode(200).extract().path("checkpoint"), "the checkpoint moves only once the form was read to the end");

        given().delete(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        JsonPath second = syncAndWait(bearer, formId);
        assertEquals(truth(formId), stored(formId), "no gap");
        assertEquals(300 - committed, second.getInt("newLeads"));
        assertEquals(committed, second.getInt("existingLeads"), "re-read, not stored twice");
        String workspaceId = given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId");
        int rows = pool.preparedQuery("SELECT count(*) FROM lead WHERE form_id = $1 AND workspace_id = $2::uuid")
                .execute(Tuple.of(formId, workspaceId)).await().indefinitely().iterator().next().getInteger(0);
        assertEquals(300, rows, "no duplicate");
    }

    @Test
    void leadsCreatedWhileAFetchRunsAreNotSkipped() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\":150}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        String runId = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/lead-retrieval")
                .then().statusCode(202).extract().path("id");
        for (String formId : formIds) {
            given().contentType(ContentType.JSON).body("{\"formId\":\"" + formId + "\",\"count\":3}").post(MetaWorld.ADMIN + "/leads")
                    .then().statusCode(200);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given().auth().oauth2(bearer)
                .get("/api/v1/sync-runs/" + runId).then().extract().path("finishedAt") != null);
        given().contentType(ContentType.JSON).body("{\"latencyMs\":0}").put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/lead-retrieval?wait=30")
                .then().statusCode(200).body("status", equalTo("succeeded"));
        for (String formId : formIds) {
            assertEquals(303, truth(formId).size());
            assertEquals(truth(formId), stored(formId));
        }
    }

    @Test
    void aRunWhoseInstanceDiedIsMarkedFailedAndALiveOneIsNot() throws Throwable {
        String workspaceId = given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId");
        String dead = java.util.UUID.randomUUID().toString();
        String live = java.util.UUID.randomUUID().toString();
        pool.preparedQuery("INSERT INTO sync_run (id, workspace_id, kind, status, created_at, started_at, heartbeat_at) VALUES"
                + " ($1::uuid, $3::uuid, 'leads', 'running', now(), now(), now() - interval '10 minutes'),"
                + " ($2::uuid, $3::uuid, 'leads', 'running', now(), now(), now())")
                .execute(Tuple.of(dead, live, workspaceId)).await().indefinitely();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep());
        given().auth().oauth2(bearer).get("/api/v1/sync-runs/" + dead).then().statusCode(200).body("status", equalTo("failed"))
                .body("errors[0]", containsString("Interrupted")).body("finishedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(bearer).get("/api/v1/sync-runs/" + live).then().statusCode(200).body("status", equalTo("running"));
        pool.preparedQuery("DELETE FROM sync_run WHERE id = $1::uuid").execute(Tuple.of(live)).await().indefinitely();
    }

    @Test
    void eachSyncedFormReportsItsLag() throws Throwable {
        syncAndWait(bearer, formIds.get(0));
        given().contentType(ContentType.JSON).body("{\"seconds\":120}").post(MetaWorld.ADMIN + "/clock/advance").then().statusCode(200);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> lag.refresh());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String workspaceId = given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId");
        String line = metrics.lines().filter(l -> l.startsWith("metasync_leads_form_lag_seconds{") && l.contains(formIds.get(0))
                && l.contains(workspaceId)).findFirst().orElseThrow();
        double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertTrue(seconds >= 120 && seconds < 600, line);
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("metasync_leads_form_lag_seconds{") && l.contains(formIds.get(1))
                && l.contains(workspaceId)),
                "a form never synced has no lag yet");
    }

    @Test
    void anotherWorkspaceSeesNoneOfIt() {
        String runId = syncAndWait(bearer, formIds.get(0)).getString("id");
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).get("/api/v1/sync-runs/" + runId).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).accept("text/event-stream").get("/api/v1/sync-runs/" + runId + "/events").then().statusCode(404)
                .contentType("application/problem+json");
        given().accept("text/event-stream").get("/api/v1/sync-runs/" + runId + "/events").then().statusCode(401);
        given().auth().oauth2(other).get("/api/v1/sync-runs").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(other).get("/api/v1/meta/forms/" + formIds.get(0)).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/forms/" + formIds.get(0) + "/sync")
                .then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/meta/pages/" + "1100000000000000" + "/forms").then().statusCode(404);
    }

    /** Without ?wait= long work is a 202 with Location, however quickly it ends; since may be a plain date (its start, UTC). */
    @Test
    void aSyncWithoutWaitIs202AndSinceTakesADate() {
        String formId = formIds.get(1);
        String location = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"since\":\"2020-01-01\"}")
                .post("/api/v1/meta/forms/" + formId + "/sync").then().statusCode(202).extract().header("Location");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "succeeded".equals(
                given().auth().oauth2(bearer).get(location).then().statusCode(200).extract().path("status")));
        assertEquals(truth(formId), stored(formId));
    }

    @Test
    void badInputIsAProblem() {
        String formId = formIds.get(0);
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}").post("/api/v1/meta/forms/" + formId + "/sync?wait=61")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"since\":\"yesterday\"}")
                .post("/api/v1/meta/forms/" + formId + "/sync").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bearer).get("/api/v1/meta/forms/not-a-form").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?status=bogus").then().statusCode(400);
        given().auth().oauth2(bearer).get("/api/v1/sync-runs?cursor=%%%").then().statusCode(400);
        given().auth().oauth2(bearer).get("/api/v1/meta/forms/" + formId + "/preview?limit=0").then().statusCode(400);
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"fields\":{\"email\":\"nonsense\"}}")
                .put("/api/v1/meta/forms/" + formId + "/mapping").then().statusCode(400).contentType("application/problem+json");
    }
}
