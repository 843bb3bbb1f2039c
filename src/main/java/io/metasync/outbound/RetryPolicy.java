package io.metasync.outbound;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter (after the n-th failed
 * attempt, a uniformly random wait in {@code [1 ms, min(max, base * 2^(n-1))]}), until the retry window
 * (from creation or the last replay) is over; then the delivery is dead.
 */
@ApplicationScoped
public class RetryPolicy {

    private final OutboundConfig config;

    public RetryPolicy(OutboundConfig config) {
        this.config = config;
    }

    /** The next attempt's time after {@code attempts} failed attempts, or null when the window is over. */
    public OffsetDateTime next(int attempts, OffsetDateTime retryFrom, OffsetDateTime now) {
        if (!now.isBefore(retryFrom.plus(config.retryWindow()))) {
            return null;
        }
        long base = Math.max(1, config.retryBaseDelay().toMillis());
        long max = Math.max(base, config.retryMaxDelay().toMillis());
        long ceiling = base;
        for (int i = 1; i < attempts && ceiling < max; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max);
        return now.plus(Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(ceiling)));
    }
}
