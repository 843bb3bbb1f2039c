package io.metasync.sandbox.graph;

import io.metasync.sandbox.fault.FaultBook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The usage headers Meta puts on every response (META-FACTS §3.1): {@code X-App-Usage},
 * {@code X-Ad-Account-Usage}, {@code X-Business-Use-Case-Usage} (a map of object id to a list, regain
 * time in minutes) and {@code x-fb-ads-insights-throttle}. Usage is the share of an hourly budget
 * used in the current hour; a live throttle fault shows as 100 with its regain time.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class UsageMeter {

    static final long APP_BUDGET = 5000;
    static final long OBJECT_BUDGET = 1000;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final World world;
    private final SandboxConfig config;
    private volatile long currentHour;

    public UsageMeter(World world, SandboxConfig config) {
        this.world = world;
        this.config = config;
    }

    public Map<String, String> headers(GraphCall call, Instant now, FaultBook.Throttle throttle) {
        long regainMinutes = throttle.regainMinutes();
        long hour = now.getEpochSecond() / 3600;
        if (hour != currentHour) {
            counts.clear();
            currentHour = hour;
        }
        long app = pct(count("app:" + hour), APP_BUDGET, throttle.appWide() ? regainMinutes : 0);
        String object = objectOf(call);
        long obj = pct(count(object + ":" + hour), OBJECT_BUDGET, regainMinutes);
        long resetSeconds = 3600 - now.getEpochSecond() % 3600;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-App-Usage", "{\"call_count\":" + app + ",\"total_time\":" + app / 2 + ",\"total_cputime\":" + app / 3
                + "}");
        h.put("X-Ad-Account-Usage", String.format(Locale.ROOT,
                "{\"acc_id_util_pct\":%.2f,\"reset_time_duration\":%d,\"ads_api_access_tier\":\"standard_access\"}",
                (double) obj, regainMinutes > 0 ? regainMinutes * 60 : resetSeconds));
        h.put("X-Business-Use-Case-Usage", "{\"" + object + "\":[{\"type\":\"" + bucType(call) + "\",\"call_count\":"
                + obj + ",\"total_cputime\":" + obj / 2 + ",\"total_time\":" + obj / 2
                + ",\"estimated_time_to_regain_access\":" + regainMinutes
                + ",\"ads_api_access_tier\":\"standard_access\"}]}");
        h.put("x-fb-ads-insights-throttle", "{\"app_id_util_pct\":" + app + ",\"acc_id_util_pct\":" + obj
                + ",\"ads_api_access_tier\":\"standard_access\"}");
        return h;
    }

    public void clear() {
        counts.clear();
    }

    private long count(String key) {
        return counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static long pct(long used, long budget, long regainMinutes) {
        return regainMinutes > 0 ? 100 : Math.min(100, used * 100 / budget);
    }

    /** The business-use-case key: the ad account (without act_) or the page the call is about, else the app. */
    String objectOf(GraphCall call) {
        String first = call.size() == 0 ? "" : call.segment(0);
        var catalog = world.catalog();
        return Ids.decode(first).flatMap(d -> switch (d.kind()) {
            case CAMPAIGN, ADSET, AD -> Optional.of(Ids.of(Ids.Kind.AD_ACCOUNT, d.number() / Ids.PER_ACCOUNT));
            case AD_ACCOUNT -> Optional.of(Ids.of(Ids.Kind.AD_ACCOUNT, d.number()));
            case FORM -> catalog.form(d.number()).map(f -> f.page().id());
            case LEAD -> catalog.form(d.number() / Ids.LEADS).map(f -> f.page().id());
            case PAGE -> Optional.of(first);
            default -> Optional.<String>empty();
        }).orElse(config.appId());
    }

    static String bucType(GraphCall call) {
        String path = call.path();
        if (path.contains("insights") || Ids.decode(call.size() > 0 ? call.segment(0) : "")
                .filter(d -> d.kind() == Ids.Kind.REPORT_RUN).isPresent()) {
            return "ads_insights";
        }
        if (path.contains("act_") || path.contains("campaigns") || path.contains("adsets") || path.contains("/ads")) {
            return "ads_management";
        }
        return path.contains("lead") ? "leadgen" : "pages";
    }
}
