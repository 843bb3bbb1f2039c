package io.metasync.sandbox.graph;

import static io.metasync.sandbox.Json.obj;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.messaging.MessagingBook;
import io.metasync.sandbox.messaging.MessagingWebhooks;
import io.metasync.sandbox.messaging.WebhookPayloads;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.WhatsAppCatalog.Number;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The WhatsApp Cloud API (META-FACTS §7.4-7.5): {@code GET /{phone-number-id}}, {@code POST
 * /{phone-number-id}/messages} and {@code GET|POST|DELETE /{waba-id}/subscribed_apps}, with the WABA's
 * system-user token. As Meta does, a send is accepted (200 with a wamid) and its fate comes by status
 * webhook: free-form text outside the 24 h customer-service window ends {@code failed} with 131047
 * "Re-engagement message"; otherwise {@code sent}, {@code delivered}, {@code read}.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class WhatsAppHandler {

    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    /** The approved templates of every sandbox WABA. */
    static final Set<String> TEMPLATES = Set.of("hello_world", "appointment_reminder", "order_update");

    private final MessagingBook book;
    private final MessagingWebhooks webhooks;
    private final SandboxConfig config;
    private final ObjectMapper json;

    public WhatsAppHandler(MessagingBook book, MessagingWebhooks webhooks, SandboxConfig config, ObjectMapper json) {
        this.book = book;
        this.webhooks = webhooks;
        this.config = config;
        this.json = json;
    }

    GraphReply phoneNumber(GraphCall call, Caller caller, Number number, String edge, Instant now) {
        requireToken(caller, number);
        if (edge == null && call.method().equals("GET")) {
            return GraphReply.ok(obj("id", number.phoneNumberId(), "display_phone_number", number.displayPhoneNumber(),
                    "verified_name", number.verifiedName(), "quality_rating", "GREEN"));
        }
        if ("messages".equals(edge) && call.method().equals("POST")) {
            return send(call, number, now);
        }
        throw GraphError.unknownPath(call.path()).ex();
    }

    GraphReply subscribedApps(GraphCall call, Caller caller, Number number) {
        requireToken(caller, number);
        switch (call.method()) {
            case "POST" -> book.subscribe(number.wabaId(), true);
            case "DELETE" -> book.subscribe(number.wabaId(), false);
            default -> {
                return GraphReply.ok(obj("data", book.subscribed(number.wabaId())
                        ? List.of(obj("whatsapp_business_api_data", obj("id", config.appId(), "name", config.appName())))
                        : List.of()));
            }
        }
        return GraphReply.success();
    }

    private GraphReply send(GraphCall call, Number number, Instant now) {
        if (!call.param("messaging_product").orElse("").equals("whatsapp")) {
            throw GraphError.invalid("The parameter messaging_product is required and must be whatsapp").ex();
        }
        if (call.param("status").filter("read"::equals).isPresent()) {
            call.param("message_id").orElseThrow(() -> GraphError.invalid("The parameter message_id is required").ex());
            return GraphReply.success();
        }
        String to = call.param("to").orElseThrow(() -> GraphError.invalid("The parameter to is required").ex());
        String waId = to.replaceAll("[^0-9]", "");
        String type = call.param("type").orElse("text");
        boolean inWindow = book.lastInbound(number.phoneNumberId(), waId)
                .filter(last -> Duration.between(last, now).compareTo(SERVICE_WINDOW) <= 0).isPresent();
        switch (type) {
            case "text" -> {
                if (call.jsonParam(json, "text").path("body").asText("").isEmpty()) {
                    throw GraphError.invalid("The parameter text['body'] is required").ex();
                }
            }
            case "template" -> checkTemplate(call.jsonParam(json, "template"));
            default -> throw GraphError.invalid("Unsupported message type " + type).ex();
        }
        String wamid = MessagingBook.wamid();
        boolean fails = type.equals("text") && !inWindow;
        statuses(number, wamid, waId, fails, now);
        return GraphReply.ok(obj("messaging_product", "whatsapp", "contacts", List.of(obj("input", to, "wa_id", waId)),
                "messages", List.of(obj("id", wamid))));
    }

    private static void checkTemplate(JsonNode template) {
        String name = template.path("name").asText("");
        if (template.path("language").path("code").asText("").isEmpty()) {
            throw GraphError.invalid("The parameter template['language']['code'] is required").ex();
        }
        if (!TEMPLATES.contains(name)) {
            throw new GraphError(404, 132001, null, GraphError.OAUTH,
                    "(#132001) Template name does not exist in the translation", false).ex();
        }
    }

    private void statuses(Number number, String wamid, String waId, boolean fails, Instant now) {
        if (fails) {
            Map<String, Object> error = obj("code", 131047, "title", "Re-engagement message", "message",
                    "Re-engagement message", "error_data", obj("details", "Message failed to send because more than 24"
                            + " hours have passed since the customer last replied to this number."));
            emit(number, WebhookPayloads.status(wamid, "failed", now, waId, error));
            return;
        }
        emit(number, WebhookPayloads.status(wamid, "sent", now, waId, null));
        emit(number, WebhookPayloads.status(wamid, "delivered", now.plusSeconds(1), waId, null));
        emit(number, WebhookPayloads.status(wamid, "read", now.plusSeconds(2), waId, null));
    }

    private void emit(Number number, Map<String, Object> status) {
        webhooks.produced(WebhookPayloads.whatsapp(number.wabaId(), number.displayPhoneNumber(), number.phoneNumberId(),
                obj("statuses", List.of(status))));
    }

    private static void requireToken(Caller caller, Number number) {
        if (!caller.isSystemUser() || caller.grant().page() != number.index()) {
            throw GraphError.permission(200, "You do not have the necessary permissions required to access this"
                    + " WhatsApp Business Account").ex();
        }
    }
}
