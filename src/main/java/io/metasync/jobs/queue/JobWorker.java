package io.metasync.jobs.queue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.metasync.common.FreshContext;
import io.metasync.jobs.SyncRunner;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * This replica's job runner: claims due jobs from {@link JobQueue} (up to {@code concurrency} at once),
 * runs each on a context of its own with its kind's {@link JobHandler}, renews the lease while it runs
 * and records the outcome. Polls when idle; {@link #wake()} makes it look at once.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final String owner = "replica-" + UUID.randomUUID();
    private final JobQueue queue;
    private final JobsConfig config;
    private final Vertx vertx;
    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public JobWorker(JobQueue queue, JobsConfig config, Vertx vertx, Instance<JobHandler> all) {
        this.queue = queue;
        this.config = config;
        this.vertx = vertx;
        all.forEach(h -> handlers.put(h.kind(), h));
    }

    void onStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public String owner() {
        return owner;
    }

    /** Looks for due jobs now (one look at a time; a wake during a look causes another). */
    public void wake() {
        if (stopped || !config.enabled()) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        int free = config.concurrency() - running.get();
        if (free <= 0) {
            polling.set(false);
            return;
        }
        again.set(false);
        FreshContext.run(vertx, () -> queue.claim(owner, free, config.lease()))
                .subscribe().with(jobs -> {
                    jobs.forEach(this::start);
                    polling.set(false);
                    if (again.get() || jobs.size() == free) {
                        wake();
                    }
                }, failure -> {
                    polling.set(false);
                    LOG.warnf("Could not claim jobs: %s", failure.toString());
                });
    }

    private void start(Job job) {
        JobHandler handler = handlers.get(job.kind());
        running.incrementAndGet();
        long beat = vertx.setPeriodic(Math.max(1, config.lease().toMillis() / 3),
                id -> queue.heartbeat(owner, job.key(), config.lease()).subscribe().with(ok -> { }, e -> { }));
        FreshContext.run(vertx, () -> handler == null
                ? Uni.createFrom().failure(new IllegalStateException("no handler for job kind " + job.kind()))
                : handler.run(job))
                .onItemOrFailure().transformToUni((result, failure) -> {
                    vertx.cancelTimer(beat);
                    return failure == null ? queue.complete(owner, job.key(), result) : failed(job, failure);
                })
                .subscribe().with(v -> finished(), failure -> {
                    LOG.warnf("Could not record the end of job %s: %s", job.key(), failure.toString());
                    finished();
                });
    }

    private Uni<Void> failed(Job job, Throwable failure) {
        String error = SyncRunner.describe(failure);
        if (job.attempts() >= config.maxAttempts()) {
            LOG.warnf("Job %s failed %d times and is left dead: %s", job.key(), job.attempts(), error);
            return queue.fail(owner, job.key(), null, error);
        }
        return queue.fail(owner, job.key(), retryAt(job.attempts()), error);
    }

    OffsetDateTime retryAt(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration delay = config.retryBaseDelay().multipliedBy(factor);
        return queue.now().plus(delay.compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay() : delay);
    }

    private void finished() {
        running.decrementAndGet();
        wake();
    }

    /** Jobs running on this replica now (tests, metrics). */
    public int running() {
        return running.get();
    }
}
