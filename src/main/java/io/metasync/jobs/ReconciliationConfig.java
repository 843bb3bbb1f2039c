package io.metasync.jobs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scheduled reconciliation (docs/jobs.md). Quota settings are read by {@link LeadQuota}. */
@ConfigMapping(prefix = "metasync.reconciliation")
public interface ReconciliationConfig {

    /** Schedules reconciliation of every workspace with an active connection. */
    @WithDefault("true")
    boolean enabled();

    /** How often each workspace is reconciled. */
    @WithDefault("15m")
    Duration every();

    /** Delay of the first scheduling pass after start. */
    @WithDefault("1m")
    String delay();

    /** Pages of one workspace reconciled at once. */
    @WithDefault("2")
    int pageConcurrency();

    /** Re-subscribe a Page whose leadgen subscription is missing (else only report it). */
    @WithDefault("true")
    boolean repairSubscriptions();

    /** Quota: Graph calls allowed per lead of the Page per 24 h (Meta: 4800). */
    @WithDefault("4800")
    long quotaCallsPerLead();

    /** Quota: the share of it reconciliation may spend; the rest is kept for webhook fetches. */
    @WithDefault("0.5")
    double quotaShare();
}
