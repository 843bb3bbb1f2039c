package io.metasync.graph;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The one way the app talks to Meta's Graph API. Paths are relative to the pinned version
 * ({@code "me/accounts"}, {@code "/123/leads"}, {@code "act_9/insights"}); parameters are plain values
 * (JSON-valued ones such as {@code filtering} as JSON text) and never credentials: the token and its
 * appsecret_proof come from {@link GraphAuth}. Every call goes through the rate-limit governor and
 * the retries; every failure is a {@link GraphException} whose {@code kind} says what to do.
 * See docs/graph.md.
 */
@ApplicationScoped
public class GraphClient {

    @Inject
    GraphTransport transport;

    @Inject
    GraphPager pager;

    @Inject
    GraphBatcher batcher;

    public Uni<JsonNode> get(GraphAuth auth, String path, Map<String, String> params) {
        return transport.call(auth, "GET", path, params);
    }

    /** A POST with form parameters (creating, updating, subscribing). */
    public Uni<JsonNode> post(GraphAuth auth, String path, Map<String, String> params) {
        return transport.call(auth, "POST", path, params);
    }

    /**
     * A message send: a JSON body with the token as {@code Authorization: Bearer} (META-FACTS §7.2, §7.5), sent once and
     * never retried, since after a timeout or a server error Meta may have delivered it and a retry could deliver it
     * twice. The caller reports the failure instead.
     */
    public Uni<JsonNode> sendOnce(GraphAuth auth, String path, JsonNode body) {
        return transport.postJsonOnce(auth, path, body);
    }

    public Uni<JsonNode> delete(GraphAuth auth, String path, Map<String, String> params) {
        return transport.call(auth, "DELETE", path, params);
    }

    /**
     * The items of every page of an edge, in order, each exactly once: lazy (nothing is fetched
     * until requested) and back-pressured (one page in flight). Cursors are not exposed.
     */
    public Multi<JsonNode> paginate(GraphAuth auth, String path, Map<String, String> params) {
        return pager.items(auth, path, params);
    }

    /** Like {@link #paginate}, with the next page requested while the current one is consumed (whole-edge reads). */
    public Multi<JsonNode> paginateAhead(GraphAuth auth, String path, Map<String, String> params) {
        return pager.items(auth, path, params, true);
    }

    /**
     * Sends the requests in batches of at most 50 and returns one result per request, in order.
     * Timed-out items are retried on their own; other item errors are returned, not thrown.
     */
    public Uni<List<BatchResult>> batch(GraphAuth auth, List<BatchRequest> requests) {
        return batcher.batch(auth, requests);
    }
}
