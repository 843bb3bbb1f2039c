package io.metasync.sandbox.graph;

import static io.metasync.sandbox.Json.obj;

import java.nio.charset.StandardCharsets;
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
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.Ids.Decoded;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The Send API for Messenger and Instagram ({@code POST /{page}/messages} with the Page token,
 * META-FACTS §7.2-7.3) with Meta's window rules: {@code RESPONSE}/{@code UPDATE} within 24 h of the
 * person's last message, {@code MESSAGE_TAG} {@code HUMAN_AGENT} within 7 days (Instagram: the only
 * tag), else {@code 10/2018278}. A send produces the echo, delivery and read webhooks Meta would send.
 * Also the profiles of the people who wrote ({@code GET /{psid|igsid}}).
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class MessagingHandler {

    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    /** Rejected with error 100 since 27 April 2026 (META-FACTS §7.2). */
    static final Set<String> RETIRED_TAGS = Set.of("CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE");
    static final Instant TAGS_RETIRED = Instant.parse("2026-04-27T00:00:00Z");

    private final World world;
    private final MessagingBook book;
    private final MessagingWebhooks webhooks;
    private final SandboxConfig config;
    private final ObjectMapper json;

    public MessagingHandler(World world, MessagingBook book, MessagingWebhooks webhooks, SandboxConfig config, ObjectMapper json) {
        this.world = world;
        this.book = book;
        this.webhooks = webhooks;
        this.config = config;
        this.json = json;
    }

    GraphReply send(GraphCall call, Caller caller, Page page, Instant now) {
        if (!call.method().equals("POST")) {
            throw GraphError.unknownPath(call.path()).ex();
        }
        if (!caller.isPage() || caller.page() != page.index()) {
            throw GraphError.permission(200, "The Page access token of this Page is required to send messages").ex();
        }
        String recipient = call.jsonParam(json, "recipient").path("id").asText("");
        Decoded who = Ids.decode(recipient).orElse(null);
        boolean instagram = who != null && who.kind() == Ids.Kind.IGSID;
        if (who == null || !(who.kind() == Ids.Kind.PSID || instagram)
                || who.number() / WhatsAppCatalog.PER_PAGE != page.index()
                || instagram && page.instagramAccountId() == null) {
            throw instagram ? new GraphError(400, 100, 2534014, GraphError.OAUTH, "No matching Instagram user", false).ex()
                    : new GraphError(400, 100, 2018001, GraphError.OAUTH, "(#100) No matching user found", false).ex();
        }
        String channelId = instagram ? page.instagramAccountId() : page.id();
        Instant last = book.lastInbound(channelId, recipient)
                .orElseThrow(() -> new GraphError(400, 100, 2018001, GraphError.OAUTH, "(#100) No matching user found",
                        false).ex());
        if (call.param("sender_action").isPresent()) {
            return senderAction(call, recipient, Duration.between(last, now));
        }
        checkWindow(call, instagram, Duration.between(last, now), now);
        JsonNode message = call.jsonParam(json, "message");
        String text = message.path("text").asText(null);
        if (text == null && message.path("attachment").isMissingNode()) {
            throw GraphError.invalid("param message must contain text or attachment").ex();
        }
        if (instagram && text != null && text.getBytes(StandardCharsets.UTF_8).length > 1000) {
            throw GraphError.invalid("Message text is longer than 1000 bytes").ex();
        }
        String mid = MessagingBook.mid();
        produceReceipts(instagram, channelId, recipient, mid, text, now);
        return GraphReply.ok(obj("recipient_id", recipient, "message_id", mid));
    }

    /** {@code GET /{psid}} (first_name, last_name) or {@code GET /{igsid}} (name, username) with the Page token. */
    GraphReply profile(GraphCall call, Caller caller, Decoded id) {
        int pageIndex = (int) (id.number() / WhatsAppCatalog.PER_PAGE);
        if (!caller.isPage() || caller.page() != pageIndex) {
            throw GraphError.unknownObject(call.segment(0), call.method()).ex();
        }
        String name = WhatsAppCatalog.personName(world.catalog().spec().seed(), id.number() % WhatsAppCatalog.PER_PAGE);
        String[] parts = name.split(" ", 2);
        return GraphReply.ok(id.kind() == Ids.Kind.IGSID
                ? obj("name", name, "username", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.'), "id", call.segment(0))
                : obj("first_name", parts[0], "last_name", parts[1], "id", call.segment(0)));
    }

    private void checkWindow(GraphCall call, boolean instagram, Duration since, Instant now) {
        String type = call.param("messaging_type").orElse("RESPONSE");
        switch (type) {
            case "RESPONSE", "UPDATE" -> {
                if (since.compareTo(STANDARD_WINDOW) > 0) {
                    throw outsideWindow();
                }
            }
            case "MESSAGE_TAG" -> {
                String tag = call.param("tag").orElseThrow(() -> GraphError.invalid("param tag is required for MESSAGE_TAG").ex());
                boolean allowed = instagram ? tag.equals("HUMAN_AGENT")
                        : tag.equals("HUMAN_AGENT") || tag.equals("CUSTOMER_FEEDBACK")
                                || RETIRED_TAGS.contains(tag) && now.isBefore(TAGS_RETIRED);
                if (!allowed) {
                    throw GraphError.invalid("Param tag must be one of {" + (instagram ? "HUMAN_AGENT" : "HUMAN_AGENT, CUSTOMER_FEEDBACK")
                            + "}").ex();
                }
                if (since.compareTo(HUMAN_AGENT_WINDOW) > 0) {
                    throw outsideWindow();
                }
            }
            default -> throw GraphError.invalid("param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}").ex();
        }
    }

    /** {@code sender_action} mark_seen, typing_on or typing_off: within the standard window only, no webhook. */
    private static GraphReply senderAction(GraphCall call, String recipient, Duration since) {
        String action = call.param("sender_action").orElseThrow();
        if (!Set.of("mark_seen", "typing_on", "typing_off").contains(action)) {
            throw GraphError.invalid("param sender_action must be one of {mark_seen, typing_on, typing_off}").ex();
        }
        if (since.compareTo(STANDARD_WINDOW) > 0) {
            throw outsideWindow();
        }
        return GraphReply.ok(obj("recipient_id", recipient));
    }

    private static GraphException outsideWindow() {
        return new GraphError(400, 10, 2018278, GraphError.OAUTH, "(#10) This message is sent outside of allowed window."
                + " Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
                false).ex();
    }

    /** The echo, then (Messenger) the delivery and the read watermark, or (Instagram) the seen receipt. */
    private void produceReceipts(boolean instagram, String channelId, String user, String mid, String text, Instant now) {
        String object = instagram ? WebhookPayloads.INSTAGRAM : WebhookPayloads.PAGE;
        Map<String, Object> echo = obj("mid", mid, "is_echo", true, "app_id", Long.parseLong(config.appId()));
        if (text != null) {
            echo.put("text", text);
        }
        webhooks.produced(WebhookPayloads.messaging(object, channelId, channelId, user, now, "message", echo));
        Instant later = now.plusMillis(1);
        if (instagram) {
            webhooks.produced(WebhookPayloads.messaging(object, channelId, user, channelId, later, "read", obj("mid", mid)));
            return;
        }
        webhooks.produced(WebhookPayloads.messaging(object, channelId, user, channelId, later, "delivery",
                obj("mids", List.of(mid), "watermark", now.toEpochMilli())));
        webhooks.produced(WebhookPayloads.messaging(object, channelId, user, channelId, later.plusMillis(1), "read",
                obj("watermark", now.toEpochMilli())));
    }
}
