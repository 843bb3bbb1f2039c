package io.metasync.sandbox.graph;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.world.InsightEngine.Level;
import io.metasync.sandbox.world.Model.AdAccount;

/**
 * The parameters of an insights call (META-FACTS §2.1): {@code level}, {@code fields}, {@code time_range}
 * (inclusive dates in the account's time zone) or {@code date_preset} (default last_30d),
 * {@code time_increment} (1-90 days, {@code monthly} or {@code all_days}), {@code filtering} on
 * {@code campaign.id}, {@code adset.id} or {@code ad.id} ({@code IN} or {@code EQUAL}) and
 * {@code breakdowns} ({@code age}, {@code gender}, {@code country}, {@code region}).
 */
record InsightQuery(Level level, LocalDate since, LocalDate until, String increment, Set<String> fields,
        Map<Level, Set<String>> idFilters, List<String> breakdowns) {

    static final Set<String> DEFAULT_FIELDS = Set.of("impressions", "spend");
    private static final int MAX_MONTHS = 37;

    static InsightQuery parse(GraphCall call, ObjectMapper json, AdAccount account, Level scopeLevel, Instant now) {
        Level level = call.param("level").map(l -> level(l)).orElse(scopeLevel);
        LocalDate today = now.atZone(ZoneId.of(account.timezoneName())).toLocalDate();
        LocalDate[] range = call.param("time_range").map(r -> range(json, r))
                .orElseGet(() -> preset(call.param("date_preset").orElse("last_30d"), today));
        if (range[0].isAfter(range[1])) {
            throw GraphError.invalid("time_range since must not be after until").ex();
        }
        if (range[0].isBefore(today.minusMonths(MAX_MONTHS))) {
            throw new GraphError(400, 3018, null, GraphError.OAUTH, "(#3018) The start date of the time range cannot"
                    + " be beyond 37 months from the current date", false).ex();
        }
        String increment = call.param("time_increment").orElse("all_days");
        if (!increment.equals("all_days") && !increment.equals("monthly")) {
            int days = parseInt(increment);
            if (days < 1 || days > 90) {
                throw GraphError.invalid("time_increment must be 1-90, monthly or all_days").ex();
            }
        }
        return new InsightQuery(level, range[0], range[1], increment, Fields.of(call, DEFAULT_FIELDS),
                call.param("filtering").map(f -> filters(json, f)).orElse(Map.of()),
                call.param("breakdowns").map(InsightQuery::breakdowns).orElse(List.of()));
    }

    /** Whether an object with these campaign, ad set and ad ids passes every id filter. */
    boolean admits(String campaignId, String adsetId, String adId) {
        return passes(Level.CAMPAIGN, campaignId) && passes(Level.ADSET, adsetId) && passes(Level.AD, adId);
    }

    private boolean passes(Level level, String id) {
        Set<String> allowed = idFilters.get(level);
        return allowed == null || id != null && allowed.contains(id);
    }

    private static Map<Level, Set<String>> filters(ObjectMapper json, String raw) {
        JsonNode list;
        try {
            list = json.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GraphError.invalid("filtering must be a JSON list of {field, operator, value}").ex();
        }
        if (!list.isArray()) {
            throw GraphError.invalid("filtering must be a JSON list of {field, operator, value}").ex();
        }
        Map<Level, Set<String>> out = new java.util.EnumMap<>(Level.class);
        for (JsonNode f : list) {
            String field = f.path("field").asText();
            if (!field.endsWith(".id")) {
                continue;
            }
            Level level = level(field.substring(0, field.length() - 3));
            if (level == Level.ACCOUNT) {
                continue;
            }
            String op = f.path("operator").asText();
            Set<String> ids = new java.util.HashSet<>();
            JsonNode value = f.path("value");
            if (op.equals("IN") && value.isArray()) {
                value.forEach(v -> ids.add(v.asText()));
            } else if (op.equals("EQUAL") && value.isValueNode()) {
                ids.add(value.asText());
            } else {
                throw GraphError.invalid("filtering on " + field + " takes IN with a list or EQUAL with an id").ex();
            }
            out.merge(level, ids, (a, b) -> {
                a.retainAll(b);
                return a;
            });
        }
        return out;
    }

    private static List<String> breakdowns(String raw) {
        List<String> out = new ArrayList<>();
        for (String b : raw.replace("[", "").replace("]", "").replace("\"", "").split(",")) {
            String name = b.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!Breakdowns.supports(name)) {
                throw new GraphError(400, 2, 1504041, GraphError.OAUTH, "(#2) Invalid breakdowns: " + name
                        + " is not supported by the sandbox (age, gender, country, region)", false).ex();
            }
            out.add(name);
        }
        return out;
    }

    /** The periods rows are cut into, in order. */
    List<LocalDate[]> periods() {
        List<LocalDate[]> out = new ArrayList<>();
        if (increment.equals("all_days")) {
            out.add(new LocalDate[] { since, until });
            return out;
        }
        for (LocalDate d = since; !d.isAfter(until);) {
            LocalDate end = increment.equals("monthly") ? d.withDayOfMonth(d.lengthOfMonth())
                    : d.plusDays(parseInt(increment) - 1L);
            end = end.isAfter(until) ? until : end;
            out.add(new LocalDate[] { d, end });
            d = end.plusDays(1);
        }
        return out;
    }

    static Level level(String l) {
        try {
            return Level.valueOf(l.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GraphError.invalid("level must be one of account, campaign, adset, ad").ex();
        }
    }

    private static LocalDate[] range(ObjectMapper json, String raw) {
        try {
            JsonNode r = json.readTree(raw);
            return new LocalDate[] { LocalDate.parse(r.path("since").asText()), LocalDate.parse(r.path("until").asText()) };
        } catch (DateTimeParseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GraphError.invalid("time_range must be {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}").ex();
        }
    }

    private static LocalDate[] preset(String preset, LocalDate today) {
        return switch (preset) {
            case "today" -> new LocalDate[] { today, today };
            case "yesterday" -> new LocalDate[] { today.minusDays(1), today.minusDays(1) };
            case "maximum", "data_maximum" -> new LocalDate[] { today.minusMonths(MAX_MONTHS), today };
            default -> {
                if (!preset.matches("last_(3|7|14|28|30|90)d")) {
                    throw GraphError.invalid("date_preset " + preset + " is not supported by the sandbox").ex();
                }
                int days = Integer.parseInt(preset.substring(5, preset.length() - 1));
                yield new LocalDate[] { today.minusDays(days), today.minusDays(1) };
            }
        };
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw GraphError.invalid("time_increment must be 1-90, monthly or all_days").ex();
        }
    }
}
