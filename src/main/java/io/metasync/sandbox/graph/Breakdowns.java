package io.metasync.sandbox.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.metasync.sandbox.world.InsightEngine.Metrics;

/**
 * Audience breakdowns (META-FACTS §2.1, §2.2): each dimension's values with fixed shares. A row's
 * metrics are split over the combinations of the requested dimensions so that a row's parts add up
 * to it exactly (the remainder goes to the last value); every part is one more row with the values as
 * extra keys ({@code "gender":"female"}).
 */
final class Breakdowns {

    private record Dimension(List<String> values, int[] weights) {
    }

    private static final Map<String, Dimension> DIMENSIONS = Map.of(
            "age", new Dimension(List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+"), new int[] { 15, 30, 25, 15, 10, 5 }),
            "gender", new Dimension(List.of("female", "male", "unknown"), new int[] { 48, 47, 5 }),
            "country", new Dimension(List.of("US", "GB", "NZ", "BR"), new int[] { 50, 20, 20, 10 }),
            "region", new Dimension(List.of("California", "England", "Auckland", "Sao Paulo"), new int[] { 40, 25, 25, 10 }));

    private Breakdowns() {
    }

    static boolean supports(String name) {
        return DIMENSIONS.containsKey(name);
    }

    /** Number of value combinations of these dimensions (1 for none). */
    static int combinations(List<String> names) {
        int n = 1;
        for (String name : names) {
            n *= DIMENSIONS.get(name).values().size();
        }
        return n;
    }

    /** The breakdown values of combination {@code index}, keyed by dimension. */
    static Map<String, String> values(List<String> names, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        int rest = index;
        for (int i = names.size() - 1; i >= 0; i--) {
            Dimension d = DIMENSIONS.get(names.get(i));
            out.put(names.get(i), d.values().get(rest % d.values().size()));
            rest /= d.values().size();
        }
        return out;
    }

    /** The part of {@code m} that combination {@code index} gets. */
    static Metrics part(Metrics m, List<String> names, int index) {
        Metrics part = m;
        int rest = index;
        List<int[]> choices = new ArrayList<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            Dimension d = DIMENSIONS.get(names.get(i));
            choices.add(0, new int[] { i, rest % d.values().size() });
            rest /= d.values().size();
        }
        for (int[] choice : choices) {
            int[] w = DIMENSIONS.get(names.get(choice[0])).weights();
            int k = choice[1];
            Metrics p = part;
            part = new Metrics(share(p.impressions(), w, k), share(p.clicks(), w, k), share(p.reach(), w, k),
                    share(p.spendMinor(), w, k), share(p.leads(), w, k), share(p.linkClicks(), w, k),
                    share(p.purchases(), w, k), share(p.purchaseValueMinor(), w, k));
        }
        return part;
    }

    private static long share(long total, int[] weights, int k) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        long given = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            long s = total * weights[i] / sum;
            if (i == k) {
                return s;
            }
            given += s;
        }
        return total - given;
    }
}
