package io.metasync.graph;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * Where Graph calls go. The configured {@code metasync.graph.base-url} wins; without it, dev and
 * test (with no {@code metasync.meta.app-id}) use the built-in sandbox on the app's own HTTP port,
 * read at call time because tests start on a random port; otherwise {@code https://graph.facebook.com}.
 */
@ApplicationScoped
public class GraphEndpoint {

    static final String META_GRAPH = "https://graph.facebook.com";
    static final String SANDBOX_GRAPH = "/sandbox/graph";
    static final String SANDBOX_DIALOG = "/sandbox/dialog";

    @Inject
    GraphConfig config;

    /** The versioned API root, e.g. {@code https://graph.facebook.com/v25.0}. */
    public String apiRoot() {
        return host() + "/" + config.version();
    }

    /** The URL of a path relative to the version, with an already encoded query (may be empty). */
    String url(String path, String encodedQuery) {
        String base = apiRoot() + "/" + GraphPaths.normalize(path);
        return encodedQuery == null || encodedQuery.isEmpty() ? base : base + "?" + encodedQuery;
    }

    /** The OAuth login dialog URL with the given parameters (client_id, redirect_uri, state, scope...). */
    public String dialogUrl(Map<String, String> params) {
        String root = usesSandbox() ? sandbox(SANDBOX_DIALOG) : stripSlash(config.dialogBaseUrl());
        return root + "/" + config.version() + "/dialog/oauth?" + GraphPaths.encode(params);
    }

    /** Whether calls go to the built-in sandbox rather than to Meta. */
    public boolean usesSandbox() {
        return config.baseUrl().isEmpty() && LaunchMode.current() != LaunchMode.NORMAL
                && optional("metasync.meta.app-id").isEmpty();
    }

    /** The scheme, host and base path calls go to (also the circuit breaker's name). */
    public String host() {
        if (usesSandbox()) {
            return sandbox(SANDBOX_GRAPH);
        }
        return stripSlash(config.baseUrl().orElse(META_GRAPH));
    }

    private static String sandbox(String path) {
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = Optional.ofNullable(System.getProperty(portKey)).or(() -> optional(portKey)).orElse("8080");
        return "http://localhost:" + port + path;
    }

    private static Optional<String> optional(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
