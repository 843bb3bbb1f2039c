package io.metasync.connect.oauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * OAuth CSRF states: 256 random bits, stored with the user and workspace that asked, valid for
 * {@code metasync.meta.oauth-state-ttl}, and consumed at most once (one atomic UPDATE), so a state
 * that is forged, replayed or stale is refused.
 */
@ApplicationScoped
class OAuthStates {

    record Consumed(UUID workspaceId, UUID userId, String appId, String redirectTo) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Pool pool;
    private final AppClock clock;
    private final Duration ttl;

    OAuthStates(Pool pool, AppClock clock, @ConfigProperty(name = "metasync.meta.oauth-state-ttl", defaultValue = "PT10M") Duration ttl) {
        this.pool = pool;
        this.clock = clock;
        this.ttl = ttl;
    }

    Uni<String> create(UUID workspaceId, UUID userId, String appId, String redirectTo) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.preparedQuery("DELETE FROM oauth_state WHERE expires_at < $1").execute(Tuple.of(now.minus(Duration.ofDays(1))))
                .flatMap(x -> pool.preparedQuery("INSERT INTO oauth_state (state, workspace_id, user_id, app_id, redirect_to, expires_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6)")
                        .execute(Tuple.tuple().addString(state).addUUID(workspaceId).addUUID(userId).addString(appId)
                                .addString(redirectTo).addOffsetDateTime(now.plus(ttl))))
                .replaceWith(state);
    }

    /** Marks the state used and answers what it was bound to; 400 problem if unknown, used or expired. */
    Uni<Consumed> consume(String state) {
        if (state == null || state.isBlank() || state.length() > 64) {
            return Uni.createFrom().failure(invalid());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.preparedQuery("UPDATE oauth_state SET used_at = $2 WHERE state = $1 AND used_at IS NULL AND expires_at > $2"
                + " RETURNING workspace_id, user_id, app_id, redirect_to")
                .execute(Tuple.of(state, now))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw invalid();
                    }
                    Row row = rows.iterator().next();
                    return new Consumed(row.getUUID("workspace_id"), row.getUUID("user_id"), row.getString("app_id"),
                            row.getString("redirect_to"));
                });
    }

    private static ProblemException invalid() {
        return new ProblemException(400, "oauth-state-invalid", "Invalid OAuth state",
                "The state is unknown, already used or expired; start the connection again");
    }
}
