package io.metasync.sandbox.world;

import java.util.ArrayList;
import java.util.List;

/**
 * When each form's arriving leads are created: a piecewise-constant rate over time. Changing the rate
 * starts a new segment at that moment, so leads that already arrived keep their times.
 */
final class ArrivalSchedule {

    private record Segment(long startMs, long startIndex, long periodMs) {
    }

    private volatile List<Segment> segments;

    ArrivalSchedule(long startMs, double perMinute) {
        segments = List.of(new Segment(startMs, 0, period(perMinute)));
    }

    synchronized void changeRate(long nowMs, double perMinute) {
        List<Segment> next = new ArrayList<>(segments);
        next.add(new Segment(Math.max(nowMs, last().startMs), arrivedBy(nowMs), period(perMinute)));
        segments = List.copyOf(next);
    }

    /** How many leads have arrived (per form) by this time. */
    long arrivedBy(long ms) {
        Segment s = segmentAt(ms);
        if (s == null) {
            return 0;
        }
        return s.startIndex + (s.periodMs == 0 ? 0 : (ms - s.startMs) / s.periodMs);
    }

    /** Creation time of the arrival with this index (0-based). */
    long timeOf(long index) {
        List<Segment> all = segments;
        Segment s = all.get(0);
        for (Segment candidate : all) {
            if (candidate.startIndex <= index && candidate.periodMs > 0) {
                s = candidate;
            }
        }
        return s.startMs + (index - s.startIndex + 1) * Math.max(1, s.periodMs);
    }

    private Segment segmentAt(long ms) {
        Segment found = null;
        for (Segment s : segments) {
            if (s.startMs <= ms) {
                found = s;
            }
        }
        return found;
    }

    private Segment last() {
        return segments.get(segments.size() - 1);
    }

    private static long period(double perMinute) {
        return perMinute <= 0 ? 0 : Math.max(1, Math.round(60_000d / perMinute));
    }
}
