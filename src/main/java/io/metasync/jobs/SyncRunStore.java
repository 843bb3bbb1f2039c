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
            + "new_count, existing_count, graph_calls, failed_forms, processed_leads, errors";
    /** Counts only grow, so concurrent progress writes from several streams never go backwards. */
    private static final String PROGRESS = "total_processed = GREATEST(total_processed, $2), new_count = GREATEST(new_count, $3), "
            + "existing_count = GREATEST(existing_count, $4), graph_calls = GREATEST(graph_calls, $5), "
            + "failed_forms = CASE WHEN jsonb_array_length($6::jsonb) >= jsonb_array_length(failed_forms) THEN $6::jsonb ELSE failed_forms END, "
            + "processed_leads = CASE WHEN jsonb_array_length($7::jsonb) >= jsonb_array_length(processed_leads) THEN $7::jsonb ELSE processed_leads END, "
            + "errors = CASE WHEN jsonb_array_length($8::jsonb) >= jsonb_array_length(errors) THEN $8::jsonb ELSE errors END";

    private final Pool pool;
    private final AppClock clock;

    public SyncRunStore(Pool pool, AppClock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    Uni<Void> insert(UUID id, UUID workspaceId, String kind) {
        return pool.preparedQuery("INSERT INTO sync_run (id, workspace_id, kind, status, created_at) VALUES ($1, $2, $3, 'queued', $4)")
                .execute(Tuple.of(id, workspaceId, kind, now())).replaceWithVoid();
    }

    Uni<Void> started(UUID id) {
        return pool.preparedQuery("UPDATE sync_run SET status = 'running', started_at = $2 WHERE id = $1")
                .execute(Tuple.of(id, now())).replaceWithVoid();
    }

    /** Persists the counts so far (after a committed batch). */
    public Uni<Void> progress(RunProgress p) {
        return pool.preparedQuery("UPDATE sync_run SET " + PROGRESS + " WHERE id = $1")
                .execute(progressTuple(p)).replaceWithVoid();
    }

    Uni<Void> finished(RunProgress p, String status) {
        return pool.preparedQuery("UPDATE sync_run SET " + PROGRESS + ", status = $9, finished_at = $10 WHERE id = $1")
                .execute(progressTuple(p).addString(status).addOffsetDateTime(now())).replaceWithVoid();
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
        OffsetDateTime afterTime = page.cursor() == null ? null : cursorTime(page.cursor());
        UUID afterId = page.cursor() == null ? null : cursorId(page.cursor());
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

    private static OffsetDateTime cursorTime(Cursor c) {
        try {
            return OffsetDateTime.parse(c.key(0));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    private static UUID cursorId(Cursor c) {
        try {
            return UUID.fromString(c.key(1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    private Tuple progressTuple(RunProgress p) {
        return Tuple.tuple().addUUID(p.runId).addLong(p.total.get()).addLong(p.created.get()).addLong(p.existing.get())
                .addLong(p.graphCalls.get()).addValue(p.failedJson()).addValue(p.processedJson()).addValue(p.errorsJson());
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
                objects(r, "errors").stream().map(o -> o.getString("value")).toList());
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
