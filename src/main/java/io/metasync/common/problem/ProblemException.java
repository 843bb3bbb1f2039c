package io.metasync.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure that the API reports as a problem document. Rooms throw it (or a subclass) for every
 * error a client should see; {@link ProblemMappers} renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Problem.MetaError meta;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, null, Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
            Problem.MetaError meta, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.meta = meta;
        this.headers = headers;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found");
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), errors, meta);
    }
}
