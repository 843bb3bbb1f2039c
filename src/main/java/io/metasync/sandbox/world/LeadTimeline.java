package io.metasync.sandbox.world;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which leads exist in each form and when each was created, without storing generated leads. A form's
 * leads are, by ordinal: its initial leads spread over the history window before the world started,
 * then leads arriving at the configured rate, then (from {@link #ADDED}) leads added through the admin
 * API. Leads are ordered by (creation time, ordinal); a lead is visible once its time has come.
 */
public final class LeadTimeline {

    public static final long ADDED = 500_000_000L;

    /** Position of a lead in the newest-first order: older leads have smaller keys. */
    public record Key(long ms, long ordinal) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(ms, o.ms);
            return c != 0 ? c : Long.compare(ordinal, o.ordinal);
        }
    }

    /** A time window in epoch milliseconds, both ends inclusive. */
    public record Window(long fromMs, long toMs) {
        public static final Window ALL = new Window(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private final long startMs;
    private final long historyMs;
    private final int initial;
    private final ArrivalSchedule arrivals;
    private final Map<Integer, List<Long>> added = new ConcurrentHashMap<>();

    LeadTimeline(WorldSpec spec, long startMs, double perMinute) {
        this.startMs = startMs;
        this.historyMs = Duration.ofDays(spec.leadHistoryDays()).toMillis();
        this.initial = spec.leadsPerForm();
        this.arrivals = new ArrivalSchedule(startMs, perMinute);
    }

    public void changeRate(long nowMs, double perMinute) {
        arrivals.changeRate(nowMs, perMinute);
    }

    /** Adds leads created at {@code nowMs}; answers their ordinals. */
    public List<Long> add(int form, int count, long nowMs) {
        List<Long> list = added.computeIfAbsent(form, f -> new CopyOnWriteArrayList<>());
        List<Long> ordinals = new ArrayList<>(count);
        synchronized (list) {
            for (int i = 0; i < count; i++) {
                ordinals.add(ADDED + list.size());
                list.add(nowMs);
            }
        }
        return ordinals;
    }

    /** Generated leads (initial plus arrived) visible at this time. */
    public long generatedBy(long nowMs) {
        return initial + arrivals.arrivedBy(nowMs);
    }

    public long visibleCount(int form, long nowMs) {
        return generatedBy(nowMs) + addedBy(form, nowMs).size();
    }

    /** Creation time of a lead, or -1 when no such lead exists (yet) at this time. */
    public long timeOf(int form, long ordinal, long nowMs) {
        if (ordinal >= ADDED) {
            List<Long> list = added.getOrDefault(form, List.of());
            long i = ordinal - ADDED;
            return i < list.size() && list.get((int) i) <= nowMs ? list.get((int) i) : -1;
        }
        return ordinal >= 0 && ordinal < generatedBy(nowMs) ? generatedTime(ordinal) : -1;
    }

    /** Ordinal at this position of the truth order (generated leads by ordinal, then added ones). */
    public long ordinalAt(int form, long position, long nowMs) {
        long generated = generatedBy(nowMs);
        return position < generated ? position : ADDED + (position - generated);
    }

    /**
     * Up to {@code max} visible leads of a form, newest first, strictly older than {@code before}
     * (null: from the newest), created within the window.
     */
    public List<Key> newestFirst(int form, Key before, Window window, int max, long nowMs) {
        long generated = generatedBy(nowMs);
        long hi = Math.min(countBefore(before, generated), countAtOrBefore(window.toMs(), generated)) - 1;
        long lo = countBefore(new Key(window.fromMs(), -1), generated);
        List<Key> out = new ArrayList<>(Math.min(max, 1024));
        List<Key> extra = addedNewestFirst(form, before, window, nowMs);
        int e = 0;
        long k = hi;
        while (out.size() < max && (k >= lo || e < extra.size())) {
            Key g = k >= lo ? new Key(generatedTime(k), k) : null;
            if (g != null && (e >= extra.size() || g.compareTo(extra.get(e)) > 0)) {
                out.add(g);
                k--;
            } else {
                out.add(extra.get(e++));
            }
        }
        return out;
    }

    private List<Key> addedNewestFirst(int form, Key before, Window window, long nowMs) {
        List<Long> times = addedBy(form, nowMs);
        List<Key> out = new ArrayList<>();
        for (int i = times.size() - 1; i >= 0; i--) {
            Key key = new Key(times.get(i), ADDED + i);
            if (times.get(i) >= window.fromMs() && times.get(i) <= window.toMs()
                    && (before == null || key.compareTo(before) < 0)) {
                out.add(key);
            }
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    private List<Long> addedBy(int form, long nowMs) {
        List<Long> list = added.getOrDefault(form, List.of());
        return list.stream().filter(t -> t <= nowMs).toList();
    }

    long generatedTime(long ordinal) {
        if (ordinal < initial) {
            return startMs - historyMs + ordinal * historyMs / initial;
        }
        return arrivals.timeOf(ordinal - initial);
    }

    /** Number of generated leads with a key strictly below {@code key} (all of them when null). */
    private long countBefore(Key key, long generated) {
        if (key == null) {
            return generated;
        }
        long lo = 0;
        long hi = generated;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (new Key(generatedTime(mid), mid).compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private long countAtOrBefore(long ms, long generated) {
        return ms == Long.MAX_VALUE ? generated : countBefore(new Key(ms, Long.MAX_VALUE), generated);
    }
}
