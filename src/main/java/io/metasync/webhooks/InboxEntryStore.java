package io.metasync.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The messaging entries of {@code webhook_entry} on their way to the inbox ({@link WebhookInboxRelay}). */
@ApplicationScoped
class InboxEntryStore {

    private final Pool pool;
    private final WebhookEntryStore entries;
    private final ObjectMapper json;

    InboxEntryStore(Pool pool, WebhookEntryStore entries, ObjectMapper json) {
        this.pool = pool;
        this.entries = entries;
        this.json = json;
    }

    OffsetDateTime now() {
        return entries.now();
    }

    /** A messaging entry claimed for the inbox. */
    record InboxEntry(long id, long eventId, int entryIndex, String object, String pageId, ArrayNode items, int attempts) {
    }

    /**
     * Messaging entries due for the inbox, oldest first; each claimed for {@code lease} (its next attempt
     * moves past it, so another replica takes it over only if this one dies) and its attempt counted.
     */
    Uni<List<InboxEntry>> claim(int limit, java.time.Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_entry SET attempts = attempts + 1, next_attempt_at = $1 WHERE id IN "
                + "(SELECT id FROM webhook_entry WHERE status = 'pending_inbox' AND next_attempt_at <= $2 ORDER BY id LIMIT $3 "
                + "FOR UPDATE SKIP LOCKED) RETURNING id, event_id, entry_index, object, page_id, payload::text AS payload, attempts")
                .execute(Tuple.of(now.plus(lease), now, limit)).map(rows -> {
                    List<InboxEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new InboxEntry(r.getLong("id"), r.getLong("event_id"), r.getInteger("entry_index"),
                            r.getString("object"), r.getString("page_id"), WebhookEntryStore.items(json, r), r.getInteger("attempts"))));
                    out.sort(java.util.Comparator.comparingLong(InboxEntry::id));
                    return out;
                });
    }

    /**
     * What became of a messaging entry's rows (one per workspace of its Page): {@code status} with its reason,
     * the workspace a row without one is listed under, and the next attempt while they stay pending.
     */
    Uni<Void> outcome(List<Long> ids, String status, UUID workspaceId, String error, OffsetDateTime nextAttemptAt) {
        return pool.preparedQuery("UPDATE webhook_entry SET status = $2, workspace_id = COALESCE(workspace_id, $3), "
                + "last_error = $4, next_attempt_at = COALESCE($5, next_attempt_at), "
                + "processed_at = CASE WHEN $2 = 'pending_inbox' THEN NULL ELSE $6::timestamptz END WHERE id = ANY($1)")
                .execute(Tuple.from(Arrays.asList(ids.toArray(Long[]::new), status, workspaceId,
                        error == null ? null : WebhookEntryStore.truncate(error), nextAttemptAt, now())))
                .replaceWithVoid();
    }
}
