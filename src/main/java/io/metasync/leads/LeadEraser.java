package io.metasync.leads;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Erases a person's leads from a workspace (a privacy request): every lead whose normalised e-mail or
 * phone matches, with its consents, in one transaction. Values are normalised the way leads are stored.
 */
@ApplicationScoped
public class LeadEraser {

    /** What one erasure removed. */
    public record Erased(long leads, long consents) {
    }

    private final Pool pool;

    public LeadEraser(Pool pool) {
        this.pool = pool;
    }

    public Uni<Erased> erase(UUID workspaceId, String email, String phone) {
        String normalisedEmail = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        String normalisedPhone = phone == null ? null : LeadMapper.e164(phone, null);
        Tuple args = Tuple.of(workspaceId, normalisedEmail, normalisedPhone);
        String match = "workspace_id = $1 AND (($2::text IS NOT NULL AND email = $2) OR ($3::text IS NOT NULL AND phone = $3))";
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM lead_consent WHERE workspace_id = $1 AND lead_id IN"
                + " (SELECT id FROM lead WHERE " + match + ")").execute(args)
                .flatMap(consents -> conn.preparedQuery("DELETE FROM lead WHERE " + match).execute(args)
                        .map(leads -> new Erased(leads.rowCount(), consents.rowCount()))));
    }
}
