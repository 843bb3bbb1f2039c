package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.time.AppClock;
import io.metasync.graph.governor.LimiterKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The governor holds calls while Meta blocks them and lets them go at the regain time: the clock moves, nobody sleeps. */
@QuarkusTest
class GraphGovernorTest extends GraphSandboxTest {

    @Inject
    AppClock clock;

    @Test
    void holdsLeadCallsUntilTheRegainTimeThenResumes() {
        Sandbox.fault("{\"kind\":\"throttle\",\"pathContains\":\"/leads\",\"code\":80005,\"regainMinutes\":5}");
        UniAssertSubscriber<JsonNode> call = client.get(sandbox.page(), sandbox.formId() + "/leads", Map.of("limit", "5"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        Awaitility.await().atMost(WAIT).until(() -> Sandbox.requests("/leads") == 1);
        Sandbox.advanceClock(4 * 60);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> Sandbox.requests("/leads") == 1);
        call.assertNotTerminated();
        Sandbox.advanceClock(61);
        assertNotNull(call.awaitItem(WAIT).getItem().get("data"));
        assertEquals(2, Sandbox.requests("/leads"), "one throttled call, one after the regain time, none in between");
    }

    @Test
    void anotherAdAccountGoesOnWhileOneIsHeld() {
        LimiterKeys held = new LimiterKeys("t1", "act_1", null, false);
        LimiterKeys other = new LimiterKeys("t1", "act_2", null, false);
        governor.observe(held, header("X-Business-Use-Case-Usage", "{\"1\":[{\"type\":\"ads_management\","
                + "\"call_count\":100,\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":3}]}"), null);
        UniAssertSubscriber<Runnable> heldCall = governor.admit(held).subscribe().withSubscriber(UniAssertSubscriber.create());
        governor.admit(other).await().atMost(WAIT).run();
        heldCall.assertNotTerminated();
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        heldCall.awaitItem(WAIT).getItem().run();
    }

    @Test
    void boundsCallsInFlightPerAdAccount() {
        LimiterKeys keys = new LimiterKeys("t2", "act_3", null, false);
        Runnable[] permits = new Runnable[4];
        for (int i = 0; i < permits.length; i++) {
            permits[i] = governor.admit(keys).await().atMost(WAIT);
        }
        UniAssertSubscriber<Runnable> fifth = governor.admit(keys).subscribe().withSubscriber(UniAssertSubscriber.create());
        fifth.assertNotTerminated();
        permits[0].run();
        fifth.awaitItem(WAIT).getItem().run();
        for (int i = 1; i < permits.length; i++) {
            permits[i].run();
        }
    }

    @Test
    void aCallCancelledWhileItWaitsForItsAdAccountGivesItsTokenPermitBack() {
        LimiterKeys keys = new LimiterKeys("t4", "act_5", null, false);
        Runnable[] permits = new Runnable[4];
        for (int i = 0; i < permits.length; i++) {
            permits[i] = governor.admit(keys).await().atMost(WAIT);
        }
        UniAssertSubscriber<Runnable> waiting = governor.admit(keys).subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.assertNotTerminated();
        assertEquals(5, governor.permitsHeld(keys.token()), "the waiting call holds its token's permit");
        waiting.cancel();
        assertEquals(4, governor.permitsHeld(keys.token()), "a timed-out or cancelled call keeps nothing");
        for (Runnable permit : permits) {
            permit.run();
            permit.run();
        }
        assertEquals(0, governor.permitsHeld(keys.token()), "a release run twice counts once");
        assertEquals(0, governor.permitsHeld(keys.adAccount()));
        governor.admit(keys).await().atMost(WAIT).run();
    }

    @Test
    void usageCallsAndHoldsAreExposedAsPrometheusMetrics() {
        client.get(sandbox.page(), sandbox.formId() + "/leads", java.util.Map.of("limit", "1")).await().atMost(WAIT);
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("metasync_graph_usage{id=\"\",scope=\"app\"}"), "app usage gauge");
        assertTrue(metrics.contains("metasync_graph_calls_total{endpoint=\"/{id}/leads\",method=\"GET\",outcome=\"ok\"}"));
        assertTrue(metrics.contains("metasync_graph_latency_seconds_bucket"), "latency histogram");
        assertFalse(metrics.contains(sandbox.pageToken()));
    }

    private static java.util.function.UnaryOperator<String> header(String name, String value) {
        return h -> h.equalsIgnoreCase(name) ? value : null;
    }
}
