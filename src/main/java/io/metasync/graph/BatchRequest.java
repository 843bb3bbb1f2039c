package io.metasync.graph;

import java.util.Map;

/**
 * One item of a Graph batch (META-FACTS §3.5): a method and a path relative to the version, with
 * query parameters (GET, DELETE) or form body parameters (POST).
 */
public record BatchRequest(String method, String path, Map<String, String> params) {

    public BatchRequest {
        method = method.toUpperCase(java.util.Locale.ROOT);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static BatchRequest get(String path, Map<String, String> params) {
        return new BatchRequest("GET", path, params);
    }

    public static BatchRequest post(String path, Map<String, String> params) {
        return new BatchRequest("POST", path, params);
    }

    public static BatchRequest delete(String path, Map<String, String> params) {
        return new BatchRequest("DELETE", path, params);
    }
}
