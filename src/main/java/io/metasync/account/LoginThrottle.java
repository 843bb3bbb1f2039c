package io.metasync.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Brute-force protection for sign-in: after {@code metasync.login.max-failures} failures within
 * {@code metasync.login.window} for the same e-mail, or {@code metasync.login.max-failures-per-address}
 * from the same client address (higher: many people may share one address), further attempts are
 * refused with 429 until the window has passed. Counters live in PostgreSQL so every replica agrees.
 */
@ApplicationScoped
class LoginThrottle {

    @Inject
    Pool pool;

    @ConfigProperty(name = "metasync.login.max-failures", defaultValue = "5")
    int maxFailures;

    @ConfigProperty(name = "metasync.login.max-failures-per-address", defaultValue = "50")
    int maxFailuresPerAddress;

    @ConfigProperty(name = "metasync.login.window", defaultValue = "PT15M")
    Duration window;

    Uni<Void> check(String email, String address) {
        return pool.preparedQuery("SELECT GREATEST(0, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $3) - now()))))::bigint AS wait"
                + " FROM login_throttle WHERE ((throttle_key = $1 AND failures >= $2) OR (throttle_key = $4 AND failures >= $5))"
                + " AND window_start + make_interval(secs => $3) > now()"
                + " ORDER BY wait DESC LIMIT 1")
                .execute(Tuple.of("email:" + email, maxFailures, interval(), "ip:" + address, maxFailuresPerAddress))
                .map(rows -> {
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        long wait = Math.max(1, row.getLong("wait"));
                        throw new ProblemException(429, "too-many-login-attempts", "Too many sign-in attempts",
                                "Too many failed sign-in attempts; try again in " + wait + " seconds", null, null,
                                Map.of("Retry-After", Long.toString(wait)));
                    }
                    return null;
                });
    }

    Uni<Void> recordFailure(String email, String address) {
        return pool.preparedQuery("INSERT INTO login_throttle AS t (throttle_key, failures, window_start)"
                + " SELECT k, 1, now() FROM unnest($1::text[]) AS k"
                + " ON CONFLICT (throttle_key) DO UPDATE SET"
                + " failures = CASE WHEN t.window_start + make_interval(secs => $2) <= now() THEN 1 ELSE t.failures + 1 END,"
                + " window_start = CASE WHEN t.window_start + make_interval(secs => $2) <= now() THEN now() ELSE t.window_start END")
                .execute(Tuple.of(keys(email, address), interval()))
                .replaceWithVoid();
    }

    Uni<Void> recordSuccess(String email) {
        return pool.preparedQuery("DELETE FROM login_throttle WHERE throttle_key = $1")
                .execute(Tuple.of("email:" + email))
                .replaceWithVoid();
    }

    private double interval() {
        return window.toSeconds();
    }

    private static String[] keys(String email, String address) {
        return List.of("email:" + email, "ip:" + address).toArray(String[]::new);
    }
}
