package io.metasync.connect.health;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.time.AppClock;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.connection.MetaConnection;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Checks every connection with {@code debug_token} (Meta does not say when a token dies; META-FACTS
 * §5.5): refreshes scopes and expiries, moves the status to {@code expiring} near expiry, and to
 * {@code expired} or {@code revoked} only on an auth-class answer decided by code and subcode. A
 * throttled or failing Meta changes nothing. Data is kept; the reason is shown on the connection.
 */
@ApplicationScoped
public class TokenHealthCheck {

    private static final Logger LOG = Logger.getLogger(TokenHealthCheck.class);
    /** Subcodes of 190 meaning the person took the grant back (META-FACTS §4); the others mean expired. */
    private static final Set<Integer> REVOKED_SUBCODES = Set.of(458, 459, 460, 464);

    private final ConnectionService connections;
    private final MetaAppService apps;
    private final GraphClient graph;
    private final AppClock clock;
    private final AtomicInteger needReauth;

    public TokenHealthCheck(ConnectionService connections, MetaAppService apps, GraphClient graph, AppClock clock, MeterRegistry registry) {
        this.connections = connections;
        this.apps = apps;
        this.graph = graph;
        this.clock = clock;
        this.needReauth = registry.gauge("metasync.connections.reauth.needed", new AtomicInteger());
    }

    /** Checks every live connection, one after the other; answers how many need re-authorisation. */
    public Uni<Integer> checkAll() {
        return connections.withTokens()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::check)
                .collect().asList()
                .flatMap(done -> connections.countNeedingReauth())
                .invoke(needReauth::set);
    }

    Uni<Void> check(MetaConnection c) {
        return apps.forWorkspace(c.workspaceId)
                .flatMap(app -> connections.connectionAuth(c, app)
                        .flatMap(auth -> graph.get(GraphAuth.of(app.appToken(), app.appSecret()), "debug_token",
                                Map.of("input_token", auth.accessToken()))))
                .flatMap(debug -> {
                    JsonNode data = debug.path("data");
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    if (data.path("is_valid").asBoolean(false)) {
                        return connections.recordHealthy(c.id, debug, now);
                    }
                    int code = data.path("error").path("code").asInt(190);
                    Integer subcode = data.path("error").has("subcode") ? data.path("error").path("subcode").asInt() : null;
                    return connections.recordDead(c.id, status(code, subcode), describe(code, subcode), now);
                })
                .onFailure().recoverWithUni(e -> {
                    if (e instanceof GraphException g && g.kind() == GraphErrorKind.AUTH) {
                        // the app token itself was refused: the app's secret changed, not this connection
                        LOG.warnf("debug_token refused the app credentials of workspace %s: %s", c.workspaceId, g.getMessage());
                    } else {
                        LOG.infof("Token check of connection %s postponed: %s", c.id, e.getMessage());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A Page token Meta refused with an auth error during work (sync, webhook lead fetch): recorded on the Page's
     * connection as a failed check would be, so it shows as needing a reconnect at once, not at the next daily check.
     */
    public Uni<Void> pageTokenRefused(UUID workspaceId, String pageId, Throwable failure) {
        if (!(failure instanceof GraphException e) || e.kind() != GraphErrorKind.AUTH) {
            return Uni.createFrom().voidItem();
        }
        int code = e.code().orElse(190);
        Integer subcode = e.subcode().orElse(null);
        LOG.warnf("Meta refused the token of page %s (code %d%s); its connection is marked for reconnection", pageId, code,
                subcode == null ? "" : ", subcode " + subcode);
        return connections.recordPageTokenRefused(workspaceId, pageId, status(code, subcode),
                "Meta rejected the token of page " + pageId + " (code " + code + (subcode == null ? "" : ", subcode " + subcode)
                        + "); reconnect to restore access", OffsetDateTime.now(clock));
    }

    static MetaConnection.Status status(int code, Integer subcode) {
        return code == 190 && subcode != null && REVOKED_SUBCODES.contains(subcode)
                ? MetaConnection.Status.revoked : MetaConnection.Status.expired;
    }

    private static String describe(int code, Integer subcode) {
        return "Meta rejected the token (code " + code + (subcode == null ? "" : ", subcode " + subcode)
                + "); reconnect to restore access";
    }
}
