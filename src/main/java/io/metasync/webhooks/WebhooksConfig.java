package io.metasync.webhooks;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Meta webhooks: intake, dispatch, retention (docs/webhooks.md). */
@ConfigMapping(prefix = "metasync.webhooks")
public interface WebhooksConfig {

    /** Largest webhook body accepted (413 above; JSON bodies are also capped by metasync.http.max-json-body-size). */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Deliveries written per INSERT: concurrent deliveries share one statement and commit. */
    @WithDefault("500")
    int insertBatch();

    /** INSERTs of deliveries in flight at once per replica. */
    @WithDefault("4")
    int insertConcurrency();

    /** How often an idle replica looks for stored deliveries to route (deliveries on this replica wake it at once). */
    @WithDefault("PT0.5S")
    Duration routePollInterval();

    /** Deliveries routed per claim. */
    @WithDefault("500")
    int routeBatch();

    /** Lease on claimed deliveries; another replica routes them once it expires. */
    @WithDefault("PT1M")
    Duration lease();

    /** Entries of one Page processed per step (their leads are fetched with batch requests of 50). */
    @WithDefault("500")
    int processBatch();

    /** Batch requests (50 leads each) in flight at once for one Page's step. */
    @WithDefault("4")
    int fetchConcurrency();

    /** Workspaces of one Page processed at once in a step (a Page connected by several workspaces). */
    @WithDefault("4")
    int workspaceConcurrency();

    /**
     * Longest wait for one workspace's leads of a step (rate-limit holds included); past it the entries
     * back off and are retried, so one workspace's held token never stalls the Page's other workspaces.
     */
    @WithDefault("PT1M")
    Duration fetchTimeout();

    /** Attempts before an entry (or an unreadable delivery) is dead. */
    @WithDefault("8")
    int maxAttempts();

    /** First retry delay of a failing entry, doubled per attempt up to {@link #retryMaxDelay()}. */
    @WithDefault("PT5S")
    Duration retryBaseDelay();

    @WithDefault("PT30M")
    Duration retryMaxDelay();

    /** How often entries of Pages no workspace has are routed again (until retention removes them). */
    @WithDefault("PT15M")
    Duration unroutedRecheck();

    /** Processed, ignored and unrouted entries (and their deliveries) are deleted after this. */
    @WithDefault("P7D")
    Duration retention();

    /** Dead entries are kept this long for replay. */
    @WithDefault("P30D")
    Duration deadRetention();

    /** How often retention runs (one replica). */
    @WithDefault("PT1H")
    Duration retentionEvery();

    /** Webhook processing shows in sync runs as one run of kind {@code webhook} per workspace and window. */
    @WithDefault("PT1H")
    Duration runWindow();

    /** How long the verifying apps' secrets and verify tokens are cached before they are read again. */
    @WithDefault("PT1M")
    Duration appCacheTtl();
}
