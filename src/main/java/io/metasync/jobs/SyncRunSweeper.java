package io.metasync.jobs;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Ends the runs of a replica that died: a run still queued or running whose heartbeat is older than
 * {@code metasync.sync-runs.stale-after} is marked failed with the reason, so no run shows "running"
 * forever. Nothing is redone here: the next sync of the same forms resumes from their committed checkpoints.
 * One UPDATE, safe on every replica at once.
 */
@ApplicationScoped
public class SyncRunSweeper {

    static final String INTERRUPTED = "Interrupted: the instance running it stopped; run it again to resume from the last checkpoint";
    private static final Logger LOG = Logger.getLogger(SyncRunSweeper.class);

    private final SyncRunStore store;
    private final MeterRegistry metrics;
    private final Duration staleAfter;

    public SyncRunSweeper(SyncRunStore store, MeterRegistry metrics,
            @ConfigProperty(name = "metasync.sync-runs.stale-after", defaultValue = "PT2M") Duration staleAfter) {
        this.store = store;
        this.metrics = metrics;
        this.staleAfter = staleAfter;
    }

    @Scheduled(identity = "sync-run-sweeper", every = "${metasync.sync-runs.sweep-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return store.failStale(staleAfter, INTERRUPTED).invoke(n -> {
            if (n > 0) {
                LOG.warnf("Marked %d sync runs failed: their replica stopped sending heartbeats", n);
                metrics.counter("metasync.sync.interrupted").increment(n);
            }
        }).replaceWithVoid();
    }
}
