package io.metasync.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.metasync.graph.GraphValues;

/**
 * Splits a delivery into its entries by kind (META-FACTS §1.6, §7): {@code leadgen} changes of a Page;
 * {@code messaging} (Messenger and Instagram {@code messaging[]}/{@code standby[]}, WhatsApp and Instagram
 * {@code messages} changes) kept for the inbox; anything else {@code other}. One delivery may hold
 * several entries, one entry several changes.
 */
final class WebhookPayload {

    static final String LEADGEN = "leadgen";
    static final String MESSAGING = "messaging";
    static final String OTHER = "other";

    private static final Set<String> MESSAGE_FIELDS = Set.of("messages", "message_echoes", "messaging_postbacks",
            "message_reactions", "messaging_seen", "message_deliveries", "message_reads", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby", "message_edits");

    /** One entry's share of one kind: the changes' values (leadgen), or the raw items (messaging, other). */
    record Part(int entryIndex, String pageId, String object, String kind, ArrayNode items) {
    }

    /** Not a webhook payload at all: the delivery is dead on arrival. */
    static final class Unreadable extends Exception {

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private WebhookPayload() {
    }

    static List<Part> parts(JsonNode root) throws Unreadable {
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            throw new Unreadable("not a webhook payload: no entry[] array");
        }
        String object = root.path("object").asText("");
        if (object.isEmpty() || object.length() > 40) {
            throw new Unreadable("not a webhook payload: no object");
        }
        List<Part> out = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("entry")) {
            Map<String, ArrayNode> byKind = new LinkedHashMap<>();
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asText("");
                if (LEADGEN.equals(field) && "page".equals(object)) {
                    add(byKind, LEADGEN, change.path("value"));
                } else {
                    add(byKind, MESSAGE_FIELDS.contains(field) ? MESSAGING : OTHER, change);
                }
            }
            for (String list : List.of("messaging", "standby")) {
                for (JsonNode item : entry.path(list)) {
                    add(byKind, MESSAGING, item);
                }
            }
            String pageId = pageId(entry, byKind.get(LEADGEN));
            int i = index++;
            byKind.forEach((kind, items) -> out.add(new Part(i, pageId, object, kind, items)));
        }
        return out;
    }

    private static void add(Map<String, ArrayNode> byKind, String kind, JsonNode item) {
        byKind.computeIfAbsent(kind, k -> JsonNodeFactory.instance.arrayNode()).add(item);
    }

    /** The entry's id (the Page, IG account or WABA); for a leadgen entry without one, its changes' page_id. */
    private static String pageId(JsonNode entry, ArrayNode leadgen) {
        JsonNode id = entry.path("id");
        if ((id.isTextual() || id.isNumber()) && !id.asText().isEmpty()) {
            return cap(GraphValues.id(id));
        }
        if (leadgen != null && !leadgen.isEmpty() && !leadgen.get(0).path("page_id").asText("").isEmpty()) {
            return cap(GraphValues.id(leadgen.get(0).path("page_id")));
        }
        return "";
    }

    private static String cap(String id) {
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** A leadgen change's lead id and form id (ids may arrive as numbers or strings). */
    record LeadRef(String leadId, String formId) {
    }

    static List<LeadRef> leads(ArrayNode values) {
        List<LeadRef> out = new ArrayList<>();
        for (JsonNode v : values) {
            JsonNode id = v.path("leadgen_id");
            if ((id.isTextual() || id.isNumber()) && !id.asText().isEmpty()) {
                JsonNode form = v.path("form_id");
                out.add(new LeadRef(GraphValues.id(id), form.isMissingNode() || form.isNull() ? null : GraphValues.id(form)));
            }
        }
        return out;
    }
}
