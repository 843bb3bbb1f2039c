package io.metasync.graph.governor;

import java.time.Instant;

/** What the governor knows about one key: the last usage reading and until when Meta blocks it. */
final class UsageState {

    private volatile double percent;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile Instant blockedUntil = Instant.EPOCH;

    double percent() {
        return percent;
    }

    void read(double pct, Instant at) {
        percent = pct;
        readAt = at;
    }

    synchronized void blockUntil(Instant until) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    Instant blockedUntil() {
        return blockedUntil;
    }

    /** Neither blocked nor read since {@code since}: safe to forget. */
    boolean staleAt(Instant now, Instant since) {
        return !blockedUntil.isAfter(now) && readAt.isBefore(since);
    }
}
