package io.metasync.outbound;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An e-mail destination's follow-up sequence: {@code config.followUps[{delay, subjectTemplate, bodyTemplate}]}
 * are steps 1.. after the welcome (step 0), each due {@code delay} (ISO-8601, e.g. {@code P2D}) after the
 * previous step was delivered. The relay writes the next step's delivery only when a step is delivered, and
 * a step is skipped, ending the sequence, once the lead's status is no longer {@code new} or its address
 * unsubscribed.
 */
final class FollowUps {

    static final int MAX_STEPS = 10;
    static final Duration MAX_DELAY = Duration.ofDays(365);

    private FollowUps() {
    }

    /** The delay before step {@code step} (1..), if the destination has that step. */
    static Optional<Duration> delay(Destination d, int step) {
        JsonNode s = step(d, step);
        return s == null ? Optional.empty() : Optional.of(Duration.parse(s.path("delay").asText()));
    }

    /** The templates of step {@code step}: the destination's own for 0, else the follow-up's; null when there is no such step. */
    static JsonNode templates(Destination d, int step) {
        return step == 0 ? d.config() : step(d, step);
    }

    private static JsonNode step(Destination d, int step) {
        JsonNode steps = d.config().path("followUps");
        return step >= 1 && Destination.EMAIL.equals(d.kind()) && steps.isArray() && step <= steps.size() ? steps.get(step - 1) : null;
    }
}
