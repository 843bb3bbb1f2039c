package io.metasync.graph;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.Redaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Cursor paging as a lazy {@link Multi} (META-FACTS §0): follows {@code paging.next} until it is
 * absent, going on past empty and short pages, one page in flight per stream and only when the
 * subscriber asks for more. A page that still fails after retries fails the stream with its
 * position (page number, items so far, and the redacted URL of the page).
 */
@ApplicationScoped
class GraphPager {

    @Inject
    GraphTransport transport;

    /** Where a stream is: the next call to make (null when done) and how far it got. */
    private static final class Position {
        GraphPaths.Relative next;
        String nextUrl;
        int page;
        long items;
        boolean done;
        /** The next page, already requested (read-ahead streams only). */
        Uni<Page> ahead;

        Position(String path, Map<String, String> params) {
            next = new GraphPaths.Relative(path, params);
        }
    }

    Multi<JsonNode> items(GraphAuth auth, String path, Map<String, String> params) {
        return items(auth, path, params, false);
    }

    /**
     * With {@code readAhead}, the next page is requested as soon as a page arrives, so Meta's latency overlaps the
     * consumer's work on the page it has (bulk reads that keep everything); memory stays at two pages. Without it,
     * nothing is fetched that the subscriber did not ask for (previews, first-N reads).
     */
    Multi<JsonNode> items(GraphAuth auth, String path, Map<String, String> params, boolean readAhead) {
        String template = GraphPaths.template(path);
        return Multi.createBy().repeating()
                .uni(() -> new Position(path, params), position -> readAhead ? pageAhead(auth, position, template)
                        : page(auth, position, template))
                .whilst(page -> !page.done())
                .onItem().transformToIterable(page -> page.data);
    }

    private Uni<Page> pageAhead(GraphAuth auth, Position position, String template) {
        Uni<Page> current = position.ahead != null ? position.ahead : page(auth, position, template);
        position.ahead = null;
        return current.invoke(page -> {
            if (!page.done()) {
                Uni<Page> next = page(auth, position, template).memoize().indefinitely();
                // started now; its outcome (a failure too) is kept for when the stream asks for it
                next.subscribe().with(p -> { }, e -> { });
                position.ahead = next;
            }
        });
    }

    /** One fetched page and whether it was the last. */
    private record Page(Iterable<JsonNode> data, boolean done) {
    }

    private Uni<Page> page(GraphAuth auth, Position position, String template) {
        GraphPaths.Relative call = position.next;
        return transport.call(auth, "GET", call.path(), call.params())
                .onFailure(GraphException.class).transform(e -> ((GraphException) e).at(describe(position, template)))
                .map(body -> {
                    JsonNode data = body.path("data");
                    if (!data.isArray()) {
                        throw GraphException.of(GraphErrorKind.TRANSIENT,
                                "GET " + template + " returned a page without data", 200).at(describe(position, template));
                    }
                    String next = body.path("paging").path("next").asText(null);
                    position.page++;
                    position.items += data.size();
                    position.nextUrl = next;
                    position.next = next == null || next.isBlank() ? null : GraphPaths.fromNext(next);
                    position.done = position.next == null;
                    return new Page(data, position.done);
                });
    }

    private static String describe(Position position, String template) {
        return "page " + (position.page + 1) + " of " + template + " after " + position.items + " items"
                + (position.nextUrl == null ? "" : " (next: " + Redaction.redact(position.nextUrl) + ")");
    }
}
