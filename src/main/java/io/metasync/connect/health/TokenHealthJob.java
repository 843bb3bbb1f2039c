package io.metasync.connect.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.jobs.lease.LeaseService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Runs the token health check on one replica at a time, every {@code metasync.meta.token-health-every}. */
@ApplicationScoped
public class TokenHealthJob {

    private final TokenHealthCheck check;
    private final LeaseService leases;

    public TokenHealthJob(TokenHealthCheck check, LeaseService leases) {
        this.check = check;
        this.leases = leases;
    }

    @Scheduled(identity = "token-health", every = "${metasync.meta.token-health-every}", delayed = "${metasync.meta.token-health-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return leases.runExclusively("token-health", Duration.ofMinutes(30), () -> check.checkAll().replaceWithVoid())
                .replaceWithVoid();
    }
}
