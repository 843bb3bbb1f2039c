package io.metasync.graph;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Meta's reachability in {@code /q/health/ready} (API.md "Operations"), from {@link GraphReachability}. The check
 * stays UP when Meta does not answer: a replica taken out of service would stop taking Meta's webhooks too, and Meta
 * unsubscribes an app whose messaging webhooks fail for an hour. The data says what is known.
 */
@Readiness
@ApplicationScoped
public class MetaReadiness implements HealthCheck {

    private final GraphReachability reachability;

    public MetaReadiness(GraphReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Meta Graph API").up().withData("meta", reachability.state());
        if (reachability.lastAnswer() != null) {
            response.withData("lastAnswerAt", reachability.lastAnswer().toString());
        }
        if (reachability.lastNoAnswer() != null) {
            response.withData("lastNoAnswerAt", reachability.lastNoAnswer().toString());
        }
        return response.build();
    }
}
