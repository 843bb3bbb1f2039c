package io.metasync.outbound;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound settings (docs/outbound.md). */
@ConfigMapping(prefix = "metasync.outbound")
public interface OutboundConfig {

    /** How long a failing delivery is retried (from its creation or last replay) before it is dead. */
    @WithDefault("PT24H")
    Duration retryWindow();

    /** Base of the exponential full-jitter backoff between attempts. */
    @WithDefault("PT30S")
    Duration retryBaseDelay();

    /** Cap of one backoff delay. */
    @WithDefault("PT1H")
    Duration retryMaxDelay();

    /** Timeout of one webhook call (connect and answer). */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often each replica's relay looks for due deliveries (the scheduler reads this key). */
    @WithDefault("1s")
    String pollEvery();

    /** Deliveries one relay claims at once. */
    @WithDefault("50")
    int batchSize();

    /** Deliveries one relay sends at once. */
    @WithDefault("8")
    int concurrency();

    /** How often {@code metasync_outbound_oldest_due_seconds} is read again from the database (the scheduler reads this key). */
    @WithDefault("30s")
    String metricsRefresh();

    /** How long a claimed delivery is reserved for the relay that claimed it (a dead replica's claims expire). */
    @WithDefault("PT2M")
    Duration lease();
}
