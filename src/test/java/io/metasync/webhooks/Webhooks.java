package io.metasync.webhooks;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import io.metasync.connect.MetaWorld;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Test helpers: signed deliveries like Meta's, sandbox leads, what the database holds. */
final class Webhooks {

    static final String SECRET = "sandbox-app-secret-dev-only";

    private Webhooks() {
    }

    static String sign(byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(WebhookSignature.hmac(secret, body));
    }

    static Response post(String path, byte[] body, String signature) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.post(path);
    }

    static Response post(byte[] body) {
        return post("/webhooks/meta", body, sign(body, SECRET));
    }

    /** A leadgen delivery like Meta's: one entry for the page, a change per lead (ids as strings). */
    static byte[] leadgen(String pageId, String formId, List<String> leadIds) {
        String changes = leadIds.stream().map(id -> "{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"" + id
                + "\",\"page_id\":\"" + pageId + "\",\"form_id\":\"" + formId + "\",\"created_time\":1700000000}}")
                .collect(Collectors.joining(","));
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":1700000000,\"changes\":[" + changes + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Creates leads in the sandbox (no webhook sent); answers their ids. */
    static List<String> newLeads(String formId, int count) {
        return given().contentType(ContentType.JSON)
                .body("{\"formId\":\"" + formId + "\",\"count\":" + count + ",\"deliverWebhooks\":false}")
                .post(MetaWorld.ADMIN + "/leads").then().statusCode(200).extract().jsonPath().getList("leadIds", String.class);
    }

    static String workspaceId(String bearer) {
        return given().auth().oauth2(bearer).get("/api/v1/me").then().statusCode(200).extract().path("workspaceId");
    }

    static Set<String> stored(Pool pool, String workspaceId, String formId) {
        Set<String> ids = new HashSet<>();
        pool.preparedQuery("SELECT meta_lead_id FROM lead WHERE form_id = $1 AND workspace_id = $2::uuid")
                .execute(Tuple.of(formId, workspaceId)).await().indefinitely().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /** What the webhook entries of the suite look like (ours and the others'), for failure messages. */
    static String entries(Pool pool, String workspaceId) {
        StringBuilder out = new StringBuilder("webhook entries by page, status, ours, due: ");
        pool.preparedQuery("SELECT page_id, status, workspace_id = $1::uuid AS ours, next_attempt_at <= now() AS due, count(*), "
                + "max(attempts) FROM webhook_entry GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
                .execute(Tuple.of(workspaceId)).await().indefinitely()
                .forEach(r -> out.append(r.toJson().encode()).append(' '));
        out.append("; webhook page jobs: ");
        pool.query("SELECT job_key, status, next_run_at, lease_until, rerun, attempts, last_error, now() AS db_now FROM job "
                + "WHERE kind = 'webhook-page'").execute().await().indefinitely()
                .forEach(r -> out.append(r.toJson().encode()).append(' '));
        out.append("; database sessions not idle: ");
        pool.query("SELECT state, wait_event_type, wait_event, (now() - xact_start)::text AS xact_age, left(query, 160) AS query "
                + "FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()")
                .execute().await().indefinitely().forEach(r -> out.append(r.toJson().encode()).append(' '));
        return out.toString();
    }

    static void awaitStored(Pool pool, String workspaceId, String formId, Set<String> leadIds) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> stored(pool, workspaceId, formId).containsAll(leadIds));
    }

    static Set<String> truth(String formId) {
        return new HashSet<>(given().get(MetaWorld.ADMIN + "/truth/forms/" + formId + "/leads").then().statusCode(200)
                .extract().jsonPath().getList("leadIds", String.class));
    }
}
