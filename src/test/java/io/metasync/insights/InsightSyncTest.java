package io.metasync.insights;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class InsightSyncTest {

    @Inject
    Pool pool;

    @Inject
    io.metasync.graph.governor.GraphGovernor governor;

    InsightsWorld world;

    @BeforeEach
    void connect() {
        world = InsightsWorld.connected();
    }

    @Test
    void aYearIngestsEveryDayExactlyOnceAndASecondRunReadsNothingAgain() {
        String account = InsightsWorld.account(0);
        LocalDate until = InsightsWorld.today(0);
        LocalDate since = until.minusDays(364);
        JsonPath run = world.sync(account, InsightsWorld.range(since, until, "ad"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals("insights", run.getString("kind"));
        var truth = InsightsWorld.truth(account, "ad", since, until);
        assertEquals(InsightsWorld.expected(truth), world.stored(pool, account, "ad", since, until));
        assertEquals(truth.getLong("rows"), run.getLong("rowsIngested"));
        assertEquals(0, run.getLong("rowsUpdated"));
        assertEquals(27, run.getInt("asyncJobs"), "365 days in slices of 14 days");
        assertTrue(run.getLong("graphCalls") < 27 * 4, "graph calls: " + run.getLong("graphCalls"));

        JsonPath again = world.sync(account, InsightsWorld.range(since, until, "ad"));
        assertEquals("succeeded", again.getString("status"));
        assertEquals(0, again.getInt("asyncJobs"), "every day was read moments ago");
        assertEquals(0, again.getLong("rowsIngested") + again.getLong("rowsUpdated"));
    }

    @Test
    void tooMuchDataSplitsByCampaignsThenAdSetsAndStillGetsEveryRow() {
        InsightsWorld.settings("{\"maxReportRunDataPoints\":500}");
        String account = InsightsWorld.account(1);
        LocalDate until = InsightsWorld.today(1);
        LocalDate since = until.minusDays(27);
        JsonPath run = world.sync(account, InsightsWorld.range(since, until, "ad"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        var truth = InsightsWorld.truth(account, "ad", since, until);
        assertEquals(InsightsWorld.expected(truth), world.stored(pool, account, "ad", since, until));
        // 16 fields; each 14-day slice: account (8 ads, too large) -> 2 campaigns (4 ads, too large) -> 2 ad sets each (2 ads, fit)
        assertEquals(2 * (1 + 2 + 4), run.getInt("asyncJobs"));
    }

    @Test
    void aJobStuckPastItsStartTimeoutIsRetriedThenSplit() {
        String account = InsightsWorld.account(2);
        LocalDate until = InsightsWorld.today(2);
        LocalDate since = until.minusDays(9);
        InsightsWorld.fault("{\"kind\":\"job_stuck\",\"pathContains\":\"" + account + "/insights\",\"times\":3}");
        JsonPath run = world.sync(account, InsightsWorld.range(since, until, "campaign"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(3 + 2, run.getInt("asyncJobs"), "three stuck attempts, then one job per campaign");
        var truth = InsightsWorld.truth(account, "campaign", since, until);
        assertEquals(InsightsWorld.expected(truth), world.stored(pool, account, "campaign", since, until));
    }

    @Test
    void restatedDaysChangeAfterTheNextRun() {
        String account = InsightsWorld.account(0);
        LocalDate until = InsightsWorld.today(0);
        LocalDate since = until.minusDays(9);
        world.sync(account, InsightsWorld.range(since, until, "campaign"));
        var before = world.stored(pool, account, "campaign", since, until);
        given().contentType(ContentType.JSON).body("{\"accountId\":\"" + account + "\",\"days\":3}")
                .post(MetaWorld.ADMIN + "/insights/restate").then().statusCode(200);
        InsightsWorld.advance(16 * 60);
        LocalDate today = InsightsWorld.today(0);
        JsonPath run = world.sync(account, InsightsWorld.range(since, today, "campaign"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertTrue(run.getLong("rowsUpdated") > 0, "restated rows were replaced");
        var after = world.stored(pool, account, "campaign", since, today);
        assertEquals(InsightsWorld.expected(InsightsWorld.truth(account, "campaign", since, today)), after);
        assertNotEquals(before.get("impressions"), after.get("impressions"));
    }

    @Test
    void anAccountInUtcPlus13GetsItsOwnToday() {
        Instant now = Instant.parse(given().get(MetaWorld.ADMIN + "/clock").then().extract().path("now"));
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        if (hour < 12) {
            InsightsWorld.advance((12 - hour) * 3600L);
            world = InsightsWorld.connected();
        }
        String account = InsightsWorld.account(3);
        assertEquals("Pacific/Tongatapu", MetaWorld.world().getString("adAccounts[3].timezoneName"));
        LocalDate utcToday = Instant.parse(given().get(MetaWorld.ADMIN + "/clock").then().extract().path("now"))
                .atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate today = InsightsWorld.today(3);
        assertEquals(utcToday.plusDays(1), today, "past 11:00 UTC it is already tomorrow in Tonga");
        JsonPath run = world.sync(account, InsightsWorld.range(utcToday.minusDays(3), utcToday.plusDays(5), "account"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        var truth = InsightsWorld.truth(account, "account", utcToday.minusDays(3), today);
        assertEquals(InsightsWorld.expected(truth), world.stored(pool, account, "account", utcToday.minusDays(3), today.plusDays(9)));
        assertEquals(1L, world.stored(pool, account, "account", today, today).get("rows"), "the account's today was read");
    }

    @Test
    void breakdownRowsAreKeptApartFromTotalsAndAddUpToThem() {
        String account = InsightsWorld.account(0);
        LocalDate until = InsightsWorld.today(0);
        LocalDate since = until.minusDays(2);
        JsonPath run = world.sync(account, "{\"since\":\"" + since + "\",\"until\":\"" + until
                + "\",\"level\":\"campaign\",\"breakdowns\":[\"gender\",\"age\"]}");
        assertEquals("succeeded", run.getString("status"), run.prettify());
        var rows = given().auth().oauth2(world.bearer).queryParam("adAccountId", account).queryParam("breakdown", "age,gender")
                .queryParam("limit", 500).get("/api/v1/insights").then().statusCode(200).extract().jsonPath();
        long impressions = rows.getList("items.impressions", Long.class).stream().mapToLong(Long::longValue).sum();
        assertEquals(InsightsWorld.truth(account, "campaign", since, until).getLong("impressions"), impressions);
        assertTrue(rows.getList("items").size() > 3 * 2 * 6, "one row per campaign, day, age and gender");
        assertEquals(java.util.Set.of("age", "gender"), rows.getMap("items[0].breakdown").keySet());
        assertEquals(0L, world.stored(pool, account, "campaign", since, until).get("rows"), "no rows without breakdowns");
        given().auth().oauth2(world.bearer).queryParam("adAccountId", account).get("/api/v1/insights").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aSingleAdOnASingleDayStillTooLargeHasItsFieldsSplitAndJoined() {
        InsightsWorld.settings("{\"maxReportRunDataPoints\":12}");
        String account = InsightsWorld.account(1);
        LocalDate day = InsightsWorld.today(1).minusDays(1);
        JsonPath run = world.sync(account, InsightsWorld.range(day, day, "ad"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        // 6 key + 10 other fields: account -> 2 campaigns -> 4 ad sets -> 8 ads -> 2 field halves each
        assertEquals(1 + 2 + 4 + 8 + 16, run.getInt("asyncJobs"));
        var truth = InsightsWorld.truth(account, "ad", day, day);
        assertEquals(InsightsWorld.expected(truth), world.stored(pool, account, "ad", day, day));
        given().auth().oauth2(world.bearer).queryParam("adAccountId", account).queryParam("level", "ad").get("/api/v1/insights")
                .then().statusCode(200).body("items[0].entityName", org.hamcrest.Matchers.startsWith("Ad "))
                .body("items[0].campaignId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void noReportRunStartsWhileTheInsightsLoadIsHighUntilAFreshReadingSaysItIsLow() {
        String account = InsightsWorld.account(2);
        given().auth().oauth2(world.bearer).get("/api/v1/meta/ad-accounts").then().statusCode(200);
        governor.observe(new io.metasync.graph.governor.LimiterKeys("test", account, null, true),
                name -> name.equalsIgnoreCase("x-fb-ads-insights-throttle") ? "{\"app_id_util_pct\":10,\"acc_id_util_pct\":95}" : null,
                null);
        assertEquals(95.0, governor.insightsUsage(account));
        given().delete(MetaWorld.ADMIN + "/requests").then().statusCode(200);
        LocalDate until = InsightsWorld.today(2);
        JsonPath run = world.sync(account, InsightsWorld.range(until.minusDays(3), until, "campaign"));
        assertEquals("succeeded", run.getString("status"), run.prettify());
        java.util.List<String> calls = given().get(MetaWorld.ADMIN + "/requests").then().statusCode(200).extract().jsonPath()
                .getList("recent.findAll { it.path.endsWith('" + account + "/insights') }.method", String.class);
        assertEquals(java.util.List.of("GET", "POST"), calls, "a cheap read of the load first, the report run once it is low");
        assertTrue(governor.insightsUsage(account) < 75);
    }
}
