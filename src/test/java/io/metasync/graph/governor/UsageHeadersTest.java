package io.metasync.graph.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The usage headers' exact formats (META-FACTS §3.1, §2.4). */
class UsageHeadersTest {

    private final UsageHeaders parser = new UsageHeaders(new ObjectMapper());

    private Map<String, UsageReading> parse(Map<String, String> headers, LimiterKeys keys) {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        return parser.parse(ci::get, keys).stream().collect(Collectors.toMap(UsageReading::key, r -> r));
    }

    @Test
    void readsEveryHeader() {
        LimiterKeys keys = new LimiterKeys("fp", "act_77", null, true);
        Map<String, UsageReading> readings = parse(Map.of(
                "X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":31}",
                "X-Ad-Account-Usage", "{\"acc_id_util_pct\":9.67,\"reset_time_duration\":100,\"ads_api_access_tier\":\"standard_access\"}",
                "X-FB-Ads-Insights-Throttle", "{\"app_id_util_pct\":100,\"acc_id_util_pct\":10,\"ads_api_access_tier\":\"standard_access\"}",
                "X-Business-Use-Case-Usage", "{\"77\":[{\"type\":\"ads_insights\",\"call_count\":12,\"total_cputime\":40,"
                        + "\"total_time\":3,\"estimated_time_to_regain_access\":0},{\"type\":\"ads_management\","
                        + "\"call_count\":100,\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":7}]}"), keys);
        assertEquals(31, readings.get("app").percent());
        assertEquals(9.67, readings.get("ad_account:act_77").percent());
        assertEquals(Duration.ZERO, readings.get("ad_account:act_77").regain());
        assertEquals(100, readings.get("insights_app").percent());
        assertEquals(10, readings.get("insights_ad_account:act_77").percent());
        assertEquals(100, readings.get("buc:77").percent());
        assertEquals(Duration.ofMinutes(7), readings.get("buc:77").regain());
        assertEquals(null, readings.get("token:fp"));
    }

    @Test
    void businessUseCaseOfAnUnnamedObjectHoldsTheToken() {
        Map<String, UsageReading> readings = parse(Map.of("x-business-use-case-usage",
                "{\"555\":[{\"type\":\"leadgen\",\"call_count\":100,\"total_cputime\":0,\"total_time\":0,"
                        + "\"estimated_time_to_regain_access\":5}]}"), new LimiterKeys("fp", null, null, false));
        assertEquals(Duration.ofMinutes(5), readings.get("buc:555").regain());
        assertEquals(Duration.ofMinutes(5), readings.get("token:fp").regain());
    }

    @Test
    void adAccountAtFullUsageRegainsAfterItsResetTime() {
        Map<String, UsageReading> readings = parse(Map.of("x-ad-account-usage",
                "{\"acc_id_util_pct\":100,\"reset_time_duration\":90}"), new LimiterKeys("fp", "act_1", null, false));
        assertEquals(Duration.ofSeconds(90), readings.get("ad_account:act_1").regain());
    }

    @Test
    void ignoresGarbage() {
        assertEquals(0, parse(Map.of("x-app-usage", "{not json", "x-business-use-case-usage", "[]"),
                new LimiterKeys("fp", null, null, false)).size());
    }
}
