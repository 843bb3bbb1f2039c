package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.outbound.OutboundViews.AttemptView;
import io.metasync.outbound.OutboundViews.DeliveryView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code outbound_delivery} table: the relay's claim ({@code FOR UPDATE SKIP LOCKED} plus a lease,
 * so replicas never hold the same delivery), results fenced by the lease owner, the delivery log and replay.
 */
@ApplicationScoped
public class DeliveryStore {

    /** The statuses {@code GET /deliveries?status=} accepts. */
    public static final Set<String> STATUSES = Set.of("pending", "failed", "delivered", "dead", "skipped");

    /** A delivery claimed by a relay. */
    public record Claimed(UUID id, UUID workspaceId, UUID destinationId, UUID leadId, int step, int attempts, OffsetDateTime retryFrom) {
    }

    /**
     * How one attempt ended, and the delivery's state after it; {@code followUpAt}: when the destination's
     * next step for the lead is due (null: none).
     */
    public record Result(String status, String outcome, Integer statusCode, String error, long durationMs, OffsetDateTime nextAttemptAt,
            OffsetDateTime followUpAt) {
    }

    private static final String CLAIM = "UPDATE outbound_delivery SET lease_owner = $1, lease_until = $2 WHERE id IN"
            + " (SELECT id FROM outbound_delivery WHERE status IN ('pending', 'failed') AND next_attempt_at <= $3"
            + " AND (lease_until IS NULL OR lease_until < $3) ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id, workspace_id, destination_id, lead_id, step, attempts, retry_from";
    private static final String FINISH = "UPDATE outbound_delivery SET status = $3::text, attempts = attempts + 1, next_attempt_at = $4,"
            + " last_error = $5, last_status_code = $6, updated_at = $7,"
            + " delivered_at = CASE WHEN $3::text = 'delivered' THEN $7 ELSE delivered_at END, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = $1 AND lease_owner = $2 RETURNING workspace_id, attempts";
    private static final String FOLLOW_UP = "INSERT INTO outbound_delivery (id, workspace_id, destination_id, lead_id, step, status,"
            + " next_attempt_at, retry_from, created_at, updated_at) SELECT gen_random_uuid(), workspace_id, destination_id, lead_id,"
            + " step + 1, 'pending', $2, $2, $3, $3 FROM outbound_delivery WHERE id = $1"
            + " ON CONFLICT (destination_id, lead_id, step) DO NOTHING";
    private static final String ATTEMPT = "INSERT INTO outbound_attempt (delivery_id, attempt, workspace_id, at, outcome, status_code,"
            + " error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String COLUMNS = "id, destination_id, lead_id, step, status, attempts, last_error, last_status_code, next_attempt_at,"
            + " created_at, delivered_at";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} due deliveries, reserved for {@code owner} until {@code leaseUntil}. */
    public Uni<List<Claimed>> claim(String owner, OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(owner, leaseUntil, now, limit)).map(rows -> {
            List<Claimed> out = new ArrayList<>();
            rows.forEach(r -> out.add(new Claimed(r.getUUID("id"), r.getUUID("workspace_id"), r.getUUID("destination_id"),
                    r.getUUID("lead_id"), r.getInteger("step"), r.getInteger("attempts"), r.getOffsetDateTime("retry_from"))));
            return out;
        });
    }

    /**
     * Records an attempt and the delivery's new state (and queues the next follow-up step), in one
     * transaction, only while {@code owner} still holds the lease; answers false when it lost it (then
     * nothing is written).
     */
    public Uni<Boolean> finish(UUID id, String owner, OffsetDateTime at, Result result) {
        return pool.withTransaction(conn -> conn.preparedQuery(FINISH)
                .execute(Tuple.from(Arrays.asList(id, owner, result.status(), result.nextAttemptAt(), result.error(),
                        result.statusCode(), at)))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row r = rows.iterator().next();
                    return conn.preparedQuery(ATTEMPT).execute(Tuple.from(Arrays.asList(id, r.getInteger("attempts"),
                            r.getUUID("workspace_id"), at, result.outcome(), result.statusCode(), result.error(), result.durationMs())))
                            .flatMap(v -> result.followUpAt() == null ? Uni.createFrom().voidItem()
                                    : conn.preparedQuery(FOLLOW_UP).execute(Tuple.of(id, result.followUpAt(), at)).replaceWithVoid())
                            .replaceWith(true);
                }));
    }

    /** The workspace's deliveries, newest first, keyset on (created_at, id), with their attempts. */
    public Uni<Page<DeliveryView>> list(UUID workspaceId, UUID destinationId, String status, PageRequest page) {
        List<Object> values = new ArrayList<>();
        values.add(workspaceId);
        StringBuilder where = new StringBuilder(" WHERE workspace_id = $1");
        if (destinationId != null) {
            values.add(destinationId);
            where.append(" AND destination_id = $").append(values.size());
        }
        if (status != null) {
            values.add(status);
            where.append(" AND status = $").append(values.size());
        }
        if (page.cursor() != null) {
            values.add(page.cursor().timeAt(0));
            values.add(page.cursor().uuidAt(1));
            where.append(" AND (created_at, id) < ($").append(values.size() - 1).append(", $").append(values.size()).append(')');
        }
        values.add(page.fetchSize());
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM outbound_delivery" + where + " ORDER BY created_at DESC, id DESC LIMIT $"
                + values.size()).execute(Tuple.from(values)).flatMap(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    Page<Row> cut = Cursor.page(list, page,
                            r -> Cursor.of(DestinationStore.utc(r.getOffsetDateTime("created_at")).toString(), r.getUUID("id").toString()));
                    return attempts(workspaceId, cut.items().stream().map(r -> r.getUUID("id")).toList())
                            .map(log -> new Page<>(cut.items().stream().map(r -> view(r, log)).toList(), cut.nextCursor()));
                });
    }

    /** One delivery of the workspace; a 404 problem otherwise. */
    public Uni<DeliveryView> get(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM outbound_delivery WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Delivery " + id);
                    }
                    Row r = rows.iterator().next();
                    return attempts(workspaceId, List.of(id)).map(log -> view(r, log));
                });
    }

    /**
     * Re-queues a failed, dead or skipped delivery now, with a fresh retry window; 404 when it is not the
     * workspace's, 409 when it is pending or already delivered.
     */
    public Uni<Void> replay(UUID workspaceId, UUID id, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE outbound_delivery SET status = 'pending', next_attempt_at = $3, retry_from = $3, updated_at = $3,"
                + " lease_owner = NULL, lease_until = NULL WHERE workspace_id = $1 AND id = $2 AND status IN ('failed', 'dead', 'skipped')")
                .execute(Tuple.of(workspaceId, id, now)).flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : get(workspaceId, id).map(d -> {
                            throw ProblemException.conflict("delivery-not-replayable",
                                    "Delivery " + id + " is " + d.status() + "; only failed, dead or skipped deliveries can be replayed");
                        }));
    }

    /** Seconds since the oldest due delivery (pending or failed) became due; 0 when none is due. */
    public Uni<Long> oldestDueSeconds(OffsetDateTime now) {
        return pool.preparedQuery("SELECT min(next_attempt_at) AS oldest FROM outbound_delivery WHERE status IN ('pending', 'failed')")
                .execute().map(rows -> {
                    OffsetDateTime oldest = rows.iterator().next().getOffsetDateTime("oldest");
                    return oldest == null || oldest.isAfter(now) ? 0L : now.toEpochSecond() - oldest.toEpochSecond();
                });
    }

    private Uni<Map<UUID, List<AttemptView>>> attempts(UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT delivery_id, attempt, at, outcome, status_code, error, duration_ms FROM outbound_attempt"
                + " WHERE workspace_id = $1 AND delivery_id = ANY($2::uuid[]) ORDER BY delivery_id, attempt")
                .execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<AttemptView>> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID("delivery_id"), k -> new ArrayList<>())
                            .add(new AttemptView(r.getInteger("attempt"), DestinationStore.utc(r.getOffsetDateTime("at")),
                                    r.getString("outcome"), r.getInteger("status_code"), r.getString("error"), r.getLong("duration_ms"))));
                    return out;
                });
    }

    private static DeliveryView view(Row r, Map<UUID, List<AttemptView>> log) {
        String status = r.getString("status");
        boolean due = "pending".equals(status) || "failed".equals(status);
        return new DeliveryView(r.getUUID("id"), r.getUUID("destination_id"), r.getUUID("lead_id"), r.getInteger("step"), status,
                r.getInteger("attempts"),
                r.getString("last_error"), r.getInteger("last_status_code"),
                due ? DestinationStore.utc(r.getOffsetDateTime("next_attempt_at")) : null, DestinationStore.utc(r.getOffsetDateTime("created_at")),
                DestinationStore.utc(r.getOffsetDateTime("delivered_at")), log.getOrDefault(r.getUUID("id"), List.of()));
    }
}
