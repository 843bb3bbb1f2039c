package io.metasync.sandbox.graph;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.InsightEngine.AdRange;
import io.quarkus.arc.profile.IfBuildProfile;

/** Async insights report runs: the query, when it started, how it will end; the newest 10,000 are kept. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class ReportRuns {

    private static final int KEEP = 10_000;

    /** How a run ends: completes, fails (-2/2490547), fails as too large (-3/1504045), or never starts. */
    enum Outcome {
        COMPLETES, FAILS, TOO_LARGE, STUCK
    }

    record Run(String id, AdRange scope, InsightQuery query, Instant at, Outcome outcome) {

        boolean fails() {
            return outcome == Outcome.FAILS || outcome == Outcome.TOO_LARGE;
        }
    }

    private final AtomicLong serial = new AtomicLong();
    private final Map<String, Run> runs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
            return size() > KEEP;
        }
    };

    /** The serial the next run will get (decides its random outcome, so runs repeat exactly). */
    long next() {
        return serial.get() + 1;
    }

    synchronized String start(AdRange scope, InsightQuery query, Instant now, Outcome outcome) {
        String id = Ids.of(Ids.Kind.REPORT_RUN, serial.incrementAndGet());
        runs.put(id, new Run(id, scope, query, now, outcome));
        return id;
    }

    synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized void clear() {
        runs.clear();
    }
}
