package io.metasync.leads;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workspace's lead form as last read from Meta ({@code questions}: Meta's LeadGenQuestion list;
 * {@code disclaimers}: checkbox key to text), with its custom mapping (question key to target field)
 * and its sync checkpoint.
 */
public record LeadForm(UUID workspaceId, String formId, String pageId, String name, String status, String locale,
        Long leadsCount, OffsetDateTime createdTime, JsonNode questions, Map<String, String> disclaimers,
        Map<String, String> mapping, OffsetDateTime checkpoint, OffsetDateTime lastSyncedAt) {
}
