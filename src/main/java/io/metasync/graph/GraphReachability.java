package io.metasync.graph;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether Meta answers, as the Graph client last saw it (an HTTP answer of any status, or none: refused, timed
 * out): reported in {@code /q/health/ready} (API.md "Operations") without a call of its own. The check stays UP
 * when Meta does not answer: a replica taken out of service would stop taking Meta's webhooks too, and Meta
 * unsubscribes an app whose messaging webhooks fail for an hour. The data says what is known.
 */
@Readiness
@ApplicationScoped
public class GraphReachability implements HealthCheck {

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

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Meta Graph API").up().withData("meta", state());
        if (lastAnswer != null) {
            response.withData("lastAnswerAt", lastAnswer.toString());
        }
        if (lastNoAnswer != null) {
            response.withData("lastNoAnswerAt", lastNoAnswer.toString());
        }
        return response.build();
    }
}
