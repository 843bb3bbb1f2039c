package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored destination: {@code config} holds the public settings only; the webhook signing secret and the
 * OAuth2 client secret are sealed by the token vault under {@link #vaultContext}.
 */
public record Destination(UUID id, UUID workspaceId, String kind, String name, boolean enabled, List<String> formIds,
        ObjectNode config, String secretSealed, String clientSecretSealed, String disabledReason, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    /** The vault context of a destination's secret {@code name} ({@code secret} or {@code clientSecret}); VaultRotation uses the same. */
    static String vaultContext(UUID id, String name) {
        return "outbound_destination:" + id + ":" + name;
    }
}
