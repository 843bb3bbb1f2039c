package io.metasync.graph;

import java.time.Duration;
import java.util.Optional;

import io.metasync.common.Redaction;

/**
 * The one exception every failed Graph call ends in. It carries Meta's error object (code, subcode,
 * type, fbtrace_id), the HTTP status (0 when no response came) and, for throttling, how long Meta
 * said access is blocked. Its message is always redacted and it never wraps a cause whose message
 * could hold a token.
 */
public final class GraphException extends RuntimeException {

    private final GraphErrorKind kind;
    private final Integer code;
    private final Integer subcode;
    private final String type;
    private final String fbtraceId;
    private final int httpStatus;
    private final Duration retryAfter;

    public GraphException(GraphErrorKind kind, String message, Integer code, Integer subcode, String type,
            String fbtraceId, int httpStatus, Duration retryAfter) {
        super(Redaction.redact(message));
        this.kind = kind;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.fbtraceId = fbtraceId;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** A failure with no Meta error object (timeout, refused connection, unreadable body). */
    public static GraphException of(GraphErrorKind kind, String message, int httpStatus) {
        return new GraphException(kind, message, null, null, null, null, httpStatus, null);
    }

    public GraphErrorKind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    public Optional<Integer> subcode() {
        return Optional.ofNullable(subcode);
    }

    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    public Optional<String> fbtraceId() {
        return Optional.ofNullable(fbtraceId);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** How long Meta said to wait before calling again (throttling), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same error, with where it happened (e.g. the page position of a stream) added to the message. */
    public GraphException at(String position) {
        return new GraphException(kind, getMessage() + " at " + position, code, subcode, type, fbtraceId, httpStatus,
                retryAfter);
    }

    /** The same error with the throttling wait filled in. */
    GraphException withRetryAfter(Duration wait) {
        return new GraphException(kind, getMessage(), code, subcode, type, fbtraceId, httpStatus, wait);
    }
}
