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
    private final AtomicLong ids = new AtomicLong();

    public long add(FaultRule rule, Instant now) {
        FaultRule r = rule.withDefaults();
        long id = ids.incrementAndGet();
        Instant ends = r.kind().equals("throttle") ? now.plus(Duration.ofMinutes(r.regainMinutes())) : null;
        left.put(id, new AtomicInteger(r.times() == null ? -1 : r.times()));
        rules.add(new FaultRule.Active(id, r, now, ends));
        return id;
    }

    public void clear() {
        rules.clear();
        left.clear();
    }

    public List<FaultRule.Active> list() {
        return List.copyOf(rules);
    }

    /** The first live rule matching this call, consuming one of its {@code times}. */
    public synchronized Optional<FaultRule.Active> take(String path, FaultRule.Scope where, Instant now) {
        for (FaultRule.Active a : rules) {
            if (live(a, now) && a.rule().matches(path, where)) {
                AtomicInteger n = left.get(a.id());
                if (n.get() > 0 && n.decrementAndGet() == 0) {
                    rules.remove(a);
                }
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Minutes until the longest live throttle ends (0 when none is live). */
    public long regainMinutes(Instant now) {
        return rules.stream().filter(a -> a.endsAt() != null && live(a, now))
                .mapToLong(a -> (Duration.between(now, a.endsAt()).toSeconds() + 59) / 60).max().orElse(0);
    }

    private static boolean live(FaultRule.Active a, Instant now) {
        return a.endsAt() == null || now.isBefore(a.endsAt());
    }
}
