package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GraphBatchTest extends GraphSandboxTest {

    @Test
    void splitsInFiftiesRetriesTimedOutItemsAndMapsItemErrors() {
        Sandbox.fault("{\"kind\":\"batch_timeout\",\"pathContains\":\"" + sandbox.formId() + "\",\"times\":3}");
        List<BatchRequest> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            requests.add(BatchRequest.get(sandbox.formId(), Map.of("fields", "id,name")));
        }
        requests.add(BatchRequest.get("not-an-object-999", Map.of()));
        List<BatchResult> results = client.batch(sandbox.page(), requests).await().atMost(Duration.ofSeconds(20));

        assertEquals(61, results.size());
        for (int i = 0; i < 60; i++) {
            assertTrue(results.get(i).ok(), "item " + i);
            assertEquals(sandbox.formId(), results.get(i).body().path("id").asText(), "body parsed from its JSON string");
        }
        BatchResult bad = results.get(60);
        assertFalse(bad.ok());
        assertEquals(GraphErrorKind.INVALID, bad.error().kind());
        assertEquals(2, Sandbox.requests("/v25.0/") - Sandbox.requests("/v25.0/" + sandbox.formId())
                - Sandbox.requests("not-an-object"), "two batch POSTs: 50 + 11 items");
        assertEquals(63, Sandbox.requests(sandbox.formId()), "60 items, 3 of them timed out and sent again alone");
    }
}
