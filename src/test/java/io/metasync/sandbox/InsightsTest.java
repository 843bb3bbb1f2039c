package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class InsightsTest {

    static final String RANGE = "{\"since\":\"%s\",\"until\":\"%s\"}";

    String account;
    String since;
    String until;

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0,\"asyncReportSeconds\":600}");
        account = Sandbox.world().getString("adAccounts[0].id");
        String today = Sandbox.graph(Sandbox.userToken()).queryParam("date_preset", "yesterday")
                .queryParam("fields", "ad_id").queryParam("level", "account")
                .get(Sandbox.GRAPH + "/" + account + "/insights").then().statusCode(200).extract()
                .path("data[0].date_stop");
        until = today;
        since = java.time.LocalDate.parse(today).minusDays(13).toString();
    }

    Map<String, Object> truth(String level) {
        return given().queryParams(Map.of("accountId", account, "level", level, "since", since, "until", until))
                .get(Sandbox.ADMIN + "/truth/insights").then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void syncDailyAdRowsAddUpToTheTruthWithMetricsAsStrings() {
        List<Map<String, Object>> rows = new ArrayList<>();
        JsonPath page = Sandbox.graph(Sandbox.userToken()).queryParam("level", "ad").queryParam("time_increment", 1)
                .queryParam("limit", 500).queryParam("fields", "ad_id,impressions,clicks,spend,reach,actions,action_values")
                .queryParam("time_range", RANGE.formatted(since, until))
                .get(Sandbox.GRAPH + "/" + account + "/insights").then().statusCode(200)
                .body("data[0].impressions", matchesPattern("\\d+")).body("data[0].spend", matchesPattern("[\\d.]+"))
                .body("data[0].actions[0].value", matchesPattern("\\d+"))
                .extract().jsonPath();
        rows.addAll(page.getList("data"));
        Map<String, Object> truth = truth("ad");
        assertEquals(((Number) truth.get("rows")).intValue(), rows.size());
        assertEquals(((Number) truth.get("impressions")).longValue(),
                rows.stream().mapToLong(r -> Long.parseLong((String) r.get("impressions"))).sum());
        assertEquals(new BigDecimal(truth.get("spend").toString()),
                rows.stream().map(r -> new BigDecimal((String) r.get("spend"))).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .stripTrailingZeros());
    }

    @Test
    void tooManyRowsAsksToReduceTheDataWithHttp500() {
        Sandbox.settings("{\"maxInsightRows\":10}");
        FaultsTest.metaError(Sandbox.graph(Sandbox.userToken()).queryParam("level", "ad")
                .queryParam("time_increment", 1).queryParam("time_range", RANGE.formatted(since, until))
                .get(Sandbox.GRAPH + "/" + account + "/insights").then(), 500, 1, null);
    }

    @Test
    void asyncReportRunProgressesWithTheClock() {
        String run = Sandbox.graph(Sandbox.userToken()).queryParam("level", "campaign").queryParam("time_increment", 1)
                .queryParam("fields", "campaign_id,impressions").queryParam("time_range", RANGE.formatted(since, until))
                .post(Sandbox.GRAPH + "/" + account + "/insights").then().statusCode(200).extract().path("report_run_id");
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run).then().statusCode(200)
                .body("async_status", equalTo("Job Not Started")).body("async_percent_completion", equalTo(0));
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run + "/insights").then().statusCode(400);
        Sandbox.advance(300);
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run).then()
                .body("async_status", equalTo("Job Running")).body("async_percent_completion", equalTo(50));
        Sandbox.advance(300);
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run).then()
                .body("async_status", equalTo("Job Completed")).body("async_percent_completion", equalTo(100));
        List<String> ids = Sandbox.all(Sandbox.GRAPH + "/" + run + "/insights",
                Sandbox.graph(Sandbox.userToken()).queryParam("limit", 7), new ArrayList<>());
        assertEquals(((Number) truth("campaign").get("rows")).intValue(), ids.size());
    }

    @Test
    void aFailedReportRunSaysSo() {
        Sandbox.fault("{\"kind\":\"job_failed\",\"times\":1}");
        String run = Sandbox.graph(Sandbox.userToken()).queryParam("level", "ad")
                .post(Sandbox.GRAPH + "/" + account + "/insights").then().statusCode(200).extract().path("report_run_id");
        Sandbox.advance(600);
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run).then().statusCode(200)
                .body("async_status", equalTo("Job Failed")).body("error_code", equalTo(-2))
                .body("error_subcode", equalTo(2490547)).body("is_running", equalTo(false));
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + run + "/insights").then().statusCode(400);
    }

    @Test
    void marketingCallsNeedACurrentVersion() {
        FaultsTest.metaError(Sandbox.graph(Sandbox.userToken()).get("/sandbox/graph/" + account + "/campaigns").then(),
                400, 2635, null);
        FaultsTest.metaError(Sandbox.graph(Sandbox.userToken()).get("/sandbox/graph/v22.0/" + account).then(),
                400, 2635, null);
        Sandbox.graph(Sandbox.userToken()).get("/sandbox/graph/me").then().statusCode(200);
    }

    @Test
    void adObjectsAndAccountsWithBudgetsInMinorUnits() {
        Sandbox.graph(Sandbox.userToken()).queryParam("fields", "id,account_id,currency,timezone_name")
                .get(Sandbox.GRAPH + "/me/adaccounts").then().statusCode(200)
                .body("data[0].id", equalTo(account)).body("data[0].timezone_name", equalTo("Pacific/Auckland"));
        Sandbox.graph(Sandbox.userToken()).queryParam("fields", "id,name,daily_budget,objective")
                .get(Sandbox.GRAPH + "/" + account + "/campaigns").then().statusCode(200)
                .body("data.size()", equalTo(2)).body("data[0].daily_budget", matchesPattern("\\d+00"));
        Sandbox.graph(Sandbox.userToken()).get(Sandbox.GRAPH + "/" + account + "/ads").then().statusCode(200)
                .body("data.size()", equalTo(8));
    }
}
