package io.metasync.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.connect.app.MetaAppService;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.inbox.WhatsAppNumbers.NumberRef;
import io.metasync.jobs.lease.LeaseService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Checks every WhatsApp number's token with {@code debug_token} on the connect room's token-health
 * schedule ({@code metasync.meta.token-health-every}), one replica at a time: valid is {@code active};
 * Meta's 190 with a take-back subcode (458, 459, 460, 464) is {@code revoked}, any other refusal
 * {@code expired}. A failing or throttled Meta changes nothing.
 */
@ApplicationScoped
public class WhatsAppTokenHealth {

    private static final Logger LOG = Logger.getLogger(WhatsAppTokenHealth.class);
    private static final Set<Integer> REVOKED_SUBCODES = Set.of(458, 459, 460, 464);

    private final WhatsAppNumbers numbers;
    private final MetaAppService apps;
    private final GraphClient graph;
    private final LeaseService leases;

    public WhatsAppTokenHealth(WhatsAppNumbers numbers, MetaAppService apps, GraphClient graph, LeaseService leases) {
        this.numbers = numbers;
        this.apps = apps;
        this.graph = graph;
        this.leases = leases;
    }

    @Scheduled(identity = "whatsapp-token-health", every = "${metasync.meta.token-health-every}",
            delayed = "${metasync.meta.token-health-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return leases.runExclusively("whatsapp-token-health", Duration.ofMinutes(30), () -> checkAll().replaceWithVoid())
                .replaceWithVoid();
    }

    /** Checks every number, one after the other; answers how many were checked. */
    public Uni<Integer> checkAll() {
        return numbers.withTokens().onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::check)
                .collect().asList().map(java.util.List::size);
    }

    private Uni<Void> check(NumberRef n) {
        return apps.forWorkspace(n.workspaceId()).flatMap(app -> numbers.auth(n.workspaceId(), n.phoneNumberId())
                .flatMap(auth -> graph.get(GraphAuth.of(app.appToken(), app.appSecret()), "debug_token",
                        Map.of("input_token", auth.accessToken()))))
                .flatMap(debug -> numbers.recordTokenHealth(n.workspaceId(), n.phoneNumberId(), health(debug.path("data"))))
                .onFailure().recoverWithUni(e -> {
                    LOG.infof("Token check of WhatsApp number %s postponed: %s", n.phoneNumberId(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    static String health(JsonNode data) {
        if (data.path("is_valid").asBoolean(false)) {
            return "active";
        }
        JsonNode error = data.path("error");
        boolean revoked = error.path("code").asInt(190) == 190 && error.has("subcode")
                && REVOKED_SUBCODES.contains(error.path("subcode").asInt());
        return revoked ? "revoked" : "expired";
    }
}
