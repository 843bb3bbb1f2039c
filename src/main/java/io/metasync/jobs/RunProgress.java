package io.metasync.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The live counts of one sync run, updated by the work as it goes (from several streams at once) and
 * persisted by {@link SyncRunStore} after committed batches, at most every poll interval. Lists are bounded: the first
 * {@value #MAX_PROCESSED} processed leads, the first {@value #MAX_ERRORS} errors.
 */
public final class RunProgress {

    public static final int MAX_PROCESSED = 100;
    static final int MAX_ERRORS = 100;

    /** A unit of work (a form) that failed while the others went on. */
    @RegisterForReflection
    public record FailedForm(String formId, String kind, String message) {
    }

    /** One lead as the run saw it: {@code created} now, or {@code existing} already stored. */
    @RegisterForReflection
    public record ProcessedLead(String metaLeadId, String status, UUID leadId, String name) {
    }

    final UUID runId;
    final AtomicLong total = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong existing = new AtomicLong();
    final AtomicLong graphCalls = new AtomicLong();
    final AtomicLong units = new AtomicLong();
    /** When the counts were last written ({@link System#nanoTime()}), so batches do not each rewrite the run's row. */
    final AtomicLong persistedAt = new AtomicLong(System.nanoTime());
    final AtomicLong rowsIngested = new AtomicLong();
    final AtomicLong rowsUpdated = new AtomicLong();
    final AtomicLong asyncJobs = new AtomicLong();
    private final AtomicLong failedUnits = new AtomicLong();
    private final List<FailedForm> failed = new ArrayList<>();
    private final List<ProcessedLead> processed = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    RunProgress(UUID runId) {
        this.runId = runId;
    }

    public UUID runId() {
        return runId;
    }

    /** A unit of work (a form) starts; the run fails when every unit failed. */
    public void unitStarted() {
        units.incrementAndGet();
    }

    public void graphCalls(long calls) {
        graphCalls.addAndGet(calls);
    }

    /** Rows written by an insights run: {@code ingested} new ones, {@code updated} replaced ones. */
    public void rows(long ingested, long updated) {
        rowsIngested.addAndGet(ingested);
        rowsUpdated.addAndGet(updated);
    }

    /** An async report run was started. */
    public void asyncJob() {
        asyncJobs.incrementAndGet();
    }

    public long graphCalls() {
        return graphCalls.get();
    }

    public synchronized void processed(ProcessedLead lead) {
        total.incrementAndGet();
        (lead.status().equals("created") ? created : existing).incrementAndGet();
        if (processed.size() < MAX_PROCESSED) {
            processed.add(lead);
        }
    }

    public synchronized void failed(FailedForm form) {
        failed.add(form);
        error(form.formId() + ": " + form.message());
    }

    /** A unit of work other than a form (e.g. an insights slice) failed while the others went on. */
    public void unitFailed(String unit, String message) {
        failedUnits.incrementAndGet();
        error(unit + ": " + message);
    }

    public synchronized void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    public long created() {
        return created.get();
    }

    public long existing() {
        return existing.get();
    }

    public long rowsIngested() {
        return rowsIngested.get();
    }

    public long rowsUpdated() {
        return rowsUpdated.get();
    }

    synchronized int failedCount() {
        return failed.size() + (int) failedUnits.get();
    }

    synchronized JsonArray failedJson() {
        JsonArray a = new JsonArray();
        failed.forEach(f -> a.add(new JsonObject().put("formId", f.formId()).put("kind", f.kind()).put("message", f.message())));
        return a;
    }

    synchronized JsonArray processedJson() {
        JsonArray a = new JsonArray();
        processed.forEach(p -> a.add(new JsonObject().put("metaLeadId", p.metaLeadId()).put("status", p.status())
                .put("leadId", p.leadId() == null ? null : p.leadId().toString()).put("name", p.name())));
        return a;
    }

    synchronized JsonArray errorsJson() {
        return new JsonArray(new ArrayList<>(errors));
    }
}
