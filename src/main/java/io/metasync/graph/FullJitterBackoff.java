package io.metasync.graph;

import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff with full jitter: the n-th retry (n from 0) waits a uniformly random time in
 * {@code [1 ms, min(max, base * 2^n)]}, so clients that failed together do not retry together
 * (1 ms rather than 0: timers refuse a zero delay).
 */
final class FullJitterBackoff implements CustomBackoffStrategy {

    private final long baseMillis;
    private final long maxMillis;
    private int attempt;

    FullJitterBackoff(long baseMillis, long maxMillis) {
        this.baseMillis = Math.max(0, baseMillis);
        this.maxMillis = Math.max(this.baseMillis, maxMillis);
    }

    /** The upper bound of the wait before retry number {@code n} (0-based). */
    long ceiling(int n) {
        long ceiling = baseMillis;
        for (int i = 0; i < n && ceiling > 0 && ceiling < maxMillis; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? maxMillis : ceiling * 2;
        }
        return Math.min(ceiling, maxMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long ceiling = ceiling(attempt++);
        return ceiling <= 1 ? 1 : 1 + ThreadLocalRandom.current().nextLong(ceiling);
    }
}
