package io.metasync.insights;

import java.util.List;
import java.util.stream.Collectors;

import io.metasync.insights.InsightViews.InsightRowView;

/**
 * The export's CSV (RFC 4180): one header line, one line per daily row. A cell that a spreadsheet would
 * read as a formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}.
 */
final class InsightCsv {

    static final List<String> HEADER = List.of("date", "adAccountId", "level", "entityId", "entityName", "campaignId",
            "adsetId", "breakdown", "impressions", "reach", "clicks", "linkClicks", "spend", "conversions", "revenue", "ctr",
            "cpc", "cpm", "roas", "source");

    private InsightCsv() {
    }

    static String header() {
        return line(HEADER);
    }

    static String line(InsightRowView r) {
        return line(java.util.Arrays.asList(r.date(), r.adAccountId(), r.level(), r.entityId(), r.entityName(), r.campaignId(),
                r.adsetId(), InsightRecord.keyOf(r.breakdown()), String.valueOf(r.impressions()), str(r.reach()),
                String.valueOf(r.clicks()), str(r.linkClicks()), r.spend(), r.conversions().toPlainString(), r.revenue(),
                str(r.ctr() == null ? null : r.ctr().toPlainString()), r.cpc(), r.cpm(),
                r.roas() == null ? null : r.roas().toPlainString(), r.source()));
    }

    private static String line(List<String> cells) {
        return cells.stream().map(InsightCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One cell: defused against formula injection, then quoted when it holds a comma, quote or line break. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
