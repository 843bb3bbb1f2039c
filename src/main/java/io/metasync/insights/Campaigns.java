package io.metasync.insights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.time.AppClock;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphValues;
import io.metasync.insights.InsightViews.CampaignInsights;
import io.metasync.insights.InsightViews.CampaignView;
import io.smallrye.mutiny.Uni;

/**
 * An ad account's campaigns with their figures over a range, straight from Meta: the campaign list
 * (every status, kept for a short while, paged by id) and one insights call at campaign level for the
 * page's campaigns ({@code filtering campaign.id IN}).
 */
@ApplicationScoped
public class Campaigns {

    /** The range of the figures: inclusive dates in the account's time zone, or one of Meta's presets. */
    public record Range(String since, String until, String datePreset) {

        Map<String, String> params() {
            return datePreset != null ? Map.of("date_preset", datePreset)
                    : Map.of("time_range", "{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}");
        }
    }

    static final String ALL_STATUSES = "[\"ACTIVE\",\"PAUSED\",\"DELETED\",\"ARCHIVED\",\"IN_PROCESS\",\"WITH_ISSUES\"]";

    private record Cached(List<JsonNode> campaigns, Instant until) {
    }

    private final GraphClient graph;
    private final AdAccounts accounts;
    private final InsightsConfig config;
    private final AppClock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Campaigns(GraphClient graph, AdAccounts accounts, InsightsConfig config, AppClock clock) {
        this.graph = graph;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Page<CampaignView>> list(UUID workspaceId, String accountId, Range range, PageRequest page) {
        return accounts.auth(workspaceId, accountId).flatMap(auth -> campaigns(workspaceId, auth, accountId).flatMap(all -> {
            String after = page.cursor() == null ? null : page.cursor().key(0);
            List<JsonNode> rows = all.stream().filter(c -> after == null || id(c).compareTo(after) > 0)
                    .limit(page.fetchSize()).toList();
            Page<JsonNode> cut = Cursor.page(rows, page, c -> Cursor.of(id(c)));
            if (cut.items().isEmpty()) {
                return Uni.createFrom().item(new Page<>(List.<CampaignView>of(), null));
            }
            return insights(auth, accountId, cut.items(), range).map(figures -> new Page<>(cut.items().stream()
                    .map(c -> view(c, figures.get(id(c)))).toList(), cut.nextCursor()));
        }));
    }

    private Uni<List<JsonNode>> campaigns(UUID workspaceId, GraphAuth auth, String accountId) {
        String key = workspaceId + "/" + accountId;
        Cached hit = cache.get(key);
        if (hit != null && clock.instant().isBefore(hit.until())) {
            return Uni.createFrom().item(hit.campaigns());
        }
        return graph.paginate(auth, accountId + "/campaigns", Map.of("fields", "id,name,status,effective_status,objective",
                "effective_status", ALL_STATUSES, "limit", "500")).collect().asList()
                .map(list -> list.stream().sorted(java.util.Comparator.comparing(Campaigns::id)).toList())
                .invoke(list -> {
                    cache.entrySet().removeIf(e -> !clock.instant().isBefore(e.getValue().until()));
                    cache.put(key, new Cached(list, clock.instant().plus(config.campaignsCacheTtl())));
                });
    }

    private Uni<Map<String, JsonNode>> insights(GraphAuth auth, String accountId, List<JsonNode> campaigns, Range range) {
        StringBuilder ids = new StringBuilder();
        campaigns.forEach(c -> ids.append(ids.length() == 0 ? "" : ",").append('"').append(id(c)).append('"'));
        Map<String, String> params = new HashMap<>(range.params());
        params.put("level", "campaign");
        params.put("fields", "campaign_id,impressions,clicks,spend,reach");
        params.put("limit", "500");
        params.put("filtering", "[{\"field\":\"campaign.id\",\"operator\":\"IN\",\"value\":[" + ids + "]}]");
        return graph.paginate(auth, accountId + "/insights", params).collect().asList().map(rows -> {
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            rows.forEach(r -> byId.put(GraphValues.id(r.path("campaign_id")), r));
            return byId;
        });
    }

    private static CampaignView view(JsonNode c, JsonNode figures) {
        long impressions = figures == null ? 0 : figures.path("impressions").asLong(0);
        long clicks = figures == null ? 0 : figures.path("clicks").asLong(0);
        BigDecimal spend = figures == null || figures.path("spend").asText().isBlank() ? BigDecimal.ZERO
                : GraphValues.decimal(figures.path("spend"));
        Long reach = figures == null || !figures.hasNonNull("reach") ? null : figures.path("reach").asLong();
        return new CampaignView(id(c), c.path("name").asText(null), c.path("status").asText(null),
                c.path("effective_status").asText(null), c.path("objective").asText(null),
                new CampaignInsights(impressions, clicks, Ratios.money(spend), reach, Ratios.cpm(spend, impressions),
                        Ratios.cpc(spend, clicks), Ratios.ctr(clicks, impressions)));
    }

    private static String id(JsonNode c) {
        return GraphValues.id(c.path("id"));
    }
}
