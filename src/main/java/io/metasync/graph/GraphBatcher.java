package io.metasync.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.graph.governor.GraphGovernor;
import io.metasync.graph.governor.LimiterKeys;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Batch requests (META-FACTS §3.5): at most 50 items per POST, sent one batch after the other; each
 * item's {@code body} is parsed from its JSON string, its headers fed to the governor, its error
 * mapped like a single call. Items that came back {@code null} (timed out) or with a retryable error
 * are sent again on their own, with the usual retries.
 */
@ApplicationScoped
class GraphBatcher {

    static final int MAX_ITEMS = 50;

    @Inject
    GraphTransport transport;

    @Inject
    GraphGovernor governor;

    @Inject
    ObjectMapper mapper;

    Uni<List<BatchResult>> batch(GraphAuth auth, List<BatchRequest> requests) {
        List<List<BatchRequest>> chunks = new ArrayList<>();
        for (int i = 0; i < requests.size(); i += MAX_ITEMS) {
            chunks.add(requests.subList(i, Math.min(requests.size(), i + MAX_ITEMS)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> chunk(auth, chunk))
                .onItem().<BatchResult>disjoint()
                .collect().asList();
    }

    private Uni<List<BatchResult>> chunk(GraphAuth auth, List<BatchRequest> chunk) {
        ArrayNode items = mapper.createArrayNode();
        chunk.forEach(request -> items.add(item(request)));
        return transport.call(auth, "POST", "", Map.of("batch", items.toString(), "include_headers", "true"))
                .chain(response -> Multi.createFrom().range(0, chunk.size())
                        .onItem().transformToUniAndConcatenate(i -> result(auth, chunk.get(i), response.get(i)))
                        .collect().asList());
    }

    private ObjectNode item(BatchRequest request) {
        ObjectNode item = mapper.createObjectNode().put("method", request.method());
        String path = GraphPaths.normalize(request.path());
        if ("POST".equals(request.method())) {
            item.put("relative_url", path);
            if (!request.params().isEmpty()) {
                item.put("body", GraphPaths.encode(request.params()));
            }
        } else {
            item.put("relative_url", request.params().isEmpty() ? path : path + "?" + GraphPaths.encode(request.params()));
        }
        return item;
    }

    private Uni<BatchResult> result(GraphAuth auth, BatchRequest request, JsonNode item) {
        if (item == null || item.isNull()) {
            return alone(auth, request);
        }
        String where = request.method() + " " + GraphPaths.template(request.path()) + " (batch item)";
        int status = item.path("code").asInt(0);
        JsonNode body = transport.json().parseOrNull(item.path("body").asText(null));
        GraphException error = GraphErrors.of(body, status, GraphPaths.isInsights(request.path()), where);
        LimiterKeys keys = GraphTransport.keys(auth, request.path());
        governor.observe(keys, headers(item.path("headers")), error);
        if (error == null) {
            return Uni.createFrom().item(BatchResult.success(body));
        }
        return error.retryable() ? alone(auth, request) : Uni.createFrom().item(BatchResult.failure(error));
    }

    private Uni<BatchResult> alone(GraphAuth auth, BatchRequest request) {
        return transport.call(auth, request.method(), request.path(), request.params())
                .map(BatchResult::success)
                .onFailure(GraphException.class).recoverWithItem(e -> BatchResult.failure((GraphException) e));
    }

    private static java.util.function.UnaryOperator<String> headers(JsonNode list) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        list.forEach(h -> byName.put(h.path("name").asText(""), h.path("value").asText(null)));
        return byName::get;
    }
}
