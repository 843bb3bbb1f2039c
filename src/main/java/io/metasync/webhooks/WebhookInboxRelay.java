package io.metasync.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.PassLoop;
import io.metasync.inbox.InboxIntake;
import io.metasync.inbox.IntakeResult;
import io.metasync.webhooks.InboxEntryStore.InboxEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Hands stored messaging entries (Messenger, Instagram, WhatsApp) to the inbox room's
 * {@link InboxIntake}, oldest first, one after another (a conversation's events keep their order on a
 * replica; the inbox deduplicates on mid / wamid, so a redelivery or a taken-over claim changes nothing).
 * An entry is {@code processed} once the inbox took it, {@code ignored} when no workspace has connected
 * its channel (named in {@code last_error}), retried with backoff when the inbox failed, and
 * {@code dead} after {@code max-attempts}.
 */
@ApplicationScoped
public class WebhookInboxRelay {

    static final String PENDING = "pending_inbox";
    private static final Logger LOG = Logger.getLogger(WebhookInboxRelay.class);

    private final InboxEntryStore store;
    private final InboxIntake intake;
    private final WebhooksConfig config;
    private final MeterRegistry metrics;
    private final PassLoop loop;

    WebhookInboxRelay(InboxEntryStore store, InboxIntake intake, WebhooksConfig config, Vertx vertx, MeterRegistry metrics) {
        this.store = store;
        this.intake = intake;
        this.config = config;
        this.metrics = metrics;
        this.loop = new PassLoop(vertx, this::relayOnce, failure -> LOG.warnf(
                "Relaying messaging webhooks to the inbox failed; retried after their lease: %s", failure.toString()));
    }

    void onStart(@Observes StartupEvent start) {
        loop.start(config.routePollInterval());
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }

    /** Relays what is pending now (one pass at a time; a wake during a pass causes another). */
    void wake() {
        loop.wake();
    }

    /** One claim's worth; true when the claim was full (more may be waiting). */
    Uni<Boolean> relayOnce() {
        return store.claim(config.routeBatch(), config.lease()).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            // a Page's entry has a row per workspace; the inbox takes it once and routes it to all of them
            Map<String, List<InboxEntry>> byEntry = new LinkedHashMap<>();
            claimed.forEach(e -> byEntry.computeIfAbsent(e.eventId() + ":" + e.entryIndex(), k -> new ArrayList<>()).add(e));
            return Multi.createFrom().iterable(byEntry.values()).onItem().transformToUniAndConcatenate(this::relay)
                    .collect().last().replaceWith(claimed.size() == config.routeBatch());
        });
    }

    private Uni<Void> relay(List<InboxEntry> rows) {
        InboxEntry entry = rows.get(0);
        List<Long> ids = rows.stream().map(InboxEntry::id).toList();
        return Uni.createFrom().deferred(() -> intake.accept(entry.object(), asEntry(entry)))
                .flatMap(result -> done(ids, result))
                .onFailure().recoverWithUni(failure -> failed(ids, entry.attempts(), failure));
    }

    private Uni<Void> done(List<Long> ids, IntakeResult result) {
        if (result.workspaces().isEmpty() && !result.routed()) {
            metrics.counter("metasync.webhooks.inbox", "outcome", "unrouted").increment();
            return store.outcome(ids, "ignored", null,
                    "no workspace has connected " + String.join(", ", result.unknownChannels()), null);
        }
        metrics.counter("metasync.webhooks.inbox", "outcome", "processed").increment();
        String note = result.routed() ? null : "not connected by any workspace: " + String.join(", ", result.unknownChannels());
        return store.outcome(ids, "processed", result.workspaces().isEmpty() ? null : result.workspaces().get(0), note, null);
    }

    private Uni<Void> failed(List<Long> ids, int attempts, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (attempts >= config.maxAttempts()) {
            metrics.counter("metasync.webhooks.dead", "stage", "inbox").increment();
            LOG.warnf("Messaging webhook entries %s are dead after %d attempts: %s", ids, attempts, reason);
            return store.outcome(ids, "dead", null, reason, null);
        }
        return store.outcome(ids, PENDING, null, reason, store.now().plus(backoff(attempts)));
    }

    private Duration backoff(int attempts) {
        Duration delay = config.retryBaseDelay().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return delay.compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay() : delay;
    }

    /** The entry as Meta sent it: {@code messaging[]} events and {@code changes[]} (items that name a field). */
    static JsonNode asEntry(InboxEntry entry) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("id", entry.pageId());
        ArrayNode messaging = out.putArray("messaging");
        ArrayNode changes = out.putArray("changes");
        for (JsonNode item : entry.items()) {
            (item.has("field") ? changes : messaging).add(item);
        }
        return out;
    }
}
