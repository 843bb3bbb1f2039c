package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A big world costs nothing until read: a million leads in one form, a thousand ads in one account. */
@QuarkusTest
class ScaleTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{\"pages\":1,\"formsPerPage\":1,\"leadsPerForm\":1000000,\"adAccounts\":1,"
                + "\"campaignsPerAccount\":10,\"adsetsPerCampaign\":10,\"adsPerAdset\":10}");
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0,\"leadArrivalPerMinute\":0.0}");
    }

    @Test
    void aMillionLeadsAreCountedAndReadableAnywhere() {
        String form = Sandbox.formId(0, 0);
        given().get(Sandbox.ADMIN + "/truth/forms/" + form + "/leads?limit=3&offset=999990").then().statusCode(200)
                .body("count", equalTo(1_000_000)).body("leadIds.size()", equalTo(3));
        String deep = given().get(Sandbox.ADMIN + "/truth/forms/" + form + "/leads?limit=1&offset=500000").then()
                .extract().path("leadIds[0]");
        long created = LeadsTest.seconds(Sandbox.graph(Sandbox.pageToken(0)).queryParam("fields", "created_time")
                .get(Sandbox.GRAPH + "/" + deep).then().statusCode(200).extract().path("created_time"));
        String filter = "[{\"field\":\"time_created\",\"operator\":\"GREATER_THAN_OR_EQUAL\",\"value\":" + created
                + "},{\"field\":\"time_created\",\"operator\":\"LESS_THAN\",\"value\":" + (created + 3600) + "}]";
        List<String> window = Sandbox.all(Sandbox.GRAPH + "/" + form + "/leads", Sandbox.graph(Sandbox.pageToken(0))
                .queryParam("filtering", filter).queryParam("limit", 500), new ArrayList<>());
        assertTrue(window.contains(deep));
        assertTrue(window.size() > 500, "an hour of a million leads over 60 days: " + window.size());
        assertEquals(window.size(), new HashSet<>(window).size());
    }

    @Test
    void aThousandAdsArePaged() {
        String account = Sandbox.world().getString("adAccounts[0].id");
        List<String> ads = Sandbox.all(Sandbox.GRAPH + "/" + account + "/ads",
                Sandbox.graph(Sandbox.userToken()).queryParam("limit", 400), new ArrayList<>());
        assertEquals(1000, new HashSet<>(ads).size());
    }
}
