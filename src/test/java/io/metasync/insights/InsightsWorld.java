package io.metasync.insights;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.metasync.connect.MetaWorld;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Test helpers: a small ad world in the sandbox, a connected workspace, the sandbox's truth and what the DB holds. */
final class InsightsWorld {

    /** 4 ad accounts (the 4th in Pacific/Tongatapu, UTC+13), 8 ads each, 400 days of history; report runs finish at once. */
    static final String WORLD = "{\"adAccounts\":4,\"campaignsPerAccount\":2,\"adsetsPerCampaign\":2,\"adsPerAdset\":2,"
            + "\"insightDays\":400}";

    final String bearer;
    final String workspaceId;

    private InsightsWorld(String bearer) {
        this.bearer = bearer;
        this.workspaceId = given().auth().oauth2(bearer).get("/api/v1/me").then().statusCode(200).extract().path("workspaceId");
    }

    static InsightsWorld connected() {
        MetaWorld.reset(WORLD);
        settings("{\"asyncReportSeconds\":0,\"emptyPageRate\":0.0,\"shortPageRate\":0.0}");
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        return new InsightsWorld(bearer);
    }

    static void settings(String json) {
        given().contentType(ContentType.JSON).body(json).put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
    }

    static void fault(String json) {
        given().contentType(ContentType.JSON).body(json).post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
    }

    static void advance(long seconds) {
        given().contentType(ContentType.JSON).body("{\"seconds\":" + seconds + "}").post(MetaWorld.ADMIN + "/clock/advance")
                .then().statusCode(200);
    }

    static String account(int index) {
        return MetaWorld.world().getString("adAccounts[" + index + "].id");
    }

    static LocalDate today(int index) {
        Instant now = Instant.parse(given().get(MetaWorld.ADMIN + "/clock").then().extract().path("now"));
        return now.atZone(ZoneId.of(MetaWorld.world().getString("adAccounts[" + index + "].timezoneName"))).toLocalDate();
    }

    static JsonPath truth(String account, String level, LocalDate since, LocalDate until) {
        return given().queryParams(Map.of("accountId", account, "level", level, "since", since.toString(), "until",
                until.toString())).get(MetaWorld.ADMIN + "/truth/insights").then().statusCode(200).extract().jsonPath();
    }

    JsonPath sync(String account, String body) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body)
                .post("/api/v1/meta/ad-accounts/" + account + "/insights/sync?wait=60")
                .then().statusCode(200).extract().jsonPath();
    }

    static String range(LocalDate since, LocalDate until, String level) {
        return "{\"since\":\"" + since + "\",\"until\":\"" + until + "\",\"level\":\"" + level + "\"}";
    }

    /** rows, impressions, clicks, spend, conversions, revenue of the stored rows (no breakdowns) in a range. */
    Map<String, Object> stored(Pool pool, String account, String level, LocalDate since, LocalDate until) {
        var row = pool.preparedQuery("SELECT count(*) AS rows, coalesce(sum(impressions), 0) AS impressions,"
                + " coalesce(sum(clicks), 0) AS clicks, coalesce(sum(reach), 0) AS reach, coalesce(sum(spend), 0) AS spend,"
                + " coalesce(sum(conversions), 0) AS conversions, coalesce(sum(revenue), 0) AS revenue FROM insight_row"
                + " WHERE workspace_id = $1::uuid AND account_id = $2 AND level = $3 AND day BETWEEN $4 AND $5"
                + " AND breakdown_key = ''")
                .execute(Tuple.of(workspaceId, account, level, since, until)).await().indefinitely().iterator().next();
        return Map.of("rows", row.getLong("rows"), "impressions", row.getLong("impressions"), "clicks", row.getLong("clicks"),
                "reach", row.getLong("reach"), "spend", row.getBigDecimal("spend").stripTrailingZeros(),
                "conversions", row.getBigDecimal("conversions").stripTrailingZeros(),
                "revenue", row.getBigDecimal("revenue").stripTrailingZeros());
    }

    /** The truth in the same shape as {@link #stored}. */
    static Map<String, Object> expected(JsonPath truth) {
        return Map.of("rows", truth.getLong("rows"), "impressions", truth.getLong("impressions"), "clicks",
                truth.getLong("clicks"), "reach", truth.getLong("reach"),
                "spend", new BigDecimal(truth.getString("spend")).stripTrailingZeros(),
                "conversions", BigDecimal.valueOf(truth.getLong("leads") + truth.getLong("purchases")).stripTrailingZeros(),
                "revenue", new BigDecimal(truth.getString("purchaseValue")).stripTrailingZeros());
    }
}
