package io.metasync.connect.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.app.AppCredentials;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionLinker;
import io.metasync.connect.connection.ConnectionStatusPolicy;
import io.metasync.connect.connection.MetaConnection;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphEndpoint;
import io.smallrye.mutiny.Uni;

/**
 * Server-side OAuth (META-FACTS §5): the login dialog URL with a CSRF state, then on the callback the
 * code is exchanged for a short-lived user token, that for a long-lived one (fb_exchange_token), and
 * the connection is stored with its pages and ad accounts.
 */
@ApplicationScoped
public class OAuthFlow {

    /** Where the callback sends the browser (or null to answer JSON) and the connection it made. */
    public record Linked(UUID connectionId, String redirectTo) {
    }

    private final OAuthStates states;
    private final MetaAppService apps;
    private final GraphClient graph;
    private final GraphEndpoint endpoint;
    private final ConnectionLinker linker;
    private final ConnectionStatusPolicy policy;
    private final String redirectUri;

    OAuthFlow(OAuthStates states, MetaAppService apps, GraphClient graph, GraphEndpoint endpoint, ConnectionLinker linker,
            ConnectionStatusPolicy policy, @ConfigProperty(name = "metasync.meta.redirect-uri") String redirectUri) {
        this.states = states;
        this.apps = apps;
        this.graph = graph;
        this.endpoint = endpoint;
        this.linker = linker;
        this.policy = policy;
        this.redirectUri = redirectUri;
    }

    /** The dialog URL and its state, bound to this user and workspace. */
    public Uni<Map<String, String>> authorize(UUID workspaceId, UUID userId, String redirectTo) {
        checkRedirect(redirectTo);
        return apps.forWorkspace(workspaceId).flatMap(app -> states.create(workspaceId, userId, app.appId(), redirectTo)
                .map(state -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("client_id", app.appId());
                    params.put("redirect_uri", redirectUri);
                    params.put("state", state);
                    params.put("scope", String.join(",", policy.requiredScopes()));
                    params.put("response_type", "code");
                    return Map.of("url", endpoint.dialogUrl(params), "state", state);
                }));
    }

    /** Handles Meta's redirect: the state first (always consumed), then Meta's error or the code. */
    public Uni<Linked> callback(String code, String state, String error, String errorDescription) {
        return states.consume(state).flatMap(bound -> {
            if (error != null && !error.isBlank()) {
                throw new ProblemException(400, "oauth-denied", "Meta login was not completed",
                        "Meta answered '" + error + "'" + (errorDescription == null ? "" : ": " + errorDescription));
            }
            if (code == null || code.isBlank()) {
                throw ProblemException.invalid("code", "is required");
            }
            return apps.forWorkspace(bound.workspaceId())
                    .flatMap(app -> exchange(app, code)
                            .flatMap(token -> linker.link(bound.workspaceId(), app, MetaConnection.Kind.user, token)))
                    .map(id -> new Linked(id, bound.redirectTo()));
        });
    }

    private Uni<String> exchange(AppCredentials app, String code) {
        GraphAuth appAuth = GraphAuth.of(app.appToken(), app.appSecret());
        return graph.get(appAuth, "oauth/access_token", Map.of("client_id", app.appId(), "client_secret", app.appSecret(),
                "redirect_uri", redirectUri, "code", code))
                .flatMap(shortLived -> graph.get(appAuth, "oauth/access_token", Map.of("grant_type", "fb_exchange_token",
                        "client_id", app.appId(), "client_secret", app.appSecret(),
                        "fb_exchange_token", shortLived.path("access_token").asText())))
                .map(longLived -> longLived.path("access_token").asText());
    }

    /** Only a path of this site, or a URL on the redirect URI's own host: never an open redirect. */
    private void checkRedirect(String redirectTo) {
        if (redirectTo == null || redirectTo.isBlank()) {
            return;
        }
        boolean path = redirectTo.startsWith("/") && !redirectTo.startsWith("//");
        boolean sameHost;
        try {
            URI target = URI.create(redirectTo);
            sameHost = target.getHost() != null && target.getHost().equalsIgnoreCase(URI.create(redirectUri).getHost())
                    && ("https".equals(target.getScheme()) || "http".equals(target.getScheme()));
        } catch (IllegalArgumentException e) {
            sameHost = false;
        }
        if (!path && !sameHost) {
            throw ProblemException.invalid("redirectTo", "must be a path of this site or a URL on " + URI.create(redirectUri).getHost());
        }
    }
}
