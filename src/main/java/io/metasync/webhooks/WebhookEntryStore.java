package io.metasync.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code webhook_event} and {@code webhook_entry} tables (V30), for the router, the page jobs and the API. */
@ApplicationScoped
class WebhookEntryStore {

    /** A stored delivery claimed for routing. */
    record Claimed(long id, byte[] body, OffsetDateTime receivedAt, int attempts) {
    }

    /** A row to insert into {@code webhook_entry}. */
    record NewEntry(long eventId, int entryIndex, UUID workspaceId, String pageId, String object, String kind,
            String payload, int changes, String status, OffsetDateTime nextAttemptAt, OffsetDateTime receivedAt) {
    }

    /** An entry to process. */
    record Entry(long id, long eventId, UUID workspaceId, String pageId, String kind, ArrayNode items, int attempts,
            OffsetDateTime nextAttemptAt, OffsetDateTime receivedAt) {
    }

    /** What became of a processed entry. */
    record Outcome(long id, String status, String error, OffsetDateTime nextAttemptAt, boolean countAttempt) {
    }


    private final Pool pool;
    private final AppClock clock;
    private final ObjectMapper json;

    WebhookEntryStore(Pool pool, AppClock clock, ObjectMapper json) {
        this.pool = pool;
        this.clock = clock;
        this.json = json;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Received deliveries (and those whose router's lease expired), oldest first, for {@code owner}. */
    Uni<List<Claimed>> claimEvents(String owner, int limit, java.time.Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_event SET claimed_by = $1, lease_until = $2, attempts = attempts + 1 "
                + "WHERE id IN (SELECT id FROM webhook_event WHERE status = 'received' AND (lease_until IS NULL OR lease_until < $3) "
                + "ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING id, body, received_at, attempts")
                .execute(Tuple.of(owner, now.plus(lease), now, limit))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Claimed(r.getLong("id"), r.getBuffer("body").getBytes(),
                            r.getOffsetDateTime("received_at"), r.getInteger("attempts"))));
                    out.sort(java.util.Comparator.comparingLong(Claimed::id));
                    return out;
                });
    }

    /** Routed deliveries: their entries inserted and the deliveries marked, if still this owner's. */
    Uni<Integer> insertRouted(SqlClient tx, String owner, List<Long> routed, List<NewEntry> entries) {
        Uni<Integer> marked = tx.preparedQuery("UPDATE webhook_event SET status = 'routed', routed_at = $3, claimed_by = NULL, "
                + "lease_until = NULL WHERE id = ANY($1) AND claimed_by = $2 AND status = 'received'")
                .execute(Tuple.of(routed.toArray(Long[]::new), owner, now())).map(rows -> rows.rowCount());
        return marked.flatMap(n -> {
            if (n != routed.size()) {
                return Uni.createFrom().failure(new IllegalStateException("deliveries were taken over by another replica"));
            }
            return insertEntries(tx, entries).replaceWith(n);
        });
    }

    Uni<Void> insertEntries(SqlClient tx, List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        Long[] events = new Long[n];
        Integer[] indexes = new Integer[n], changes = new Integer[n];
        UUID[] workspaces = new UUID[n];
        String[] pages = new String[n], objects = new String[n], kinds = new String[n], payloads = new String[n], statuses = new String[n];
        OffsetDateTime[] next = new OffsetDateTime[n], received = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewEntry e = entries.get(i);
            events[i] = e.eventId();
            indexes[i] = e.entryIndex();
            workspaces[i] = e.workspaceId();
            pages[i] = e.pageId();
            objects[i] = e.object();
            kinds[i] = e.kind();
            payloads[i] = e.payload();
            changes[i] = e.changes();
            statuses[i] = e.status();
            next[i] = e.nextAttemptAt();
            received[i] = e.receivedAt();
        }
        return tx.preparedQuery("INSERT INTO webhook_entry (event_id, entry_index, workspace_id, page_id, object, kind, payload, "
                + "changes, status, next_attempt_at, received_at) SELECT t.e, t.i, t.ws, t.p, t.o, t.k, t.pl::jsonb, t.c, t.s, t.n, t.r "
                + "FROM unnest($1::bigint[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], "
                + "$9::text[], $10::timestamptz[], $11::timestamptz[]) WITH ORDINALITY AS t(e, i, ws, p, o, k, pl, c, s, n, r, ord) "
                + "ORDER BY t.ord")
                .execute(Tuple.from(Arrays.asList(events, indexes, workspaces, pages, objects, kinds, payloads, changes, statuses,
                        next, received)))
                .replaceWithVoid();
    }

    /** A delivery that can never be routed (unreadable, or routing failed too often). */
    Uni<Void> dead(long eventId, String reason) {
        return pool.preparedQuery("UPDATE webhook_event SET status = 'dead', last_error = $2, claimed_by = NULL, lease_until = NULL "
                + "WHERE id = $1").execute(Tuple.of(eventId, reason)).replaceWithVoid();
    }

    /** The Page's pending entries in delivery order (at most {@code limit}). */
    Uni<List<Entry>> pending(String pageId, int limit) {
        return pool.preparedQuery("SELECT id, event_id, workspace_id, page_id, kind, payload::text AS payload, attempts, "
                + "next_attempt_at, received_at FROM webhook_entry WHERE page_id = $1 AND status = 'pending' "
                + "ORDER BY event_id, id LIMIT $2")
                .execute(Tuple.of(pageId, limit)).map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(entry(r)));
                    return out;
                });
    }

    /** The Page's unrouted entries due for another look. */
    Uni<List<Entry>> dueUnrouted(String pageId, int limit) {
        return pool.preparedQuery("SELECT id, event_id, workspace_id, page_id, kind, payload::text AS payload, attempts, "
                + "next_attempt_at, received_at FROM webhook_entry WHERE page_id = $1 AND status = 'unrouted' "
                + "AND next_attempt_at <= $2 ORDER BY event_id, id LIMIT $3")
                .execute(Tuple.of(pageId, now(), limit)).map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(entry(r)));
                    return out;
                });
    }

    /** When the Page's next entry (pending or unrouted) is due, or null when it has none. */
    Uni<OffsetDateTime> nextDue(String pageId) {
        return pool.preparedQuery("SELECT min(next_attempt_at) FROM webhook_entry WHERE page_id = $1 "
                + "AND status IN ('pending', 'unrouted')")
                .execute(Tuple.of(pageId)).map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** Unrouted entries that now have workspaces: the first takes the row, the others get copies. */
    Uni<Void> reroute(Entry entry, List<UUID> workspaces) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE webhook_entry SET workspace_id = $2, status = 'pending', "
                + "next_attempt_at = $3 WHERE id = $1 AND status = 'unrouted'")
                .execute(Tuple.of(entry.id(), workspaces.get(0), now))
                .flatMap(rows -> rows.rowCount() == 0 || workspaces.size() == 1 ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO webhook_entry (event_id, entry_index, workspace_id, page_id, object, kind, "
                                + "payload, changes, status, next_attempt_at, received_at) SELECT event_id, entry_index, w, page_id, "
                                + "object, kind, payload, changes, 'pending', $3, received_at FROM webhook_entry, unnest($2::uuid[]) AS w "
                                + "WHERE id = $1")
                                .execute(Tuple.of(entry.id(), workspaces.subList(1, workspaces.size()).toArray(UUID[]::new), now))
                                .replaceWithVoid()));
    }

    Uni<Void> stillUnrouted(List<Long> ids, OffsetDateTime next) {
        return pool.preparedQuery("UPDATE webhook_entry SET next_attempt_at = $2 WHERE id = ANY($1) AND status = 'unrouted'")
                .execute(Tuple.of(ids.toArray(Long[]::new), next)).replaceWithVoid();
    }

    /** Records outcomes in one statement. */
    Uni<Void> record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n], errors = new String[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        Boolean[] counted = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.id();
            statuses[i] = o.status();
            errors[i] = o.error() == null ? null : truncate(o.error());
            next[i] = o.nextAttemptAt();
            counted[i] = o.countAttempt();
        }
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_entry e SET status = t.s, last_error = t.err, "
                + "next_attempt_at = COALESCE(t.n, e.next_attempt_at), attempts = e.attempts + CASE WHEN t.c THEN 1 ELSE 0 END, "
                + "processed_at = CASE WHEN t.s = 'pending' THEN NULL ELSE $6::timestamptz END "
                + "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[]) AS t(id, s, err, n, c) "
                + "WHERE e.id = t.id")
                .execute(Tuple.from(Arrays.asList(ids, statuses, errors, next, counted, now))).replaceWithVoid();
    }

    /** Retention: processed/ignored/unrouted entries and routed deliveries older than {@code before}, dead ones older than {@code deadBefore}. */
    Uni<Long> deleteOld(OffsetDateTime before, OffsetDateTime deadBefore, int limit) {
        return pool.preparedQuery("DELETE FROM webhook_entry WHERE id IN (SELECT id FROM webhook_entry WHERE "
                + "(status IN ('processed', 'ignored', 'unrouted') AND received_at < $1) OR (status = 'dead' AND received_at < $2) "
                + "LIMIT $3)")
                .execute(Tuple.of(before, deadBefore, limit)).map(rows -> (long) rows.rowCount())
                .flatMap(entries -> pool.preparedQuery("DELETE FROM webhook_event WHERE id IN (SELECT ev.id FROM webhook_event ev "
                        + "WHERE ev.received_at < $1 AND (ev.status = 'routed' OR (ev.status = 'dead' AND ev.received_at < $2)) "
                        + "AND NOT EXISTS (SELECT 1 FROM webhook_entry en WHERE en.event_id = ev.id) LIMIT $3)")
                        .execute(Tuple.of(before, deadBefore, limit)).map(rows -> entries + rows.rowCount()));
    }

    /** Entries and deliveries dead now (the metrics gauge). */
    Uni<Long> deadCount() {
        return pool.query("SELECT (SELECT count(*) FROM webhook_entry WHERE status = 'dead') "
                + "+ (SELECT count(*) FROM webhook_event WHERE status = 'dead')").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Entry entry(Row r) {
        return new Entry(r.getLong("id"), r.getLong("event_id"), r.getUUID("workspace_id"), r.getString("page_id"),
                r.getString("kind"), items(r), r.getInteger("attempts"), r.getOffsetDateTime("next_attempt_at"),
                r.getOffsetDateTime("received_at"));
    }

    private ArrayNode items(Row r) {
        return items(json, r);
    }

    /** An entry's stored payload (its changes or messaging items). */
    static ArrayNode items(ObjectMapper json, Row r) {
        try {
            return (ArrayNode) json.readTree(r.getString("payload"));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("webhook_entry " + r.getLong("id") + " holds an unreadable payload", e);
        }
    }

    static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
