package io.metasync.sandbox.graph;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.metasync.sandbox.world.Model.Ad;
import io.metasync.sandbox.world.Model.AdAccount;
import io.metasync.sandbox.world.Model.AdSet;
import io.metasync.sandbox.world.Model.Campaign;

/** JSON shapes of ad accounts, campaigns, ad sets and ads; budgets and caps in minor units (META-FACTS §2.5-2.7). */
final class AdViews {

    /** Meta answers ad objects with only their id unless fields are asked for. */
    static final Set<String> ID_ONLY = Set.of("id");
    static final Set<String> ACCOUNT_DEFAULT = Set.of("id", "account_id");

    private AdViews() {
    }

    static Map<String, Object> account(AdAccount a, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("account_id", a.accountId());
        m.put("name", a.name());
        m.put("account_status", a.accountStatus());
        m.put("disable_reason", 0);
        m.put("currency", a.currency());
        m.put("timezone_name", a.timezoneName());
        m.put("timezone_offset_hours_utc",
                ZoneId.of(a.timezoneName()).getRules().getOffset(now).getTotalSeconds() / 3600.0);
        m.put("amount_spent", "0");
        m.put("balance", "0");
        m.put("spend_cap", "0");
        m.put("business", Map.of("id", a.businessId(), "name", "Business of " + a.name()));
        return m;
    }

    static Map<String, Object> campaign(Campaign c, Instant created) {
        Map<String, Object> m = common(c.id(), c.account(), c.name(), c.status(), created);
        m.put("objective", c.objective());
        m.put("buying_type", "AUCTION");
        m.put("daily_budget", Long.toString(c.dailyBudgetMinor()));
        m.put("special_ad_categories", java.util.List.of());
        return m;
    }

    static Map<String, Object> adset(AdSet s, Instant created) {
        Map<String, Object> m = common(s.id(), s.campaign().account(), s.name(), s.status(), created);
        m.put("campaign_id", s.campaign().id());
        m.put("daily_budget", Long.toString(s.dailyBudgetMinor()));
        return m;
    }

    static Map<String, Object> ad(Ad ad, Instant created) {
        Map<String, Object> m = common(ad.id(), ad.adset().campaign().account(), ad.name(), ad.status(), created);
        m.put("campaign_id", ad.adset().campaign().id());
        m.put("adset_id", ad.adset().id());
        m.put("creative", Map.of("id", ad.id() + "9"));
        return m;
    }

    private static Map<String, Object> common(String id, AdAccount a, String name, String status, Instant created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("account_id", a.accountId());
        m.put("name", name);
        m.put("status", status);
        m.put("configured_status", status);
        m.put("effective_status", status);
        m.put("created_time", LeadViews.time(created));
        m.put("start_time", LeadViews.time(created));
        return m;
    }
}
