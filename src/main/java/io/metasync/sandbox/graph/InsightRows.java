package io.metasync.sandbox.graph;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.metasync.sandbox.world.AdCatalog;
import io.metasync.sandbox.world.InsightEngine;
import io.metasync.sandbox.world.InsightEngine.AdRange;
import io.metasync.sandbox.world.InsightEngine.Level;
import io.metasync.sandbox.world.InsightEngine.Metrics;
import io.metasync.sandbox.world.Model.AdAccount;

/**
 * The rows of one insights query over a scope: one candidate per (object of the level, period, breakdown
 * combination), in that order; candidates without delivery are left out, as Meta does. Id filters keep
 * only the matching ads (a coarser row sums its matching ads). Metrics are strings, money in major units.
 */
final class InsightRows {

    private final InsightEngine engine;
    private final AdRange scope;
    private final InsightQuery query;
    private final List<LocalDate[]> periods;
    private final int[] objects;
    private final int combinations;

    InsightRows(InsightEngine engine, AdRange scope, InsightQuery query) {
        this.engine = engine;
        this.scope = scope;
        this.query = query;
        this.periods = query.periods();
        int[] range = engine.objects(scope, query.level());
        this.objects = java.util.stream.IntStream.range(range[0], range[1])
                .filter(o -> query.idFilters().isEmpty() || !admitted(engine.slice(scope, query.level(), o)).isEmpty())
                .toArray();
        this.combinations = Breakdowns.combinations(query.breakdowns());
    }

    long candidates() {
        return (long) objects.length * periods.size() * combinations;
    }

    /** Rows from candidate {@code from} on, at most {@code max}, each with the candidate index after it. */
    Paging.Feed<Map<String, Object>> feed() {
        return (position, max) -> {
            List<Paging.Positioned<Map<String, Object>>> out = new ArrayList<>();
            for (long i = position == null ? 0 : Long.parseLong(position); i < candidates() && out.size() < max; i++) {
                Map<String, Object> row = row(i);
                if (row != null) {
                    out.add(new Paging.Positioned<>(row, Long.toString(i + 1)));
                }
            }
            return out;
        };
    }

    private Map<String, Object> row(long candidate) {
        int combination = (int) (candidate % combinations);
        long cell = candidate / combinations;
        int object = objects[(int) (cell / periods.size())];
        LocalDate[] period = periods.get((int) (cell % periods.size()));
        AdRange slice = engine.slice(scope, query.level(), object);
        Metrics m = Breakdowns.part(total(slice, period), query.breakdowns(), combination);
        if (m.impressions() == 0) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        ids(row, slice, object);
        row.putAll(Breakdowns.values(query.breakdowns(), combination));
        AdAccount a = scope.account();
        put(row, "impressions", Long.toString(m.impressions()));
        put(row, "clicks", Long.toString(m.clicks()));
        put(row, "reach", Long.toString(m.reach()));
        put(row, "spend", money(m.spendMinor(), a));
        put(row, "ctr", ratio(m.clicks() * 100, m.impressions()));
        put(row, "cpc", m.clicks() == 0 ? null : ratio(m.spendMinor(), m.clicks() * (long) AdCatalog.offset(a.currency())));
        put(row, "cpm", ratio(m.spendMinor() * 1000, m.impressions() * (long) AdCatalog.offset(a.currency())));
        put(row, "actions", List.of(stat("link_click", Long.toString(m.linkClicks())),
                stat("lead", Long.toString(m.leads())),
                stat("offsite_conversion.fb_pixel_purchase", Long.toString(m.purchases())),
                stat("purchase", Long.toString(m.purchases()))));
        put(row, "action_values", List.of(stat("offsite_conversion.fb_pixel_purchase",
                money(m.purchaseValueMinor(), a)), stat("purchase", money(m.purchaseValueMinor(), a))));
        row.put("date_start", period[0].toString());
        row.put("date_stop", period[1].toString());
        return row;
    }

    private Metrics total(AdRange slice, LocalDate[] period) {
        if (query.idFilters().isEmpty()) {
            return engine.total(slice, period[0], period[1]);
        }
        Metrics sum = Metrics.ZERO;
        for (int ad : admitted(slice)) {
            sum = sum.plus(engine.total(new AdRange(slice.account(), ad, ad + 1), period[0], period[1]));
        }
        return sum;
    }

    /** The ads of a slice that pass the query's id filters. */
    private List<Integer> admitted(AdRange slice) {
        List<Integer> out = new ArrayList<>();
        for (int i = slice.fromAd(); i < slice.toAd(); i++) {
            var ad = engine.ads().ad(slice.account(), i);
            if (query.admits(ad.adset().campaign().id(), ad.adset().id(), ad.id())) {
                out.add(i);
            }
        }
        return out;
    }

    private void ids(Map<String, Object> row, AdRange slice, int object) {
        AdAccount a = scope.account();
        put(row, "account_id", a.accountId());
        put(row, "account_name", a.name());
        var ad = engine.ads().ad(a, slice.fromAd());
        if (query.level() != Level.ACCOUNT) {
            put(row, "campaign_id", ad.adset().campaign().id());
            put(row, "campaign_name", ad.adset().campaign().name());
        }
        if (query.level() == Level.ADSET || query.level() == Level.AD) {
            put(row, "adset_id", ad.adset().id());
            put(row, "adset_name", ad.adset().name());
        }
        if (query.level() == Level.AD) {
            put(row, "ad_id", ad.id());
            put(row, "ad_name", ad.name());
        }
    }

    private void put(Map<String, Object> row, String field, Object value) {
        if (value != null && query.fields().contains(field)) {
            row.put(field, value);
        }
    }

    private static String money(long minor, AdAccount a) {
        return AdCatalog.major(minor, a.currency());
    }

    private static String ratio(long num, long den) {
        return den == 0 ? "0" : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static Map<String, Object> stat(String type, String value) {
        return Map.of("action_type", type, "value", value);
    }
}
