package io.metasync.leads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.metasync.graph.GraphValues;
import io.metasync.leads.LeadViews.Subscription;
import io.smallrye.mutiny.Uni;

/**
 * The app's install on a Page ({@code /{page}/subscribed_apps}, with the Page token), without which Meta
 * sends none of the Page's webhooks (META-FACTS §1.6, §6.4). Subscribing asks for {@code leadgen} and the
 * messaging fields; when the connection may not receive messages (a permission error), {@code leadgen}
 * alone is subscribed and the answer says so.
 */
@ApplicationScoped
public class PageSubscriptions {

    static final String LEADGEN = "leadgen";

    private final ConnectionService connections;
    private final MetaAppService apps;
    private final GraphClient graph;
    private final List<String> fields;

    public PageSubscriptions(ConnectionService connections, MetaAppService apps, GraphClient graph,
            @ConfigProperty(name = "metasync.meta.page-subscribed-fields",
                    defaultValue = "leadgen,messages,messaging_postbacks,message_deliveries,message_reads,message_echoes")
            List<String> fields) {
        this.connections = connections;
        this.apps = apps;
        this.graph = graph;
        this.fields = fields;
    }

    /** The fields the workspace's app is subscribed to on the Page (empty: not installed). */
    public Uni<List<String>> subscribedFields(UUID workspaceId, String pageId) {
        return connections.pageAuth(workspaceId, pageId).flatMap(auth -> read(workspaceId, auth, pageId));
    }

    /** Installs the app on the Page for {@code leadgen} and, where allowed, messaging; answers the install as Meta now has it. */
    public Uni<Subscription> subscribe(UUID workspaceId, String pageId) {
        return connections.pageAuth(workspaceId, pageId).flatMap(auth -> post(auth, pageId, fields)
                .onFailure(GraphException.class).recoverWithUni(e -> ((GraphException) e).kind() == GraphErrorKind.PERMISSION
                        && fields.size() > 1 ? post(auth, pageId, List.of(LEADGEN)) : Uni.createFrom().failure(e))
                .flatMap(v -> read(workspaceId, auth, pageId))
                .map(now -> new Subscription(pageId, now.contains(LEADGEN), now)));
    }

    /** Removes the app's install from the Page: no more webhooks for it (reconciliation still pulls its leads). */
    public Uni<Void> unsubscribe(UUID workspaceId, String pageId) {
        return connections.pageAuth(workspaceId, pageId)
                .flatMap(auth -> graph.delete(auth, pageId + "/subscribed_apps", Map.of())).replaceWithVoid();
    }

    private Uni<JsonNode> post(GraphAuth auth, String pageId, List<String> subscribed) {
        return graph.post(auth, pageId + "/subscribed_apps", Map.of("subscribed_fields", String.join(",", subscribed)));
    }

    /** Meta lists every app installed on the Page; only the workspace's app counts. */
    private Uni<List<String>> read(UUID workspaceId, GraphAuth auth, String pageId) {
        return apps.forWorkspace(workspaceId).flatMap(app -> graph.get(auth, pageId + "/subscribed_apps", Map.of()).map(body -> {
            List<String> subscribed = new ArrayList<>();
            for (JsonNode installed : body.path("data")) {
                if (app.appId().equals(GraphValues.id(installed.path("id")))) {
                    installed.path("subscribed_fields").forEach(f -> subscribed.add(f.isObject() ? f.path("name").asText() : f.asText()));
                }
            }
            return subscribed;
        }));
    }
}
