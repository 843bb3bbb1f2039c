package io.metasync.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.fault.FaultBook;
import io.metasync.sandbox.fault.FaultRule;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.Ids.Decoded;
import io.metasync.sandbox.world.InsightEngine;
import io.metasync.sandbox.world.InsightEngine.AdRange;
import io.metasync.sandbox.world.InsightEngine.Level;
import io.metasync.sandbox.world.Rng;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Insights, synchronous (GET; too many rows fail with "reduce the amount of data", HTTP 500 code 1 as
 * Meta does in practice) and asynchronous (POST gives a report run whose progress follows the app clock;
 * a share of runs, or those a fault names, fail, fail as too large, or never start).
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class InsightsHandler {

    private final World world;
    private final SandboxSettings settings;
    private final PageTraps traps;
    private final ObjectMapper json;
    private final ReportRuns runs;
    private final FaultBook faults;

    public InsightsHandler(World world, SandboxSettings settings, PageTraps traps, ObjectMapper json, ReportRuns runs,
            FaultBook faults) {
        this.world = world;
        this.settings = settings;
        this.traps = traps;
        this.json = json;
        this.runs = runs;
        this.faults = faults;
    }

    GraphReply insights(GraphCall call, AdRange scope, Instant now) {
        Level scopeLevel = scopeLevel(scope);
        InsightQuery query = InsightQuery.parse(call, json, scope.account(), scopeLevel, now);
        InsightRows rows = new InsightRows(world.insights(), scope, query);
        if (call.method().equals("POST")) {
            String id = runs.start(scope, query, now, outcome(call, query, rows, now));
            return GraphReply.ok(Map.of("report_run_id", id));
        }
        if (rows.candidates() > settings.get().maxInsightRows()) {
            throw GraphError.reduceData(500, 1, null).ex();
        }
        return GraphReply.ok(Paging.page(call, traps.now(), rows.feed(), r -> r));
    }

    /** A fault rule first, then the size limit (data points: candidate rows x fields), then the shares of too-large and stuck runs. */
    private ReportRuns.Outcome outcome(GraphCall call, InsightQuery query, InsightRows rows, Instant now) {
        var rule = faults.take(call.path(), FaultRule.Scope.REPORT_RUN, now);
        if (rule.isPresent()) {
            return switch (rule.get().rule().kind()) {
                case "job_too_large" -> ReportRuns.Outcome.TOO_LARGE;
                case "job_stuck" -> ReportRuns.Outcome.STUCK;
                default -> ReportRuns.Outcome.FAILS;
            };
        }
        var s = settings.get();
        if (rows.candidates() * query.fields().size() > s.maxReportRunDataPoints()) {
            return ReportRuns.Outcome.TOO_LARGE;
        }
        long serial = runs.next();
        if (Rng.unit(world.catalog().spec().seed(), 60, serial) < s.reportRunTooLargeRate()) {
            return ReportRuns.Outcome.TOO_LARGE;
        }
        return Rng.unit(world.catalog().spec().seed(), 61, serial) < s.reportRunStuckRate() ? ReportRuns.Outcome.STUCK
                : ReportRuns.Outcome.COMPLETES;
    }

    GraphReply reportRun(GraphCall call, Decoded id, String edge, Instant now) {
        ReportRuns.Run run = runs.find(Ids.of(id.kind(), id.number()))
                .orElseThrow(() -> GraphError.unknownObject(call.segment(0), call.method()).ex());
        int percent = run.outcome() == ReportRuns.Outcome.STUCK ? 0
                : run.fails() ? Math.min(percent(run, now), 50) : percent(run, now);
        String status = run.fails() && percent == 50 ? "Job Failed" : status(percent);
        if ("insights".equals(edge)) {
            if (!status.equals("Job Completed")) {
                throw GraphError.invalid("Report " + run.id() + " is not ready: async_status " + status).ex();
            }
            return GraphReply.ok(Paging.page(call, traps.now(),
                    new InsightRows(world.insights(), run.scope(), run.query()).feed(), r -> r));
        }
        if (edge != null) {
            throw GraphError.unknownPath(call.path()).ex();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("account_id", run.scope().account().accountId());
        m.put("async_status", status);
        m.put("async_percent_completion", percent);
        m.put("date_start", run.query().since().toString());
        m.put("date_stop", run.query().until().toString());
        m.put("time_ref", run.at().getEpochSecond());
        m.put("is_running", percent < 100 && !status.equals("Job Failed"));
        if (status.equals("Job Failed") && run.outcome() == ReportRuns.Outcome.TOO_LARGE) {
            m.put("error_code", -3);
            m.put("error_subcode", 1504045);
            m.put("error_message", "Async report too large. Please reduce the amount of data you're asking for.");
        } else if (status.equals("Job Failed")) {
            m.put("error_code", -2);
            m.put("error_subcode", 2490547);
            m.put("error_message", "Async report failed. Please retry or reduce the amount of data.");
        }
        if (percent == 100) {
            m.put("time_completed", run.at().plusSeconds(settings.get().asyncReportSeconds()).getEpochSecond());
        }
        return GraphReply.ok(Fields.select(m, Fields.of(call, m.keySet())));
    }

    private int percent(ReportRuns.Run run, Instant now) {
        long total = Math.max(1, settings.get().asyncReportSeconds()) * 1000L;
        long elapsed = Duration.between(run.at(), now).toMillis();
        return settings.get().asyncReportSeconds() == 0 ? 100 : (int) Math.max(0, Math.min(100, elapsed * 100 / total));
    }

    private static String status(int percent) {
        if (percent >= 100) {
            return "Job Completed";
        }
        return percent == 0 ? "Job Not Started" : percent < 10 ? "Job Started" : "Job Running";
    }

    private Level scopeLevel(AdRange scope) {
        InsightEngine e = world.insights();
        int size = scope.toAd() - scope.fromAd();
        for (Level l : new Level[] { Level.AD, Level.ADSET, Level.CAMPAIGN }) {
            if (size <= e.adsPer(l) && scope.fromAd() % e.adsPer(l) == 0) {
                return l;
            }
        }
        return Level.ACCOUNT;
    }
}
