package io.metasync.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.metasync.jobs.LeadQuota;
import io.metasync.jobs.queue.Job;
import io.metasync.jobs.queue.JobHandler;
import io.metasync.jobs.queue.JobQueue;
import io.metasync.jobs.queue.JobQueue.JobSpec;
import io.metasync.jobs.queue.JobResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Retention as a recurring job (one replica at a time): processed, ignored and unrouted entries and
 * routed deliveries older than {@code retention}, dead ones older than {@code dead-retention}, deleted in
 * batches; old lead-quota usage too. Also refreshes the dead-events gauge.
 */
@ApplicationScoped
class WebhookRetention implements JobHandler {

    static final String KIND = "webhook-retention";
    private static final Logger LOG = Logger.getLogger(WebhookRetention.class);
    private static final int BATCH = 5000;

    private final WebhookEntryStore store;
    private final JobQueue jobs;
    private final LeadQuota quota;
    private final WebhooksConfig config;
    private final java.util.concurrent.atomic.AtomicLong dead = new java.util.concurrent.atomic.AtomicLong();

    WebhookRetention(WebhookEntryStore store, JobQueue jobs, LeadQuota quota, WebhooksConfig config, MeterRegistry metrics) {
        this.store = store;
        this.jobs = jobs;
        this.quota = quota;
        this.config = config;
        metrics.gauge("metasync.webhooks.dead.current", dead);
    }

    void onStart(@Observes StartupEvent start) {
        jobs.ensure(new JobSpec(KIND, KIND, null, new JsonObject(), store.now().plus(config.retentionEvery())))
                .subscribe().with(created -> { }, failure -> LOG.warnf("Could not schedule webhook retention: %s", failure.toString()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<JobResult> run(Job job) {
        return purge(0).call(quota::prune).call(() -> store.deadCount().invoke(dead::set))
                .map(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Webhook retention deleted %d rows", deleted);
                    }
                    return JobResult.again(store.now().plus(config.retentionEvery()));
                });
    }

    private Uni<Long> purge(long sofar) {
        return store.deleteOld(store.now().minus(config.retention()), store.now().minus(config.deadRetention()), BATCH)
                .flatMap(n -> n >= BATCH ? purge(sofar + n) : Uni.createFrom().item(sofar + n));
    }
}
