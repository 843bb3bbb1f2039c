package io.metasync.graph.governor;

import java.time.Duration;

/** One usage figure read from a response header: a governor key, its percentage, and Meta's regain time if any. */
record UsageReading(String key, double percent, Duration regain) {

    UsageReading merge(UsageReading other) {
        Duration longer = regain.compareTo(other.regain) >= 0 ? regain : other.regain;
        return new UsageReading(key, Math.max(percent, other.percent), longer);
    }
}
