package io.metasync.graph;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps Meta's error object to a {@link GraphException} by code, subcode and {@code is_transient}
 * (META-FACTS §4, §2.4, §3.3). The HTTP status only decides when there is no usable error object.
 */
public final class GraphErrors {

    private static final Set<Integer> AUTH_SUBCODES = Set.of(458, 459, 460, 463, 464, 467, 492);
    private static final Set<Integer> THROTTLE_CODES = Set.of(4, 17, 32, 341, 613);
    private static final int REDUCE_DATA_SUBCODE = 1487534;
    /** Insights sync timeouts (100/1504018, 2/1504038) and async "report too large" (-3/1504045): split, don't retry. */
    private static final Set<Integer> INSIGHTS_TOO_LARGE_SUBCODES = Set.of(1504018, 1504038, 1504045);
    private static final int INSIGHTS_PERMISSION_SUBCODE = 3191001;
    /** Insights 2/1504041 (invalid breakdowns) and 2/1504042 (invalid custom metrics): code 2, yet not temporary. */
    private static final Set<Integer> INSIGHTS_INVALID_SUBCODES = Set.of(1504041, 1504042);

    private GraphErrors() {
    }

    /**
     * Decides the kind of an error.
     *
     * @param insights whether the call read insights, where Meta sends "reduce the amount of data"
     *                 as HTTP 500 with code 1, 2 or 100 and no subcode
     */
    public static GraphErrorKind classify(Integer code, Integer subcode, boolean isTransient, int httpStatus,
            boolean insights) {
        int c = code == null ? Integer.MIN_VALUE : code;
        if (c == 190 || c == 102 || (subcode != null && AUTH_SUBCODES.contains(subcode))) {
            return GraphErrorKind.AUTH;
        }
        if (THROTTLE_CODES.contains(c) || (c >= 80000 && c <= 80014)) {
            return GraphErrorKind.THROTTLED;
        }
        if (tooMuchData(c, subcode, httpStatus, insights)) {
            return GraphErrorKind.TOO_MUCH_DATA;
        }
        if (c == 10 || c == 3 || (c >= 200 && c <= 299)
                || (subcode != null && subcode == INSIGHTS_PERMISSION_SUBCODE)) {
            return GraphErrorKind.PERMISSION;
        }
        if (subcode != null && INSIGHTS_INVALID_SUBCODES.contains(subcode)) {
            return GraphErrorKind.INVALID;
        }
        if (isTransient || c == 1 || c == 2) {
            return GraphErrorKind.TRANSIENT;
        }
        if (c == 100) {
            return GraphErrorKind.INVALID;
        }
        return httpStatus >= 500 ? GraphErrorKind.TRANSIENT : GraphErrorKind.INVALID;
    }

    private static boolean tooMuchData(int code, Integer subcode, int httpStatus, boolean insights) {
        if (subcode != null && subcode == REDUCE_DATA_SUBCODE) {
            return true;
        }
        if (!insights) {
            return false;
        }
        if (subcode != null) {
            return INSIGHTS_TOO_LARGE_SUBCODES.contains(subcode);
        }
        return httpStatus == 500 && (code == 1 || code == 2 || code == 100);
    }

    /**
     * The error a response (or batch item) stands for, or null when it is a success.
     *
     * @param body the parsed body, null when it was cut, empty or not JSON
     */
    public static GraphException of(JsonNode body, int httpStatus, boolean insights, String where) {
        if (body != null && body.path("error").isObject()) {
            return fromError(body.get("error"), httpStatus, insights, where);
        }
        return body == null || httpStatus >= 300 ? unreadable(httpStatus, where) : null;
    }

    /**
     * The exception for a response whose body held Meta's {@code {"error":{...}}} object.
     *
     * @param where what was called, already free of secrets (e.g. {@code GET /{id}/leads})
     */
    public static GraphException fromError(JsonNode error, int httpStatus, boolean insights, String where) {
        Integer code = intOrNull(error.get("code"));
        Integer subcode = intOrNull(error.get("error_subcode"));
        String type = textOrNull(error.get("type"));
        String trace = textOrNull(error.get("fbtrace_id"));
        boolean isTransient = error.path("is_transient").asBoolean(false);
        GraphErrorKind kind = classify(code, subcode, isTransient, httpStatus, insights);
        String message = where + " failed with HTTP " + httpStatus + ": (#" + code
                + (subcode == null ? "" : "/" + subcode) + ") " + (type == null ? "" : type + ": ")
                + error.path("message").asText("") + (trace == null ? "" : " [fbtrace_id " + trace + "]");
        return new GraphException(kind, message, code, subcode, type, trace, httpStatus, null);
    }

    /** The exception for a response without a readable error object: a cut or non-JSON body, or a bare status. */
    public static GraphException unreadable(int httpStatus, String where) {
        GraphErrorKind kind;
        if (httpStatus == 429) {
            kind = GraphErrorKind.THROTTLED;
        } else if (httpStatus < 400 || httpStatus >= 500 || httpStatus == 408) {
            kind = GraphErrorKind.TRANSIENT;
        } else {
            kind = GraphErrorKind.INVALID;
        }
        return GraphException.of(kind, where + " failed with HTTP " + httpStatus + ": unreadable or truncated body",
                httpStatus);
    }

    /** The exception for a call that got no response (timeout, connection refused or reset). */
    public static GraphException noResponse(Throwable failure, String where) {
        return GraphException.of(GraphErrorKind.TRANSIENT,
                where + " got no response: " + failure.getClass().getSimpleName() + ": " + failure.getMessage(), 0);
    }

    private static Integer intOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.intValue();
        }
        try {
            return Integer.valueOf(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
