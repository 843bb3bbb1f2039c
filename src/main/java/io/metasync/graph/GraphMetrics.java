package io.metasync.graph;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Graph call metrics: calls by endpoint template (ids replaced, never a token) and outcome, a
 * latency histogram, and retries by error kind. Throttle holds and usage gauges come from the governor.
 */
@ApplicationScoped
class GraphMetrics {

    static final String OK = "ok";

    @Inject
    MeterRegistry registry;

    void call(String method, String endpoint, String outcome, Duration latency) {
        Counter.builder("metasync.graph.calls").description("Graph calls by endpoint and outcome")
                .tag("method", method).tag("endpoint", endpoint).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder("metasync.graph.latency").description("Graph call latency")
                .tag("method", method).tag("endpoint", endpoint).publishPercentileHistogram()
                .register(registry).record(latency);
    }

    void retry(GraphErrorKind kind) {
        Counter.builder("metasync.graph.retries").description("Graph calls retried, by the error that caused it")
                .tag("kind", kind.tag()).register(registry).increment();
    }
}
