package io.metasync.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One daily insights row on its natural key (ad account, level, entity, day in the account's time zone,
 * breakdown values), whether it came from Meta or from an imported CSV. Money in major units.
 */
public record InsightRecord(String accountId, String level, String entityId, LocalDate day, Map<String, String> breakdown,
        String entityName, String campaignId, String adsetId, long impressions, Long reach, long clicks, Long linkClicks,
        BigDecimal spend, BigDecimal conversions, BigDecimal revenue) {

    /** The breakdown values as one key column: {@code age=25-34|gender=female}, sorted by name; empty without breakdowns. */
    public String breakdownKey() {
        return keyOf(breakdown);
    }

    static String keyOf(Map<String, String> breakdown) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(breakdown).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "|").append(k).append('=').append(v));
        return sb.toString();
    }

    String naturalKey() {
        return accountId + '\u001f' + level + '\u001f' + entityId + '\u001f' + day + '\u001f' + breakdownKey();
    }
}
