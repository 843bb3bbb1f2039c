package io.metasync.connect;

import static io.restassured.RestAssured.given;

import io.metasync.account.AccountResourceTest;
import io.metasync.graph.governor.GraphGovernor;
import io.quarkus.arc.Arc;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Test helpers: a signed-in workspace and the sandbox's world as its admin API describes it. */
public final class MetaWorld {

    public static final String ADMIN = "/sandbox/admin";

    private MetaWorld() {
    }

    /** Registers a fresh user in its own workspace and answers its bearer token. */
    public static String newWorkspaceToken() {
        String email = AccountResourceTest.email();
        AccountResourceTest.register(email, "password-123", "WS");
        return AccountResourceTest.login(email, "password-123");
    }

    /**
     * A fresh sandbox world (body: sizes, e.g. {@code {"users":2}}), no faults, and a Graph client that
     * forgets usage readings, holds and open circuit breakers left by earlier tests.
     * <p>
     * Connections made to the old world go with it: the sandbox's ids repeat from world to world, so every
     * workspace an earlier test connected would otherwise still have this world's Pages, get each of their
     * webhooks and fetch each lead again, until the sandbox's hourly call budget per Page (1,000, as Meta's)
     * is spent and the governor rightly holds that Page's calls for a minute.
     */
    public static void reset(String body) {
        Arc.container().instance(io.vertx.mutiny.sqlclient.Pool.class).get().query("DELETE FROM meta_connection").execute()
                .await().atMost(java.time.Duration.ofSeconds(30));
        given().contentType(ContentType.JSON).body(body).post(ADMIN + "/reset").then().statusCode(200);
        Arc.container().instance(GraphGovernor.class).get().reset();
        CircuitBreakerMaintenance.get().resetAll();
    }

    public static JsonPath world() {
        return given().get(ADMIN + "/world").then().statusCode(200).extract().jsonPath();
    }

    public static String userToken(int user) {
        return world().getString("users[" + user + "].accessToken");
    }

    /** Connects the world's first WhatsApp number (its WABA's system-user token) to the workspace; answers the channel. */
    public static JsonPath connectWhatsApp(String bearer) {
        JsonPath world = world();
        return given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body(java.util.Map.of("wabaId", world.getString("whatsapp[0].wabaId"), "phoneNumberId",
                        world.getString("whatsapp[0].phoneNumberId"), "accessToken", world.getString("whatsapp[0].accessToken")))
                .post("/api/v1/meta/connections/whatsapp").then().statusCode(201).extract().jsonPath();
    }

    /** Connects the sandbox user's token to the workspace as a system user; answers the connection. */
    public static JsonPath connect(String bearer, String metaToken) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"accessToken\":\"" + metaToken + "\"}")
                .post("/api/v1/meta/connections/system-user")
                .then().statusCode(201).extract().jsonPath();
    }
}
