package io.metasync.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.FreshContext;
import io.metasync.connect.app.AppCredentials;
import io.metasync.connect.app.MetaAppService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The apps whose webhooks metasync accepts (the server's and workspaces' own, from {@link MetaAppService}),
 * cached so that a delivery costs no database read. Meta's POST does not say which app it is for, so the
 * signature is checked against each distinct secret; a miss reads the apps again (at most once a second)
 * in case a workspace just added its app on another replica.
 */
@ApplicationScoped
class KnownApps {

    private static final Duration MISS_RELOAD = Duration.ofSeconds(1);

    private final MetaAppService apps;
    private final WebhooksConfig config;
    private volatile Snapshot snapshot = new Snapshot(List.of(), 0);
    private volatile Uni<Snapshot> loading;

    private final Vertx vertx;

    KnownApps(MetaAppService apps, WebhooksConfig config, Vertx vertx) {
        this.apps = apps;
        this.config = config;
        this.vertx = vertx;
    }

    private record Snapshot(List<AppCredentials> apps, long loadedAtNanos) {

        boolean olderThan(Duration age) {
            return System.nanoTime() - loadedAtNanos > age.toNanos();
        }
    }

    /** True when one known app's secret signed {@code body} with {@code signature}. */
    Uni<Boolean> verify(byte[] signature, byte[] body) {
        Snapshot now = snapshot;
        if (!now.olderThan(config.appCacheTtl()) && signedByOne(now, signature, body)) {
            return Uni.createFrom().item(true);
        }
        if (!now.olderThan(MISS_RELOAD)) {
            return Uni.createFrom().item(false);
        }
        return reload().map(s -> signedByOne(s, signature, body));
    }

    /** True when {@code token} is the verify token of a known app. */
    Uni<Boolean> verifyToken(String token) {
        return reload().map(s -> s.apps().stream().anyMatch(a -> a.verifyToken() != null
                && java.security.MessageDigest.isEqual(a.verifyToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static boolean signedByOne(Snapshot s, byte[] signature, byte[] body) {
        return s.apps().stream().map(AppCredentials::appSecret).filter(Objects::nonNull).distinct()
                .anyMatch(secret -> WebhookSignature.matches(signature, secret, body));
    }

    private synchronized Uni<Snapshot> reload() {
        if (loading == null) {
            loading = FreshContext.run(vertx, apps::all).map(list -> new Snapshot(List.copyOf(list), System.nanoTime()))
                    .invoke(s -> snapshot = s)
                    .onTermination().invoke(() -> loading = null)
                    .memoize().indefinitely();
        }
        return loading;
    }
}
