package io.metasync.jobs;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.metasync.common.FreshContext;
import io.metasync.common.problem.ProblemException;
import io.metasync.graph.GraphException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs long work as a persisted sync run: the row is written first (queued), the work runs in the
 * background on a context of its own (not tied to the request that started it), its progress is
 * persisted as it goes and its end sets the final status. Waiting and SSE both read the row.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    private final SyncRunStore store;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final Duration poll;
    private final Duration heartbeat;

    public SyncRunner(SyncRunStore store, Vertx vertx, MeterRegistry metrics,
            @ConfigProperty(name = "metasync.sync-runs.poll-interval", defaultValue = "PT0.5S") Duration poll,
            @ConfigProperty(name = "metasync.sync-runs.heartbeat", defaultValue = "PT30S") Duration heartbeat) {
        this.store = store;
        this.vertx = vertx;
        this.metrics = metrics;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    /** Records a queued run, starts {@code work} in the background and answers the run as it is now. */
    public Uni<SyncRunView> launch(UUID workspaceId, String kind, Function<RunProgress, Uni<Void>> work) {
        UUID id = UUID.randomUUID();
        return store.insert(id, workspaceId, kind)
                .invoke(() -> start(kind, new RunProgress(id), work))
                .flatMap(v -> store.get(workspaceId, id));
    }

    /**
     * Runs {@code work} as a recorded run in the caller's flow (scheduled jobs, whose lease must cover the
     * work): the run is written, the work done, the end recorded; answers the finished run.
     */
    public Uni<SyncRunView> run(UUID workspaceId, String kind, Function<RunProgress, Uni<Void>> work) {
        UUID id = UUID.randomUUID();
        RunProgress progress = new RunProgress(id);
        return store.insert(id, workspaceId, kind)
                .flatMap(v -> execute(kind, progress, work))
                .flatMap(status -> store.get(workspaceId, id));
    }

    private void start(String kind, RunProgress progress, Function<RunProgress, Uni<Void>> work) {
        FreshContext.run(vertx, () -> execute(kind, progress, work)).subscribe().with(
                status -> { },
                failure -> LOG.errorf("Sync run %s could not record its end: %s", progress.runId, failure.toString()));
    }

    private Uni<String> execute(String kind, RunProgress progress, Function<RunProgress, Uni<Void>> work) {
        Timer.Sample sample = Timer.start(metrics);
        // while the work runs, the row says this replica is alive; the sweeper fails runs whose replica died
        long beat = vertx.setPeriodic(heartbeat.toMillis(), t -> store.heartbeat(progress.runId).subscribe().with(v -> { },
                failure -> LOG.warnf("Sync run %s heartbeat not recorded: %s", progress.runId, failure.toString())));
        return store.started(progress.runId)
                .flatMap(v -> Uni.createFrom().deferred(() -> work.apply(progress)))
                .map(v -> status(progress))
                .onFailure().recoverWithItem(failure -> {
                    progress.error(describe(failure));
                    return "failed";
                })
                .call(status -> store.finished(progress, status))
                .eventually(() -> vertx.cancelTimer(beat))
                .invoke(status -> sample.stop(metrics.timer("metasync.sync.duration", "kind", kind, "status", status)));
    }

    private static String status(RunProgress p) {
        int failed = p.failedCount();
        if (failed == 0) {
            return "succeeded";
        }
        return failed >= p.units.get() ? "failed" : "partial";
    }

    /** What a run's error list says about a failure: client-facing messages only, never a stack or a token. */
    public static String describe(Throwable failure) {
        if (failure instanceof GraphException || failure instanceof ProblemException) {
            return failure.getMessage();
        }
        LOG.errorf("Sync run failed: %s", failure.toString());
        LOG.debug("Sync run failed", failure);
        return "Internal error (" + failure.getClass().getSimpleName() + ")";
    }

    /** The run once finished, or as it is when {@code timeout} has passed. */
    public Uni<SyncRunView> awaitFinished(UUID workspaceId, UUID id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return pollUntil(workspaceId, id, deadline);
    }

    private Uni<SyncRunView> pollUntil(UUID workspaceId, UUID id, long deadline) {
        return store.get(workspaceId, id).flatMap(run -> run.finished() || System.nanoTime() >= deadline
                ? Uni.createFrom().item(run)
                : Uni.createFrom().voidItem().onItem().delayIt().by(poll).flatMap(v -> pollUntil(workspaceId, id, deadline)));
    }

    /** The run each time it changes, until (and including) its finished state. */
    public Multi<SyncRunView> changes(UUID workspaceId, UUID id) {
        AtomicInteger polls = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> polls.getAndIncrement() == 0 ? store.get(workspaceId, id)
                        : Uni.createFrom().voidItem().onItem().delayIt().by(poll).flatMap(v -> store.get(workspaceId, id)))
                .whilst(run -> !run.finished())
                .skip().repetitions();
    }
}
