package io.metasync.connect.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.vault.TokenVault;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which Meta app a workspace uses: its own ({@code PUT /meta/app}) or else the server's configured app
 * ({@code metasync.meta.app-id}/{@code app-secret}; in dev and test without them, the Graph sandbox's app).
 */
@ApplicationScoped
public class MetaAppService {

    private final MetaAppRepository apps;
    private final Pool pool;
    private final TokenVault vault;
    private final Optional<AppCredentials> serverApp;

    public MetaAppService(MetaAppRepository apps, Pool pool, TokenVault vault,
            @ConfigProperty(name = "metasync.meta.app-id") Optional<String> appId,
            @ConfigProperty(name = "metasync.meta.app-secret") Optional<String> appSecret,
            @ConfigProperty(name = "metasync.meta.verify-token") Optional<String> verifyToken,
            @ConfigProperty(name = "metasync.sandbox.app-id") Optional<String> sandboxAppId,
            @ConfigProperty(name = "metasync.sandbox.app-secret") Optional<String> sandboxAppSecret) {
        this.apps = apps;
        this.pool = pool;
        this.vault = vault;
        this.serverApp = appId.isPresent() && appSecret.isPresent()
                ? Optional.of(new AppCredentials(appId.get(), appSecret.get(), verifyToken.orElse(null)))
                : sandboxAppId.flatMap(id -> sandboxAppSecret.map(s -> new AppCredentials(id, s, verifyToken.orElse(null))));
    }

    /** Sets the caller's workspace app; the app id must be numeric. */
    @WithTransaction
    public Uni<Void> put(UUID workspaceId, String appId, String appSecret, String verifyToken) {
        if (appId == null || !appId.matches("\\d{5,20}")) {
            throw ProblemException.invalid("appId", "must be Meta's numeric app id");
        }
        return apps.findById(workspaceId).flatMap(existing -> {
            MetaApp app = existing != null ? existing : new MetaApp();
            app.workspaceId = workspaceId;
            app.appId = appId;
            app.appSecretSealed = vault.seal(appSecret, MetaApp.vaultContext(workspaceId));
            app.verifyToken = verifyToken;
            app.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return apps.persist(app);
        }).replaceWithVoid();
    }

    /**
     * The app the workspace connects with; 409 when neither the workspace nor the server has one. Read
     * with the SQL client, not a Hibernate session, so concurrent pipelines (syncs, webhooks) may call it.
     */
    public Uni<AppCredentials> forWorkspace(UUID workspaceId) {
        return pool.preparedQuery("SELECT app_id, app_secret_sealed, verify_token FROM meta_app WHERE workspace_id = $1")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        return new AppCredentials(row.getString(0),
                                vault.open(row.getString(1), MetaApp.vaultContext(workspaceId)), row.getString(2));
                    }
                    return serverApp.orElseThrow(() -> new ProblemException(409, "meta-app-missing", "No Meta app",
                            "Configure the workspace's Meta app (PUT /api/v1/meta/app) or the server's metasync.meta.app-id"));
                });
    }

    /** Every known app with this id (the server's, and workspaces' own): to verify Meta's callbacks. */
    @WithSession
    public Uni<List<AppCredentials>> byAppId(String appId) {
        return apps.list("appId", appId).map(found -> {
            List<AppCredentials> out = new ArrayList<>();
            serverApp.filter(s -> s.appId().equals(appId)).ifPresent(out::add);
            found.forEach(app -> out.add(open(app)));
            return out;
        });
    }

    /** Every app metasync knows, the server's first: Meta's callbacks do not always say which app. */
    @WithSession
    public Uni<List<AppCredentials>> all() {
        return apps.listAll().map(found -> {
            List<AppCredentials> out = new ArrayList<>();
            serverApp.ifPresent(out::add);
            found.forEach(app -> out.add(open(app)));
            return out;
        });
    }

    private AppCredentials open(MetaApp app) {
        return new AppCredentials(app.appId, vault.open(app.appSecretSealed, MetaApp.vaultContext(app.workspaceId)),
                app.verifyToken);
    }
}
