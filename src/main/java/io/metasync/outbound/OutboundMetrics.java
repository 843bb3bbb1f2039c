package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * {@code metasync_outbound_oldest_due_seconds}: how long the oldest delivery that is due (pending, or
 * failed and waiting for its retry time) has been waiting, read from the database every
 * {@code metasync.outbound.metrics-refresh} so every replica reports the same. The relay counts
 * {@code metasync_outbound_deliveries_total{destination_id,outcome}} as it goes.
 */
@ApplicationScoped
public class OutboundMetrics {

    private final DeliveryStore deliveries;
    private final AppClock clock;
    private final AtomicLong oldestDue = new AtomicLong();

    public OutboundMetrics(DeliveryStore deliveries, AppClock clock, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.clock = clock;
        Gauge.builder("metasync.outbound.oldest.due", oldestDue, AtomicLong::get).baseUnit("seconds")
                .description("Seconds the oldest due outbound delivery has been waiting").register(metrics);
    }

    @Scheduled(identity = "outbound-metrics", every = "${metasync.outbound.metrics-refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return deliveries.oldestDueSeconds(OffsetDateTime.now(clock)).invoke(oldestDue::set).replaceWithVoid();
    }
}
