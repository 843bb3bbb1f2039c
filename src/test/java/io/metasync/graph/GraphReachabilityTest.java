package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness data follows the last thing the Graph client saw; the check itself stays UP (see the class). */
class GraphReachabilityTest {

    @Test
    void theLastAnswerOrSilenceDecides() {
        GraphReachability reach = new GraphReachability();
        assertEquals("unknown", reach.state());
        reach.unanswered();
        assertEquals("unreachable", reach.state());
        HealthCheckResponse down = new MetaReadiness(reach).call();
        assertEquals(HealthCheckResponse.Status.UP, down.getStatus(), "webhooks must still reach this replica");
        assertEquals("unreachable", down.getData().orElseThrow().get("meta"));
        reach.answered();
        assertEquals("reachable", reach.state());
    }
}
