package io.metasync.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A workspace's webhook events as the API shows them: listed by status, replayed. */
@ApplicationScoped
class WebhookEntryViews {

    static final String VIEW_COLUMNS = "id, event_id, page_id, object, kind, changes, status, attempts, last_error, "
            + "received_at, processed_at, next_attempt_at";

    private final Pool pool;
    private final WebhookEntryStore entries;

    WebhookEntryViews(Pool pool, WebhookEntryStore entries) {
        this.pool = pool;
        this.entries = entries;
    }

    private OffsetDateTime now() {
        return entries.now();
    }

    /** The workspace's entries, newest first. */
    Uni<Page<WebhookEntryView>> list(UUID workspaceId, String status, PageRequest page) {
        Long after = page.cursor() == null ? null : cursorId(page.cursor());
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM webhook_entry WHERE workspace_id = $1 "
                + "AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(workspaceId, status, after, page.fetchSize())))
                .map(rows -> {
                    List<WebhookEntryView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(view(r)));
                    return Cursor.page(list, page, v -> Cursor.of(Long.toString(v.id())));
                });
    }

    /** Puts a dead or processed leadgen entry of the workspace back to pending; 404 for another's, 409 for others. */
    Uni<WebhookEntryView> replay(UUID workspaceId, long id) {
        return pool.preparedQuery("UPDATE webhook_entry SET status = 'pending', attempts = 0, last_error = NULL, processed_at = NULL, "
                + "next_attempt_at = $3 WHERE id = $1 AND workspace_id = $2 AND kind = 'leadgen' AND status IN ('dead', 'processed') "
                + "RETURNING " + VIEW_COLUMNS)
                .execute(Tuple.of(id, workspaceId, now()))
                .flatMap(rows -> {
                    if (rows.size() == 1) {
                        return Uni.createFrom().item(view(rows.iterator().next()));
                    }
                    return pool.preparedQuery("SELECT status, kind FROM webhook_entry WHERE id = $1 AND workspace_id = $2")
                            .execute(Tuple.of(id, workspaceId)).map(found -> {
                                if (found.size() == 0) {
                                    throw ProblemException.notFound("Webhook event " + id);
                                }
                                Row r = found.iterator().next();
                                throw ProblemException.conflict("webhook-not-replayable", "Webhook event " + id + " is a "
                                        + r.getString("kind") + " event in status " + r.getString("status")
                                        + "; only dead or processed leadgen events can be replayed");
                            });
                });
    }

    private static WebhookEntryView view(Row r) {
        return new WebhookEntryView(r.getLong("id"), r.getLong("event_id"), r.getString("page_id"), r.getString("object"),
                r.getString("kind"), r.getInteger("changes"), r.getString("status"), r.getInteger("attempts"),
                r.getString("last_error"), utc(r.getOffsetDateTime("received_at")), utc(r.getOffsetDateTime("processed_at")),
                "pending".equals(r.getString("status")) ? utc(r.getOffsetDateTime("next_attempt_at")) : null);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Long cursorId(Cursor c) {
        try {
            return Long.valueOf(c.key(0));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API issued");
        }
    }
}
