package io.metasync.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way insights rows are stored, whether synced or imported: one multi-row
 * {@code INSERT .. ON CONFLICT (natural key) DO UPDATE} per batch, so a re-read or a re-import replaces
 * the row (restatement) instead of adding one. Answers how many rows were new and how many replaced.
 */
@ApplicationScoped
public class InsightWriter {

    /** Rows of one batch that were new and that replaced an existing row. */
    public record Written(long ingested, long updated) {
    }

    private static final String UPSERT = "INSERT INTO insight_row (workspace_id, account_id, level, entity_id, day, breakdown_key, "
            + "breakdown, entity_name, campaign_id, adset_id, impressions, reach, clicks, link_clicks, spend, conversions, revenue, "
            + "source, updated_at) SELECT $1, t.account_id, t.level, t.entity_id, t.day, t.breakdown_key, t.breakdown::jsonb, "
            + "t.entity_name, t.campaign_id, t.adset_id, t.impressions, t.reach, t.clicks, t.link_clicks, t.spend, t.conversions, "
            + "t.revenue, $2, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::text[], "
            + "$11::text[], $12::text[], $13::bigint[], $14::bigint[], $15::bigint[], $16::bigint[], $17::numeric[], $18::numeric[], "
            + "$19::numeric[]) AS t(account_id, level, entity_id, day, breakdown_key, breakdown, entity_name, campaign_id, adset_id, "
            + "impressions, reach, clicks, link_clicks, spend, conversions, revenue) "
            + "ON CONFLICT (workspace_id, account_id, level, entity_id, day, breakdown_key) DO UPDATE SET "
            + "breakdown = EXCLUDED.breakdown, entity_name = COALESCE(EXCLUDED.entity_name, insight_row.entity_name), "
            + "campaign_id = COALESCE(EXCLUDED.campaign_id, insight_row.campaign_id), "
            + "adset_id = COALESCE(EXCLUDED.adset_id, insight_row.adset_id), impressions = EXCLUDED.impressions, "
            + "reach = EXCLUDED.reach, clicks = EXCLUDED.clicks, link_clicks = EXCLUDED.link_clicks, spend = EXCLUDED.spend, "
            + "conversions = EXCLUDED.conversions, revenue = EXCLUDED.revenue, source = EXCLUDED.source, "
            + "updated_at = EXCLUDED.updated_at RETURNING (xmax = 0) AS inserted";

    private final Pool pool;
    private final AppClock clock;

    public InsightWriter(Pool pool, AppClock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Upserts one batch ({@code source}: {@code sync} or {@code import}); a key seen twice in the batch keeps its last row. */
    public Uni<Written> upsert(UUID workspaceId, List<InsightRecord> records, String source) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(new Written(0, 0));
        }
        Map<String, InsightRecord> unique = new LinkedHashMap<>();
        records.forEach(r -> unique.put(r.naturalKey(), r));
        List<InsightRecord> batch = List.copyOf(unique.values());
        return pool.preparedQuery(UPSERT).execute(tuple(workspaceId, batch, source)).map(rows -> {
            long inserted = 0;
            for (var row : rows) {
                inserted += row.getBoolean("inserted") ? 1 : 0;
            }
            return new Written(inserted, rows.size() - inserted);
        });
    }

    private Tuple tuple(UUID workspaceId, List<InsightRecord> batch, String source) {
        int n = batch.size();
        String[] accounts = new String[n], levels = new String[n], entities = new String[n], keys = new String[n],
                breakdowns = new String[n], names = new String[n], campaigns = new String[n], adsets = new String[n];
        LocalDate[] days = new LocalDate[n];
        Long[] impressions = new Long[n], reach = new Long[n], clicks = new Long[n], linkClicks = new Long[n];
        BigDecimal[] spend = new BigDecimal[n], conversions = new BigDecimal[n], revenue = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            InsightRecord r = batch.get(i);
            accounts[i] = r.accountId();
            levels[i] = r.level();
            entities[i] = r.entityId();
            days[i] = r.day();
            keys[i] = r.breakdownKey();
            breakdowns[i] = new JsonObject(new LinkedHashMap<>(r.breakdown())).encode();
            names[i] = r.entityName();
            campaigns[i] = r.campaignId();
            adsets[i] = r.adsetId();
            impressions[i] = r.impressions();
            reach[i] = r.reach();
            clicks[i] = r.clicks();
            linkClicks[i] = r.linkClicks();
            spend[i] = r.spend();
            conversions[i] = r.conversions();
            revenue[i] = r.revenue();
        }
        return Tuple.tuple().addUUID(workspaceId).addString(source)
                .addOffsetDateTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .addArrayOfString(accounts).addArrayOfString(levels).addArrayOfString(entities).addArrayOfLocalDate(days)
                .addArrayOfString(keys).addArrayOfString(breakdowns).addArrayOfString(names).addArrayOfString(campaigns)
                .addArrayOfString(adsets).addArrayOfLong(impressions).addArrayOfLong(reach).addArrayOfLong(clicks)
                .addArrayOfLong(linkClicks).addArrayOfBigDecimal(spend).addArrayOfBigDecimal(conversions)
                .addArrayOfBigDecimal(revenue);
    }
}
