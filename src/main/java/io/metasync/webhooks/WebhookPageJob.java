package io.metasync.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.jobs.RunProgress.ProcessedLead;
import io.metasync.jobs.SyncRunStore;
import io.metasync.jobs.SyncRunStore.Tally;
import io.metasync.jobs.queue.Job;
import io.metasync.jobs.queue.JobHandler;
import io.metasync.jobs.queue.JobResult;
import io.metasync.webhooks.LeadgenProcessor.Processed;
import io.metasync.webhooks.WebhookEntryStore.Entry;
import io.metasync.webhooks.WebhookEntryStore.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The job of one Page ({@code webhook-page:<pageId>}): its pending leadgen entries in delivery order,
 * per workspace, a batch at a time, until none is due; an entry whose turn has not come (backing off)
 * holds back that workspace's later entries of the Page. Unrouted entries due for a look are routed
 * again first. Runs on one replica at a time (the job's lease).
 */
@ApplicationScoped
class WebhookPageJob implements JobHandler {

    static final String KIND = "webhook-page";
    static final String RUN_KIND = "webhook";
    /** An entry Meta holds waits as long as a failing one does before its 5th attempt (80 s by default) between tries. */
    private static final int HELD_BACKOFF_STEP = 5;
    private static final Logger LOG = Logger.getLogger(WebhookPageJob.class);

    private final WebhookEntryStore store;
    private final LeadgenProcessor leadgen;
    private final ConnectionService connections;
    private final SyncRunStore runs;
    private final WebhooksConfig config;
    private final MeterRegistry metrics;
    private final Timer lag;

    WebhookPageJob(WebhookEntryStore store, LeadgenProcessor leadgen, ConnectionService connections, SyncRunStore runs,
            WebhooksConfig config, MeterRegistry metrics) {
        this.store = store;
        this.leadgen = leadgen;
        this.connections = connections;
        this.runs = runs;
        this.config = config;
        this.metrics = metrics;
        this.lag = Timer.builder("metasync.webhooks.lag").description("Time from a delivery's arrival to its entry's processing")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<JobResult> run(Job job) {
        String pageId = job.payload().getString("pageId");
        return reroute(pageId).flatMap(v -> drain(pageId)).flatMap(v -> store.nextDue(pageId))
                .map(next -> next == null ? JobResult.done() : JobResult.again(next.isBefore(store.now()) ? store.now() : next));
    }

    private Uni<Void> reroute(String pageId) {
        return store.dueUnrouted(pageId, config.processBatch()).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return connections.workspacesForPage(pageId).flatMap(workspaces -> {
                if (workspaces.isEmpty()) {
                    return store.stillUnrouted(list.stream().map(Entry::id).toList(), store.now().plus(config.unroutedRecheck()));
                }
                LOG.infof("Page %s is now connected; %d unrouted webhook entries are routed", pageId, list.size());
                return Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(e -> store.reroute(e, workspaces))
                        .collect().last().replaceWithVoid();
            });
        });
    }

    private Uni<Void> drain(String pageId) {
        return step(pageId).flatMap(more -> more ? drain(pageId) : Uni.createFrom().voidItem());
    }

    /** One batch; true when it processed something. */
    private Uni<Boolean> step(String pageId) {
        return store.pending(pageId, config.processBatch()).flatMap(pending -> {
            OffsetDateTime now = store.now();
            Map<UUID, List<Entry>> due = new LinkedHashMap<>();
            Map<UUID, Boolean> blocked = new LinkedHashMap<>();
            for (Entry e : pending) {
                if (blocked.getOrDefault(e.workspaceId(), false) || e.nextAttemptAt().isAfter(now)) {
                    blocked.put(e.workspaceId(), true);
                } else {
                    due.computeIfAbsent(e.workspaceId(), w -> new ArrayList<>()).add(e);
                }
            }
            if (due.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            // workspaces are independent: one that is slow (its token held by Meta) does not hold back the others
            return Multi.createFrom().iterable(due.entrySet())
                    .onItem().transformToUni(w -> process(w.getKey(), pageId, w.getValue())).merge(config.workspaceConcurrency())
                    .collect().last().replaceWith(true);
        });
    }

    private Uni<Void> process(UUID workspaceId, String pageId, List<Entry> entries) {
        return leadgen.process(workspaceId, pageId, entries).flatMap(result -> {
            List<Outcome> outcomes = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Entry e : entries) {
                String error = result.errors().get(e.id());
                boolean transientFailure = result.transientFailures().contains(e.id());
                if (error == null) {
                    outcomes.add(new Outcome(e.id(), "processed", null, null, true));
                    lag.record(Duration.between(e.receivedAt(), store.now()));
                } else if (result.held().contains(e.id())) {
                    // Meta throttling the token (or not answering) is no fault of the entry: it waits, however long the
                    // hold lasts, without using up its attempts (a throttle longer than they last used to kill it)
                    outcomes.add(new Outcome(e.id(), "pending", error, retryAt(Math.max(e.attempts() + 1, HELD_BACKOFF_STEP)), false));
                } else if (transientFailure && e.attempts() + 1 < config.maxAttempts()) {
                    outcomes.add(new Outcome(e.id(), "pending", error, retryAt(e.attempts() + 1), true));
                } else {
                    outcomes.add(new Outcome(e.id(), "dead", error, null, true));
                    metrics.counter("metasync.webhooks.dead", "stage", "entry").increment();
                    errors.add("webhook event " + e.id() + ": " + error);
                }
            }
            return store.record(outcomes).call(() -> tally(workspaceId, result, errors));
        });
    }

    private Uni<Void> tally(UUID workspaceId, Processed result, List<String> errors) {
        long created = result.stored().stream().filter(s -> s.created()).count();
        List<ProcessedLead> first = result.stored().stream().limit(io.metasync.jobs.RunProgress.MAX_PROCESSED)
                .map(s -> new ProcessedLead(s.metaLeadId(), s.created() ? "created" : "existing", s.leadId(), s.name())).toList();
        if (result.stored().isEmpty() && errors.isEmpty() && result.graphCalls() == 0) {
            return Uni.createFrom().voidItem();
        }
        return runs.accumulate(workspaceId, RUN_KIND, window(), new Tally(result.stored().size(), created,
                result.stored().size() - created, result.graphCalls(), first, errors));
    }

    private OffsetDateTime window() {
        long size = Math.max(1, config.runWindow().toSeconds());
        long now = store.now().toEpochSecond();
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(now - Math.floorMod(now, size)), ZoneOffset.UTC);
    }

    private OffsetDateTime retryAt(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration delay = config.retryBaseDelay().multipliedBy(factor);
        return store.now().plus(delay.compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay() : delay);
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof io.metasync.graph.GraphException g) {
            return g.kind() == io.metasync.graph.GraphErrorKind.TRANSIENT || g.kind() == io.metasync.graph.GraphErrorKind.THROTTLED;
        }
        return !(failure instanceof ProblemException p) || p.status() >= 500 || p.status() == 429;
    }
}
