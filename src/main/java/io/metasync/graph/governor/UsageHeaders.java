package io.metasync.graph.governor;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses Meta's usage headers (META-FACTS §3.1, §2.4) into governor readings:
 * {@code X-App-Usage} (app), {@code X-Page-Usage} (token), {@code X-Ad-Account-Usage} (ad account;
 * {@code reset_time_duration} in seconds), {@code X-Business-Use-Case-Usage} (a map of object id to a
 * list; {@code estimated_time_to_regain_access} in minutes) and {@code X-FB-Ads-Insights-Throttle}.
 */
final class UsageHeaders {

    private static final Logger LOG = Logger.getLogger(UsageHeaders.class);
    private static final String[] COUNTS = {"call_count", "total_time", "total_cputime"};

    private final ObjectMapper mapper;

    UsageHeaders(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param header a case-insensitive lookup of one response's headers (null when absent)
     */
    Collection<UsageReading> parse(UnaryOperator<String> header, LimiterKeys keys) {
        Map<String, UsageReading> readings = new LinkedHashMap<>();
        JsonNode app = json(header, "x-app-usage");
        if (app != null) {
            add(readings, new UsageReading(LimiterKeys.APP, maxCount(app), Duration.ZERO));
        }
        JsonNode page = json(header, "x-page-usage");
        if (page != null) {
            add(readings, new UsageReading(keys.token(), maxCount(page), Duration.ZERO));
        }
        JsonNode account = json(header, "x-ad-account-usage");
        if (account != null && keys.adAccountId() != null) {
            double pct = account.path("acc_id_util_pct").asDouble(0);
            Duration reset = pct >= 100 ? Duration.ofSeconds(account.path("reset_time_duration").asLong(0)) : Duration.ZERO;
            add(readings, new UsageReading(keys.adAccount(), pct, reset));
        }
        JsonNode insights = json(header, "x-fb-ads-insights-throttle");
        if (insights != null) {
            add(readings, new UsageReading(LimiterKeys.INSIGHTS_APP, insights.path("app_id_util_pct").asDouble(0), Duration.ZERO));
            if (keys.adAccountId() != null) {
                add(readings, new UsageReading(keys.insightsAdAccount(), insights.path("acc_id_util_pct").asDouble(0), Duration.ZERO));
            }
        }
        JsonNode buc = json(header, "x-business-use-case-usage");
        if (buc != null && buc.isObject()) {
            buc.fields().forEachRemaining(e -> addBuc(readings, e.getKey(), e.getValue(), keys));
        }
        return readings.values();
    }

    private void addBuc(Map<String, UsageReading> readings, String objectId, JsonNode entries, LimiterKeys keys) {
        double pct = 0;
        long regainMinutes = 0;
        for (JsonNode entry : entries.isArray() ? entries : mapper.createArrayNode().add(entries)) {
            pct = Math.max(pct, maxCount(entry));
            regainMinutes = Math.max(regainMinutes, entry.path("estimated_time_to_regain_access").asLong(0));
        }
        UsageReading reading = new UsageReading(LimiterKeys.buc(objectId), pct, Duration.ofMinutes(regainMinutes));
        add(readings, reading);
        if (!keys.bucKeys().contains(reading.key())) {
            // The call named no limiter key for this object: its token is what uses that business use case.
            add(readings, new UsageReading(keys.token(), pct, reading.regain()));
        }
    }

    private static void add(Map<String, UsageReading> readings, UsageReading reading) {
        readings.merge(reading.key(), reading, UsageReading::merge);
    }

    private static double maxCount(JsonNode node) {
        double max = 0;
        for (String field : COUNTS) {
            max = Math.max(max, node.path(field).asDouble(0));
        }
        return max;
    }

    private JsonNode json(UnaryOperator<String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(value);
        } catch (java.io.IOException e) {
            LOG.debugf("Ignoring unreadable %s header", name);
            return null;
        }
    }
}
