package io.metasync.graph;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.metasync.graph.governor.GraphGovernor;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** What every Graph test against the sandbox starts from: a fresh sandbox, governor and circuit breaker. */
abstract class GraphSandboxTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    GraphClient client;

    @Inject
    GraphGovernor governor;

    Sandbox sandbox;

    /** The world sizes the test class needs, as {@code POST /sandbox/admin/reset} takes them. */
    String world() {
        return "{}";
    }

    @BeforeEach
    void resetSandbox() {
        sandbox = Sandbox.reset(world());
        governor.reset();
        CircuitBreakerMaintenance.get().resetAll();
    }
}
