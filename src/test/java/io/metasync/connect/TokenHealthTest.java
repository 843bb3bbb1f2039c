package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static long debugTokenCalls() {
        return given().get(MetaWorld.ADMIN + "/requests").then().statusCode(200).extract().jsonPath()
                .getMap("byPath", String.class, Number.class).entrySet().stream().filter(e -> e.getKey().contains("debug_token"))
                .mapToLong(e -> e.getValue().longValue()).sum();
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
        assertNothingChangesWhileMetaFails("{\"kind\":\"server_error\",\"pathContains\":\"debug_token\"}");
    }

    @Test
    void aThrottledMetaIsWaitedOutNeverTakenForADeadToken() throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        given().delete(MetaWorld.ADMIN + "/requests").then().statusCode(200);
        // code 17 (user request limit) with a subcode, as Meta sends it: a throttle, not an auth error
        given().contentType(ContentType.JSON).body("{\"kind\":\"throttle\",\"pathContains\":\"debug_token\",\"code\":17,"
                + "\"subcode\":2446079,\"times\":1,\"regainMinutes\":5}").post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        var check = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        runCheck();
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> debugTokenCalls() >= 1);
        assertEquals("active", connection(bearer).getString("items[0].status"), "held, not judged, while throttled");
        given().contentType(ContentType.JSON).body("{\"seconds\":301}").post(MetaWorld.ADMIN + "/clock/advance").then().statusCode(200);
        check.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("active", connection(bearer).getString("items[0].status"));
        assertEquals(null, connection(bearer).getString("items[0].statusReason"));
        assertTrue(debugTokenCalls() >= 2, "checked again once Meta let it");
    }

    private void assertNothingChangesWhileMetaFails(String fault) throws Throwable {
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String checkedBefore = connection(bearer).getString("items[0].lastCheckedAt");
        given().contentType(ContentType.JSON).body(fault).post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        runCheck();
        JsonPath after = connection(bearer);
        assertEquals("active", after.getString("items[0].status"));
        assertEquals(checkedBefore, after.getString("items[0].lastCheckedAt"));
    }
}
