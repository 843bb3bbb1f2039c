package io.metasync.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.connection.MetaConnection;
import io.metasync.jobs.queue.JobQueue;
import io.metasync.jobs.queue.JobQueue.JobSpec;
import io.metasync.jobs.queue.JobWorker;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code metasync.reconciliation.every}, on every replica: makes sure each workspace with an active
 * connection has its recurring reconciliation job. Creating an existing job does nothing, so replicas
 * never double the work; the job's own schedule (and lease) decides when and where it runs.
 */
@ApplicationScoped
public class ReconciliationSchedule {

    private final ReconciliationConfig config;
    private final ConnectionService connections;
    private final JobQueue jobs;
    private final JobWorker worker;
    private final AppClock clock;

    public ReconciliationSchedule(ReconciliationConfig config, ConnectionService connections, JobQueue jobs, JobWorker worker,
            AppClock clock) {
        this.config = config;
        this.connections = connections;
        this.jobs = jobs;
        this.worker = worker;
        this.clock = clock;
    }

    @Scheduled(identity = "reconciliation", every = "${metasync.reconciliation.every}", delayed = "${metasync.reconciliation.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensureJobs() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return connections.withTokens().flatMap(list -> Multi.createFrom().iterable(list.stream()
                .filter(c -> c.status == MetaConnection.Status.active || c.status == MetaConnection.Status.expiring)
                .map(c -> c.workspaceId).distinct().toList())
                .onItem().transformToUniAndConcatenate(ws -> jobs.ensure(new JobSpec(Reconciliation.jobKey(ws), Reconciliation.KIND,
                        ws, null, now)))
                .collect().asList())
                .invoke(created -> {
                    if (created.contains(true)) {
                        worker.wake();
                    }
                })
                .replaceWithVoid();
    }
}
