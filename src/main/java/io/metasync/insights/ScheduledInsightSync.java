package io.metasync.insights;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.connection.ConnectionViews.AdAccountInfo;
import io.metasync.jobs.SyncRunner;
import io.metasync.jobs.lease.LeaseService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code metasync.insights.schedule.every}, each connected ad account's restatement window is read
 * again ({@link InsightSync#startRecent}) as a sync run, one account at a time, each under its own lease
 * so that one replica at a time works on an account. Kept apart from the sync itself so that a shared
 * job queue can take it over.
 */
@ApplicationScoped
public class ScheduledInsightSync {

    private static final Logger LOG = Logger.getLogger(ScheduledInsightSync.class);

    private final ConnectionService connections;
    private final InsightSync sync;
    private final SyncRunner runner;
    private final LeaseService leases;
    private final InsightsConfig config;

    public ScheduledInsightSync(ConnectionService connections, InsightSync sync, SyncRunner runner, LeaseService leases,
            InsightsConfig config) {
        this.connections = connections;
        this.sync = sync;
        this.runner = runner;
        this.leases = leases;
        this.config = config;
    }

    @Scheduled(identity = "insights-sync", every = "${metasync.insights.schedule.every}",
            delayed = "${metasync.insights.schedule.delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.schedule().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return connections.adAccountsWithTokens()
                .flatMap(accounts -> Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(this::syncOne)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> syncOne(AdAccountInfo account) {
        Duration ttl = config.schedule().leaseTtl();
        return leases.runExclusively("insights:" + account.workspaceId() + ":" + account.accountId(), ttl,
                () -> sync.startRecent(account.workspaceId(), account.accountId())
                        .flatMap(run -> runner.awaitFinished(account.workspaceId(), run.id(), ttl))
                        .replaceWithVoid())
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Scheduled insights sync of %s failed: %s", account.accountId(), SyncRunner.describe(failure));
                    return null;
                });
    }
}
