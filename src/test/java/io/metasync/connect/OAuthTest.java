package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The whole OAuth round trip against the sandbox's dialog and token endpoints. */
@QuarkusTest
class OAuthTest {

    @Inject
    AppClock clock;

    @BeforeEach
    void reset() {
        MetaWorld.reset("{}");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonPath authorize(String bearer, String redirectTo) {
        var request = given().auth().oauth2(bearer);
        if (redirectTo != null) {
            request = request.queryParam("redirectTo", redirectTo);
        }
        return request.get("/api/v1/meta/oauth/authorize").then().statusCode(200).extract().jsonPath();
    }

    /** Plays the browser at Meta's dialog: answers the query Meta puts on the redirect back. */
    private static Map<String, String> dialog(String url, String extra) {
        URI dialog = URI.create(url + (extra == null ? "" : "&" + extra));
        Response answer = given().redirects().follow(false).urlEncodingEnabled(false)
                .get(dialog.getRawPath() + "?" + dialog.getRawQuery());
        assertEquals(302, answer.statusCode());
        URI back = URI.create(answer.header("Location").replace("#_=_", ""));
        Map<String, String> params = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Response callback(Map<String, String> params) {
        return given().redirects().follow(false).queryParams(params).get("/api/v1/meta/oauth/callback");
    }

    @Test
    void roundTripStoresAUserConnectionAndTheStateCannotBeReplayed() {
        String bearer = MetaWorld.newWorkspaceToken();
        JsonPath auth = authorize(bearer, null);
        String url = auth.getString("url");
        assertTrue(url.contains("client_id=") && url.contains("state=" + auth.getString("state")) && url.contains("leads_retrieval"), url);

        Map<String, String> back = dialog(url, null);
        assertEquals(auth.getString("state"), back.get("state"));
        callback(back).then().statusCode(200)
                .body("kind", equalTo("user")).body("status", equalTo("active"))
                .body("pages.size()", not(equalTo(0)))
                .body("expiresAt", not(equalTo(null)));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items.size()", equalTo(1));

        callback(back).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/oauth-state-invalid"));

        // reconnecting updates the same connection
        callback(dialog(authorize(bearer, null).getString("url"), null)).then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items.size()", equalTo(1));
    }

    @Test
    void forgedAndExpiredStatesAreRefused() {
        String bearer = MetaWorld.newWorkspaceToken();
        Map<String, String> back = dialog(authorize(bearer, null).getString("url"), null);
        Map<String, String> forged = new HashMap<>(back);
        forged.put("state", "forged-state-value");
        callback(forged).then().statusCode(400).body("type", equalTo("https://metasync.dev/problems/oauth-state-invalid"));

        clock.advance(Duration.ofMinutes(11));
        callback(back).then().statusCode(400).body("type", equalTo("https://metasync.dev/problems/oauth-state-invalid"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items.size()", equalTo(0));
    }

    @Test
    void cancelledLoginIsAProblemAndRedirectsAreOnlyToThisSite() {
        String bearer = MetaWorld.newWorkspaceToken();
        callback(dialog(authorize(bearer, null).getString("url"), "sandbox_decision=deny"))
                .then().statusCode(400).body("type", equalTo("https://metasync.dev/problems/oauth-denied"));

        given().auth().oauth2(bearer).queryParam("redirectTo", "https://evil.example/steal").get("/api/v1/meta/oauth/authorize")
                .then().statusCode(400).body("errors.field", hasItem("redirectTo"));

        Response done = callback(dialog(authorize(bearer, "/console/connected").getString("url"), null));
        assertEquals(302, done.statusCode());
        org.hamcrest.MatcherAssert.assertThat(done.header("Location"), org.hamcrest.Matchers.containsString("/console/connected?connectionId="));
    }

    @Test
    void declinedPermissionIsReportedAsMissingAndVerifySaysSo() {
        String userToken = MetaWorld.userToken(0);
        String proof = io.metasync.graph.AppSecretProof.of(MetaWorld.world().getString("appSecret"), userToken);
        given().queryParam("access_token", userToken).queryParam("appsecret_proof", proof)
                .delete("/sandbox/graph/v25.0/me/permissions/leads_retrieval").then().statusCode(200);
        String bearer = MetaWorld.newWorkspaceToken();
        JsonPath connection = callback(dialog(authorize(bearer, null).getString("url"), null)).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(connection.getList("missingScopes").contains("leads_retrieval"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections/" + connection.getString("id") + "/verify")
                .then().statusCode(200).body("verified", equalTo(true)).body("hasLeadsPermission", equalTo(false))
                .body("missingPermissions", hasItem("leads_retrieval"));
    }
}
