package io.metasync.leads;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.leads.LeadViews.Consent;
import io.metasync.leads.LeadViews.LeadDetail;
import io.metasync.leads.LeadViews.LeadSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stored leads of a workspace, newest first, keyset-paged on (created_time, id) so that pages stay
 * stable while leads are inserted; the indexes of V10/V11 serve every filter combination's order.
 */
@ApplicationScoped
public class LeadReader {

    private static final String COLUMNS = "id, meta_lead_id, form_id, page_id, ad_id, adset_id, campaign_id, platform, is_organic,"
            + " created_time, fields::text AS fields, status, source, received_at, quality_score, quality_reasons::text AS quality_reasons";

    private final Pool pool;
    private final ObjectMapper json;

    public LeadReader(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A row as read for lists and exports (no raw field data). */
    public record StoredLead(UUID id, String metaLeadId, String formId, String pageId, String adId, String adsetId, String campaignId,
            String platform, boolean isOrganic, OffsetDateTime createdTime, Map<String, String> fields, String status, String source,
            OffsetDateTime receivedAt, Integer score, List<String> scoreReasons) {

        LeadSummary summary() {
            return new LeadSummary(id, metaLeadId, formId, pageId, platform, isOrganic, createdTime, fields, status, source, score,
                    scoreReasons);
        }

        Cursor cursor() {
            return Cursor.of(createdTime.toString(), id.toString());
        }
    }

    public Uni<Page<LeadSummary>> list(UUID workspaceId, LeadFilter filter, PageRequest page) {
        return batch(workspaceId, filter, page.cursor(), page.fetchSize())
                .map(rows -> Cursor.page(rows, page, StoredLead::cursor))
                .map(p -> new Page<>(p.items().stream().map(StoredLead::summary).toList(), p.nextCursor()));
    }

    /** Up to {@code size} leads after {@code after} (null: from the newest), newest first. */
    public Uni<List<StoredLead>> batch(UUID workspaceId, LeadFilter filter, Cursor after, int size) {
        List<Object> values = new ArrayList<>();
        values.add(workspaceId);
        String where = filter.where(values);
        if (after != null) {
            values.add(after.timeAt(0));
            values.add(after.uuidAt(1));
            where += " AND (created_time, id) < ($" + (values.size() - 1) + ", $" + values.size() + ")";
        }
        values.add(size);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM lead WHERE workspace_id = $1" + where
                + " ORDER BY created_time DESC, id DESC LIMIT $" + values.size())
                .execute(Tuple.from(values)).map(rows -> {
                    List<StoredLead> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(stored(r)));
                    return out;
                });
    }

    /** Consent answers of the given leads: lead id to "checkbox key" to checked. */
    public Uni<Map<UUID, Map<String, Boolean>>> consents(UUID workspaceId, List<UUID> leadIds) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT lead_id, checkbox_key, checked FROM lead_consent WHERE workspace_id = $1"
                + " AND lead_id = ANY($2::uuid[]) ORDER BY checkbox_key")
                .execute(Tuple.of(workspaceId, leadIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Map<String, Boolean>> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getBoolean(2)));
                    return out;
                });
    }

    /** One lead with its raw answers and consents; 404 when it is not the workspace's. */
    public Uni<LeadDetail> get(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", raw_field_data::text AS raw FROM lead WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Lead " + id);
                    }
                    Row r = rows.iterator().next();
                    StoredLead lead = stored(r);
                    JsonNode raw = tree(r.getString("raw"));
                    return pool.preparedQuery("SELECT checkbox_key, checked, text, recorded_at FROM lead_consent WHERE lead_id = $1"
                            + " AND workspace_id = $2 ORDER BY checkbox_key")
                            .execute(Tuple.of(id, workspaceId)).map(consentRows -> {
                                List<Consent> consents = new ArrayList<>();
                                consentRows.forEach(c -> consents.add(new Consent(c.getString(0), c.getBoolean(1), c.getString(2),
                                        utc(c.getOffsetDateTime(3)))));
                                return new LeadDetail(lead.id(), lead.metaLeadId(), lead.formId(), lead.pageId(), lead.adId(),
                                        lead.adsetId(), lead.campaignId(), lead.platform(), lead.isOrganic(), lead.createdTime(),
                                        lead.fields(), raw, consents, lead.status(), lead.source(), lead.receivedAt(), lead.score(),
                                        lead.scoreReasons());
                            });
                });
    }

    private StoredLead stored(Row r) {
        return new StoredLead(r.getUUID("id"), r.getString("meta_lead_id"), r.getString("form_id"), r.getString("page_id"),
                r.getString("ad_id"), r.getString("adset_id"), r.getString("campaign_id"), r.getString("platform"),
                r.getBoolean("is_organic"), utc(r.getOffsetDateTime("created_time")), fields(r.getString("fields")),
                r.getString("status"), r.getString("source"), utc(r.getOffsetDateTime("received_at")),
                r.getValue("quality_score") == null ? null : r.getInteger("quality_score"), reasons(r.getString("quality_reasons")));
    }

    private List<String> reasons(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead.quality_reasons holds invalid JSON", e);
        }
    }

    private Map<String, String> fields(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead.fields holds invalid JSON", e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead.raw_field_data holds invalid JSON", e);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
