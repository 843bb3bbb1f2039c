package io.metasync.graph;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of one batch item: its parsed body, or the error it ended in (mapped like a single call). */
public record BatchResult(JsonNode body, GraphException error) {

    public static BatchResult success(JsonNode body) {
        return new BatchResult(body, null);
    }

    public static BatchResult failure(GraphException error) {
        return new BatchResult(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
