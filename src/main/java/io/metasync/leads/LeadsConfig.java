package io.metasync.leads;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lead Ads settings (docs/leads.md). */
@ConfigMapping(prefix = "metasync.leads")
public interface LeadsConfig {

    /** Forms read at once in one sync run. */
    @WithDefault("4")
    int formConcurrency();

    /** Leads written per multi-row INSERT (one transaction). */
    @WithDefault("250")
    int batchSize();

    /** {@code limit} asked of Meta per page of leads. */
    @WithDefault("500")
    int pageSize();

    /** How far before the newest stored lead the next sync starts, so a lead created during a fetch is never skipped. */
    @WithDefault("PT5M")
    Duration checkpointOverlap();

    /** How often {@code metasync_leads_form_lag_seconds} is read again from the database (the scheduler reads this key). */
    @WithDefault("60s")
    String lagRefresh();
}
