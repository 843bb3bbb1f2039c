package io.metasync.connect.connection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code debug_token} says of a token (META-FACTS §5.5): validity, owner, scopes and the two
 * expiries ({@code expires_at} 0 means never).
 */
record MetaIdentity(boolean valid, String userId, String type, List<String> scopes, OffsetDateTime expiresAt,
        OffsetDateTime dataAccessExpiresAt, Integer errorCode, Integer errorSubcode) {

    static MetaIdentity from(JsonNode debug) {
        JsonNode data = debug.path("data");
        List<String> scopes = new ArrayList<>();
        data.path("scopes").forEach(s -> scopes.add(s.asText()));
        JsonNode error = data.path("error");
        return new MetaIdentity(data.path("is_valid").asBoolean(false), text(data, "user_id"), text(data, "type"), scopes,
                epoch(data.path("expires_at")), epoch(data.path("data_access_expires_at")),
                error.has("code") ? error.path("code").asInt() : null,
                error.has("subcode") ? error.path("subcode").asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static OffsetDateTime epoch(JsonNode value) {
        long seconds = value.asLong(0);
        return seconds <= 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }
}
