package io.metasync.insights;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.metasync.connect.MetaWorld;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Issue 7's benchmark, on demand only ({@code bench/insights.sh}; not part of {@code ./mvnw verify}):
 * one account-year of ad-level daily insights for 200 ads against the sandbox, report runs that take
 * {@value #JOB_SECONDS} s, 100 ms per Graph call; then the same with "too much data" on a fifth of
 * the report runs. The service runs with its production insights settings. Results go to stdout and
 * {@code target/bench/insights.md}.
 */
@QuarkusTest
@TestProfile(InsightsBenchmark.ProductionInsights.class)
@EnabledIfSystemProperty(named = "bench", matches = "insights")
class InsightsBenchmark {

    static final int JOB_SECONDS = 30;
    static final int LATENCY_MS = 100;

    /** The insights settings of production (the test profile's fast polls and short timeouts undone). */
    public static class ProductionInsights implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new java.util.HashMap<>();
            Map.of("days-per-job", "31", "poll-interval", "PT5S", "job-start-timeout", "PT5M", "job-finish-timeout", "PT30M")
                    .forEach((k, v) -> {
                        m.put("metasync.insights." + k, v);
                        m.put("%test.metasync.insights." + k, v);
                    });
            return m;
        }
    }

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void oneAccountYearOfAdLevelDailyInsights() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| scenario | rows | wall s | critical path s | wall / path | Graph calls | rows per call | rows/s | report runs | split depth | peak heap MB |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
        lines.add(run("plain", 0.0));
        lines.add(run("too much data on 1/5 of the runs", 0.2));
        String table = String.join("\n", lines);
        System.out.println("\n" + table + "\n");
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/insights.md"), table + "\n");
    }

    private String run(String scenario, double tooLargeRate) throws IOException {
        MetaWorld.reset("{\"adAccounts\":1,\"campaignsPerAccount\":10,\"adsetsPerCampaign\":4,\"adsPerAdset\":5,\"insightDays\":400}");
        given().contentType(ContentType.JSON).body("{\"asyncReportSeconds\":" + JOB_SECONDS + ",\"latencyMs\":" + LATENCY_MS
                + ",\"emptyPageRate\":0.0,\"shortPageRate\":0.0,\"reportRunTooLargeRate\":" + tooLargeRate + "}")
                .put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String account = InsightsWorld.account(0);
        LocalDate until = InsightsWorld.today(0);
        LocalDate since = until.minusDays(364);
        long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        double callsBefore = graphCalls();
        HeapSampler heap = new HeapSampler();
        long start = System.nanoTime();
        String runId = given().auth().oauth2(bearer).contentType(ContentType.JSON).body(InsightsWorld.range(since, until, "ad"))
                .post("/api/v1/meta/ad-accounts/" + account + "/insights/sync").then().statusCode(202).extract().path("id");
        JsonPath result;
        do {
            result = given().auth().oauth2(bearer).get("/api/v1/sync-runs/" + runId + "?wait=60").then().statusCode(200)
                    .extract().jsonPath();
        } while (result.getString("finishedAt") == null);
        double wall = (System.nanoTime() - start) / 1e9;
        long peakHeap = heap.stop();
        long calls = Math.round(graphCalls() - callsBefore);
        assertEquals("succeeded", result.getString("status"), result.prettify());
        JsonPath truth = InsightsWorld.truth(account, "ad", since, until);
        long rows = truth.getLong("rows");
        assertEquals(rows, result.getLong("rowsIngested"));
        int depth = splitDepth(logStart);
        double path = criticalPath(depth);
        return String.format(java.util.Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f | %d | %.0f | %.0f | %d | %d | %d |", scenario, rows,
                wall, path, wall / path, calls, (double) rows / calls, rows / wall, result.getInt("asyncJobs"), depth,
                peakHeap / (1024 * 1024));
    }

    /**
     * The sandbox's critical path: the longest chain of dependent report runs (a failed run ends at half
     * its time, its parts start then) plus the calls that must follow each other on it: the POSTs, one
     * status poll per run and the pages of the last run's slice (31 days of 200 ads, 1,000 rows a page).
     */
    private static double criticalPath(int depth) {
        double pages = Math.ceil(31 * 200 / 1000.0);
        return depth * JOB_SECONDS / 2.0 + JOB_SECONDS + (2 * (depth + 1) + pages) * LATENCY_MS / 1000.0;
    }

    /** The largest heap in use, sampled every 50 ms (the JVM, sandbox and test client included). */
    private static final class HeapSampler {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();

        HeapSampler() {
            System.gc();
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 50,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        long stop() {
            timer.shutdownNow();
            return peak.get();
        }
    }

    private static final Path LOG = Path.of("target/test-logs/quarkus.log");
    private static final Pattern DEPTH = Pattern.compile("split into \\d+ at depth (\\d+)");

    private static int splitDepth(long from) throws IOException {
        if (!Files.exists(LOG)) {
            return 0;
        }
        String text = Files.readString(LOG);
        Matcher m = DEPTH.matcher(text.substring((int) Math.min(from, text.length())));
        int depth = 0;
        while (m.find()) {
            depth = Math.max(depth, Integer.parseInt(m.group(1)));
        }
        return depth;
    }

    private double graphCalls() {
        return registry.find("metasync.graph.calls").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
