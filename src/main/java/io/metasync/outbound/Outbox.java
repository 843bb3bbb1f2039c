package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: called by the leads room inside the transaction that inserts new leads, it
 * writes one delivery per new lead and matching enabled destination (no form filter, or the lead's form
 * in it). The unique key (destination, lead) makes a lead handed on at most once per destination, however
 * often it is synced or pushed by webhook; the relay ({@link OutboxRelay}) sends them after commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String ENQUEUE = "INSERT INTO outbound_delivery (id, workspace_id, destination_id, lead_id, status,"
            + " next_attempt_at, retry_from, created_at, updated_at)"
            + " SELECT gen_random_uuid(), d.workspace_id, d.id, l.id, 'pending', $4, $4, $4, $4"
            + " FROM outbound_destination d CROSS JOIN unnest($3::uuid[]) AS l(id)"
            + " WHERE d.workspace_id = $1 AND d.enabled AND (cardinality(d.form_ids) = 0 OR $2 = ANY(d.form_ids))"
            + " ON CONFLICT (destination_id, lead_id, step) DO NOTHING";

    private final AppClock clock;

    public Outbox(AppClock clock) {
        this.clock = clock;
    }

    /** In the caller's transaction: deliveries for {@code createdLeadIds}, all new leads of form {@code formId}. */
    public Uni<Void> enqueue(SqlConnection conn, UUID workspaceId, String formId, List<UUID> createdLeadIds) {
        if (createdLeadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return conn.preparedQuery(ENQUEUE)
                .execute(Tuple.of(workspaceId, formId, createdLeadIds.toArray(UUID[]::new), now))
                .replaceWithVoid();
    }
}
