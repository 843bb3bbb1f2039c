package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code outbound_destination} table; every query is scoped to a workspace. */
@ApplicationScoped
public class DestinationStore {

    private static final String COLUMNS = "id, workspace_id, kind, name, enabled, form_ids, config::text AS config, secret_sealed,"
            + " client_secret_sealed, disabled_reason, created_at, updated_at";

    private final Pool pool;
    private final ObjectMapper json;

    public DestinationStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<List<Destination>> list(UUID workspaceId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM outbound_destination WHERE workspace_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(workspaceId)).map(rows -> {
                    List<Destination> out = new ArrayList<>();
                    rows.forEach(r -> out.add(destination(r)));
                    return out;
                });
    }

    /** One destination of the workspace; a 404 problem otherwise. */
    public Uni<Destination> get(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM outbound_destination WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Destination " + id);
                    }
                    return destination(rows.iterator().next());
                });
    }

    public Uni<Destination> insert(Destination d) {
        return pool.preparedQuery("INSERT INTO outbound_destination (id, workspace_id, kind, name, enabled, form_ids, config,"
                + " secret_sealed, client_secret_sealed, disabled_reason, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(Arrays.asList(d.id(), d.workspaceId(), d.kind(), d.name(), d.enabled(), d.formIds().toArray(String[]::new),
                        d.config().toString(), d.secretSealed(), d.clientSecretSealed(), d.disabledReason(),
                        d.createdAt(), d.updatedAt())))
                .replaceWith(d);
    }

    public Uni<Destination> update(Destination d) {
        return pool.preparedQuery("UPDATE outbound_destination SET kind = $3, name = $4, enabled = $5, form_ids = $6, config = $7::text::jsonb,"
                + " secret_sealed = $8, client_secret_sealed = $9, disabled_reason = $10, updated_at = $11"
                + " WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(d.workspaceId(), d.id(), d.kind(), d.name(), d.enabled(), d.formIds().toArray(String[]::new),
                        d.config().toString(), d.secretSealed(), d.clientSecretSealed(), d.disabledReason(),
                        d.updatedAt())))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Destination " + d.id());
                    }
                    return d;
                });
    }

    /** Deletes the destination and, by cascade, its deliveries; a 404 problem when it is not the workspace's. */
    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return pool.preparedQuery("DELETE FROM outbound_destination WHERE workspace_id = $1 AND id = $2").execute(Tuple.of(workspaceId, id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Destination " + id);
                    }
                    return null;
                });
    }

    /** A receiver answered 410 Gone: no more deliveries are queued for it until it is enabled again. */
    public Uni<Void> disable(UUID id, String reason, OffsetDateTime at) {
        return pool.preparedQuery("UPDATE outbound_destination SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, reason, at)).replaceWithVoid();
    }

    private Destination destination(Row r) {
        List<String> formIds = new ArrayList<>();
        for (Object o : r.getArrayOfStrings("form_ids")) {
            formIds.add((String) o);
        }
        return new Destination(r.getUUID("id"), r.getUUID("workspace_id"), r.getString("kind"), r.getString("name"),
                r.getBoolean("enabled"), formIds, config(r.getString("config")), r.getString("secret_sealed"),
                r.getString("client_secret_sealed"), r.getString("disabled_reason"), utc(r.getOffsetDateTime("created_at")),
                utc(r.getOffsetDateTime("updated_at")));
    }

    private ObjectNode config(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbound_destination.config holds invalid JSON", e);
        }
    }

    static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
