package io.metasync.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.vault.TokenVault;
import io.metasync.outbound.OutboundViews.DestinationRequest;
import io.metasync.outbound.OutboundViews.DestinationView;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;

/**
 * Destinations of a workspace: the request is checked whole before anything is written (kind, URLs
 * http/https only, e-mail templates that compile), secrets are sealed by the token vault and never
 * answered. On {@code PUT}, a secret left out of the body is kept, {@code null} removes it.
 */
@ApplicationScoped
public class DestinationService {

    private static final String FORM_ID = "[0-9]{1,32}";
    private static final String ADDRESS = "[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+";

    private final DestinationStore store;
    private final TokenVault vault;
    private final Engine qute;
    private final ObjectMapper json;
    private final AppClock clock;

    public DestinationService(DestinationStore store, TokenVault vault, Engine qute, ObjectMapper json, AppClock clock) {
        this.store = store;
        this.vault = vault;
        this.qute = qute;
        this.json = json;
        this.clock = clock;
    }

    public Uni<List<DestinationView>> list(UUID workspaceId) {
        return store.list(workspaceId).map(all -> all.stream().map(this::view).toList());
    }

    public Uni<DestinationView> get(UUID workspaceId, UUID id) {
        return store.get(workspaceId, id).map(this::view);
    }

    public Uni<DestinationView> create(UUID workspaceId, DestinationRequest request) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        Destination d = build(id, workspaceId, request, null, now, now);
        return store.insert(d).map(this::view);
    }

    public Uni<DestinationView> update(UUID workspaceId, UUID id, DestinationRequest request) {
        return store.get(workspaceId, id).flatMap(old -> store.update(build(id, workspaceId, request, old, old.createdAt(), now())))
                .map(this::view);
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return store.delete(workspaceId, id);
    }

    /** The secret {@code name} of a destination, opened; null when none is stored. */
    String secret(Destination d, String name) {
        String sealed = "secret".equals(name) ? d.secretSealed() : d.clientSecretSealed();
        return sealed == null ? null : vault.open(sealed, Destination.vaultContext(d.id(), name));
    }

    private Destination build(UUID id, UUID workspaceId, DestinationRequest r, Destination old, OffsetDateTime created, OffsetDateTime now) {
        if (r == null) {
            throw ProblemException.invalid("body", "is required");
        }
        if (!Destination.WEBHOOK.equals(r.kind()) && !Destination.EMAIL.equals(r.kind())) {
            throw ProblemException.invalid("kind", "must be webhook or email");
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            throw ProblemException.invalid("name", "is required, at most 200 characters");
        }
        List<String> formIds = r.formIds() == null ? List.of() : List.copyOf(r.formIds());
        for (String formId : formIds) {
            if (formId == null || !formId.matches(FORM_ID)) {
                throw ProblemException.invalid("formIds", "must be Meta form ids (digits)");
            }
        }
        if (r.config() == null || !r.config().isObject()) {
            throw ProblemException.invalid("config", "must be an object");
        }
        boolean enabled = r.enabled() == null || r.enabled();
        String disabledReason = enabled ? null : old == null ? "disabled by a user" : old.disabledReason();
        ObjectNode config = json.createObjectNode();
        String secretSealed = null;
        String clientSecretSealed = null;
        if (Destination.WEBHOOK.equals(r.kind())) {
            config.put("url", url("config.url", r.config().path("url")));
            secretSealed = secret(r.config(), "secret", "config.secret", id, old == null ? null : old.secretSealed());
            JsonNode oauth2 = r.config().path("oauth2");
            if (!oauth2.isMissingNode() && !oauth2.isNull()) {
                ObjectNode o = config.putObject("oauth2");
                o.put("tokenUrl", url("config.oauth2.tokenUrl", oauth2.path("tokenUrl")));
                o.put("clientId", required("config.oauth2.clientId", oauth2.path("clientId"), 200));
                if (oauth2.hasNonNull("scope")) {
                    o.put("scope", required("config.oauth2.scope", oauth2.path("scope"), 500));
                }
                clientSecretSealed = secret(oauth2, "clientSecret", "config.oauth2.clientSecret", id,
                        old == null ? null : old.clientSecretSealed());
                if (clientSecretSealed == null) {
                    throw ProblemException.invalid("config.oauth2.clientSecret", "is required");
                }
            }
        } else {
            String from = required("config.from", r.config().path("from"), 320);
            if (!from.matches(ADDRESS)) {
                throw ProblemException.invalid("config.from", "must be an e-mail address");
            }
            config.put("from", from);
            config.put("subjectTemplate", template("config.subjectTemplate", r.config().path("subjectTemplate"), 1000));
            config.put("bodyTemplate", template("config.bodyTemplate", r.config().path("bodyTemplate"), 100_000));
            if (r.config().hasNonNull("requireConsentKey")) {
                config.put("requireConsentKey", required("config.requireConsentKey", r.config().path("requireConsentKey"), 200));
            }
            JsonNode followUps = r.config().path("followUps");
            if (!followUps.isMissingNode() && !followUps.isNull()) {
                config.set("followUps", followUps(followUps));
            }
        }
        return new Destination(id, workspaceId, r.kind(), r.name().strip(), enabled, formIds, config, secretSealed, clientSecretSealed,
                disabledReason, created, now);
    }

    private ArrayNode followUps(JsonNode steps) {
        if (!steps.isArray() || steps.size() > FollowUps.MAX_STEPS) {
            throw ProblemException.invalid("config.followUps", "must be a list of at most " + FollowUps.MAX_STEPS + " steps");
        }
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < steps.size(); i++) {
            String at = "config.followUps[" + i + "].";
            JsonNode step = steps.get(i);
            String delay = required(at + "delay", step.path("delay"), 40);
            try {
                Duration d = Duration.parse(delay);
                if (d.isNegative() || d.isZero() || d.compareTo(FollowUps.MAX_DELAY) > 0) {
                    throw ProblemException.invalid(at + "delay", "must be more than zero and at most P365D");
                }
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(at + "delay", "must be an ISO-8601 duration, e.g. P2D or PT12H");
            }
            out.addObject().put("delay", delay).put("subjectTemplate", template(at + "subjectTemplate", step.path("subjectTemplate"), 1000))
                    .put("bodyTemplate", template(at + "bodyTemplate", step.path("bodyTemplate"), 100_000));
        }
        return out;
    }

    private String secret(JsonNode parent, String name, String field, UUID id, String kept) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode()) {
            return kept;
        }
        if (value.isNull()) {
            return null;
        }
        return vault.seal(required(field, value, 500), Destination.vaultContext(id, name));
    }

    private static String required(String field, JsonNode value, int max) {
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
            throw ProblemException.invalid(field, "is required: text of at most " + max + " characters");
        }
        return value.asText().strip();
    }

    static String url(String field, JsonNode value) {
        String text = required(field, value, 2000);
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || uri.getHost() == null || uri.getUserInfo() != null) {
                throw ProblemException.invalid(field, "must be an absolute http or https URL without credentials");
            }
            return text;
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, "must be an absolute http or https URL without credentials");
        }
    }

    private String template(String field, JsonNode value, int max) {
        String text = required(field, value, max);
        try {
            qute.parse(text);
            return text;
        } catch (TemplateException e) {
            throw ProblemException.invalid(field, "is not a valid Qute template: " + e.getMessage());
        }
    }

    private DestinationView view(Destination d) {
        ObjectNode config = d.config().deepCopy();
        if (Destination.WEBHOOK.equals(d.kind())) {
            config.put("secretSet", d.secretSealed() != null);
            if (config.has("oauth2")) {
                ((ObjectNode) config.get("oauth2")).put("clientSecretSet", d.clientSecretSealed() != null);
            }
        }
        return new OutboundViews.DestinationView(d.id(), d.kind(), d.name(), d.enabled(), d.formIds(), config, d.disabledReason(),
                d.createdAt(), d.updatedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
