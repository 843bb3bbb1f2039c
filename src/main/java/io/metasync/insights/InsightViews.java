package io.metasync.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Insights API's shapes (API.md "Insights"). Money is a decimal string in the account currency. Undefined figures
 * (a ratio over zero, reach not reported) are there as null, as API.md has it, not left out.
 */
public final class InsightViews {

    private InsightViews() {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AdAccountView(String id, String accountId, String name, Integer accountStatus, String currency,
            String timezoneName, String amountSpent, String balance) {
    }

    /** A campaign's figures over a range: counts as integers, money and cost ratios as decimal strings, ctr as a number. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CampaignInsights(long impressions, long clicks, String spend, Long reach, String cpm, String cpc,
            BigDecimal ctr) {
    }

    @RegisterForReflection
    public record CampaignView(String id, String name, String status, String effectiveStatus, String objective,
            CampaignInsights insights) {
    }

    /** One daily row of {@code GET /insights}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InsightRowView(String adAccountId, String date, String level, String entityId, String entityName,
            String campaignId, String adsetId, Map<String, String> breakdown, long impressions, Long reach, long clicks,
            Long linkClicks, String spend, String revenue, String cpc, String cpm, BigDecimal conversions, BigDecimal ctr,
            BigDecimal roas, String source) {
    }

    /** Totals of {@code GET /insights/summary} (reach is left out: it does not add up across days). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Totals(long impressions, long clicks, String spend, String revenue, BigDecimal conversions, String cpc,
            String cpm, BigDecimal ctr, BigDecimal roas) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DayTotals(String date, long impressions, long clicks, String spend, String revenue,
            BigDecimal conversions, BigDecimal ctr, BigDecimal roas) {
    }

    @RegisterForReflection
    public record Summary(String adAccountId, String currency, String level, String since, String until, Totals totals,
            List<DayTotals> daily) {
    }

    /** A CSV line that was not imported, and why (line 1 is the header). */
    @RegisterForReflection
    public record LineError(long line, String message) {
    }

    @RegisterForReflection
    public record ImportResult(String adAccountId, String level, long lines, long rowsIngested, long rowsUpdated,
            List<LineError> errors) {
    }
}
