package io.metasync.leads;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code metasync_leads_form_lag_seconds{workspace_id,form_id}}: how long ago each form's leads were last read to the
 * end (its last completed sync), so an alert can name a form that stopped syncing. Read from the
 * database every {@code metasync.leads.lag-refresh}, so every replica reports the same figures.
 */
@ApplicationScoped
public class FormLagMetrics {

    private final Pool pool;
    private final AppClock clock;
    private final MultiGauge lag;

    public FormLagMetrics(Pool pool, AppClock clock, MeterRegistry metrics) {
        this.pool = pool;
        this.clock = clock;
        this.lag = MultiGauge.builder("metasync.leads.form.lag").baseUnit("seconds")
                .description("Seconds since the form's leads were last read to the end by a sync").register(metrics);
    }

    @Scheduled(identity = "lead-form-lag", every = "${metasync.leads.lag-refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.preparedQuery("SELECT workspace_id::text, form_id, EXTRACT(EPOCH FROM ($1 - last_synced_at))::float8 FROM lead_form"
                + " WHERE last_synced_at IS NOT NULL")
                .execute(Tuple.of(now)).invoke(rows -> {
                    List<MultiGauge.Row<?>> gauges = new ArrayList<>();
                    rows.forEach(r -> gauges.add(MultiGauge.Row.of(Tags.of("workspace_id", r.getString(0), "form_id", r.getString(1)),
                            Math.max(0, r.getDouble(2)))));
                    lag.register(gauges, true);
                }).replaceWithVoid();
    }
}
