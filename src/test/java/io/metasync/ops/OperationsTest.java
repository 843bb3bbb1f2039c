package io.metasync.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OperationsTest {

    /** Every endpoint of the API so far, as "METHOD path"; each must be in the OpenAPI document. */
    private static final List<String> ENDPOINTS = List.of(
            "post /api/v1/auth/register",
            "post /api/v1/auth/login",
            "get /api/v1/me",
            "get /api/v1/workspaces/{id}",
            "put /api/v1/meta/app",
            "get /api/v1/meta/oauth/authorize",
            "get /api/v1/meta/oauth/callback",
            "get /api/v1/meta/connections",
            "post /api/v1/meta/connections/system-user",
            "get /api/v1/meta/connections/{id}/verify",
            "delete /api/v1/meta/connections/{id}",
            "post /api/v1/webhooks/meta/deauthorize",
            "post /api/v1/webhooks/meta/data-deletion",
            "get /api/v1/meta/data-deletion/{code}",
            "get /api/v1/sync-runs",
            "get /api/v1/sync-runs/{id}",
            "get /api/v1/sync-runs/{id}/events",
            "get /api/v1/meta/pages",
            "get /api/v1/meta/pages/{pageId}/forms",
            "get /api/v1/meta/forms/{formId}",
            "get /api/v1/meta/forms/{formId}/preview",
            "put /api/v1/meta/forms/{formId}/mapping",
            "post /api/v1/meta/forms/{formId}/sync",
            "post /api/v1/meta/lead-retrieval",
            "put /api/v1/meta/pages/{pageId}/subscription",
            "delete /api/v1/meta/pages/{pageId}/subscription",
            "get /api/v1/leads",
            "get /api/v1/leads/{id}",
            "get /api/v1/leads/export.csv",
            "put /api/v1/leads/{id}/status",
            "post /api/v1/privacy/erasure",
            "get /api/v1/meta/ad-accounts",
            "get /api/v1/meta/ad-accounts/{id}/campaigns",
            "post /api/v1/meta/ad-accounts/{id}/insights/sync",
            "get /api/v1/insights",
            "get /api/v1/insights/summary",
            "get /api/v1/insights/export.csv",
            "post /api/v1/insights/import",
            "get /api/v1/webhooks/meta",
            "post /api/v1/webhooks/meta",
            "get /api/v1/webhooks/events",
            "post /api/v1/webhooks/events/{id}/replay",
            "get /api/v1/destinations",
            "post /api/v1/destinations",
            "get /api/v1/destinations/{id}",
            "put /api/v1/destinations/{id}",
            "delete /api/v1/destinations/{id}",
            "post /api/v1/destinations/{id}/test",
            "get /api/v1/deliveries",
            "get /api/v1/deliveries/{id}",
            "post /api/v1/deliveries/{id}/replay",
            "get /api/v1/outbound/unsubscribe",
            "post /api/v1/meta/connections/whatsapp",
            "get /api/v1/inbox/channels",
            "get /api/v1/inbox/conversations",
            "get /api/v1/inbox/conversations/{id}/messages",
            "post /api/v1/inbox/conversations/{id}/messages",
            "post /api/v1/inbox/conversations/{id}/read");

    /** Endpoints that take a multipart upload (a JSON body would be refused as 415 before the auth check). */
    private static final List<String> MULTIPART = List.of("post /api/v1/insights/import");

    /** Endpoints that Meta or a browser calls without a bearer token (their own signature or state instead). */
    private static final List<String> PUBLIC = List.of(
            "post /api/v1/auth/register",
            "post /api/v1/auth/login",
            "get /api/v1/meta/oauth/callback",
            "post /api/v1/webhooks/meta/deauthorize",
            "post /api/v1/webhooks/meta/data-deletion",
            "get /api/v1/meta/data-deletion/{code}",
            "get /api/v1/webhooks/meta",
            "post /api/v1/webhooks/meta",
            "get /api/v1/outbound/unsubscribe");

    /** The web console is one page at / that uses the API with the caller's bearer token (nothing else is public). */
    @Test
    void theConsoleIsServedAtTheRoot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>metasync console</title>")).body(containsString("'/api/v1' + path"));
    }

    @Test
    void readinessChecksTheDatabaseAndSaysWhetherMetaAnswers() {
        MetaWorld.reset("{}");
        MetaWorld.connect(MetaWorld.newWorkspaceToken(), MetaWorld.userToken(0));
        given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.find { it.name == 'Meta Graph API' }.data.meta", equalTo("reachable"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsEveryEndpointWithErrorsAsProblems() {
        JsonPath doc = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        for (String endpoint : ENDPOINTS) {
            String[] parts = endpoint.split(" ");
            assertNotNull(paths.get(parts[1]), parts[1] + " is documented");
            assertNotNull(paths.get(parts[1]).get(parts[0]), endpoint + " is documented");
        }
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            if (path.getKey().startsWith("/api/v1")) {
                for (String method : path.getValue().keySet()) {
                    assertTrue(ENDPOINTS.contains(method + " " + path.getKey()),
                            method + " " + path.getKey() + " is listed in this test and so covered by the auth check");
                }
            }
        }
        assertNotNull(doc.get("components.schemas.Problem"), "the problem schema is documented");
        int errorResponses = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) ((Map<String, Object>) operation
                        .getValue()).get("responses");
                for (Map.Entry<String, Map<String, Object>> response : responses.entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        errorResponses++;
                        assertTrue(String.valueOf(response.getValue().get("content")).contains("application/problem+json")
                                && String.valueOf(response.getValue().get("content")).contains("#/components/schemas/Problem"),
                                operation.getKey() + " " + path.getKey() + " " + response.getKey() + " is a problem document");
                    }
                }
            }
        }
        assertTrue(errorResponses > 20, "error responses are documented: " + errorResponses);
    }

    @Test
    void everyEndpointButSignInNeedsABearerToken() {
        for (String endpoint : ENDPOINTS) {
            String[] parts = endpoint.split(" ");
            if (PUBLIC.contains(endpoint)) {
                continue;
            }
            var request = MULTIPART.contains(endpoint) ? given().multiPart("file", "x.csv", new byte[0], "text/csv")
                    : given().contentType(ContentType.JSON).body("{}");
            request
                    .request(parts[0].toUpperCase(), parts[1].replace("{id}", "00000000-0000-0000-0000-000000000000")
                            .replace("{pageId}", "1100000000000000").replace("{formId}", "1200000000000000"))
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void metricsArePrometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void unknownPathIsAProblem() {
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsRefused() {
        String big = "{\"email\":\"" + "a".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON).body(big).post("/api/v1/auth/register").then().statusCode(413).contentType("application/problem+json");
    }
}
