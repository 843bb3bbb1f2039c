package io.metasync.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Meta's lead-retrieval quota per Page (META-FACTS §1.5): {@code 4800 × leads of the past 90 days} calls
 * per rolling 24 hours. Every Graph call for leads is counted here per Page and hour (webhook fetches and
 * reconciliation pulls alike); reconciliation spends only what is left after a reserve for webhooks.
 */
@ApplicationScoped
public class LeadQuota {

    private static final Duration WINDOW = Duration.ofHours(24);

    private final Pool pool;
    private final AppClock clock;
    private final long callsPerLead;
    private final double reconciliationShare;

    public LeadQuota(Pool pool, AppClock clock, ReconciliationConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.callsPerLead = config.quotaCallsPerLead();
        this.reconciliationShare = config.quotaShare();
    }

    /** Counts {@code calls} Graph calls for the Page's leads now. */
    public Uni<Void> record(String pageId, long calls) {
        if (calls <= 0) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime hour = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        return pool.preparedQuery("INSERT INTO lead_quota_usage AS u (page_id, hour, calls) VALUES ($1, $2, $3) "
                + "ON CONFLICT (page_id, hour) DO UPDATE SET calls = u.calls + EXCLUDED.calls")
                .execute(Tuple.of(pageId, hour, calls)).replaceWithVoid();
    }

    /** Calls counted for the Page in the last 24 hours. */
    public Uni<Long> used(String pageId) {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(WINDOW).truncatedTo(ChronoUnit.HOURS);
        return pool.preparedQuery("SELECT COALESCE(sum(calls), 0) FROM lead_quota_usage WHERE page_id = $1 AND hour >= $2")
                .execute(Tuple.of(pageId, since)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Calls reconciliation may still make for the Page today, given the leads Meta counts for it. */
    public Uni<Long> reconciliationBudget(String pageId, long recentLeads) {
        long daily = callsPerLead * Math.max(1, recentLeads);
        long share = (long) Math.floor(daily * reconciliationShare);
        return used(pageId).map(used -> Math.max(0, share - used));
    }

    /** Forgets usage older than the window (retention). */
    public Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM lead_quota_usage WHERE hour < $1")
                .execute(Tuple.of(OffsetDateTime.now(clock).minus(WINDOW.multipliedBy(2)))).replaceWithVoid();
    }
}
