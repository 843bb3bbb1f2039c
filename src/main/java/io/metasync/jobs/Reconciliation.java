package io.metasync.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.time.AppClock;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.connection.ConnectionViews.PageInfo;
import io.metasync.connect.connection.MetaConnection;
import io.metasync.jobs.RunProgress.FailedForm;
import io.metasync.jobs.queue.Job;
import io.metasync.jobs.queue.JobHandler;
import io.metasync.jobs.queue.JobResult;
import io.metasync.leads.FormService;
import io.metasync.leads.LeadForm;
import io.metasync.leads.LeadSync;
import io.metasync.leads.PageSubscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reconciliation of one workspace (job {@code reconcile:<workspace>}, recurring every
 * {@code metasync.reconciliation.every}) as a sync run of kind {@code reconciliation}: for each of its
 * Pages, the app's {@code leadgen} subscription is checked ({@code subscribed_apps}) and repaired or
 * reported; the Page's forms are listed again (new ones discovered) and each is pulled since its
 * checkpoint, unless the Page's lead-retrieval quota ({@link LeadQuota}) is spent. The run's
 * {@code newLeads} are the leads webhooks had missed.
 */
@ApplicationScoped
public class Reconciliation implements JobHandler {

    public static final String KIND = "reconcile";
    public static final String RUN_KIND = "reconciliation";
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final ReconciliationConfig config;
    private final ConnectionService connections;
    private final PageSubscriptions subscriptions;
    private final FormService forms;
    private final LeadSync sync;
    private final LeadQuota quota;
    private final SyncRunner runner;
    private final SyncRunStore runs;
    private final AppClock clock;
    private final MeterRegistry metrics;

    public Reconciliation(ReconciliationConfig config, ConnectionService connections, PageSubscriptions subscriptions,
            FormService forms, LeadSync sync, LeadQuota quota, SyncRunner runner, SyncRunStore runs, AppClock clock,
            MeterRegistry metrics) {
        this.config = config;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.forms = forms;
        this.sync = sync;
        this.quota = quota;
        this.runner = runner;
        this.runs = runs;
        this.clock = clock;
        this.metrics = metrics;
    }

    public static String jobKey(UUID workspaceId) {
        return KIND + ":" + workspaceId;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Reconciles the job's workspace and schedules the next run; a workspace left without an active
     * connection loses its job (the schedule creates it again once one is active).
     */
    @Override
    public Uni<JobResult> run(Job job) {
        return connections.withTokens().flatMap(list -> {
            boolean active = list.stream().anyMatch(c -> job.workspaceId().equals(c.workspaceId)
                    && (c.status == MetaConnection.Status.active || c.status == MetaConnection.Status.expiring));
            if (!active) {
                return Uni.createFrom().item(JobResult.done());
            }
            return reconcile(job.workspaceId()).replaceWith(() -> JobResult.again(
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(config.every())));
        });
    }

    /** Reconciles the workspace now; answers the finished run. */
    public Uni<SyncRunView> reconcile(UUID workspaceId) {
        return runner.run(workspaceId, RUN_KIND, progress -> connections.pages(workspaceId)
                .flatMap(pages -> Multi.createFrom().iterable(pages)
                        .onItem().transformToUni(page -> reconcilePage(progress, workspaceId, page))
                        .merge(config.pageConcurrency())
                        .collect().last().replaceWithVoid()))
                .invoke(run -> {
                    metrics.counter("metasync.reconciliation.leads").increment(run.newLeads());
                    if (run.newLeads() > 0) {
                        LOG.infof("Reconciliation of workspace %s found %d leads that webhooks had missed", workspaceId, run.newLeads());
                    }
                });
    }

    private Uni<Void> reconcilePage(RunProgress progress, UUID workspaceId, PageInfo page) {
        long callsBefore = progress.graphCalls();
        return checkSubscription(progress, workspaceId, page.pageId())
                .flatMap(v -> forms.refresh(workspaceId, page.pageId()))
                .flatMap(list -> withinQuota(progress, page.pageId(), list))
                .flatMap(list -> sync.syncForms(progress, workspaceId, list, null))
                .call(() -> quota.record(page.pageId(), progress.graphCalls() - callsBefore))
                .onFailure().recoverWithUni(failure -> {
                    progress.unitStarted();
                    progress.failed(new FailedForm(page.pageId(), "page", SyncRunner.describe(failure)));
                    return runs.progress(progress);
                });
    }

    /** The forms to pull, or none (reported) when the Page's quota cannot cover one call per form. */
    private Uni<List<LeadForm>> withinQuota(RunProgress progress, String pageId, List<LeadForm> list) {
        long leads = list.stream().mapToLong(f -> f.leadsCount() == null ? 0 : f.leadsCount()).sum();
        return quota.reconciliationBudget(pageId, leads).map(budget -> {
            if (budget >= list.size()) {
                return list;
            }
            progress.unitStarted();
            progress.failed(new FailedForm(pageId, "quota", "Lead-retrieval quota of page " + pageId
                    + " is spent for now; its forms are reconciled on a later run"));
            return List.of();
        });
    }

    /**
     * The app's install on the Page must have {@code leadgen}. Meta removes the whole install from a Page whose messaging
     * webhooks failed for an hour (META-FACTS §6.3), so the repair installs it again as {@link PageSubscriptions#subscribe}
     * does: {@code leadgen} and, where allowed, the inbox's messaging fields.
     */
    private Uni<Void> checkSubscription(RunProgress progress, UUID workspaceId, String pageId) {
        return subscriptions.subscribedFields(workspaceId, pageId).flatMap(fields -> {
            progress.graphCalls(1);
            if (fields.contains("leadgen")) {
                return Uni.createFrom().voidItem();
            }
            if (!config.repairSubscriptions()) {
                progress.error("page " + pageId + ": the app is not subscribed to its leadgen webhooks");
                return Uni.createFrom().voidItem();
            }
            return subscriptions.subscribe(workspaceId, pageId).invoke(now -> {
                progress.graphCalls(2);
                progress.error("page " + pageId + ": the leadgen webhook subscription was missing and is repaired ("
                        + String.join(",", now.subscribedFields()) + ")");
            }).replaceWithVoid();
        });
    }
}
