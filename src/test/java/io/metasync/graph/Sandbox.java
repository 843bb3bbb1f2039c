package io.metasync.graph;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The Graph sandbox's admin API (docs/sandbox.md), as the graph tests drive it over HTTP. */
final class Sandbox {

    private final JsonPath world;

    private Sandbox(JsonPath world) {
        this.world = world;
    }

    /** Resets the sandbox (world sizes from {@code patch}), its faults and its request log. */
    static Sandbox reset(String patch) {
        given().contentType(ContentType.JSON).body(patch).post("/sandbox/admin/reset").then().statusCode(200);
        given().delete("/sandbox/admin/faults").then().statusCode(200);
        given().delete("/sandbox/admin/requests").then().statusCode(200);
        return new Sandbox(given().get("/sandbox/admin/world").then().statusCode(200).extract().jsonPath());
    }

    static void settings(String json) {
        given().contentType(ContentType.JSON).body(json).put("/sandbox/admin/settings").then().statusCode(200);
    }

    static void fault(String json) {
        given().contentType(ContentType.JSON).body(json).post("/sandbox/admin/faults").then().statusCode(200);
    }

    static void advanceClock(long seconds) {
        given().contentType(ContentType.JSON).body("{\"seconds\":" + seconds + "}").post("/sandbox/admin/clock/advance")
                .then().statusCode(200);
    }

    /** How many calls the sandbox answered on paths containing {@code part} (batch items included). */
    static long requests(String part) {
        Map<String, Number> byPath = given().get("/sandbox/admin/requests").then().statusCode(200).extract()
                .jsonPath().getMap("byPath", String.class, Number.class);
        return byPath.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToLong(e -> e.getValue().longValue())
                .sum();
    }

    static List<String> truthLeadIds(String formId) {
        return given().get("/sandbox/admin/truth/forms/" + formId + "/leads").then().statusCode(200).extract()
                .jsonPath().getList("leadIds", String.class);
    }

    String appSecret() {
        return world.getString("appSecret");
    }

    String userToken() {
        return world.getString("users[0].accessToken");
    }

    String pageToken() {
        return world.getString("pages[0].accessToken");
    }

    String formId() {
        return world.getString("pages[0].formIds[0]");
    }

    String adAccountId() {
        return world.getString("adAccounts[0].id");
    }

    GraphAuth user() {
        return GraphAuth.of(userToken(), appSecret());
    }

    GraphAuth page() {
        return GraphAuth.of(pageToken(), appSecret());
    }
}
