package io.metasync.connect.connection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.app.AppCredentials;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionViews.AdAccountInfo;
import io.metasync.connect.connection.ConnectionViews.AdAccountRef;
import io.metasync.connect.connection.ConnectionViews.ConnectionView;
import io.metasync.connect.connection.ConnectionViews.PageInfo;
import io.metasync.connect.connection.ConnectionViews.PageRef;
import io.metasync.connect.vault.TokenVault;
import io.metasync.graph.GraphAuth;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The connect room's service for the API and for other rooms: the workspace's connections, its
 * Pages, and ready-to-use Graph credentials for a Page (page token + app secret), so that no other
 * room ever touches a token column or the vault.
 */
@ApplicationScoped
public class ConnectionService {

    private final MetaConnectionRepository connections;
    private final MetaPageRepository pages;
    private final MetaAdAccountLinkRepository adAccounts;
    private final MetaAppService apps;
    private final TokenVault vault;
    private final ConnectionStatusPolicy policy;
    private final Pool pool;

    public ConnectionService(MetaConnectionRepository connections, MetaPageRepository pages,
            MetaAdAccountLinkRepository adAccounts, MetaAppService apps, TokenVault vault, ConnectionStatusPolicy policy,
            Pool pool) {
        this.policy = policy;
        this.pool = pool;
        this.connections = connections;
        this.pages = pages;
        this.adAccounts = adAccounts;
        this.apps = apps;
        this.vault = vault;
    }

    /** The caller's connections, newest first. */
    @WithSession
    public Uni<List<ConnectionView>> list() {
        return connections.findOwned("", Sort.descending("createdAt"), new Parameters()).list()
                .flatMap(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(this::view).collect().asList());
    }

    /** One of the caller's connections (404 for any other). */
    @WithSession
    public Uni<ConnectionView> get(UUID id) {
        return connections.requireOwned(id, "Connection").flatMap(this::view);
    }

    /** A connection by id, whoever calls (the OAuth callback has no bearer token; its state bound the workspace). */
    @WithSession
    public Uni<ConnectionView> byId(UUID id) {
        return connections.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Connection"))
                .flatMap(this::view);
    }

    @WithSession
    public Uni<MetaConnection> owned(UUID id) {
        return connections.requireOwned(id, "Connection");
    }

    /** The workspace's Pages (from every connection). */
    @WithSession
    public Uni<List<PageInfo>> pages(UUID workspaceId) {
        return pages.ofWorkspace(workspaceId).map(list -> list.stream()
                .map(p -> new PageInfo(p.pageId, p.name, p.connectionId, p.instagramAccountId)).toList());
    }

    /** Workspaces that have this Page connected: routes Page webhooks. */
    @WithSession
    public Uni<List<UUID>> workspacesForPage(String pageId) {
        return pages.byPageId(pageId).map(list -> list.stream().map(p -> p.workspaceId).distinct().toList());
    }

    /** Workspaces that have a Page linked to this Instagram account connected: routes Instagram webhooks. */
    @WithSession
    public Uni<List<UUID>> workspacesForInstagramAccount(String instagramAccountId) {
        return pages.byInstagramAccount(instagramAccountId)
                .map(list -> list.stream().map(p -> p.workspaceId).distinct().toList());
    }

    /**
     * Graph credentials for a workspace's Page; 404 when the workspace has no such Page, 409 when its
     * token was revoked. Read with the SQL client, not a Hibernate session, so concurrent pipelines
     * (one stream per form, webhook bursts) may call it.
     */
    public Uni<GraphAuth> pageAuth(UUID workspaceId, String pageId) {
        return pool.preparedQuery("SELECT access_token_sealed FROM meta_page WHERE workspace_id = $1 AND page_id = $2")
                .execute(Tuple.of(workspaceId, pageId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Page " + pageId);
                    }
                    String sealed = rows.iterator().next().getString(0);
                    if (sealed == null) {
                        throw new ProblemException(409, "meta-token-revoked", "No page token",
                                "The connection of page " + pageId + " was revoked; reconnect it");
                    }
                    String token = vault.open(sealed, MetaPage.vaultContext(workspaceId, pageId));
                    return apps.forWorkspace(workspaceId).map(app -> GraphAuth.of(token, app.appSecret()));
                });
    }

    /** The workspace's ad accounts (from every connection), by id. */
    public Uni<List<AdAccountInfo>> adAccounts(UUID workspaceId) {
        return pool.preparedQuery("SELECT workspace_id, account_id, name, connection_id FROM meta_connection_ad_account"
                + " WHERE workspace_id = $1 ORDER BY account_id").execute(Tuple.of(workspaceId)).map(ConnectionService::accounts);
    }

    /** Every workspace's ad accounts whose connection still holds a token (scheduled insights). */
    public Uni<List<AdAccountInfo>> adAccountsWithTokens() {
        return pool.query("SELECT a.workspace_id, a.account_id, a.name, a.connection_id FROM meta_connection_ad_account a"
                + " JOIN meta_connection c ON c.id = a.connection_id WHERE c.access_token_sealed IS NOT NULL"
                + " ORDER BY a.workspace_id, a.account_id").execute().map(ConnectionService::accounts);
    }

    /**
     * Graph credentials for a workspace's ad account (its connection's token, limited as work on that
     * account); 404 when the workspace has no such ad account, 409 when its connection was revoked.
     */
    public Uni<GraphAuth> adAccountAuth(UUID workspaceId, String accountId) {
        return pool.preparedQuery("SELECT c.id, c.access_token_sealed FROM meta_connection_ad_account a"
                + " JOIN meta_connection c ON c.id = a.connection_id WHERE a.workspace_id = $1 AND a.account_id = $2")
                .execute(Tuple.of(workspaceId, accountId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Ad account " + accountId);
                    }
                    var row = rows.iterator().next();
                    String sealed = row.getString("access_token_sealed");
                    if (sealed == null) {
                        throw new ProblemException(409, "meta-token-revoked", "Connection revoked",
                                "The connection of ad account " + accountId + " was revoked; reconnect it");
                    }
                    String token = vault.open(sealed, MetaConnection.vaultContext(row.getUUID("id")));
                    return apps.forWorkspace(workspaceId)
                            .map(app -> GraphAuth.of(token, app.appSecret()).forAdAccount(accountId));
                });
    }

    private static List<AdAccountInfo> accounts(io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        List<AdAccountInfo> out = new java.util.ArrayList<>();
        rows.forEach(r -> out.add(new AdAccountInfo(r.getUUID("workspace_id"), r.getString("account_id"), r.getString("name"),
                r.getUUID("connection_id"))));
        return out;
    }

    /** Graph credentials for a connection's own (user or system-user) token. */
    public Uni<GraphAuth> connectionAuth(MetaConnection c, AppCredentials app) {
        if (c.accessTokenSealed == null) {
            return Uni.createFrom().failure(new ProblemException(409, "meta-token-revoked", "Connection revoked",
                    "This connection was revoked; reconnect it"));
        }
        return Uni.createFrom().item(GraphAuth.of(vault.open(c.accessTokenSealed, MetaConnection.vaultContext(c.id)),
                app.appSecret()));
    }

    /** Every connection that still holds a token, across workspaces (the health check). */
    @WithSession
    public Uni<List<MetaConnection>> withTokens() {
        return connections.list("accessTokenSealed is not null order by createdAt");
    }

    @WithSession
    public Uni<Integer> countNeedingReauth() {
        return connections.count("status in ?1", List.of(MetaConnection.Status.expired, MetaConnection.Status.revoked))
                .map(Long::intValue);
    }

    /** Records a valid debug_token answer: scopes, expiries, and the status they imply. */
    @WithTransaction
    public Uni<Void> recordHealthy(UUID id, JsonNode debug, OffsetDateTime now) {
        MetaIdentity identity = MetaIdentity.from(debug);
        return connections.findById(id).invoke(c -> {
            if (c == null) {
                return;
            }
            c.scopesCsv = String.join(",", identity.scopes());
            c.missingScopesCsv = String.join(",", policy.missingScopes(identity.scopes()));
            c.expiresAt = identity.expiresAt();
            c.dataAccessExpiresAt = identity.dataAccessExpiresAt();
            c.status = policy.statusFor(c.expiresAt, c.dataAccessExpiresAt, now);
            c.statusReason = c.status == MetaConnection.Status.expiring
                    ? "Access ends soon; reconnect to keep it" : null;
            c.lastCheckedAt = now;
            c.updatedAt = now;
        }).replaceWithVoid();
    }

    /** Records that Meta refused the token: the status and a reason the workspace sees; data is kept. */
    @WithTransaction
    public Uni<Void> recordDead(UUID id, MetaConnection.Status status, String reason, OffsetDateTime now) {
        return connections.update("status = ?1, statusReason = ?2, lastCheckedAt = ?3, updatedAt = ?3 where id = ?4",
                status, reason, now, id).replaceWithVoid();
    }

    /**
     * Meta refused a Page's token during work (a sync, a webhook's lead fetch): the Page's connection takes the status and
     * reason a failed health check gives, so the workspace sees that it must reconnect; a revoked one stays revoked.
     */
    public Uni<Void> recordPageTokenRefused(UUID workspaceId, String pageId, MetaConnection.Status status, String reason,
            OffsetDateTime now) {
        return pool.preparedQuery("UPDATE meta_connection SET status = $1, status_reason = $2, last_checked_at = $3, updated_at = $3 "
                + "WHERE id = (SELECT connection_id FROM meta_page WHERE workspace_id = $4 AND page_id = $5) AND status <> 'revoked'")
                .execute(Tuple.of(status.name(), reason, now, workspaceId, pageId)).replaceWithVoid();
    }

    /** Meta said the person removed the app: revoke their connections and drop every token; data is kept. */
    @WithTransaction
    public Uni<Integer> revokeMetaUser(String appId, String metaUserId, String reason, OffsetDateTime now) {
        return connections.byMetaUser(appId, metaUserId).flatMap(list -> {
            List<UUID> ids = list.stream().map(c -> c.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return connections.update("status = ?1, statusReason = ?2, accessTokenSealed = null, updatedAt = ?3 where id in ?4",
                    MetaConnection.Status.revoked, reason, now, ids)
                    .flatMap(n -> pages.update("accessTokenSealed = null where connectionId in ?1", ids))
                    .replaceWith(ids.size());
        });
    }

    /** The person asked for deletion: their connections, tokens, pages and ad-account links are deleted. */
    @WithTransaction
    public Uni<Integer> eraseMetaUser(String appId, String metaUserId) {
        return connections.delete("appId = ?1 and metaUserId = ?2", appId, metaUserId).map(Long::intValue);
    }

    private Uni<ConnectionView> view(MetaConnection c) {
        return pages.ofConnection(c.id).flatMap(pageList -> adAccounts.ofConnection(c.id).map(accounts -> new ConnectionView(
                c.id, c.kind.name(), c.metaUserId, c.name, c.status.name(), c.expiresAt, c.dataAccessExpiresAt,
                c.scopes(), c.missingScopes(),
                pageList.stream().map(p -> new PageRef(p.pageId, p.name, p.instagramAccountId)).toList(),
                accounts.stream().map(a -> new AdAccountRef(a.accountId, a.name)).toList(),
                c.lastCheckedAt, c.statusReason)));
    }
}
