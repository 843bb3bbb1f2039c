package io.metasync.sandbox.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.metasync.sandbox.world.Rng;

/**
 * Meta's cursor paging: {@code {data, paging:{cursors:{before,after}, previous, next}}}. Like Meta, it
 * sometimes answers an empty or a short page that still has {@code next}, and sometimes a full last page
 * whose {@code next} leads to an empty page without one; when the list ends, {@code next} is absent.
 * Which pages do so is decided from the seed, the list and the position, so runs repeat exactly.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 5000;
    private static final int MAX_HOPS = 3;

    /** An item and the position just after it, as a feed encodes positions. */
    public record Positioned<T>(T item, String position) {
    }

    /** A list read from a position (null: its start): up to {@code max} items after that position. */
    @FunctionalInterface
    public interface Feed<T> {
        List<Positioned<T>> read(String position, int max);
    }

    /**
     * Rates of the two page traps, the seed that decides where they fall, and how many items a list may be read
     * past before a cursor is refused as too deep (0: no limit).
     */
    public record Traps(long seed, double emptyPageRate, double shortPageRate, int maxCursorDepth) {
    }

    /** Where a cursor points, how many empty pages led there, and how many items come before it. */
    private record Cursor(String position, int hop, long depth) {
    }

    private Paging() {
    }

    /** A feed over an indexed list of {@code size} items. */
    public static <T> Feed<T> indexed(long size, java.util.function.LongFunction<T> at) {
        return (position, max) -> {
            long from = position == null ? 0 : Long.parseLong(position);
            List<Positioned<T>> out = new ArrayList<>();
            for (long i = from; i < size && out.size() < max; i++) {
                out.add(new Positioned<>(at.apply(i), Long.toString(i + 1)));
            }
            return out;
        };
    }

    public static <T> Map<String, Object> page(GraphCall call, Traps traps, Feed<T> feed, Function<T, Object> render) {
        int limit = limit(call);
        Cursor at = call.param("after").map(Paging::decode).orElse(new Cursor(null, 0, 0));
        if (traps.maxCursorDepth() > 0 && at.depth >= traps.maxCursorDepth()) {
            // META-FACTS §0: Meta refuses a cursor past some depth
            throw GraphError.invalid("The After Cursor specified exceeds the max limit supported by this endpoint").ex();
        }
        long where = Rng.mix(traps.seed(), call.path().hashCode(), String.valueOf(at.position).hashCode(), at.hop);
        double dice = Rng.unit(where, 1);
        List<Positioned<T>> read = read(feed, at.position, limit + 1);
        boolean more = read.size() > limit;
        Map<String, Object> out = new LinkedHashMap<>();
        if (read.isEmpty()) {
            out.put("data", List.of());
            return out;
        }
        if (more && at.hop < MAX_HOPS && dice < traps.emptyPageRate()) {
            out.put("data", List.of());
            Cursor same = new Cursor(at.position, at.hop + 1, at.depth);
            out.put("paging", paging(call, limit, same, same, true));
            return out;
        }
        int take = Math.min(limit, read.size());
        if (more && limit > 1 && dice >= traps.emptyPageRate() && dice < traps.emptyPageRate() + traps.shortPageRate()) {
            take = 1 + Rng.below(limit - 1, where, 2);
        }
        List<Positioned<T>> shown = read.subList(0, take);
        boolean next = more || take < read.size() || (read.size() == limit && dice < traps.emptyPageRate());
        Cursor before = new Cursor(at.position, 0, at.depth);
        Cursor after = new Cursor(shown.get(shown.size() - 1).position(), 0, at.depth + shown.size());
        out.put("data", shown.stream().map(p -> render.apply(p.item())).collect(Collectors.toList()));
        out.put("paging", paging(call, limit, before, after, next));
        return out;
    }

    private static <T> List<Positioned<T>> read(Feed<T> feed, String position, int max) {
        try {
            return feed.read(position, max);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw GraphError.invalid("The After Cursor specified is invalid").ex();
        }
    }

    static int limit(GraphCall call) {
        try {
            int limit = call.param("limit").map(Integer::parseInt).orElse(DEFAULT_LIMIT);
            if (limit < 1) {
                throw GraphError.invalid("Param limit must be a positive integer").ex();
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw GraphError.invalid("Param limit must be an integer").ex();
        }
    }

    private static Map<String, Object> paging(GraphCall call, int limit, Cursor before, Cursor after, boolean next) {
        Map<String, Object> cursors = new LinkedHashMap<>();
        cursors.put("before", encode(before));
        cursors.put("after", encode(after));
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", cursors);
        if (before.position != null) {
            paging.put("previous", link(call, limit, "before", encode(before)));
        }
        if (next) {
            paging.put("next", link(call, limit, "after", encode(after)));
        }
        return paging;
    }

    private static String link(GraphCall call, int limit, String name, String cursor) {
        StringBuilder q = new StringBuilder();
        call.params().forEach((k, v) -> {
            if (!k.equals("after") && !k.equals("before") && !k.equals("limit")) {
                q.append(enc(k)).append('=').append(enc(v)).append('&');
            }
        });
        q.append("limit=").append(limit).append('&').append(name).append('=').append(enc(cursor));
        return call.baseUrl() + call.publicPath() + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encode(Cursor c) {
        String raw = (c.position == null ? "" : c.position) + "|" + c.hop + "|" + c.depth;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int depthBar = raw.lastIndexOf('|');
            int bar = raw.lastIndexOf('|', depthBar - 1);
            String position = raw.substring(0, bar);
            return new Cursor(position.isEmpty() ? null : position, Integer.parseInt(raw.substring(bar + 1, depthBar)),
                    Long.parseLong(raw.substring(depthBar + 1)));
        } catch (RuntimeException e) {
            throw GraphError.invalid("The After Cursor specified is invalid").ex();
        }
    }
}
