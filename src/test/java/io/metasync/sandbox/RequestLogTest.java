package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.sandbox.auth.Hmac;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RequestLogTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
    }

    @Test
    void countsByPathAndNeverHoldsATokenOrProof() {
        String token = Sandbox.pageToken(0);
        String form = Sandbox.formId(0, 0);
        Sandbox.graph(token).get(Sandbox.GRAPH + "/" + form + "/leads").then().statusCode(200);
        Sandbox.graph(token).get(Sandbox.GRAPH + "/" + form + "/leads").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(Sandbox.GRAPH + "/me").then().statusCode(400);
        String raw = given().get(Sandbox.ADMIN + "/requests").then().statusCode(200).extract().asString();
        assertThat(raw, not(containsString(token)));
        assertThat(raw, not(containsString(Hmac.hex(Sandbox.secret(), token))));
        JsonPath log = new JsonPath(raw);
        assertEquals(3, log.getInt("total"));
        assertEquals(2, log.getInt("byPath.'/v25.0/" + form + "/leads'"));
        assertEquals("GET", log.getString("recent[2].method"));
        assertEquals("/v25.0/me", log.getString("recent[2].path"));
        assertEquals(400, log.getInt("recent[2].status"));
        given().delete(Sandbox.ADMIN + "/requests").then().statusCode(200);
        assertEquals(0, given().get(Sandbox.ADMIN + "/requests").then().extract().jsonPath().getInt("total"));
    }
}
