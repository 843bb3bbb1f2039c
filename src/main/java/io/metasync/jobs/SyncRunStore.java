package io.metasync.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.jobs.RunProgress.FailedForm;
import io.metasync.jobs.RunProgress.ProcessedLead;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code sync_run} table, always read within the caller's workspace. */
@ApplicationScoped
public class SyncRunStore {

    private static final String COLUMNS = "id, kind, status, created_at, started_at, finished_at, total_processed, "
            + "new_count, existing_count, graph_calls, failed_forms, processed_leads, errors, rows_ingested, rows_updated, async_jobs";
    /** Counts only grow, so concurrent progress writes from several streams never go backwards. */
    private static final String PROGRESS = "total_processed = GREATEST(total_processed, $2), new_count = GREATEST(new_count, $3), "
            + "existing_count = GREATEST(existing_count, $4), graph_calls = GREATEST(graph_calls, $5), "
            + "failed_forms = CASE WHEN jsonb_array_length($6::jsonb) >= jsonb_array_length(failed_forms) THEN $6::jsonb ELSE failed_forms END, "
            + "processed_leads = CASE WHEN jsonb_array_length($7::jsonb) >= jsonb_array_length(processed_leads) THEN $7::jsonb ELSE processed_leads END, "
            + "errors = CASE WHEN jsonb_array_length($8::jsonb) >= jsonb_array_length(errors) THEN $8::jsonb ELSE errors END, "
            + "rows_ingested = GREATEST(rows_ingested, $9), rows_updated = GREATEST(rows_updated, $10), "
            + "async_jobs = GREATEST(async_jobs, $11)";

    private final Pool pool;
    private final AppClock clock;
    private final java.time.Duration minWrite;

    public SyncRunStore(Pool pool, AppClock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "metasync.sync-runs.poll-interval", defaultValue = "PT0.5S")
            java.time.Duration minWrite) {
        this.pool = pool;
        this.clock = clock;
        this.minWrite = minWrite;
    }

    Uni<Void> insert(UUID id, UUID workspaceId, String kind) {
        return pool.preparedQuery("INSERT INTO sync_run (id, workspace_id, kind, status, created_at, heartbeat_at)"
                + " VALUES ($1, $2, $3, 'queued', $4, now())")
                .execute(Tuple.of(id, workspaceId, kind, now())).replaceWithVoid();
    }

    Uni<Void> started(UUID id) {
        return pool.preparedQuery("UPDATE sync_run SET status = 'running', started_at = $2, heartbeat_at = now() WHERE id = $1")
                .execute(Tuple.of(id, now())).replaceWithVoid();
    }

    /**
     * Persists the counts so far (after a committed batch) when the last write is older than
     * {@code metasync.sync-runs.poll-interval}: readers poll at that pace, and one row rewritten after
     * every batch of every concurrent form would cost the database more than the leads themselves.
     */
    public Uni<Void> progress(RunProgress p) {
        long now = System.nanoTime();
        long last = p.persistedAt.get();
        if (now - last < minWrite.toNanos() || !p.persistedAt.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return write(p);
    }

    /** Persists the counts now (a failed form, for instance, is shown at once). */
    public Uni<Void> progressNow(RunProgress p) {
        p.persistedAt.set(System.nanoTime());
        return write(p);
    }

    private Uni<Void> write(RunProgress p) {
        return pool.preparedQuery("UPDATE sync_run SET " + PROGRESS + ", heartbeat_at = now() WHERE id = $1")
                .execute(progressTuple(p)).replaceWithVoid();
    }

    Uni<Void> finished(RunProgress p, String status) {
        return pool.preparedQuery("UPDATE sync_run SET " + PROGRESS + ", status = $12, finished_at = $13 WHERE id = $1")
                .execute(progressTuple(p).addString(status).addOffsetDateTime(now())).replaceWithVoid();
    }

    /** The run's replica is alive (database time, not the app clock: liveness is real time). */
    Uni<Void> heartbeat(UUID id) {
        return pool.preparedQuery("UPDATE sync_run SET heartbeat_at = now() WHERE id = $1 AND status IN ('queued', 'running')")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Marks failed every unfinished run whose heartbeat is older than {@code staleAfter}; answers how many. */
    Uni<Integer> failStale(java.time.Duration staleAfter, String reason) {
        return pool.preparedQuery("UPDATE sync_run SET status = 'failed', finished_at = $2,"
                + " errors = errors || jsonb_build_array($3::text)"
                + " WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) staleAfter.toSeconds(), now(), reason)).map(rows -> rows.rowCount());
    }

    /** Counts of work done outside a launched run (webhook processing), added to a window's run. */
    public record Tally(long total, long created, long existing, long graphCalls, List<ProcessedLead> processed,
            List<String> errors) {
    }

    /**
     * Adds {@code tally} to the workspace's run of {@code kind} for the window starting at {@code window}
     * (one row per window, created by the first tally): continuous work such as webhook processing shows
     * as one run per window, finished as of its latest tally, {@code partial} once an error was recorded.
     */
    public Uni<Void> accumulate(UUID workspaceId, String kind, OffsetDateTime window, Tally tally) {
        UUID id = UUID.nameUUIDFromBytes((workspaceId + "|" + kind + "|" + window.toInstant()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonArray processed = new JsonArray();
        tally.processed().forEach(p -> processed.add(new JsonObject().put("metaLeadId", p.metaLeadId()).put("status", p.status())
                .put("leadId", p.leadId() == null ? null : p.leadId().toString()).put("name", p.name())));
        OffsetDateTime now = now();
        return pool.preparedQuery("INSERT INTO sync_run AS r (id, workspace_id, kind, status, created_at, started_at, finished_at, "
                + "total_processed, new_count, existing_count, graph_calls, processed_leads, errors) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb) ON CONFLICT (id) DO UPDATE SET "
                + "status = CASE WHEN r.status = 'partial' THEN 'partial' ELSE EXCLUDED.status END, finished_at = EXCLUDED.finished_at, "
                + "total_processed = r.total_processed + EXCLUDED.total_processed, new_count = r.new_count + EXCLUDED.new_count, "
                + "existing_count = r.existing_count + EXCLUDED.existing_count, graph_calls = r.graph_calls + EXCLUDED.graph_calls, "
                + "processed_leads = CASE WHEN jsonb_array_length(r.processed_leads) >= " + RunProgress.MAX_PROCESSED
                + " THEN r.processed_leads ELSE r.processed_leads || EXCLUDED.processed_leads END, "
                + "errors = CASE WHEN jsonb_array_length(r.errors) >= " + RunProgress.MAX_ERRORS
                + " THEN r.errors ELSE r.errors || EXCLUDED.errors END")
                .execute(Tuple.from(java.util.Arrays.asList(id, workspaceId, kind, tally.errors().isEmpty() ? "succeeded" : "partial",
                        window, now, tally.total(), tally.created(), tally.existing(), tally.graphCalls(), processed,
                        new JsonArray(new ArrayList<>(tally.errors())))))
                .replaceWithVoid();
    }

    /** One of the workspace's runs; 404 for any other. */
    public Uni<SyncRunView> get(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_run WHERE id = $1 AND workspace_id = $2")
                .execute(Tuple.of(id, workspaceId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Sync run " + id);
                    }
                    return view(rows.iterator().next());
                });
    }

    /** The workspace's runs, newest first, keyset-paged on (created_at, id). */
    public Uni<Page<SyncRunView>> list(UUID workspaceId, String kind, String status, PageRequest page) {
        OffsetDateTime afterTime = page.cursor() == null ? null : page.cursor().timeAt(0);
        UUID afterId = page.cursor() == null ? null : page.cursor().uuidAt(1);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_run WHERE workspace_id = $1 "
                + "AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR status = $3) "
                + "AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5)) "
                + "ORDER BY created_at DESC, id DESC LIMIT $6")
                .execute(Tuple.from(java.util.Arrays.asList(workspaceId, kind, status, afterTime, afterId, page.fetchSize())))
                .map(rows -> {
                    List<SyncRunView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(view(r)));
                    return Cursor.page(list, page, v -> Cursor.of(v.createdAt().toString(), v.id().toString()));
                });
    }


    private Tuple progressTuple(RunProgress p) {
        return Tuple.tuple().addUUID(p.runId).addLong(p.total.get()).addLong(p.created.get()).addLong(p.existing.get())
                .addLong(p.graphCalls.get()).addValue(p.failedJson()).addValue(p.processedJson()).addValue(p.errorsJson())
                .addLong(p.rowsIngested.get()).addLong(p.rowsUpdated.get()).addLong(p.asyncJobs.get());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static SyncRunView view(Row r) {
        return new SyncRunView(r.getUUID("id"), r.getString("kind"), r.getString("status"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"), r.getLong("total_processed"),
                r.getLong("new_count"), r.getLong("existing_count"), r.getLong("graph_calls"),
                objects(r, "failed_forms").stream().map(o -> new FailedForm(o.getString("formId"), o.getString("kind"),
                        o.getString("message"))).toList(),
                objects(r, "processed_leads").stream().map(o -> new ProcessedLead(o.getString("metaLeadId"), o.getString("status"),
                        o.getString("leadId") == null ? null : UUID.fromString(o.getString("leadId")), o.getString("name"))).toList(),
                objects(r, "errors").stream().map(o -> o.getString("value")).toList(), r.getLong("rows_ingested"),
                r.getLong("rows_updated"), r.getLong("async_jobs"));
    }

    private static List<JsonObject> objects(Row r, String column) {
        Object value = r.getValue(column);
        JsonArray array = value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value));
        List<JsonObject> out = new ArrayList<>();
        for (Object o : array) {
            out.add(o instanceof JsonObject j ? j : new JsonObject().put("value", o));
        }
        return out;
    }
}
