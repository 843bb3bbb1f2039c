package io.metasync.connect.connection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionViews.VerifyView;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Checking a connection live with Meta, and disconnecting it. */
@ApplicationScoped
public class ConnectionAdmin {

    private final ConnectionService service;
    private final MetaAppService apps;
    private final GraphClient graph;
    private final ConnectionStatusPolicy policy;
    private final MetaConnectionRepository connections;

    public ConnectionAdmin(ConnectionService service, MetaAppService apps, GraphClient graph, ConnectionStatusPolicy policy,
            MetaConnectionRepository connections) {
        this.service = service;
        this.apps = apps;
        this.graph = graph;
        this.policy = policy;
        this.connections = connections;
    }

    /** Asks Meta now whether the connection's token works and has the permissions the features need. */
    public Uni<VerifyView> verify(UUID id) {
        return service.owned(id).flatMap(c -> apps.forWorkspace(c.workspaceId).flatMap(app -> {
            if (c.accessTokenSealed == null) {
                return Uni.createFrom().item(new VerifyView(false, c.metaUserId, c.name, false, policy.requiredScopes(),
                        "The connection was revoked; connect again"));
            }
            return service.connectionAuth(c, app)
                    .flatMap(auth -> graph.get(GraphAuth.of(app.appToken(), app.appSecret()), "debug_token",
                            Map.of("input_token", auth.accessToken()))
                            .map(MetaIdentity::from)
                            .flatMap(identity -> identity.valid()
                                    ? graph.get(auth, "me", Map.of("fields", "id,name")).map(me -> verified(identity,
                                            me.path("id").asText(), me.path("name").asText(null)))
                                    : Uni.createFrom().item(new VerifyView(false, c.metaUserId, c.name, false,
                                            policy.requiredScopes(), "Meta says the token is no longer valid; connect again"))))
                    .onFailure(e -> e instanceof GraphException g && g.kind() == GraphErrorKind.AUTH)
                    .recoverWithItem(e -> new VerifyView(false, c.metaUserId, c.name, false, policy.requiredScopes(),
                            "Meta rejected the token; connect again"));
        }));
    }

    private VerifyView verified(MetaIdentity identity, String userId, String userName) {
        List<String> missing = policy.missingScopes(identity.scopes());
        boolean leads = identity.scopes().contains("leads_retrieval");
        String message = missing.isEmpty() ? "Connected with every permission metasync uses"
                : "Connected, but these permissions were not granted: " + String.join(", ", missing);
        return new VerifyView(true, userId, userName, leads, missing, message);
    }

    /**
     * Revokes the app's grants at Meta (DELETE /me/permissions with the user token) and deletes the
     * stored tokens, pages and ad-account links. Meta having revoked it already is not an error.
     */
    public Uni<Void> disconnect(UUID id) {
        return service.owned(id).flatMap(c -> apps.forWorkspace(c.workspaceId)
                .flatMap(app -> c.accessTokenSealed == null ? Uni.createFrom().voidItem()
                        : service.connectionAuth(c, app)
                                .flatMap(auth -> graph.delete(auth, "me/permissions", Map.of()))
                                .replaceWithVoid()
                                .onFailure(e -> e instanceof GraphException g && (g.kind() == GraphErrorKind.AUTH
                                        || g.kind() == GraphErrorKind.PERMISSION || g.kind() == GraphErrorKind.INVALID))
                                .recoverWithNull().replaceWithVoid())
                .flatMap(v -> delete(c.id)));
    }

    @WithTransaction
    Uni<Void> delete(UUID id) {
        return connections.delete("id", id).replaceWithVoid();
    }
}
