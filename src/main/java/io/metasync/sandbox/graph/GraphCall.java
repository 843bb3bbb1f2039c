package io.metasync.sandbox.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Graph request, from HTTP or from a batch item: method, version (null when the path has none),
 * path segments after the version, query and body parameters merged, and where the sandbox is served
 * (to build {@code paging.next} links).
 */
public record GraphCall(String method, String version, List<String> segments, Map<String, String> params,
        String bearer, String baseUrl) {

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** A JSON-object parameter (a form field holding JSON text, or an object of a JSON body); error 100 if not one. */
    public com.fasterxml.jackson.databind.JsonNode jsonParam(com.fasterxml.jackson.databind.ObjectMapper json, String name) {
        String raw = param(name).orElseThrow(() -> GraphError.invalid("param " + name + " must be non-empty").ex());
        try {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(raw);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // reported below, as Meta does, without the parser's message
        }
        throw GraphError.invalid("param " + name + " must be a JSON object").ex();
    }

    public String segment(int i) {
        return segments.get(i);
    }

    public int size() {
        return segments.size();
    }

    /** The token: {@code access_token} parameter, else the {@code Authorization: Bearer} header. */
    public Optional<String> token() {
        return param("access_token").or(() -> Optional.ofNullable(bearer));
    }

    /** The path as logged and counted: {@code /v25.0/123/leads} (no query, so no secrets). */
    public String path() {
        return (version == null ? "" : "/" + version) + "/" + String.join("/", segments);
    }

    /** The public URL path of this call on the sandbox. */
    public String publicPath() {
        return GraphResource.ROOT + path();
    }
}
