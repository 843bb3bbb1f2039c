package io.metasync.sandbox.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;

/** The fault rules in force, in order of creation; a call matches at most one, which then counts down. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class FaultBook {

    private final List<FaultRule.Active> rules = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> left = new ConcurrentHashMap<>();
    /** Matching calls a rule still lets through before it acts ({@code after}). */
    private final Map<Long, AtomicInteger> passes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public long add(FaultRule rule, Instant now) {
        FaultRule r = rule.withDefaults();
        long id = ids.incrementAndGet();
        Instant ends = r.kind().equals("throttle") ? now.plus(Duration.ofMinutes(r.regainMinutes())) : null;
        left.put(id, new AtomicInteger(r.times() == null ? -1 : r.times()));
        passes.put(id, new AtomicInteger(r.after()));
        rules.add(new FaultRule.Active(id, r, now, ends));
        return id;
    }

    public void clear() {
        rules.clear();
        left.clear();
        passes.clear();
    }

    public List<FaultRule.Active> list() {
        return List.copyOf(rules);
    }

    /** The first live rule matching this call, consuming one of its {@code times}. */
    public synchronized Optional<FaultRule.Active> take(String path, FaultRule.Scope where, Instant now) {
        for (FaultRule.Active a : rules) {
            if (live(a, now) && a.rule().matches(path, where)) {
                if (passes.get(a.id()).getAndUpdate(p -> Math.max(0, p - 1)) > 0) {
                    return Optional.empty();
                }
                AtomicInteger n = left.get(a.id());
                if (n.get() > 0 && n.decrementAndGet() == 0) {
                    rules.remove(a);
                }
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** How a live throttle shows in a call's usage headers: minutes to regain access, and whether it is app-wide. */
    public record Throttle(long regainMinutes, boolean appWide) {
        public static final Throttle NONE = new Throttle(0, false);
    }

    /**
     * The throttle this call sees: live throttle rules whose path filter matches it, plus the rule it
     * just used up (a rule with {@code times} still reports its regain time on the throttled answer).
     * Only code 4 (the app's own limit) shows as app-wide usage; the others are per object (page, ad
     * account, business use case).
     */
    public Throttle throttle(String path, Instant now, FaultRule.Active taken) {
        java.util.stream.Stream<FaultRule.Active> candidates = rules.stream();
        if (taken != null) {
            candidates = java.util.stream.Stream.concat(candidates, java.util.stream.Stream.of(taken));
        }
        List<FaultRule.Active> live = candidates.filter(a -> a.endsAt() != null && live(a, now)
                && a.rule().matches(path, FaultRule.Scope.CALL) && !waiting(a)).toList();
        long minutes = live.stream().mapToLong(a -> (Duration.between(now, a.endsAt()).toSeconds() + 59) / 60).max().orElse(0);
        boolean appWide = live.stream().anyMatch(a -> a.rule().code() == null || a.rule().code() == 4);
        return minutes == 0 ? Throttle.NONE : new Throttle(minutes, appWide);
    }

    /** A rule still letting its first {@code after} calls through. */
    private boolean waiting(FaultRule.Active a) {
        AtomicInteger p = passes.get(a.id());
        return p != null && p.get() > 0;
    }

    private static boolean live(FaultRule.Active a, Instant now) {
        return a.endsAt() == null || now.isBefore(a.endsAt());
    }
}
