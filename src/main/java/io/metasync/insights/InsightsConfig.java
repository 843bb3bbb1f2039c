package io.metasync.insights;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Insights settings (docs/insights.md). */
@ConfigMapping(prefix = "metasync.insights")
public interface InsightsConfig {

    /** Days one async report run covers (a slice: account x days). */
    @WithDefault("31")
    int daysPerJob();

    /** Async report runs in flight at once per ad account and sync run. */
    @WithDefault("16")
    int maxJobsInFlight();

    /** Report runs started, and completed ones read, at once (the governor still bounds calls per ad account). */
    @WithDefault("4")
    int fetchConcurrency();

    /** New report runs start only while Meta's insights load (X-FB-Ads-Insights-Throttle) is below this percent. */
    @WithDefault("75")
    double admitBelowPercent();

    /** How often the statuses of running report runs are polled (one batch request for all of them). */
    @WithDefault("PT5S")
    Duration pollInterval();

    /** A report run that has not started after this long (Meta queues runs under load) is abandoned, retried, then split. */
    @WithDefault("PT15M")
    Duration jobStartTimeout();

    /** A report run that has not completed after this long is abandoned, retried, then split (META-FACTS: up to about an hour). */
    @WithDefault("PT65M")
    Duration jobFinishTimeout();

    /** Retries of a failed or timed-out report run before it is split ("too much data" splits at once). */
    @WithDefault("2")
    int jobRetries();

    /** {@code limit} asked of Meta per page of rows. */
    @WithDefault("1000")
    int pageSize();

    /** Rows per multi-row upsert. */
    @WithDefault("500")
    int writeBatch();

    /** Days Meta may still restate: the scheduled sync re-reads them, and a day read later than this after it is final. */
    @WithDefault("28")
    int restatementDays();

    /** A day read this recently is not read again (Meta refreshes insights every 15 minutes). */
    @WithDefault("PT15M")
    Duration freshFor();

    /** Action types counted as conversions ({@code actions}) and revenue ({@code action_values}). */
    @WithDefault("purchase,lead")
    List<String> conversionActionTypes();

    /** {@code action_attribution_windows} asked of Meta (e.g. {@code 7d_click,1d_view}); none: the ad sets' own settings. */
    Optional<List<String>> attributionWindows();

    /** How long a campaign list read from Meta is reused by {@code GET /meta/ad-accounts/{id}/campaigns}. */
    @WithDefault("PT60S")
    Duration campaignsCacheTtl();

    /** Scheduled sync settings. */
    Schedule schedule();

    interface Schedule {

        /** How often the scheduled sync runs (a scheduler period, e.g. {@code 6h}; the {@code @Scheduled} expression reads it). */
        @WithDefault("6h")
        String every();

        /** Delay of its first run after start (read by the same expression). */
        @WithDefault("10m")
        String delay();

        /** Whether every connected ad account's recent insights are synced on a schedule. */
        @WithDefault("true")
        boolean enabled();

        /** Levels the scheduled sync reads (each over the restatement window). */
        @WithDefault("account,campaign")
        List<String> levels();

        /** How long one account's scheduled sync may hold its lease. */
        @WithDefault("PT2H")
        Duration leaseTtl();
    }
}
