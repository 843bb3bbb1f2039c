package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

@QuarkusTest
class GraphPagingTest extends GraphSandboxTest {

    @Override
    String world() {
        return "{\"leadsPerForm\":400}";
    }

    @BeforeEach
    void settings() {
        Sandbox.settings("{\"emptyPageRate\":0.25,\"shortPageRate\":0.25,\"leadArrivalPerMinute\":0}");
    }

    @Test
    void everyLeadExactlyOnceAcrossEmptyAndShortPages() {
        List<String> ids = client.paginate(sandbox.page(), sandbox.formId() + "/leads", Map.of("limit", "25", "fields", "id"))
                .map(lead -> lead.path("id").asText())
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        List<String> truth = Sandbox.truthLeadIds(sandbox.formId());
        assertEquals(truth.size(), ids.size(), "no lead lost or read twice");
        assertEquals(new HashSet<>(truth), new HashSet<>(ids));
        assertTrue(Sandbox.requests("/leads") > truth.size() / 25, "paged past empty and short pages");
    }

    @Test
    void lazyAndOnePageAtATime() {
        Sandbox.settings("{\"emptyPageRate\":0,\"shortPageRate\":0}");
        AssertSubscriber<JsonNode> sub = client.paginate(sandbox.page(), sandbox.formId() + "/leads", Map.of("limit", "10"))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        assertEquals(0, Sandbox.requests("/leads"), "nothing fetched before it is asked for");
        sub.request(1).awaitItems(1, Duration.ofSeconds(10));
        sub.request(9).awaitItems(10, Duration.ofSeconds(10));
        assertEquals(1, Sandbox.requests("/leads"), "the first ten items come from one page, no prefetch");
        sub.request(1).awaitItems(11, Duration.ofSeconds(10));
        assertEquals(2, Sandbox.requests("/leads"));
        sub.cancel();
    }

    @Test
    void aReadAheadStreamHasTheNextPageRequestedWhileItsSubscriberWorksOnThisOne() {
        Sandbox.settings("{\"emptyPageRate\":0,\"shortPageRate\":0}");
        AssertSubscriber<JsonNode> sub = client.paginateAhead(sandbox.page(), sandbox.formId() + "/leads", Map.of("limit", "10"))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        assertEquals(0, Sandbox.requests("/leads"), "nothing fetched before it is asked for");
        sub.request(1).awaitItems(1, Duration.ofSeconds(10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Sandbox.requests("/leads") == 2);
        sub.request(Long.MAX_VALUE).awaitCompletion(Duration.ofSeconds(30));
        List<String> truth = Sandbox.truthLeadIds(sandbox.formId());
        assertEquals(new HashSet<>(truth), new HashSet<>(sub.getItems().stream().map(l -> l.path("id").asText()).toList()));
        assertEquals(truth.size(), sub.getItems().size(), "every lead once");
        assertEquals(truth.size() / 10, Sandbox.requests("/leads"), "no page read twice, none beyond the last");
    }

    @Test
    void aPageThatKeepsFailingFailsTheStreamWithItsPosition() {
        AssertSubscriber<JsonNode> sub = client.paginate(sandbox.page(), sandbox.formId() + "/leads", Map.of("limit", "10"))
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        sub.awaitItems(1, Duration.ofSeconds(10));
        Sandbox.fault("{\"kind\":\"server_error\",\"pathContains\":\"/leads\"}");
        sub.request(Long.MAX_VALUE).awaitFailure(Duration.ofSeconds(10));
        GraphException e = (GraphException) sub.getFailure();
        assertEquals(GraphErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("of /{id}/leads after "), e.getMessage());
        assertTrue(e.getMessage().contains("after="), "the cursor position: " + e.getMessage());
        assertFalse(e.getMessage().contains(sandbox.pageToken()), e.getMessage());
        Set<String> seen = new HashSet<>();
        sub.getItems().forEach(lead -> assertTrue(seen.add(lead.path("id").asText())));
    }
}
