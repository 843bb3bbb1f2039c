package io.metasync.sandbox.admin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.Redaction;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Every Graph call the sandbox answered (batch items included): counts by path and the last 1,000.
 * Paths are recorded without their query string, so no token or proof ever lands here.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class RequestLog {

    public static final int RECENT = 1000;

    public record Entry(String method, String path, int status, Instant at) {
    }

    public record Snapshot(long total, Map<String, Long> byPath, List<Entry> recent) {
    }

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final Deque<Entry> recent = new ArrayDeque<>();

    public void record(String method, String path, int status, Instant at) {
        String clean = Redaction.redact(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        total.incrementAndGet();
        byPath.computeIfAbsent(clean, p -> new LongAdder()).increment();
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(new Entry(method, clean, status, at));
        }
    }

    public long total() {
        return total.get();
    }

    public Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byPath.forEach((p, n) -> counts.put(p, n.sum()));
        synchronized (recent) {
            return new Snapshot(total.get(), counts, List.copyOf(recent));
        }
    }

    public void clear() {
        total.set(0);
        byPath.clear();
        synchronized (recent) {
            recent.clear();
        }
    }
}
