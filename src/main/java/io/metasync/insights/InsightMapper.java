package io.metasync.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.graph.GraphValues;

/**
 * Turns Meta's insights rows (every metric a numeric string, META-FACTS §2.2) into records: conversions
 * and revenue are the sums of {@code actions} and {@code action_values} over the configured action types,
 * link clicks are the {@code link_click} action, breakdown values are the row's extra keys.
 */
@ApplicationScoped
public class InsightMapper {

    /** Levels in order, coarsest first. */
    public static final List<String> LEVELS = List.of("account", "campaign", "adset", "ad");

    private final Set<String> conversionTypes;

    public InsightMapper(InsightsConfig config) {
        this.conversionTypes = Set.copyOf(config.conversionActionTypes());
    }

    /** The fields that make a row's key at a level (kept in every part when a job's fields are split). */
    static List<String> keyFields(String level) {
        List<String> f = new java.util.ArrayList<>(List.of("account_id"));
        if (!level.equals("account")) {
            f.add("campaign_id");
        }
        if (level.equals("adset") || level.equals("ad")) {
            f.add("adset_id");
        }
        if (level.equals("ad")) {
            f.add("ad_id");
        }
        f.add("date_start");
        f.add("date_stop");
        return f;
    }

    /** The other fields asked of Meta at a level: names and metrics. */
    static List<String> otherFields(String level) {
        List<String> f = new java.util.ArrayList<>(List.of("account_name"));
        if (!level.equals("account")) {
            f.add("campaign_name");
        }
        if (level.equals("adset") || level.equals("ad")) {
            f.add("adset_name");
        }
        if (level.equals("ad")) {
            f.add("ad_name");
        }
        f.addAll(List.of("impressions", "clicks", "reach", "spend", "actions", "action_values"));
        return f;
    }

    /** A row's key: its entity, day and breakdown values (what the parts of a field-split job are joined on). */
    static String rowKey(String level, List<String> breakdowns, JsonNode row) {
        StringBuilder k = new StringBuilder(row.path(level.equals("account") ? "account_id" : level + "_id").asText())
                .append('|').append(row.path("date_start").asText());
        breakdowns.forEach(b -> k.append('|').append(row.path(b).asText()));
        return k.toString();
    }

    InsightRecord map(String accountId, String level, List<String> breakdowns, JsonNode row) {
        Map<String, String> breakdown = new LinkedHashMap<>();
        breakdowns.forEach(b -> breakdown.put(b, row.path(b).asText("")));
        String entityId = level.equals("account") ? accountId : GraphValues.id(row.path(level + "_id"));
        String name = row.path(level.equals("account") ? "account_name" : level + "_name").asText(null);
        return new InsightRecord(accountId, level, entityId, LocalDate.parse(row.path("date_start").asText()), breakdown, name,
                text(row, "campaign_id"), text(row, "adset_id"), count(row.path("impressions")), countOrNull(row.path("reach")),
                count(row.path("clicks")), actionCount(row.path("actions"), Set.of("link_click")), decimal(row.path("spend")),
                sum(row.path("actions"), conversionTypes), sum(row.path("action_values"), conversionTypes));
    }

    private static Long actionCount(JsonNode actions, Set<String> types) {
        boolean found = false;
        for (JsonNode a : actions) {
            found |= types.contains(a.path("action_type").asText());
        }
        return found ? sum(actions, types).longValue() : null;
    }

    private static BigDecimal sum(JsonNode actions, Set<String> types) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode a : actions) {
            if (types.contains(a.path("action_type").asText())) {
                total = total.add(decimal(a.path("value")));
            }
        }
        return total;
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isMissingNode() || v.isNull() ? null : GraphValues.id(v);
    }

    private static long count(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? 0 : decimal(v).longValue();
    }

    private static Long countOrNull(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? null : decimal(v).longValue();
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v.isMissingNode() || v.isNull() || v.asText().isBlank()) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = GraphValues.decimal(v);
        return d == null ? BigDecimal.ZERO : d;
    }
}
