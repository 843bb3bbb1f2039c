package io.metasync.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.metasync.inbox.InboxStore.NewMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One WhatsApp {@code messages} change value (META-FACTS §7.4) for one workspace: {@code messages[]} are
 * inbound messages (names from {@code contacts[]}, Unix-second timestamps as strings, the participant is
 * {@code from}, else the business-scoped {@code user_id}); {@code statuses[]} move our messages to sent,
 * delivered, read or failed (with Meta's error code and title).
 */
@ApplicationScoped
class WhatsAppEvents {

    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");
    private static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed");

    /** A status this recent for a message not stored yet is retried: the answer to our send may still be on its way. */
    static final java.time.Duration EARLY = java.time.Duration.ofMinutes(1);

    private final InboxStore store;
    private final InboxMetrics metrics;
    private final io.metasync.common.time.AppClock clock;

    WhatsAppEvents(InboxStore store, InboxMetrics metrics, io.metasync.common.time.AppClock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    Uni<IntakeResult> accept(UUID workspaceId, String phoneNumberId, JsonNode value) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> userIds = new HashMap<>();
        for (JsonNode c : value.path("contacts")) {
            String name = c.path("profile").path("name").asText(null);
            if (name != null) {
                names.put(c.path("wa_id").asText(), name);
                names.put(c.path("user_id").asText(), name);
            }
            if (c.hasNonNull("wa_id") && c.hasNonNull("user_id")) {
                userIds.put(c.path("wa_id").asText(), c.path("user_id").asText());
            }
        }
        List<Uni<IntakeResult>> work = new ArrayList<>();
        value.path("messages").forEach(m -> work.add(message(workspaceId, phoneNumberId, m, names, userIds)));
        value.path("statuses").forEach(s -> work.add(status(workspaceId, s)));
        return Multi.createFrom().iterable(work).onItem().transformToUniAndConcatenate(u -> u)
                .collect().asList().map(results -> IntakeResult.sum(results).in(workspaceId));
    }

    /**
     * A person's message. The participant is the phone number ({@code from}) when there is one; a message with only the
     * business-scoped {@code user_id} (META-FACTS §7.4) joins the conversation that id was last seen with.
     */
    private Uni<IntakeResult> message(UUID workspaceId, String phoneNumberId, JsonNode m, Map<String, String> names,
            Map<String, String> userIds) {
        String type = m.path("type").asText("text");
        String from = m.path("from").asText(null);
        String userId = m.hasNonNull("user_id") ? m.path("user_id").asText() : from == null ? null : userIds.get(from);
        if ((from == null && userId == null) || !m.hasNonNull("id") || type.equals("reaction") || type.equals("system")
                || type.equals("unsupported")) {
            return Uni.createFrom().item(IntakeResult.ignoredOne());
        }
        Uni<String> participant = from != null ? Uni.createFrom().item(from)
                : store.participantOf(workspaceId, Channel.whatsapp, phoneNumberId, userId);
        return participant.flatMap(p -> record(workspaceId, phoneNumberId, m, type, p, names.getOrDefault(p, names.get(userId))))
                .flatMap(r -> userId == null ? Uni.createFrom().item(r)
                        : store.rememberUserId(r.conversationId(), userId).replaceWith(r))
                .map(r -> {
                    if (!r.inserted()) {
                        return new IntakeResult(0, 1, 0, 0, List.of(), List.of());
                    }
                    metrics.message(Channel.whatsapp, InboxStore.IN);
                    return new IntakeResult(1, 0, 0, 0, List.of(), List.of());
                });
    }

    private Uni<InboxStore.Recorded> record(UUID workspaceId, String phoneNumberId, JsonNode m, String type, String participant,
            String name) {
        ArrayNode attachments = JsonNodeFactory.instance.arrayNode();
        String text = switch (type) {
            case "text" -> m.path("text").path("body").asText(null);
            case "button" -> m.path("button").path("text").asText(null);
            case "interactive" -> m.path("interactive").path(m.path("interactive").path("type").asText()).path("title").asText(null);
            case "location" -> m.path("location").path("latitude").asText() + "," + m.path("location").path("longitude").asText();
            default -> null;
        };
        if (MEDIA.contains(type)) {
            JsonNode media = m.path(type);
            attachments.addObject().put("type", type).put("id", media.path("id").asText(null))
                    .put("mimeType", media.path("mime_type").asText(null));
            text = media.path("caption").asText(null);
        }
        return store.record(new NewMessage(workspaceId, Channel.whatsapp, phoneNumberId, participant, name,
                m.path("id").asText(), InboxStore.IN, type, text, attachments, seconds(m.path("timestamp").asText("0")), "received"));
    }

    private Uni<IntakeResult> status(UUID workspaceId, JsonNode s) {
        // "played" (a voice message listened to, META-FACTS §7) is past read: the message was read
        String status = "played".equals(s.path("status").asText()) ? "read" : s.path("status").asText();
        if (!STATUSES.contains(status)) {
            return Uni.createFrom().item(IntakeResult.ignoredOne());
        }
        JsonNode error = s.path("errors").path(0);
        Integer code = error.hasNonNull("code") ? error.path("code").asInt() : null;
        String detail = error.isMissingNode() ? null
                : error.path("title").asText(error.path("message").asText("failed"));
        String wamid = s.path("id").asText();
        return store.advance(workspaceId, wamid, status, code, detail)
                .call(n -> n > 0 || !recent(s) ? Uni.createFrom().voidItem() : store.knows(wamid).invoke(known -> {
                    if (!known) {
                        throw new IllegalStateException("status " + status + " of " + wamid
                                + " came before its message was recorded; retried");
                    }
                }).replaceWithVoid())
                .map(n -> {
                    if (n > 0 && status.equals("failed")) {
                        metrics.sendFailure(Channel.whatsapp, code);
                    }
                    return new IntakeResult(0, 0, n, 0, List.of(), List.of());
                });
    }

    private boolean recent(JsonNode status) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(status.path("timestamp").asText())).isAfter(clock.instant().minus(EARLY));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static OffsetDateTime seconds(String unix) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(unix.trim())).atOffset(ZoneOffset.UTC);
        } catch (NumberFormatException e) {
            return Instant.EPOCH.atOffset(ZoneOffset.UTC);
        }
    }
}
