package io.metasync.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Graph answer before serialisation: status, JSON-able body and extra headers. */
public record GraphReply(int status, Object body, Map<String, String> headers) {

    public static GraphReply ok(Object body) {
        return new GraphReply(200, body, Map.of());
    }

    public static GraphReply success() {
        return ok(Map.of("success", true));
    }

    public static GraphReply error(GraphError e, String fbtraceId) {
        return new GraphReply(e.status(), e.body(fbtraceId), e.headers());
    }

    public GraphReply withHeaders(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(more);
        return new GraphReply(status, body, h);
    }
}
