package io.metasync.sandbox;

import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {

    @Test
    void smoke() {
        Sandbox.reset("{}");
        String token = Sandbox.userToken();
        System.out.println(Sandbox.world().prettify().substring(0, 1500));
        System.out.println(Sandbox.graph(token).get(Sandbox.GRAPH + "/me/accounts").then().extract().asString());
        System.out.println(Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then().extract().headers());
        String page = Sandbox.pageToken(0);
        System.out.println(Sandbox.graph(page).queryParam("fields", "id,name,questions").get(Sandbox.GRAPH + "/" + Sandbox.world().getString("pages[0].id") + "/leadgen_forms").then().extract().asString());
        System.out.println(Sandbox.graph(page).queryParam("limit", "3").get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 0) + "/leads").then().extract().asString());
        Sandbox.graph(token).get(Sandbox.GRAPH + "/me").then().statusCode(200).body("id", notNullValue());
    }
}
