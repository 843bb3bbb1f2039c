package io.metasync.sandbox.graph;

/** Ends a Graph call with Meta's error object. Carries no stack trace: it is an answer, not a bug. */
public final class GraphException extends RuntimeException {

    private final transient GraphError error;

    public GraphException(GraphError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GraphError error() {
        return error;
    }
}
