package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.sandbox.auth.Hmac;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TokensTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
    }

    @Test
    void expiredTokenAnswers190Subcode463() {
        String token = Sandbox.userToken();
        given().post(Sandbox.ADMIN + "/tokens/" + token + "/expire").then().statusCode(200);
        FaultsTest.metaError(Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then(), 400, 190, 463)
                .body("error.message", startsWith("Error validating access token: Session has expired on"));
    }

    @Test
    void revocationTakesEffectAtTheChosenMoment() {
        String token = Sandbox.pageToken(0);
        given().contentType(ContentType.JSON).body(Map.of("inSeconds", 60))
                .post(Sandbox.ADMIN + "/tokens/" + token + "/revoke").then().statusCode(200);
        Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then().statusCode(200);
        Sandbox.advance(61);
        FaultsTest.metaError(Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then(), 400, 190, 460);
    }

    @Test
    void unknownOrMissingTokens() {
        FaultsTest.metaError(Sandbox.graph("EAASU0Zbogus").get(Sandbox.GRAPH + "/me").then(), 400, 190, null);
        FaultsTest.metaError(given().get(Sandbox.GRAPH + "/me").then(), 400, 104, null);
    }

    @Test
    void appsecretProofIsRequiredAndChecked() {
        String token = Sandbox.userToken();
        FaultsTest.metaError(given().queryParam("access_token", token).get(Sandbox.GRAPH + "/me").then(), 400, 100,
                null).body("error.message", equalTo("API calls from the server require an appsecret_proof argument"));
        given().queryParam("access_token", token).queryParam("appsecret_proof", Hmac.hex("wrong", token))
                .get(Sandbox.GRAPH + "/me").then().statusCode(400).body("error.code", equalTo(100))
                .body("error.type", equalTo("GraphMethodException"));
        long now = Instant.parse(given().get(Sandbox.ADMIN + "/clock").then().extract().path("now")).getEpochSecond();
        given().queryParam("access_token", token).queryParam("appsecret_time", now)
                .queryParam("appsecret_proof", Hmac.hex(Sandbox.secret(), token + "|" + now))
                .get(Sandbox.GRAPH + "/me").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).queryParam("appsecret_proof", Hmac.hex(Sandbox.secret(), token))
                .get(Sandbox.GRAPH + "/me").then().statusCode(200);
        Sandbox.settings("{\"requireAppsecretProof\":false}");
        given().queryParam("access_token", token).get(Sandbox.GRAPH + "/me").then().statusCode(200);
    }

    @Test
    void removingTheAppKillsTheUsersTokensWith458() {
        String token = Sandbox.userToken();
        Sandbox.graph(token).delete(Sandbox.GRAPH + "/me/permissions").then().statusCode(200)
                .body("success", equalTo(true));
        FaultsTest.metaError(Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then(), 400, 190, 458);
        FaultsTest.metaError(Sandbox.graph(Sandbox.pageToken(0)).get(Sandbox.GRAPH + "/me").then(), 400, 190, 458);
    }

    @Test
    void decliningOnePermissionFailsTheCallsThatNeedIt() {
        String token = Sandbox.userToken();
        Sandbox.graph(token).delete(Sandbox.GRAPH + "/me/permissions/leads_retrieval").then().statusCode(200);
        Sandbox.graph(token).get(Sandbox.GRAPH + "/me/permissions").then().statusCode(200)
                .body("data.find { it.permission == 'leads_retrieval' }.status", equalTo("declined"));
        FaultsTest.metaError(Sandbox.graph(token).get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 0) + "/leads").then(),
                403, 200, null);
    }

    @Test
    void debugTokenDescribesPageAndExpiredTokens() {
        String app = Sandbox.world().getString("appId") + "|" + Sandbox.secret();
        String page = Sandbox.pageToken(0);
        given().queryParam("access_token", app).queryParam("input_token", page).get(Sandbox.GRAPH + "/debug_token")
                .then().statusCode(200).body("data.type", equalTo("PAGE")).body("data.expires_at", equalTo(0))
                .body("data.is_valid", equalTo(true)).body("data.scopes", hasItem("leads_retrieval"))
                .body("data.granular_scopes.scope", hasItem("pages_show_list"));
        given().post(Sandbox.ADMIN + "/tokens/" + page + "/expire").then().statusCode(200);
        given().queryParam("access_token", app).queryParam("input_token", page).get(Sandbox.GRAPH + "/debug_token")
                .then().statusCode(200).body("data.is_valid", equalTo(false)).body("data.error.code", equalTo(190))
                .body("data.error.subcode", equalTo(463));
    }

    @Test
    void oauthDialogCodeExchangeAndLongLivedToken() {
        String appId = Sandbox.world().getString("appId");
        String redirect = "http://localhost/callback";
        String location = given().redirects().follow(false).queryParam("client_id", appId)
                .queryParam("redirect_uri", redirect).queryParam("state", "s t&ate").queryParam("scope", "leads_retrieval")
                .get("/sandbox/dialog/v25.0/dialog/oauth").then().statusCode(302).extract().header("Location");
        org.hamcrest.MatcherAssert.assertThat(location, startsWith(redirect + "?code="));
        org.hamcrest.MatcherAssert.assertThat(location, org.hamcrest.Matchers.containsString("state=s+t%26ate"));
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
        Map<String, String> exchange = Map.of("client_id", appId, "client_secret", Sandbox.secret(),
                "redirect_uri", redirect, "code", code);
        String shortLived = given().queryParams(exchange).get(Sandbox.GRAPH + "/oauth/access_token").then()
                .statusCode(200).body("token_type", equalTo("bearer")).body("expires_in", equalTo(7200))
                .extract().path("access_token");
        FaultsTest.metaError(given().queryParams(exchange).get(Sandbox.GRAPH + "/oauth/access_token").then(), 400,
                100, 36009);
        given().queryParam("grant_type", "fb_exchange_token").queryParam("client_id", appId)
                .queryParam("client_secret", Sandbox.secret()).queryParam("fb_exchange_token", shortLived)
                .get(Sandbox.GRAPH + "/oauth/access_token").then().statusCode(200)
                .body("expires_in", equalTo(5183944));
        given().redirects().follow(false).queryParam("client_id", appId).queryParam("redirect_uri", redirect)
                .queryParam("sandbox_decision", "deny").get("/sandbox/dialog/oauth").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("error=access_denied"));
    }
}
