package io.metasync.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.metasync.inbox.InboxStore.NewMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Messenger ({@code object: page}) and Instagram ({@code object: instagram}) webhook entries:
 * {@code entry[].messaging[]} events in timestamp order (Meta may deliver them out of order), with
 * millisecond timestamps (META-FACTS §7.1, §7.3). Messages and postbacks are inbound messages; an echo
 * ({@code is_echo}) is our outbound message in the participant's conversation (the recipient); deliveries
 * and reads move our messages' status up to their watermark (Instagram reads name a message instead).
 */
@ApplicationScoped
class PageEvents {

    private final InboxStore store;
    private final ParticipantNames names;
    private final InboxMetrics metrics;

    PageEvents(InboxStore store, ParticipantNames names, InboxMetrics metrics) {
        this.store = store;
        this.names = names;
        this.metrics = metrics;
    }

    /** One entry (a Page or Instagram account) for one workspace that has it connected. */
    Uni<IntakeResult> accept(UUID workspaceId, Channel channel, JsonNode entry) {
        String channelId = entry.path("id").asText();
        List<JsonNode> events = new ArrayList<>();
        entry.path("messaging").forEach(events::add);
        events.sort(Comparator.comparingLong(e -> e.path("timestamp").asLong()));
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> event(workspaceId, channel, channelId, event))
                .collect().asList().map(results -> IntakeResult.sum(results).in(workspaceId));
    }

    private Uni<IntakeResult> event(UUID workspaceId, Channel channel, String channelId, JsonNode event) {
        OffsetDateTime at = millis(event.path("timestamp").asLong());
        String sender = event.path("sender").path("id").asText();
        String recipient = event.path("recipient").path("id").asText();
        JsonNode message = event.path("message");
        if (message.isObject()) {
            if (message.path("is_deleted").asBoolean(false) || message.path("is_unsupported").asBoolean(false)
                    || !message.hasNonNull("mid")) {
                return Uni.createFrom().item(IntakeResult.ignoredOne());
            }
            boolean echo = message.path("is_echo").asBoolean(false);
            return record(new NewMessage(workspaceId, channel, channelId, echo ? recipient : sender, null,
                    message.path("mid").asText(), echo ? InboxStore.OUT : InboxStore.IN, "message",
                    message.path("text").asText(null), attachments(message.path("attachments")), at,
                    echo ? "sent" : "received"));
        }
        JsonNode postback = event.path("postback");
        if (postback.isObject()) {
            String mid = postback.hasNonNull("mid") ? postback.path("mid").asText()
                    : "postback:" + sender + ":" + event.path("timestamp").asLong();
            return record(new NewMessage(workspaceId, channel, channelId, sender, null, mid, InboxStore.IN, "postback",
                    postback.path("title").asText(postback.path("payload").asText(null)),
                    JsonNodeFactory.instance.arrayNode(), at, "received"));
        }
        JsonNode delivery = event.path("delivery");
        if (delivery.isObject()) {
            return delivered(workspaceId, channel, channelId, sender, delivery);
        }
        JsonNode read = event.path("read");
        if (read.isObject()) {
            Uni<OffsetDateTime> upTo = read.hasNonNull("watermark") ? Uni.createFrom().item(millis(read.path("watermark").asLong()))
                    : store.sentAtOf(workspaceId, read.path("mid").asText());
            return upTo.flatMap(watermark -> watermark == null ? Uni.createFrom().item(IntakeResult.ignoredOne())
                    : store.advanceUpTo(workspaceId, channel, channelId, sender, watermark, "read").map(PageEvents::statuses));
        }
        return Uni.createFrom().item(IntakeResult.ignoredOne());
    }

    private Uni<IntakeResult> delivered(UUID workspaceId, Channel channel, String channelId, String participant,
            JsonNode delivery) {
        if (delivery.hasNonNull("watermark")) {
            return store.advanceUpTo(workspaceId, channel, channelId, participant, millis(delivery.path("watermark").asLong()),
                    "delivered").map(PageEvents::statuses);
        }
        List<String> mids = new ArrayList<>();
        delivery.path("mids").forEach(m -> mids.add(m.asText()));
        return Multi.createFrom().iterable(mids)
                .onItem().transformToUniAndConcatenate(mid -> store.advance(workspaceId, mid, "delivered", null, null))
                .collect().in(() -> new int[1], (sum, n) -> sum[0] += n).map(sum -> statuses(sum[0]));
    }

    private Uni<IntakeResult> record(NewMessage m) {
        return store.record(m).flatMap(r -> {
            if (!r.inserted()) {
                return Uni.createFrom().item(new IntakeResult(0, 1, 0, 0, List.of(), List.of()));
            }
            metrics.message(m.channel(), m.direction());
            IntakeResult stored = new IntakeResult(1, 0, 0, 0, List.of(), List.of());
            return r.participantName() != null ? Uni.createFrom().item(stored)
                    : names.fill(m.workspaceId(), m.channel(), m.channelId(), m.participantId(), r.conversationId())
                            .replaceWith(stored);
        });
    }

    /** Attachments as stored: {@code [{type, url}]}. */
    private static JsonNode attachments(JsonNode list) {
        var out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode a : list) {
            var item = out.addObject().put("type", a.path("type").asText());
            if (a.path("payload").hasNonNull("url")) {
                item.put("url", a.path("payload").path("url").asText());
            }
        }
        return out;
    }

    private static IntakeResult statuses(int n) {
        return new IntakeResult(0, 0, n, 0, List.of(), List.of());
    }

    static OffsetDateTime millis(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC);
    }
}
