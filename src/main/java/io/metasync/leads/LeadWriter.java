package io.metasync.leads;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.graph.GraphValues;
import io.metasync.outbound.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way leads are stored, whoever fetched them (a sync run's pages, a webhook's single lead):
 * one multi-row {@code INSERT .. ON CONFLICT (workspace_id, meta_lead_id) DO NOTHING RETURNING} per
 * batch, and the new leads' consents, in one transaction. Idempotent: a lead stored twice is
 * reported {@code existing} and left as it was. New leads are scored ({@link LeadScorer}) and put in the
 * outbound room's outbox in the same transaction, so each is handed on exactly once.
 */
@ApplicationScoped
public class LeadWriter {

    /** One lead as written: created now or already there. */
    public record Stored(String metaLeadId, boolean created, UUID leadId, String name, OffsetDateTime createdTime) {
    }

    /**
     * New leads with their quality score: the part known from the lead ({@link LeadScorer#base}) plus
     * uniqueness, decided here against the workspace's leads of other forms, so a lead is written once.
     */
    private static final String INSERT = "INSERT INTO lead (id, workspace_id, meta_lead_id, form_id, page_id, ad_id, adset_id, "
            + "campaign_id, platform, is_organic, created_time, fields, raw_field_data, email, phone, full_name, source, received_at, "
            + "quality_score, quality_reasons) "
            + "SELECT t.id, $1, t.meta_lead_id, $2, $3, t.ad_id, t.adset_id, t.campaign_id, t.platform, t.is_organic, t.created_time, "
            + "t.fields::jsonb, t.raw::jsonb, t.email, t.phone, t.full_name, $4, $5, "
            + "t.score + CASE WHEN d.dup THEN 0 ELSE " + LeadScorer.UNIQUE_POINTS + " END, "
            + "t.reasons::jsonb || CASE WHEN d.dup THEN $21::text::jsonb ELSE $22::text::jsonb END "
            + "FROM unnest($6::uuid[], $7::text[], $8::text[], "
            + "$9::text[], $10::text[], $11::text[], $12::boolean[], $13::timestamptz[], $14::text[], $15::text[], $16::text[], "
            + "$17::text[], $18::text[], $19::int[], $20::text[]) AS t(id, meta_lead_id, ad_id, adset_id, campaign_id, platform, "
            + "is_organic, created_time, fields, raw, email, phone, full_name, score, reasons) "
            // two lookups, each an exact match on its (workspace_id, email|phone) index: an OR of both made the planner
            // walk the workspace's leads instead once the table's statistics changed (7x slower ingest, bench/README.md)
            + "CROSS JOIN LATERAL (SELECT (t.email IS NOT NULL AND EXISTS (SELECT 1 FROM lead o WHERE o.workspace_id = $1 "
            + "AND o.email = t.email AND o.form_id <> $2)) OR (t.phone IS NOT NULL AND EXISTS (SELECT 1 FROM lead o "
            + "WHERE o.workspace_id = $1 AND o.phone = t.phone AND o.form_id <> $2)) AS dup) d "
            + "ON CONFLICT (workspace_id, meta_lead_id) DO NOTHING RETURNING id, meta_lead_id";
    private static final String CONSENTS = "INSERT INTO lead_consent (lead_id, workspace_id, checkbox_key, checked, text, recorded_at, source) "
            + "SELECT c.lead_id, $1, c.checkbox_key, c.checked, c.text, c.recorded_at, $2 FROM unnest($3::uuid[], $4::text[], "
            + "$5::boolean[], $6::text[], $7::timestamptz[]) AS c(lead_id, checkbox_key, checked, text, recorded_at) "
            + "ON CONFLICT DO NOTHING";

    private final Pool pool;
    private final LeadFormStore forms;
    private final AppClock clock;
    private final MeterRegistry metrics;
    private final Outbox outbox;
    private final LeadScorer scorer;

    public LeadWriter(Pool pool, LeadFormStore forms, AppClock clock, MeterRegistry metrics, Outbox outbox, LeadScorer scorer) {
        this.pool = pool;
        this.forms = forms;
        this.clock = clock;
        this.metrics = metrics;
        this.outbox = outbox;
        this.scorer = scorer;
    }

    /** For rooms that fetch leads one by one (webhooks): the form is looked up in the workspace, then {@link #upsert}. */
    public Uni<List<Stored>> ingest(UUID workspaceId, String formId, List<JsonNode> leads, String source) {
        return forms.get(workspaceId, formId).flatMap(form -> upsert(form, leads, source));
    }

    /** Stores Graph leads of {@code form} (source {@code sync} or {@code webhook}); answers each, in order. */
    public Uni<List<Stored>> upsert(LeadForm form, List<JsonNode> leads, String source) {
        if (leads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, String> targets = LeadMapper.targets(form);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode lead : leads) {
            Row row = new Row(lead, LeadMapper.mapLead(targets, lead.path("field_data"), form.locale()));
            rows.putIfAbsent(row.metaLeadId, row);
        }
        List<Row> batch = List.copyOf(rows.values());
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT).execute(insertTuple(form, batch, source))
                .flatMap(inserted -> {
                    Map<String, UUID> created = new HashMap<>();
                    inserted.forEach(r -> created.put(r.getString("meta_lead_id"), r.getUUID("id")));
                    return consents(conn, form, batch, created, source)
                            .flatMap(v -> outbox.enqueue(conn, form.workspaceId(), form.formId(), List.copyOf(created.values())))
                            .flatMap(v -> existing(conn, form, batch, created))
                            .map(existing -> results(batch, created, existing));
                }))
                .invoke(results -> count(results, source));
    }

    /** Sets a lead's status (one of {@link LeadFilter#STATUSES}); 400 for another, 404 when the lead is not the workspace's. */
    public Uni<Void> status(UUID workspaceId, UUID leadId, String status) {
        if (status == null || !LeadFilter.STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + new TreeSet<>(LeadFilter.STATUSES));
        }
        return pool.preparedQuery("UPDATE lead SET status = $3 WHERE workspace_id = $1 AND id = $2").execute(Tuple.of(workspaceId, leadId, status))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Lead " + leadId);
                    }
                    return null;
                });
    }

    private Uni<Void> consents(SqlConnection conn, LeadForm form, List<Row> batch, Map<String, UUID> created, String source) {
        List<UUID> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Boolean> checked = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        for (Row row : batch) {
            UUID id = created.get(row.metaLeadId);
            if (id == null) {
                continue;
            }
            for (JsonNode c : row.lead.path("custom_disclaimer_responses")) {
                String key = c.path("checkbox_key").asText();
                ids.add(id);
                keys.add(key);
                checked.add(isChecked(c.path("is_checked")));
                texts.add(form.disclaimers().get(key));
                times.add(row.createdTime);
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(CONSENTS).execute(Tuple.tuple().addUUID(form.workspaceId()).addString(source)
                .addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfString(keys.toArray(String[]::new))
                .addArrayOfBoolean(checked.toArray(Boolean[]::new)).addArrayOfString(texts.toArray(String[]::new))
                .addArrayOfOffsetDateTime(times.toArray(OffsetDateTime[]::new))).replaceWithVoid();
    }

    /** Meta sends {@code "1"} or {@code ""}; a boolean is accepted too. */
    static boolean isChecked(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : "1".equals(value.asText()) || "true".equalsIgnoreCase(value.asText());
    }

    private Uni<Map<String, UUID>> existing(SqlConnection conn, LeadForm form, List<Row> batch, Map<String, UUID> created) {
        String[] missing = batch.stream().map(r -> r.metaLeadId).filter(id -> !created.containsKey(id)).toArray(String[]::new);
        if (missing.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT id, meta_lead_id FROM lead WHERE workspace_id = $1 AND meta_lead_id = ANY($2::text[])")
                .execute(Tuple.of(form.workspaceId(), missing)).map(found -> {
                    Map<String, UUID> ids = new HashMap<>();
                    found.forEach(r -> ids.put(r.getString("meta_lead_id"), r.getUUID("id")));
                    return ids;
                });
    }

    private static List<Stored> results(List<Row> batch, Map<String, UUID> created, Map<String, UUID> existing) {
        return batch.stream().map(r -> created.containsKey(r.metaLeadId)
                ? new Stored(r.metaLeadId, true, created.get(r.metaLeadId), r.fields.get("fullName"), r.createdTime)
                : new Stored(r.metaLeadId, false, existing.get(r.metaLeadId), r.fields.get("fullName"), r.createdTime)).toList();
    }

    private Tuple insertTuple(LeadForm form, List<Row> batch, String source) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] metaIds = new String[n], ads = new String[n], adsets = new String[n], campaigns = new String[n],
                platforms = new String[n], fields = new String[n], raws = new String[n], emails = new String[n],
                phones = new String[n], names = new String[n];
        Boolean[] organic = new Boolean[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Integer[] scores = new Integer[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = batch.get(i);
            ids[i] = UUID.randomUUID();
            metaIds[i] = r.metaLeadId;
            ads[i] = text(r.lead, "ad_id");
            adsets[i] = text(r.lead, "adset_id");
            campaigns[i] = text(r.lead, "campaign_id");
            platforms[i] = text(r.lead, "platform");
            organic[i] = isChecked(r.lead.path("is_organic")) || ads[i] == null;
            times[i] = r.createdTime;
            fields[i] = forms.write(r.fields);
            raws[i] = r.lead.path("field_data").isArray() ? r.lead.path("field_data").toString() : "[]";
            emails[i] = r.fields.get("email");
            phones[i] = r.fields.get("phone");
            names[i] = r.fields.get("fullName");
            LeadScorer.Score score = LeadScorer.base(r.fields, r.phoneValid);
            scores[i] = score.score();
            reasons[i] = scorer.json(score.reasons());
        }
        return Tuple.tuple().addUUID(form.workspaceId()).addString(form.formId()).addString(form.pageId()).addString(source)
                .addOffsetDateTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .addArrayOfUUID(ids).addArrayOfString(metaIds).addArrayOfString(ads).addArrayOfString(adsets)
                .addArrayOfString(campaigns).addArrayOfString(platforms).addArrayOfBoolean(organic)
                .addArrayOfOffsetDateTime(times).addArrayOfString(fields).addArrayOfString(raws).addArrayOfString(emails)
                .addArrayOfString(phones).addArrayOfString(names).addArrayOfInteger(scores).addArrayOfString(reasons)
                .addString(scorer.json(List.of(LeadScorer.DUPLICATE))).addString(scorer.json(List.of(LeadScorer.UNIQUE)));
    }

    private static String text(JsonNode lead, String field) {
        JsonNode v = lead.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isEmpty() ? null : GraphValues.id(v);
    }

    private void count(List<Stored> results, String source) {
        long created = results.stream().filter(Stored::created).count();
        metrics.counter("metasync.leads.ingested", "source", source).increment(created);
        metrics.counter("metasync.leads.duplicates", "source", source).increment(results.size() - created);
    }

    /** A Graph lead with its mapped fields. */
    private static final class Row {
        final JsonNode lead;
        final String metaLeadId;
        final OffsetDateTime createdTime;
        final Map<String, String> fields;
        final boolean phoneValid;

        Row(JsonNode lead, LeadMapper.Mapped mapped) {
            this.lead = lead;
            this.metaLeadId = GraphValues.id(lead.path("id"));
            this.createdTime = GraphValues.dateTime(lead.path("created_time").asText()).withOffsetSameInstant(ZoneOffset.UTC);
            this.fields = mapped.fields();
            this.phoneValid = mapped.phoneValid();
        }
    }
}
