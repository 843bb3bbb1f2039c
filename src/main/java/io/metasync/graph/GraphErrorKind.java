package io.metasync.graph;

/**
 * What a failed Graph call means for the caller, decided from Meta's error object by code and
 * subcode (never by message text). Only {@link #THROTTLED} and {@link #TRANSIENT} are retried.
 */
public enum GraphErrorKind {
    /** The token is invalid, expired or revoked (190 with any subcode, 102): the user must reconnect. */
    AUTH(false),
    /** The token lacks a permission or the action is not allowed (10, 200-299, 3). */
    PERMISSION(false),
    /** A rate limit was hit (4, 17, 32, 341, 613, 80000-80014): retried once Meta says access is back. */
    THROTTLED(true),
    /** "Please reduce the amount of data": the caller must split the request (smaller range, fewer ids). */
    TOO_MUCH_DATA(false),
    /** Temporary trouble on Meta's side or on the wire (1, 2, is_transient, 5xx, timeouts, cut bodies). */
    TRANSIENT(true),
    /** The request itself is wrong (100 and every other code). */
    INVALID(false);

    private final boolean retryable;

    GraphErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The lower-case name used as a metric tag. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
