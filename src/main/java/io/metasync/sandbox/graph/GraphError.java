package io.metasync.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of Meta's error objects with the HTTP status it comes with. Graph errors are mostly HTTP 400,
 * permission errors 403, transient and "reduce the amount of data" errors 500 (META-FACTS §4).
 */
public record GraphError(int status, int code, Integer subcode, String type, String message, boolean transientError,
        Map<String, String> headers) {

    public static final String OAUTH = "OAuthException";
    public static final String METHOD = "GraphMethodException";

    public GraphError(int status, int code, Integer subcode, String type, String message, boolean transientError) {
        this(status, code, subcode, type, message, transientError, Map.of());
    }

    public GraphException ex() {
        return new GraphException(this);
    }

    public GraphError withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new GraphError(status, code, subcode, type, message, transientError, Map.copyOf(h));
    }

    public Map<String, Object> body(String fbtraceId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", type);
        e.put("code", code);
        if (subcode != null) {
            e.put("error_subcode", subcode);
        }
        e.put("is_transient", transientError);
        e.put("fbtrace_id", fbtraceId);
        return Map.of("error", e);
    }

    public static GraphError invalid(String message) {
        return new GraphError(400, 100, null, OAUTH, "(#100) " + message, false);
    }

    public static GraphError unknownObject(String id, String method) {
        return new GraphError(400, 100, 33, METHOD, "Unsupported " + method.toLowerCase(java.util.Locale.ROOT)
                + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions,"
                + " or does not support this operation. Please read the Graph API documentation at"
                + " https://developers.facebook.com/docs/graph-api", false);
    }

    public static GraphError unknownPath(String path) {
        return new GraphError(400, 2500, null, OAUTH, "Unknown path components: " + path, false);
    }

    public static GraphError token(Integer subcode, String message) {
        return new GraphError(400, 190, subcode, OAUTH, message, false)
                .withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"" + message + "\"");
    }

    public static GraphError noToken() {
        return new GraphError(400, 104, null, OAUTH, "An access token is required to request this resource.", false);
    }

    public static GraphError permission(int code, String message) {
        return new GraphError(403, code, null, OAUTH, "(#" + code + ") " + message, false);
    }

    public static GraphError server(int code) {
        return code == 1
                ? new GraphError(500, 1, null, OAUTH, "An unknown error has occurred.", true)
                : new GraphError(500, 2, null, OAUTH, "An unexpected error has occurred. Please retry your request"
                        + " later.", true);
    }

    public static GraphError reduceData(int status, int code, Integer subcode) {
        return new GraphError(status, code, subcode, OAUTH,
                "Please reduce the amount of data you're asking for, then retry your request", false);
    }
}
