package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.sandbox.auth.Hmac;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class BatchTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
    }

    static JsonPath batch(String token, String items) {
        return given().formParam("access_token", token).formParam("appsecret_proof", Hmac.hex(Sandbox.secret(), token))
                .formParam("batch", items).post(Sandbox.GRAPH + "/").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void bodiesAreJsonStringsAndItemsFailAlone() {
        String form = Sandbox.formId(0, 0);
        JsonPath out = batch(Sandbox.pageToken(0), "[{\"method\":\"GET\",\"relative_url\":\"" + form
                + "?fields=id,name\"},{\"method\":\"GET\",\"relative_url\":\"v25.0/" + form
                + "/leads?limit=2\"},{\"method\":\"GET\",\"relative_url\":\"1234\"}]");
        assertEquals(200, out.getInt("[0].code"));
        String body = out.getString("[0].body");
        assertEquals(form, new JsonPath(body).getString("id"));
        assertEquals(2, new JsonPath(out.getString("[1].body")).getList("data").size());
        assertEquals(400, out.getInt("[2].code"));
        assertEquals(100, new JsonPath(out.getString("[2].body")).getInt("error.code"));
        List<String> headerNames = out.getList("[0].headers.name");
        assertEquals(true, headerNames.contains("X-Business-Use-Case-Usage"));
    }

    @Test
    void timedOutItemsAreNullAndEachItemCountsAsACall() {
        given().delete(Sandbox.ADMIN + "/requests").then().statusCode(200);
        Sandbox.fault("{\"kind\":\"batch_timeout\",\"pathContains\":\"/leads\",\"times\":1}");
        String form = Sandbox.formId(0, 0);
        JsonPath out = batch(Sandbox.pageToken(0), "[{\"method\":\"GET\",\"relative_url\":\"" + form
                + "/leads\"},{\"method\":\"GET\",\"relative_url\":\"" + form + "\"}]");
        assertNull(out.get("[0]"));
        assertEquals(200, out.getInt("[1].code"));
        given().get(Sandbox.ADMIN + "/requests").then().body("total", equalTo(3));
    }

    @Test
    void moreThanFiftyItemsAreRefusedAndTheTopLevelTokenIsRequired() {
        String item = "{\"method\":\"GET\",\"relative_url\":\"me\"}";
        String items = "[" + String.join(",", java.util.Collections.nCopies(51, item)) + "]";
        given().formParam("access_token", Sandbox.userToken())
                .formParam("appsecret_proof", Hmac.hex(Sandbox.secret(), Sandbox.userToken()))
                .formParam("batch", items).post(Sandbox.GRAPH).then().statusCode(400).body("error.code", equalTo(100));
        given().formParam("batch", "[" + item + "]").post(Sandbox.GRAPH).then().statusCode(400)
                .body("error.code", equalTo(104));
    }

    @Test
    void itemsMayCarryTheirOwnToken() {
        String page = Sandbox.pageToken(1);
        String item = "{\"method\":\"GET\",\"relative_url\":\"me\",\"access_token\":\"" + page
                + "\",\"body\":\"appsecret_proof=" + Hmac.hex(Sandbox.secret(), page) + "\"}";
        JsonPath out = batch(Sandbox.userToken(), "[" + item + "]");
        assertEquals(Sandbox.world().getString("pages[1].id"), new JsonPath(out.getString("[0].body")).getString("id"));
    }
}
