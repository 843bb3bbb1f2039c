package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Meta's deauthorize and data-deletion callbacks, signed as Meta signs them. */
@QuarkusTest
class MetaCallbacksTest {

    @Inject
    Pool pool;

    @BeforeEach
    void reset() {
        MetaWorld.reset("{}");
    }

    static String signedRequest(String json, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))) + "." + payload;
    }

    @Test
    void deauthorizeRevokesTheConnectionAndDropsItsTokens() throws Exception {
        JsonPath world = MetaWorld.world();
        String bearer = MetaWorld.newWorkspaceToken();
        String id = MetaWorld.connect(bearer, world.getString("users[0].accessToken")).getString("id");
        String body = "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1700000000,\"user_id\":\"" + world.getString("users[0].id") + "\"}";

        given().contentType(ContentType.URLENC).formParam("signed_request", signedRequest(body, "not-the-secret"))
                .post("/webhooks/meta/deauthorize").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.URLENC)
                .formParam("signed_request", signedRequest(body.replace("HMAC-SHA256", "HMAC-SHA1"), world.getString("appSecret")))
                .post("/webhooks/meta/deauthorize").then().statusCode(400);

        given().contentType(ContentType.URLENC).formParam("signed_request", signedRequest(body, world.getString("appSecret")))
                .post("/webhooks/meta/deauthorize").then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/meta/connections")
                .then().body("items[0].status", equalTo("revoked"));
        long tokensLeft = pool.preparedQuery("SELECT count(*) FROM meta_connection c LEFT JOIN meta_page p ON p.connection_id = c.id"
                + " WHERE c.id = $1::uuid AND (c.access_token_sealed IS NOT NULL OR p.access_token_sealed IS NOT NULL)")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, tokensLeft);
    }

    @Test
    void dataDeletionErasesAndAnswersAStatusUrlAndCode() throws Exception {
        JsonPath world = MetaWorld.world();
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, world.getString("users[0].accessToken"));
        String body = "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1700000000,\"user_id\":\"" + world.getString("users[0].id") + "\"}";

        JsonPath answer = given().contentType(ContentType.URLENC)
                .formParam("signed_request", signedRequest(body, world.getString("appSecret")))
                .post("/api/v1/webhooks/meta/data-deletion")
                .then().statusCode(200).body("confirmation_code", matchesPattern("[a-f0-9]{20}"))
                .extract().jsonPath();
        String code = answer.getString("confirmation_code");
        assertTrue(answer.getString("url").endsWith("/api/v1/meta/data-deletion/" + code));

        given().get(URI.create(answer.getString("url")).getPath())
                .then().statusCode(200).body("status", equalTo("completed")).body("erasedConnections", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items", empty());
        given().get("/meta/data-deletion/unknown-code").then().statusCode(404);
        given().accept("text/html").get("/meta/data-deletion/" + code).then().statusCode(200).contentType("text/html")
                .body(org.hamcrest.Matchers.containsString(code)).body(org.hamcrest.Matchers.containsString("Completed"));
    }
}
