package io.metasync.sandbox.graph;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.world.LeadTimeline.Window;

/**
 * The leads edge's {@code filtering} parameter: a JSON list of {@code {field, operator, value}} on the
 * field {@code time_created} (not {@code created_time}), value in Unix seconds, operators
 * {@code GREATER_THAN}, {@code GREATER_THAN_OR_EQUAL} and {@code LESS_THAN}, combinable into a window.
 */
final class LeadFilter {

    private LeadFilter() {
    }

    static Window parse(ObjectMapper json, String filtering) {
        JsonNode list = jsonArray(json, filtering, "filtering");
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (JsonNode f : list) {
            String field = f.path("field").asText();
            if (!field.equals("time_created")) {
                throw GraphError.invalid("Filtering field '" + field + "' is invalid. Supported fields: time_created")
                        .ex();
            }
            long seconds = seconds(f.path("value"));
            switch (f.path("operator").asText().toUpperCase(Locale.ROOT)) {
                case "GREATER_THAN" -> from = Math.max(from, (seconds + 1) * 1000);
                case "GREATER_THAN_OR_EQUAL" -> from = Math.max(from, seconds * 1000);
                case "LESS_THAN" -> to = Math.min(to, seconds * 1000 - 1);
                default -> throw GraphError.invalid("Filtering operator '" + f.path("operator").asText()
                        + "' is not supported for field time_created").ex();
            }
        }
        return new Window(from, to);
    }

    /** A JSON-valued parameter that must hold an array (Meta sends these URL-encoded). */
    static JsonNode jsonArray(ObjectMapper json, String raw, String name) {
        try {
            JsonNode node = json.readTree(raw);
            if (node != null && node.isArray()) {
                return node;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // answered below, as for any value that is not an array
        }
        throw GraphError.invalid("Param " + name + " must be a JSON array").ex();
    }

    private static long seconds(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            throw GraphError.invalid("Filtering value for time_created must be a Unix timestamp").ex();
        }
    }
}
