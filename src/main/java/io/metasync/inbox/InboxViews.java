package io.metasync.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the inbox API answers. */
public final class InboxViews {

    private InboxViews() {
    }

    @RegisterForReflection
    public record Participant(String id, String name) {
    }

    /** A conversation; {@code lastInboundAt} is what the messaging windows are computed from. */
    @RegisterForReflection
    public record ConversationView(UUID id, String channel, String channelId, Participant participant,
            OffsetDateTime lastMessageAt, OffsetDateTime lastInboundAt, int unread) {
    }

    /** A message: direction in/out, status pending/sent/delivered/read/failed (received for inbound ones). */
    @RegisterForReflection
    public record MessageView(UUID id, String direction, String kind, String text, JsonNode attachments,
            OffsetDateTime sentAt, String status, Integer errorCode, String error, String platformId) {
    }

    /**
     * A channel: {@code status} sums up the three checks: {@code connected}, {@code webhook-not-subscribed}
     * or {@code token-<health>} (expired, revoked...).
     */
    @RegisterForReflection
    public record ChannelView(String kind, String id, String name, String status, boolean connected,
            boolean webhookSubscribed, String tokenHealth, String pageId) {
    }
}
