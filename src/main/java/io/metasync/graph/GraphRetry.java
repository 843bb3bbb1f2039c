package io.metasync.graph;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Retries and the circuit breaker (SmallRye Fault Tolerance, one guard per Graph host): transient and
 * throttled errors are retried with exponential backoff and full jitter, the others never; only
 * transient errors count against the host's breaker, named {@code graph:<host>}.
 */
@ApplicationScoped
class GraphRetry {

    private static final Logger LOG = Logger.getLogger(GraphRetry.class);
    private static final TypeLiteral<Uni<JsonNode>> UNI_JSON = new TypeLiteral<>() {
    };

    @Inject
    GraphConfig config;

    @Inject
    GraphMetrics metrics;

    private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();

    Uni<JsonNode> guard(String host, String where, Supplier<Uni<JsonNode>> attempt) {
        return guards.computeIfAbsent(host, this::build).get(attempt, UNI_JSON)
                .onFailure(CircuitBreakerOpenException.class)
                .transform(e -> GraphException.of(GraphErrorKind.TRANSIENT,
                        where + " not sent: the circuit breaker of the Graph host is open", 0));
    }

    private Guard build(String host) {
        GraphConfig.Retry retry = config.retry();
        GraphConfig.CircuitBreaker breaker = config.circuitBreaker();
        return Guard.create()
                .withDescription("Graph calls to " + host)
                .withRetry()
                .maxRetries(retry.maxRetries())
                .delay(retry.baseDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .whenException(GraphRetry::retryable)
                .beforeRetry(this::beforeRetry)
                .withCustomBackoff()
                .strategy(() -> new FullJitterBackoff(retry.baseDelay().toMillis(), retry.maxDelay().toMillis()))
                .done()
                .done()
                .withCircuitBreaker()
                .name("graph:" + host)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .when(e -> e instanceof GraphException g && g.kind() == GraphErrorKind.TRANSIENT)
                .done()
                .build();
    }

    private static boolean retryable(Throwable e) {
        return e instanceof GraphException g && g.retryable();
    }

    private void beforeRetry(Throwable cause) {
        if (cause instanceof GraphException g) {
            metrics.retry(g.kind());
            LOG.infof("Retrying Graph call after %s error: %s", g.kind().tag(), g.getMessage());
        }
    }
}
