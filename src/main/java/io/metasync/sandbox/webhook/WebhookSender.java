package io.metasync.sandbox.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.metasync.sandbox.Json;
import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.auth.Hmac;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.Rng;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Delivers {@code leadgen} webhooks like Meta (META-FACTS §1.6, §6.2): one POST per batch, an entry per
 * page with a change per lead (ids only, ids as strings, {@code created_time} in Unix seconds),
 * non-ASCII escaped, signed with {@code X-Hub-Signature-256: sha256=<hex HMAC of the exact bytes>}.
 * Only pages with the app installed for {@code leadgen} get them; a configured share is dropped,
 * decided per lead from the seed.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class WebhookSender {

    /** What happened to a set of leads' webhooks. */
    public record Outcome(int sent, int dropped, int unsubscribed, int status) {
    }

    private final World world;
    private final SandboxSettings settings;
    private final SandboxConfig config;
    private final WebClient client;
    private final ObjectWriter writer;

    public WebhookSender(World world, SandboxSettings settings, SandboxConfig config, Vertx vertx, ObjectMapper json) {
        this.world = world;
        this.settings = settings;
        this.config = config;
        this.client = WebClient.create(vertx);
        this.writer = json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Outcome> deliver(List<Lead> leads, long nowSeconds) {
        double drop = settings.get().webhookDropRate();
        long seed = world.catalog().spec().seed();
        Map<String, List<Lead>> byPage = new LinkedHashMap<>();
        int dropped = 0;
        int unsubscribed = 0;
        for (Lead l : leads) {
            if (!world.subscriptions().receives(l.form().page().id(), "leadgen")) {
                unsubscribed++;
            } else if (Rng.unit(seed, 80, Long.parseLong(l.id())) < drop) {
                dropped++;
            } else {
                byPage.computeIfAbsent(l.form().page().id(), p -> new ArrayList<>()).add(l);
            }
        }
        int sent = leads.size() - dropped - unsubscribed;
        if (sent == 0) {
            return Uni.createFrom().item(new Outcome(0, dropped, unsubscribed, 0));
        }
        int d = dropped;
        int u = unsubscribed;
        return post(payload(byPage, nowSeconds)).map(status -> new Outcome(sent, d, u, status));
    }

    /** POSTs any webhook body, signed like Meta; the receiver's HTTP status, or 0 when it could not be reached. */
    public Uni<Integer> post(Object payload) {
        byte[] body;
        try {
            body = writer.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unserialisable webhook", e);
        }
        return client.postAbs(target())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Hub-Signature-256", "sha256=" + Hmac.hex(config.appSecret(), body))
                .sendBuffer(Buffer.buffer(body))
                .map(r -> r.statusCode())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("sandbox webhook delivery to %s failed: %s", target(), e.getMessage());
                    return 0;
                });
    }

    Map<String, Object> payload(Map<String, List<Lead>> byPage, long nowSeconds) {
        List<Object> entries = new ArrayList<>();
        byPage.forEach((page, leads) -> {
            List<Object> changes = new ArrayList<>();
            for (Lead l : leads) {
                Map<String, Object> value = Json.obj("leadgen_id", l.id(), "page_id", page, "form_id", l.form().id());
                if (l.ad() != null) {
                    value.put("adgroup_id", l.ad().id());
                    value.put("ad_id", l.ad().id());
                }
                value.put("created_time", l.createdTime().getEpochSecond());
                changes.add(Json.obj("field", "leadgen", "value", value));
            }
            entries.add(Json.obj("id", page, "time", nowSeconds, "changes", changes));
        });
        return Json.obj("object", "page", "entry", entries);
    }

    /** The configured target, else this app's own {@code POST /webhooks/meta} on its actual HTTP port. */
    public String target() {
        String configured = settings.get().webhookTarget();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = ConfigProvider.getConfig().getOptionalValue(portKey, Integer.class).orElse(8080);
        return "http://localhost:" + port + "/webhooks/meta";
    }
}
