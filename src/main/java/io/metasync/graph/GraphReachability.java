package io.metasync.graph;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether Meta answers, as the Graph client last saw it: an HTTP answer of any status, or none (refused, timed
 * out). {@link MetaReadiness} reports it without a call of its own.
 */
@ApplicationScoped
public class GraphReachability {

    private volatile Instant lastAnswer;
    private volatile Instant lastNoAnswer;

    void answered() {
        lastAnswer = Instant.now();
    }

    void unanswered() {
        lastNoAnswer = Instant.now();
    }

    /** {@code reachable}, {@code unreachable}, or {@code unknown} before the first call. */
    public String state() {
        Instant ok = lastAnswer;
        Instant failed = lastNoAnswer;
        if (ok == null && failed == null) {
            return "unknown";
        }
        return failed == null || (ok != null && !ok.isBefore(failed)) ? "reachable" : "unreachable";
    }

    Instant lastAnswer() {
        return lastAnswer;
    }

    Instant lastNoAnswer() {
        return lastNoAnswer;
    }
}
