package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.metasync.connect.health.TokenHealthCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TokenHealthTest {

    @Inject
    TokenHealthCheck health;

    @Inject
    AppClock clock;

    @BeforeEach
    void reset() {
        MetaWorld.reset("{}");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        MetaWorld.reset("{}");
    }

    private void runCheck() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> health.checkAll());
    }

    private static JsonPath connection(String bearer) {
        return given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void expiringThenExpiredAsTheTokenNearsAndPassesItsEnd() throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        String token = MetaWorld.userToken(0);
        MetaWorld.connect(bearer, token);
        given().contentType(ContentType.JSON).body("{\"inSeconds\":" + Duration.ofDays(3).toSeconds() + "}")
                .post(MetaWorld.ADMIN + "/tokens/" + token + "/expire").then().statusCode(200);

        runCheck();
        JsonPath after = connection(bearer);
        assertEquals("expiring", after.getString("items[0].status"));
        assertNotNull(after.getString("items[0].expiresAt"));

        clock.advance(Duration.ofDays(4));
        runCheck();
        JsonPath expired = connection(bearer);
        assertEquals("expired", expired.getString("items[0].status"));
        assertNotNull(expired.getString("items[0].statusReason"));
        org.junit.jupiter.api.Assertions.assertFalse(expired.getList("items[0].pages").isEmpty(), "data is kept");
    }

    @Test
    void revokedTokenIsRevoked() throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        String token = MetaWorld.userToken(0);
        MetaWorld.connect(bearer, token);
        given().contentType(ContentType.JSON).body("{}").post(MetaWorld.ADMIN + "/tokens/" + token + "/revoke").then().statusCode(200);
        runCheck();
        assertEquals("revoked", connection(bearer).getString("items[0].status"));
    }

    @Test
    void aFailingMetaChangesNothing() throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String checkedBefore = connection(bearer).getString("items[0].lastCheckedAt");
        given().contentType(ContentType.JSON).body("{\"kind\":\"server_error\",\"pathContains\":\"debug_token\"}")
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        runCheck();
        JsonPath after = connection(bearer);
        assertEquals("active", after.getString("items[0].status"));
        assertEquals(checkedBefore, after.getString("items[0].lastCheckedAt"));
    }
}
