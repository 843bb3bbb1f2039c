package io.metasync.sandbox.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.metasync.sandbox.Json;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.Model.Question;

/** JSON shapes of pages, lead forms and leads, as Meta renders them. */
final class LeadViews {

    /** Graph datetime: {@code 2018-02-28T08:49:14+0000} (no colon in the offset). */
    static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);
    static final Set<String> PAGE_DEFAULT = Set.of("id", "name");
    static final Set<String> ACCOUNTS_DEFAULT = Set.of("id", "name", "access_token", "category", "category_list",
            "tasks");
    static final Set<String> FORM_DEFAULT = Set.of("id", "name", "status", "locale");
    static final Set<String> LEAD_DEFAULT = Set.of("id", "created_time", "ad_id", "form_id", "field_data");

    private LeadViews() {
    }

    static String time(Instant t) {
        return GRAPH_TIME.format(t);
    }

    static Map<String, Object> page(Page p, String accessToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("category", p.category());
        m.put("category_list", List.of(Map.of("id", "2500", "name", p.category())));
        m.put("tasks", List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"));
        m.put("access_token", accessToken);
        if (p.instagramAccountId() != null) {
            m.put("instagram_business_account", Map.of("id", p.instagramAccountId(), "username",
                    "ig_" + p.index()));
        }
        return m;
    }

    static Map<String, Object> form(Form f, long leadsCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("status", f.status());
        m.put("locale", f.locale());
        m.put("created_time", time(f.createdTime()));
        m.put("leads_count", leadsCount);
        m.put("expired_leads_count", 0);
        m.put("organic_leads_count", leadsCount / 10);
        m.put("page", Map.of("id", f.page().id(), "name", f.page().name()));
        m.put("page_id", f.page().id());
        m.put("privacy_policy_url", "https://example.com/privacy/" + f.page().index());
        m.put("allow_organic_lead", true);
        m.put("questions", f.questions().stream().map(LeadViews::question).toList());
        m.put("legal_content", Map.of("id", f.id() + "1", "custom_disclaimer", Map.of("title", "Consent",
                "checkboxes", f.checkboxes().stream().map(c -> Json.obj("key", c.key(), "text", c.text(),
                        "is_required", c.required(), "is_checked_by_default", false)).toList())));
        return m;
    }

    private static Map<String, Object> question(Question q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", q.key());
        m.put("label", q.label());
        m.put("type", q.type());
        if (!q.options().isEmpty()) {
            m.put("options", q.options().stream().map(o -> Json.obj("key", o.key(), "value", o.value())).toList());
        }
        m.put("id", q.id());
        return m;
    }

    static Map<String, Object> lead(Lead l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created_time", time(l.createdTime()));
        m.put("id", l.id());
        if (l.ad() != null) {
            m.put("ad_id", l.ad().id());
            m.put("ad_name", l.ad().name());
            m.put("adset_id", l.ad().adset().id());
            m.put("adset_name", l.ad().adset().name());
            m.put("campaign_id", l.ad().adset().campaign().id());
            m.put("campaign_name", l.ad().adset().campaign().name());
        }
        m.put("form_id", l.form().id());
        m.put("field_data", l.fieldData().stream().map(f -> Json.obj("name", f.name(), "values", f.values())).toList());
        m.put("custom_disclaimer_responses", l.consents().stream()
                .map(c -> Json.obj("checkbox_key", c.checkboxKey(), "is_checked", c.checked() ? "1" : "")).toList());
        m.put("is_organic", l.ad() == null);
        m.put("platform", l.platform());
        return m;
    }
}
