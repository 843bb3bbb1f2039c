package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Outbound API's shapes (API.md "Outbound"). */
public final class OutboundViews {

    private OutboundViews() {
    }

    /** Body of {@code POST /destinations} and {@code PUT /destinations/{id}}. */
    @RegisterForReflection
    public record DestinationRequest(String kind, String name, Boolean enabled, List<String> formIds, JsonNode config) {
    }

    /**
     * A destination as answered: secrets are never returned; {@code config.secretSet} and
     * {@code config.oauth2.clientSecretSet} say whether one is stored.
     */
    @RegisterForReflection
    public record DestinationView(UUID id, String kind, String name, boolean enabled, List<String> formIds, JsonNode config,
            String disabledReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** One attempt to hand a lead on: outcome {@code delivered}, {@code retry}, {@code dead}, {@code disabled} or {@code skipped}. */
    @RegisterForReflection
    public record AttemptView(int attempt, OffsetDateTime at, String outcome, Integer statusCode, String error, long durationMs) {
    }

    /** A delivery of one lead to one destination (step 0, or a follow-up step 1..), with its attempts (oldest first). */
    @RegisterForReflection
    public record DeliveryView(UUID id, UUID destinationId, UUID leadId, int step, String status, int attemptCount, String lastError,
            Integer lastStatusCode, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
            List<AttemptView> attempts) {
    }
}
