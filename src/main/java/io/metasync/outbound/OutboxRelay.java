package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.metasync.common.time.AppClock;
import io.metasync.leads.LeadReader;
import io.metasync.outbound.DeliveryStore.Claimed;
import io.metasync.outbound.DeliveryStore.Result;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the outbox's due deliveries, on every replica: each poll claims up to {@code batch-size} due rows
 * ({@code FOR UPDATE SKIP LOCKED}, leased to this relay's owner id for {@code lease}), sends them with bounded
 * concurrency, and records each attempt and the delivery's new state only while it still holds the lease.
 * Two relays never hold the same delivery; a relay that dies leaves leases that expire and are claimed again
 * (the receiver may then see the same {@code Idempotency-Key} twice, which is what the key is for).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DeliveryStore deliveries;
    private final DestinationStore destinations;
    private final LeadReader leads;
    private final Dispatcher dispatcher;
    private final RetryPolicy retries;
    private final OutboundConfig config;
    private final AppClock clock;
    private final MeterRegistry metrics;
    private final String owner;

    @Inject
    public OutboxRelay(DeliveryStore deliveries, DestinationStore destinations, LeadReader leads, Dispatcher dispatcher,
            RetryPolicy retries, OutboundConfig config, AppClock clock, MeterRegistry metrics) {
        this(deliveries, destinations, leads, dispatcher, retries, config, clock, metrics, "relay-" + UUID.randomUUID());
    }

    /** A relay with its own owner id (tests run several against one database). */
    public OutboxRelay(DeliveryStore deliveries, DestinationStore destinations, LeadReader leads, Dispatcher dispatcher,
            RetryPolicy retries, OutboundConfig config, AppClock clock, MeterRegistry metrics, String owner) {
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.leads = leads;
        this.dispatcher = dispatcher;
        this.retries = retries;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.owner = owner;
    }

    @Scheduled(identity = "outbound-relay", every = "${metasync.outbound.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runOnce().onFailure().invoke(e -> LOG.warnf("Outbound relay poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One poll: claims due deliveries and sends them; answers how many this relay finished. */
    public Uni<Integer> runOnce() {
        OffsetDateTime now = now();
        return deliveries.claim(owner, now, now.plus(config.lease()), config.batchSize())
                .onItem().transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem().transformToUni(this::deliver).merge(config.concurrency())
                .collect().with(java.util.stream.Collectors.summingInt(done -> done ? 1 : 0));
    }

    /** Sends one claimed delivery; when its destination cannot be read, the lease simply expires and it is claimed again. */
    private Uni<Boolean> deliver(Claimed c) {
        return destinations.get(c.workspaceId(), c.destinationId())
                .flatMap(d -> send(c, d)
                        .onFailure().recoverWithItem(e -> new SendResult(SendResult.RETRY, null, "internal: " + e.getClass().getSimpleName(), 0))
                        .flatMap(sent -> finish(c, d, sent)))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Delivery %s was not finished: %s", c.id(), e.getMessage());
                    return false;
                });
    }

    private Uni<SendResult> send(Claimed c, Destination d) {
        if (!d.enabled()) {
            return Uni.createFrom().item(SendResult.skipped("the destination is disabled"));
        }
        return leads.get(c.workspaceId(), c.leadId()).flatMap(lead -> c.step() > 0 && !"new".equals(lead.status())
                ? Uni.createFrom().item(SendResult.skipped("the lead is " + lead.status() + "; follow-ups stop"))
                : dispatcher.send(d, c.id(), c.step(), lead));
    }

    private Uni<Boolean> finish(Claimed c, Destination d, SendResult sent) {
        OffsetDateTime now = now();
        Result result = switch (sent.outcome()) {
            case SendResult.DELIVERED -> new Result("delivered", sent.outcome(), sent.statusCode(), null, sent.durationMs(), null,
                    FollowUps.delay(d, c.step() + 1).map(now::plus).orElse(null));
            case SendResult.SKIPPED -> new Result("skipped", sent.outcome(), null, sent.error(), sent.durationMs(), null, null);
            case SendResult.DEAD, SendResult.GONE -> new Result("dead", sent.outcome(), sent.statusCode(), sent.error(), sent.durationMs(),
                    null, null);
            default -> {
                OffsetDateTime next = retries.next(c.attempts() + 1, c.retryFrom(), now);
                yield next == null
                        ? new Result("dead", "dead", sent.statusCode(), sent.error() + " (retry window over)", sent.durationMs(), null, null)
                        : new Result("failed", "retry", sent.statusCode(), sent.error(), sent.durationMs(), next, null);
            }
        };
        metrics.counter("metasync.outbound.deliveries", "destination_id", c.destinationId().toString(), "outcome", result.outcome())
                .increment();
        Uni<Void> gone = SendResult.GONE.equals(sent.outcome())
                ? destinations.disable(c.destinationId(), "the receiver answered 410 Gone", now)
                : Uni.createFrom().voidItem();
        return gone.flatMap(v -> deliveries.finish(c.id(), owner, now, result)).invoke(held -> {
            if (!held) {
                LOG.debugf("Delivery %s: the lease was lost before its result was written", c.id());
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
