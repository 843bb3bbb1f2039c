package io.metasync.sandbox;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.metasync.sandbox.auth.Hmac;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Test helpers: the world as the admin API describes it, and signed Graph calls. */
final class Sandbox {

    static final String GRAPH = "/sandbox/graph/v25.0";
    static final String ADMIN = "/sandbox/admin";

    private Sandbox() {
    }

    static void reset(String body) {
        given().contentType(ContentType.JSON).body(body).post(ADMIN + "/reset").then().statusCode(200);
    }

    static JsonPath world() {
        return given().get(ADMIN + "/world").then().statusCode(200).extract().jsonPath();
    }

    static String secret() {
        return world().getString("appSecret");
    }

    static String userToken() {
        return world().getString("users[0].accessToken");
    }

    static String pageToken(int page) {
        return world().getString("pages[" + page + "].accessToken");
    }

    static String formId(int page, int form) {
        return world().getString("pages[" + page + "].formIds[" + form + "]");
    }

    /** A Graph request with the token and its appsecret_proof. */
    static RequestSpecification graph(String token) {
        return given().queryParam("access_token", token).queryParam("appsecret_proof", Hmac.hex(secret(), token));
    }

    static void settings(String json) {
        given().contentType(ContentType.JSON).body(json).put(ADMIN + "/settings").then().statusCode(200);
    }

    static long fault(String json) {
        return given().contentType(ContentType.JSON).body(json).post(ADMIN + "/faults").then().statusCode(200)
                .extract().jsonPath().getLong("id");
    }

    static void advance(long seconds) {
        given().contentType(ContentType.JSON).body(Map.of("seconds", seconds)).post(ADMIN + "/clock/advance")
                .then().statusCode(200);
    }

    static List<String> truth(String formId) {
        return given().get(ADMIN + "/truth/forms/" + formId + "/leads").then().statusCode(200).extract().jsonPath()
                .getList("leadIds");
    }

    /** Every id of a paged edge, following {@code paging.next} to the end. */
    static List<String> all(String firstUrl, RequestSpecification first, List<Integer> pageSizes) {
        List<String> ids = new java.util.ArrayList<>();
        JsonPath page = first.get(firstUrl).then().statusCode(200).extract().jsonPath();
        while (true) {
            List<String> data = page.getList("data.id");
            ids.addAll(data);
            pageSizes.add(data.size());
            String next = page.getString("paging.next");
            if (next == null) {
                return ids;
            }
            page = given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
        }
    }
}
