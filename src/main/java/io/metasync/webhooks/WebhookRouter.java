package io.metasync.webhooks;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.PassLoop;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.jobs.queue.JobQueue;
import io.metasync.jobs.queue.JobQueue.JobSpec;
import io.metasync.jobs.queue.JobWorker;
import io.metasync.webhooks.WebhookEntryStore.Claimed;
import io.metasync.webhooks.WebhookEntryStore.NewEntry;
import io.metasync.webhooks.WebhookPayload.Part;
import io.metasync.webhooks.WebhookPayload.Unreadable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Routes stored deliveries: claims received ones (oldest first, {@code FOR UPDATE SKIP LOCKED} with a
 * lease, so replicas share them and a dead replica's are taken over), splits each into entries by Page and
 * kind, routes each entry to the workspaces that have its Page ({@link ConnectionService#workspacesForPage}),
 * and in one transaction stores the entries, marks the deliveries routed and queues one job per Page
 * ({@link WebhookPageJob}) that processes that Page's entries in delivery order. Messaging entries are
 * handed to the inbox by {@link WebhookInboxRelay}.
 */
@ApplicationScoped
public class WebhookRouter {

    private static final Logger LOG = Logger.getLogger(WebhookRouter.class);
    static final String PAGE_JOB_PREFIX = "webhook-page:";

    private final String owner = "router-" + UUID.randomUUID();
    private final WebhookEntryStore store;
    private final ConnectionService connections;
    private final JobQueue jobs;
    private final JobWorker worker;
    private final WebhookInboxRelay inbox;
    private final WebhooksConfig config;
    private final Pool pool;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final PassLoop loop;

    WebhookRouter(WebhookEntryStore store, ConnectionService connections, JobQueue jobs, JobWorker worker, WebhookInboxRelay inbox,
            WebhooksConfig config,
            Pool pool, ObjectMapper json, Vertx vertx, MeterRegistry metrics) {
        this.store = store;
        this.connections = connections;
        this.jobs = jobs;
        this.worker = worker;
        this.inbox = inbox;
        this.config = config;
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
        this.loop = new PassLoop(vertx, this::routeOnce, failure -> LOG.warnf(
                "Routing webhook deliveries failed; they are retried after their lease: %s", failure.toString()));
    }

    void onStart(@Observes StartupEvent start) {
        loop.start(config.routePollInterval());
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }

    /** Routes what is stored now (one pass at a time; a wake during a pass causes another). */
    public void wake() {
        loop.wake();
    }

    /** One claim's worth; true when the claim was full (more may be waiting). */
    Uni<Boolean> routeOnce() {
        return store.claimEvents(owner, config.routeBatch(), config.lease()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return route(claimed).replaceWith(claimed.size() == config.routeBatch());
        });
    }

    private Uni<Void> route(List<Claimed> claimed) {
        Map<Long, List<Part>> parts = new LinkedHashMap<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.attempts() > config.maxAttempts()) {
                dead.add(deadOnArrival(c.id(), "could not be routed in " + config.maxAttempts() + " attempts"));
                continue;
            }
            try {
                parts.put(c.id(), WebhookPayload.parts(json.readTree(c.body())));
            } catch (Unreadable | IOException e) {
                dead.add(deadOnArrival(c.id(), e.getMessage()));
            }
        }
        Set<String> pages = new LinkedHashSet<>();
        parts.values().forEach(list -> list.forEach(p -> {
            if (!p.pageId().isEmpty()) {
                pages.add(p.pageId());
            }
        }));
        Map<Long, Claimed> byId = new HashMap<>();
        claimed.forEach(c -> byId.put(c.id(), c));
        Uni<Void> deadDone = dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid();
        return deadDone.flatMap(v -> workspaces(pages)).flatMap(routes -> {
            OffsetDateTime now = store.now();
            List<NewEntry> entries = new ArrayList<>();
            Map<String, OffsetDateTime> pageJobs = new LinkedHashMap<>();
            parts.forEach((eventId, list) -> list.forEach(part -> entries.addAll(
                    entries(byId.get(eventId), part, routes.getOrDefault(part.pageId(), List.of()), now, pageJobs))));
            List<JobSpec> specs = new ArrayList<>();
            pageJobs.forEach((page, at) -> specs.add(new JobSpec(PAGE_JOB_PREFIX + page, WebhookPageJob.KIND, null,
                    new JsonObject().put("pageId", page), at)));
            List<Long> routed = new ArrayList<>(parts.keySet());
            if (routed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return pool.withTransaction(tx -> store.insertRouted(tx, owner, routed, entries).flatMap(n -> jobs.enqueue(tx, specs)))
                    .invoke(() -> {
                        metrics.counter("metasync.webhooks.entries").increment(entries.size());
                        if (!specs.isEmpty()) {
                            worker.wake();
                        }
                        if (entries.stream().anyMatch(e -> WebhookInboxRelay.PENDING.equals(e.status()))) {
                            inbox.wake();
                        }
                    });
        });
    }

    private Uni<Void> deadOnArrival(long eventId, String reason) {
        LOG.warnf("Webhook delivery %d is unreadable and left dead: %s", eventId, reason);
        metrics.counter("metasync.webhooks.dead", "stage", "delivery").increment();
        return store.dead(eventId, reason);
    }

    private Uni<Map<String, List<UUID>>> workspaces(Set<String> pages) {
        Map<String, List<UUID>> out = new HashMap<>();
        return Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(page -> connections.workspacesForPage(page).invoke(ws -> out.put(page, ws)))
                .collect().last().replaceWith(out);
    }

    private List<NewEntry> entries(Claimed event, Part part, List<UUID> workspaces, OffsetDateTime now,
            Map<String, OffsetDateTime> pageJobs) {
        String payload = part.items().toString();
        int changes = part.items().size();
        List<NewEntry> out = new ArrayList<>();
        if (workspaces.isEmpty()) {
            String status = switch (part.kind()) {
                case WebhookPayload.LEADGEN -> "unrouted";
                // Instagram and WhatsApp entries carry no Page id: the inbox routes them itself
                case WebhookPayload.MESSAGING -> WebhookInboxRelay.PENDING;
                default -> "ignored";
            };
            OffsetDateTime next = now;
            if ("unrouted".equals(status)) {
                next = now.plus(config.unroutedRecheck());
                pageJobs.merge(part.pageId(), next, (a, b) -> a.isBefore(b) ? a : b);
                metrics.counter("metasync.webhooks.unrouted").increment();
                LOG.infof("Webhook entry for page %s matches no workspace; kept as unrouted and rechecked", part.pageId());
            }
            out.add(new NewEntry(event.id(), part.entryIndex(), null, part.pageId(), part.object(), part.kind(), payload, changes,
                    status, next, event.receivedAt()));
            return out;
        }
        String status = switch (part.kind()) {
            case WebhookPayload.LEADGEN -> "pending";
            case WebhookPayload.MESSAGING -> WebhookInboxRelay.PENDING;
            default -> "ignored";
        };
        if ("pending".equals(status)) {
            pageJobs.merge(part.pageId(), now, (a, b) -> a.isBefore(b) ? a : b);
        }
        for (UUID ws : workspaces) {
            out.add(new NewEntry(event.id(), part.entryIndex(), ws, part.pageId(), part.object(), part.kind(), payload, changes,
                    status, now, event.receivedAt()));
        }
        return out;
    }
}
