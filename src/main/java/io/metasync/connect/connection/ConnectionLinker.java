package io.metasync.connect.connection;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.app.AppCredentials;
import io.metasync.connect.vault.TokenVault;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified long-lived user or system-user token into a stored connection: who it belongs to,
 * its scopes and expiries (debug_token), its Pages with their page tokens and Instagram accounts
 * (/me/accounts) and its ad accounts (/me/adaccounts). Reconnecting the same Meta identity updates the
 * same connection. Tokens are sealed before they touch the database.
 */
@ApplicationScoped
public class ConnectionLinker {

    private final GraphClient graph;
    private final TokenVault vault;
    private final ConnectionStatusPolicy policy;
    private final MetaConnectionRepository connections;
    private final MetaPageRepository pages;
    private final MetaAdAccountLinkRepository adAccounts;
    private final Clock clock;

    public ConnectionLinker(GraphClient graph, TokenVault vault, ConnectionStatusPolicy policy,
            MetaConnectionRepository connections, MetaPageRepository pages, MetaAdAccountLinkRepository adAccounts,
            io.metasync.common.time.AppClock clock) {
        this.graph = graph;
        this.vault = vault;
        this.policy = policy;
        this.connections = connections;
        this.pages = pages;
        this.adAccounts = adAccounts;
        this.clock = clock;
    }

    record Assets(JsonNode me, MetaIdentity identity, List<JsonNode> pages, List<JsonNode> adAccounts) {
    }

    /** Checks the token with debug_token (422 if Meta says it is not valid), then stores the connection. */
    public Uni<UUID> link(UUID workspaceId, AppCredentials app, MetaConnection.Kind kind, String token) {
        return link(workspaceId, app, kind, token, null);
    }

    /**
     * {@link #link}, making sure the connection has {@code adAccountId} ({@code act_<id>}): a system user's ad account that
     * {@code /me/adaccounts} does not list is read directly; 422 when the token cannot read it.
     */
    public Uni<UUID> link(UUID workspaceId, AppCredentials app, MetaConnection.Kind kind, String token, String adAccountId) {
        GraphAuth appAuth = GraphAuth.of(app.appToken(), app.appSecret());
        GraphAuth userAuth = GraphAuth.of(token, app.appSecret());
        return graph.get(appAuth, "debug_token", Map.of("input_token", token))
                .map(MetaIdentity::from)
                .invoke(identity -> {
                    if (!identity.valid()) {
                        throw new ProblemException(422, "meta-token-invalid", "Meta token not valid",
                                "Meta says this access token is not valid (it may be expired or revoked)");
                    }
                })
                .flatMap(identity -> graph.get(userAuth, "me", Map.of("fields", "id,name"))
                        .flatMap(me -> collect(userAuth, "me/accounts",
                                "id,name,access_token,instagram_business_account{id,username}")
                                .flatMap(pageList -> collect(userAuth, "me/adaccounts", "id,name,account_id")
                                        .flatMap(accounts -> withAccount(userAuth, accounts, adAccountId))
                                        .map(accounts -> new Assets(me, identity, pageList, accounts)))))
                .flatMap(assets -> Panache.withTransaction(() -> store(workspaceId, app, kind, token, assets)));
    }

    private Uni<List<JsonNode>> withAccount(GraphAuth auth, List<JsonNode> accounts, String adAccountId) {
        if (adAccountId == null || accounts.stream().anyMatch(a -> adAccountId.equals(a.path("id").asText()))) {
            return Uni.createFrom().item(accounts);
        }
        return graph.get(auth, adAccountId, Map.of("fields", "id,name,account_id"))
                .map(account -> {
                    List<JsonNode> all = new java.util.ArrayList<>(accounts);
                    all.add(account);
                    return all;
                })
                .onFailure(e -> e instanceof GraphException g && g.kind() != GraphErrorKind.TRANSIENT
                        && g.kind() != GraphErrorKind.THROTTLED)
                .transform(e -> new ProblemException(422, "meta-ad-account-unreadable", "Ad account not readable",
                        "This token cannot read ad account " + adAccountId + ": " + e.getMessage()));
    }

    /** An edge's items; a permission error (the scope was not granted) gives none rather than failing. */
    private Uni<List<JsonNode>> collect(GraphAuth auth, String edge, String fields) {
        return graph.paginate(auth, edge, Map.of("fields", fields, "limit", "100")).collect().asList()
                .onFailure(e -> e instanceof GraphException g && g.kind() == GraphErrorKind.PERMISSION)
                .recoverWithItem(List.of());
    }

    private Uni<UUID> store(UUID workspaceId, AppCredentials app, MetaConnection.Kind kind, String token, Assets assets) {
        String metaUserId = assets.me().path("id").asText();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return connections.findIdentity(workspaceId, kind, metaUserId).flatMap(found -> {
            MetaConnection c = found != null ? found : new MetaConnection();
            if (found == null) {
                c.id = UUID.randomUUID();
                c.workspaceId = workspaceId;
                c.kind = kind;
                c.metaUserId = metaUserId;
                c.createdAt = now;
            }
            c.appId = app.appId();
            c.name = assets.me().path("name").asText(null);
            c.accessTokenSealed = vault.seal(token, MetaConnection.vaultContext(c.id));
            c.expiresAt = assets.identity().expiresAt();
            c.dataAccessExpiresAt = assets.identity().dataAccessExpiresAt();
            c.scopesCsv = String.join(",", assets.identity().scopes());
            c.missingScopesCsv = String.join(",", policy.missingScopes(assets.identity().scopes()));
            c.status = policy.statusFor(c.expiresAt, c.dataAccessExpiresAt, now);
            c.statusReason = null;
            c.lastCheckedAt = now;
            c.updatedAt = now;
            return connections.persist(c)
                    .flatMap(saved -> pages.delete("workspaceId = ?1 and (connectionId = ?2 or pageId in ?3)",
                            workspaceId, c.id, ids(assets.pages())))
                    .flatMap(n -> adAccounts.delete("workspaceId = ?1 and (connectionId = ?2 or accountId in ?3)",
                            workspaceId, c.id, ids(assets.adAccounts())))
                    .flatMap(n -> pages.persist(pageRows(workspaceId, c.id, assets.pages())))
                    .flatMap(v -> adAccounts.persist(accountRows(workspaceId, c.id, assets.adAccounts())))
                    .map(v -> c.id);
        });
    }

    /** The items' ids (never empty, so that SQL "in" stays valid). */
    private static List<String> ids(List<JsonNode> items) {
        List<String> ids = new ArrayList<>(items.stream().map(i -> i.path("id").asText()).toList());
        if (ids.isEmpty()) {
            ids.add("");
        }
        return ids;
    }

    private List<MetaPage> pageRows(UUID workspaceId, UUID connectionId, List<JsonNode> items) {
        List<MetaPage> rows = new ArrayList<>();
        for (JsonNode item : items) {
            MetaPage page = new MetaPage();
            page.workspaceId = workspaceId;
            page.pageId = item.path("id").asText();
            page.connectionId = connectionId;
            page.name = item.path("name").asText(null);
            page.instagramAccountId = item.path("instagram_business_account").path("id").asText(null);
            String pageToken = item.path("access_token").asText(null);
            page.accessTokenSealed = pageToken == null ? null : vault.seal(pageToken, MetaPage.vaultContext(workspaceId, page.pageId));
            rows.add(page);
        }
        return rows;
    }

    private static List<MetaAdAccountLink> accountRows(UUID workspaceId, UUID connectionId, List<JsonNode> items) {
        List<MetaAdAccountLink> rows = new ArrayList<>();
        for (JsonNode item : items) {
            MetaAdAccountLink link = new MetaAdAccountLink();
            link.workspaceId = workspaceId;
            link.accountId = item.path("id").asText();
            link.connectionId = connectionId;
            link.name = item.path("name").asText(null);
            rows.add(link);
        }
        return rows;
    }
}
