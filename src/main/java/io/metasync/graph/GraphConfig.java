package io.metasync.graph;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Graph client ({@code metasync.graph.*}); each one is listed in docs/graph.md. */
@ConfigMapping(prefix = "metasync.graph")
public interface GraphConfig {

    /**
     * Graph host, e.g. {@code https://graph.facebook.com} (the default when unset). Unset in dev and
     * test without {@code metasync.meta.app-id}: the built-in sandbox on the app's own port is used.
     */
    Optional<String> baseUrl();

    /** Graph API version every call is pinned to. */
    @WithDefault("v25.0")
    String version();

    /** Host of the OAuth login dialog. */
    @WithDefault("https://www.facebook.com")
    String dialogBaseUrl();

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT60S")
    Duration readTimeout();

    Retry retry();

    CircuitBreaker circuitBreaker();

    Governor governor();

    interface Retry {
        /** Retries after the first attempt, for transient and throttled errors. */
        @WithDefault("5")
        int maxRetries();

        /** Full-jitter backoff: the n-th retry waits a random time in [0, min(max-delay, base-delay * 2^n)]. */
        @WithDefault("PT1S")
        Duration baseDelay();

        @WithDefault("PT60S")
        Duration maxDelay();

        /** Overall time after which no further retry starts (throttle holds count). */
        @WithDefault("PT2H")
        Duration maxDuration();
    }

    interface CircuitBreaker {
        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before letting a trial call through. */
        @WithDefault("PT30S")
        Duration delay();
    }

    interface Governor {
        /** Usage percentage above which new calls are slowed down. */
        @WithDefault("75")
        double threshold();

        /** Delay added to a call at 100% usage; scales linearly from zero at the threshold. */
        @WithDefault("PT10S")
        Duration maxSlowdown();

        /** Hold after a throttling error or a usage of 100% that came without a regain time. */
        @WithDefault("PT60S")
        Duration throttleBlock();

        /** How often a held call re-checks the clock. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Calls in flight at once per access token. */
        @WithDefault("8")
        int perTokenConcurrency();

        /** Calls in flight at once per ad account. */
        @WithDefault("4")
        int perAdAccountConcurrency();
    }
}
