package io.metasync.inbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.vault.TokenVault;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphException;
import io.metasync.inbox.InboxViews.ChannelView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * WhatsApp Business numbers (META-FACTS §7.4-7.5): connecting one checks its token with {@code debug_token}
 * (valid, with {@code whatsapp_business_messaging} on the WABA), reads the number, subscribes the app to
 * the WABA's webhooks and stores the token sealed by the vault. Webhooks are routed by phone number id.
 */
@ApplicationScoped
public class WhatsAppNumbers {

    static final String MESSAGING_SCOPE = "whatsapp_business_messaging";

    private final Pool pool;
    private final GraphClient graph;
    private final MetaAppService apps;
    private final TokenVault vault;
    private final AppClock clock;

    public WhatsAppNumbers(Pool pool, GraphClient graph, MetaAppService apps, TokenVault vault, AppClock clock) {
        this.pool = pool;
        this.graph = graph;
        this.apps = apps;
        this.vault = vault;
        this.clock = clock;
    }

    /** Connects (or reconnects) a number to the workspace; answers its channel. */
    public Uni<ChannelView> connect(UUID workspaceId, String wabaId, String phoneNumberId, String token) {
        return apps.forWorkspace(workspaceId).flatMap(app -> graph
                .get(GraphAuth.of(app.appToken(), app.appSecret()), "debug_token", Map.of("input_token", token))
                .invoke(debug -> check(debug.path("data"), wabaId))
                .flatMap(ok -> {
                    GraphAuth auth = GraphAuth.of(token, app.appSecret());
                    return graph.get(auth, phoneNumberId, Map.of("fields", "id,display_phone_number,verified_name"))
                            .flatMap(number -> subscribe(auth, wabaId)
                                    .flatMap(subscribed -> store(workspaceId, wabaId, phoneNumberId, token, number, subscribed)));
                }));
    }

    /** Workspaces that connected this phone number: routes WhatsApp webhooks. */
    public Uni<List<UUID>> workspacesFor(String phoneNumberId) {
        return pool.preparedQuery("SELECT workspace_id FROM inbox_whatsapp_number WHERE phone_number_id = $1")
                .execute(Tuple.of(phoneNumberId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    /** Graph credentials of a workspace's number; 404 when it has none, 409 when its token is gone. */
    public Uni<GraphAuth> auth(UUID workspaceId, String phoneNumberId) {
        return pool.preparedQuery("SELECT access_token_sealed FROM inbox_whatsapp_number WHERE workspace_id = $1"
                + " AND phone_number_id = $2").execute(Tuple.of(workspaceId, phoneNumberId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("WhatsApp number " + phoneNumberId);
                    }
                    String sealed = rows.iterator().next().getString(0);
                    if (sealed == null) {
                        throw new ProblemException(409, "meta-token-revoked", "No WhatsApp token",
                                "The token of WhatsApp number " + phoneNumberId + " is gone; connect the number again");
                    }
                    String token = vault.open(sealed, vaultContext(workspaceId, phoneNumberId));
                    return apps.forWorkspace(workspaceId).map(app -> GraphAuth.of(token, app.appSecret()));
                });
    }

    /** A connected number that still holds a token. */
    public record NumberRef(UUID workspaceId, String phoneNumberId) {
    }

    /** Every number holding a token, across workspaces (the token health check). */
    public Uni<List<NumberRef>> withTokens() {
        return pool.query("SELECT workspace_id, phone_number_id FROM inbox_whatsapp_number WHERE access_token_sealed IS NOT NULL"
                + " ORDER BY connected_at").execute().map(rows -> {
                    List<NumberRef> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new NumberRef(r.getUUID(0), r.getString(1))));
                    return list;
                });
    }

    /** Records what Meta said of the number's token: active, expired or revoked. */
    public Uni<Void> recordTokenHealth(UUID workspaceId, String phoneNumberId, String health) {
        return pool.preparedQuery("UPDATE inbox_whatsapp_number SET token_status = $3 WHERE workspace_id = $1"
                + " AND phone_number_id = $2").execute(Tuple.of(workspaceId, phoneNumberId, health)).replaceWithVoid();
    }

    /** The workspace's numbers as channels. */
    public Uni<List<ChannelView>> channels(UUID workspaceId) {
        return pool.preparedQuery("SELECT phone_number_id, display_phone_number, verified_name, token_status, webhook_subscribed"
                + " FROM inbox_whatsapp_number WHERE workspace_id = $1 ORDER BY phone_number_id").execute(Tuple.of(workspaceId))
                .map(rows -> {
                    List<ChannelView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(view(r)));
                    return list;
                });
    }

    private static void check(JsonNode data, String wabaId) {
        if (!data.path("is_valid").asBoolean(false)) {
            throw new ProblemException(422, "meta-token-invalid", "Meta token not valid",
                    "Meta says this access token is not valid (it may be expired or revoked)");
        }
        boolean scoped = false;
        for (JsonNode s : data.path("scopes")) {
            scoped |= MESSAGING_SCOPE.equals(s.asText());
        }
        boolean onWaba = true;
        for (JsonNode g : data.path("granular_scopes")) {
            if (MESSAGING_SCOPE.equals(g.path("scope").asText()) && g.has("target_ids")) {
                onWaba = false;
                for (JsonNode t : g.path("target_ids")) {
                    onWaba |= wabaId.equals(t.asText());
                }
            }
        }
        if (!scoped || !onWaba) {
            throw new ProblemException(422, "meta-permission-missing", "Meta permission missing",
                    "The token does not have " + MESSAGING_SCOPE + " on WhatsApp Business Account " + wabaId);
        }
    }

    /** Installs the app on the WABA for webhooks; a refusal leaves the number connected but unsubscribed. */
    private Uni<Boolean> subscribe(GraphAuth auth, String wabaId) {
        return graph.post(auth, wabaId + "/subscribed_apps", Map.of())
                .map(body -> body.path("success").asBoolean(false))
                .onFailure(GraphException.class).recoverWithItem(false);
    }

    private Uni<ChannelView> store(UUID workspaceId, String wabaId, String phoneNumberId, String token, JsonNode number,
            boolean subscribed) {
        String sealed = vault.seal(token, vaultContext(workspaceId, phoneNumberId));
        return pool.preparedQuery("INSERT INTO inbox_whatsapp_number (workspace_id, phone_number_id, waba_id, display_phone_number,"
                + " verified_name, access_token_sealed, token_status, webhook_subscribed, connected_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8) ON CONFLICT (workspace_id, phone_number_id) DO UPDATE SET"
                + " waba_id = EXCLUDED.waba_id, display_phone_number = EXCLUDED.display_phone_number,"
                + " verified_name = EXCLUDED.verified_name, access_token_sealed = EXCLUDED.access_token_sealed,"
                + " token_status = 'active', webhook_subscribed = EXCLUDED.webhook_subscribed"
                + " RETURNING phone_number_id, display_phone_number, verified_name, token_status, webhook_subscribed")
                .execute(Tuple.from(java.util.Arrays.asList(workspaceId, phoneNumberId, wabaId,
                        number.path("display_phone_number").asText(null), number.path("verified_name").asText(null), sealed,
                        subscribed, OffsetDateTime.now(clock))))
                .map(rows -> view(rows.iterator().next()));
    }

    private static ChannelView view(Row r) {
        String health = r.getString(3);
        boolean subscribed = r.getBoolean(4);
        String name = r.getString(2) == null ? r.getString(1) : r.getString(2) + " (" + r.getString(1) + ")";
        return new ChannelView(Channel.whatsapp.name(), r.getString(0), name, ChannelStatus.of(health, subscribed), true,
                subscribed, health, null);
    }

    static String vaultContext(UUID workspaceId, String phoneNumberId) {
        return "inbox_whatsapp_number:" + workspaceId + ":" + phoneNumberId;
    }
}
