package io.metasync.graph.governor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.time.AppClock;
import io.metasync.graph.GraphConfig;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The rate-limit governor. It reads the usage headers of every Graph response (errors included),
 * keeps usage per app, token, ad account and business use case, slows new calls once usage passes
 * the threshold, holds them while Meta blocks a key (a throttling error, usage at 100% or a regain
 * time) and bounds the calls in flight per token and per ad account. Calls on other keys go on.
 * Every decision reads {@link AppClock}; a held call re-checks it every poll interval.
 */
@ApplicationScoped
public class GraphGovernor {

    private static final Logger LOG = Logger.getLogger(GraphGovernor.class);
    private static final int MAX_KEYS = 10_000;
    private static final Duration ONE_MS = Duration.ofMillis(1);

    @Inject
    AppClock clock;

    @Inject
    GraphConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    private final ConcurrentMap<String, UsageState> usage = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AsyncPermits> permits = new ConcurrentHashMap<>();

    /** Waits (without blocking a thread) until the call may go, then holds its concurrency permits. */
    public Uni<Runnable> admit(LimiterKeys keys) {
        return waitWhile(() -> blockedUntil(keys.all()), keys)
                .chain(() -> slowdown(keys))
                .chain(() -> permit(keys.token(), config.governor().perTokenConcurrency()))
                .chain(tokenPermit -> keys.adAccount() == null
                        ? Uni.createFrom().item(tokenPermit)
                        : permit(keys.adAccount(), config.governor().perAdAccountConcurrency())
                                .map(accountPermit -> once(() -> {
                                    accountPermit.run();
                                    tokenPermit.run();
                                }))
                                // cancelled while waiting for the account's permit: the token's goes back
                                .onCancellation().invoke(tokenPermit));
    }

    /**
     * Records one response's usage headers and, for a throttling error, holds the scope Meta blocked.
     *
     * @return how long the call's keys are now held (zero when not held)
     */
    public Duration observe(LimiterKeys keys, UnaryOperator<String> headers, GraphException error) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (UsageReading reading : new UsageHeaders(mapper).parse(headers, keys)) {
            UsageState state = state(reading.key());
            state.read(reading.percent(), now);
            Duration hold = reading.regain().compareTo(Duration.ZERO) > 0 ? reading.regain()
                    : reading.percent() >= 100 ? config.governor().throttleBlock() : Duration.ZERO;
            if (hold.compareTo(Duration.ZERO) > 0) {
                state.blockUntil(now.plus(hold));
                longest = hold.compareTo(longest) > 0 ? hold : longest;
            }
        }
        if (error != null && error.kind() == GraphErrorKind.THROTTLED) {
            Duration hold = longest.compareTo(config.governor().throttleBlock()) > 0 ? longest
                    : config.governor().throttleBlock();
            List<String> scope = ThrottleScope.of(error, keys);
            scope.forEach(key -> state(key).blockUntil(now.plus(hold)));
            LOG.infof("Graph throttled (#%s): holding the %s scope for %s", error.code().orElse(null),
                    scopeOf(scope.get(0)), hold);
            return hold;
        }
        return longest;
    }

    /**
     * The last insights load read for an ad account ({@code X-FB-Ads-Insights-Throttle}): the higher of
     * the app's and the account's percentage, 0 before any reading. Async insights jobs are admitted on it.
     */
    public double insightsUsage(String adAccountId) {
        LimiterKeys keys = new LimiterKeys("", adAccountId.startsWith("act_") ? adAccountId : "act_" + adAccountId,
                null, true);
        UsageState app = usage.get(LimiterKeys.INSIGHTS_APP);
        UsageState account = usage.get(keys.insightsAdAccount());
        return Math.max(app == null ? 0 : app.percent(), account == null ? 0 : account.percent());
    }

    /** Forgets every reading and hold (the dev sandbox's reset and tests). */
    public void reset() {
        usage.clear();
        registry.find("metasync.graph.usage").meters().forEach(registry::remove);
    }

    private Instant blockedUntil(List<String> keys) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : keys) {
            UsageState state = usage.get(key);
            if (state != null && state.blockedUntil().isAfter(now)
                    && (until == null || state.blockedUntil().isAfter(until))) {
                until = state.blockedUntil();
            }
        }
        return until;
    }

    private Uni<Void> slowdown(LimiterKeys keys) {
        double threshold = config.governor().threshold();
        double peak = keys.all().stream().map(usage::get).filter(s -> s != null)
                .mapToDouble(UsageState::percent).max().orElse(0);
        if (peak <= threshold || threshold >= 100) {
            return Uni.createFrom().voidItem();
        }
        double share = Math.min(1, (peak - threshold) / (100 - threshold));
        Instant until = clock.instant().plusMillis((long) (config.governor().maxSlowdown().toMillis() * share));
        registry.counter("metasync.graph.throttle.slowdowns").increment();
        return waitWhile(() -> clock.instant().isBefore(until) ? until : null, null);
    }

    /** Re-checks {@code deadline} every poll interval on the app clock until it returns null. */
    private Uni<Void> waitWhile(Supplier<Instant> deadline, LimiterKeys heldKeys) {
        Instant first = deadline.get();
        if (first == null) {
            return Uni.createFrom().voidItem();
        }
        if (heldKeys != null) {
            Counter.builder("metasync.graph.throttle.holds").description("Graph calls held while Meta blocks access")
                    .register(registry).increment();
        }
        return Multi.createBy().repeating().uni(() -> {
            Instant until = deadline.get();
            if (until == null) {
                return Uni.createFrom().item(Boolean.FALSE);
            }
            Duration left = Duration.between(clock.instant(), until);
            Duration step = left.compareTo(config.governor().pollInterval()) < 0 ? left : config.governor().pollInterval();
            return Uni.createFrom().item(Boolean.TRUE).onItem().delayIt().by(step.toMillis() < 1 ? ONE_MS : step);
        }).whilst(Boolean::booleanValue).collect().last().replaceWithVoid();
    }

    private Uni<Runnable> permit(String key, int max) {
        AsyncPermits limiter = permits.computeIfAbsent(key, k -> new AsyncPermits(max));
        return limiter.acquire().chain(granted -> granted
                ? Uni.createFrom().item(once(() -> {
                    limiter.release();
                    permits.computeIfPresent(key, (k, v) -> v.retireIfIdle() ? null : v);
                }))
                : permit(key, max));
    }

    /** A release that counts once however many paths (end, failure, cancellation) run it. */
    private static Runnable once(Runnable release) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release.run();
            }
        };
    }

    /** Permits held now for a limiter key (tests): 0 once every call on it ended, however it ended. */
    public int permitsHeld(String key) {
        AsyncPermits limiter = permits.get(key);
        return limiter == null ? 0 : limiter.used();
    }

    private UsageState state(String key) {
        UsageState existing = usage.get(key);
        if (existing != null) {
            return existing;
        }
        if (usage.size() >= MAX_KEYS) {
            evictStale();
        }
        return usage.computeIfAbsent(key, k -> {
            UsageState state = new UsageState();
            Gauge.builder("metasync.graph.usage", state, UsageState::percent)
                    .description("Last Graph usage percentage read from Meta's headers")
                    .tag("scope", scopeOf(k)).tag("id", idOf(k))
                    .register(registry);
            return state;
        });
    }

    private void evictStale() {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(1));
        usage.entrySet().removeIf(e -> {
            boolean stale = e.getValue().staleAt(now, since);
            if (stale) {
                registry.find("metasync.graph.usage").tag("scope", scopeOf(e.getKey())).tag("id", idOf(e.getKey()))
                        .meters().forEach(registry::remove);
            }
            return stale;
        });
    }

    private static String scopeOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    private static String idOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? "" : key.substring(colon + 1);
    }
}
