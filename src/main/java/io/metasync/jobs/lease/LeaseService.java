package io.metasync.jobs.lease;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs scheduled work on one replica at a time: a named lease in PostgreSQL is claimed with one
 * atomic upsert that succeeds only when the lease is free or expired, and released afterwards. A
 * replica that dies holding a lease loses it when it expires, and another takes the work over.
 */
@ApplicationScoped
public class LeaseService {

    private static final Logger LOG = Logger.getLogger(LeaseService.class);

    /** This process's name in the lease table. */
    private final String owner = "replica-" + UUID.randomUUID();
    private final Pool pool;
    private final AppClock clock;

    public LeaseService(Pool pool, AppClock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Runs {@code work} if this replica wins the lease {@code name} for {@code ttl}; else does nothing. */
    public Uni<Boolean> runExclusively(String name, Duration ttl, Supplier<Uni<Void>> work) {
        return claim(name, ttl).flatMap(won -> {
            if (!won) {
                LOG.debugf("Lease %s is held by another replica; skipping", name);
                return Uni.createFrom().item(false);
            }
            return work.get()
                    .onTermination().call(() -> release(name))
                    .replaceWith(true);
        });
    }

    Uni<Boolean> claim(String name, Duration ttl) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.preparedQuery("INSERT INTO scheduled_lease AS l (name, owner, lease_until) VALUES ($1, $2, $3)"
                + " ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until"
                + " WHERE l.lease_until < $4 OR l.owner = EXCLUDED.owner RETURNING owner")
                .execute(Tuple.of(name, owner, now.plus(ttl), now))
                .map(rows -> rows.size() == 1);
    }

    Uni<Void> release(String name) {
        return pool.preparedQuery("DELETE FROM scheduled_lease WHERE name = $1 AND owner = $2")
                .execute(Tuple.of(name, owner)).replaceWithVoid();
    }
}
