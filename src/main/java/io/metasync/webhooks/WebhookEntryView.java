package io.metasync.webhooks;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A workspace's share of one webhook delivery as the API shows it: one entry (Page) and kind of the
 * delivery ({@code eventId}), with its processing state and, when dead, the reason.
 */
@RegisterForReflection
public record WebhookEntryView(long id, long eventId, String pageId, String object, String kind, int changes, String status,
        int attempts, String lastError, OffsetDateTime receivedAt, OffsetDateTime processedAt, OffsetDateTime nextAttemptAt) {
}
