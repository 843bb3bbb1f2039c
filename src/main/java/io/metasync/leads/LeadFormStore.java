package io.metasync.leads;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.problem.ProblemException;
import io.metasync.graph.GraphValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code lead_form} table: forms as last read from Meta, their mapping and checkpoint. Always per workspace. */
@ApplicationScoped
public class LeadFormStore {

    static final String GRAPH_FIELDS = "id,name,status,locale,leads_count,created_time,questions,legal_content";
    private static final String COLUMNS = "workspace_id, form_id, page_id, name, status, locale, leads_count, created_time, "
            + "questions::text AS questions, disclaimers::text AS disclaimers, mapping::text AS mapping, checkpoint, last_synced_at";

    private final Pool pool;
    private final ObjectMapper json;

    public LeadFormStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores a form as Meta describes it ({@link #GRAPH_FIELDS}), keeping its mapping and checkpoint. */
    public Uni<LeadForm> upsert(UUID workspaceId, String pageId, JsonNode form) {
        Map<String, String> disclaimers = new LinkedHashMap<>();
        form.path("legal_content").path("custom_disclaimer").path("checkboxes")
                .forEach(c -> disclaimers.put(c.path("key").asText(), c.path("text").asText(null)));
        String created = form.path("created_time").asText(null);
        List<Object> values = Arrays.asList(workspaceId, GraphValues.id(form.path("id")), pageId, form.path("name").asText(null),
                form.path("status").asText(null), form.path("locale").asText(null),
                form.has("leads_count") ? form.path("leads_count").asLong() : null,
                created == null ? null : GraphValues.dateTime(created),
                form.path("questions").isArray() ? form.path("questions").toString() : "[]", write(disclaimers));
        return pool.preparedQuery("INSERT INTO lead_form (workspace_id, form_id, page_id, name, status, locale, leads_count, "
                + "created_time, questions, disclaimers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb) "
                + "ON CONFLICT (workspace_id, form_id) DO UPDATE SET page_id = EXCLUDED.page_id, name = EXCLUDED.name, "
                + "status = EXCLUDED.status, locale = EXCLUDED.locale, leads_count = EXCLUDED.leads_count, "
                + "created_time = EXCLUDED.created_time, questions = EXCLUDED.questions, disclaimers = EXCLUDED.disclaimers "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.from(values)).map(this::one);
    }

    /** One of the workspace's known forms; 404 for any other (a form is known once its page's forms were listed). */
    public Uni<LeadForm> get(UUID workspaceId, String formId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM lead_form WHERE workspace_id = $1 AND form_id = $2")
                .execute(Tuple.of(workspaceId, formId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Form " + formId);
                    }
                    return one(rows);
                });
    }

    public Uni<List<LeadForm>> ofPage(UUID workspaceId, String pageId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM lead_form WHERE workspace_id = $1 AND page_id = $2 ORDER BY form_id")
                .execute(Tuple.of(workspaceId, pageId)).map(this::all);
    }

    /** Every known form of the workspace, or only {@code formId} when given. */
    public Uni<List<LeadForm>> ofWorkspace(UUID workspaceId, String formId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM lead_form WHERE workspace_id = $1 AND ($2::text IS NULL OR form_id = $2)"
                + " ORDER BY form_id")
                .execute(Tuple.of(workspaceId, formId)).map(this::all);
    }

    public Uni<LeadForm> saveMapping(UUID workspaceId, String formId, Map<String, String> mapping) {
        return pool.preparedQuery("UPDATE lead_form SET mapping = $3::text::jsonb WHERE workspace_id = $1 AND form_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(workspaceId, formId, write(mapping))).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Form " + formId);
                    }
                    return one(rows);
                });
    }

    /** After a form's leads are committed: the checkpoint moves forward only (never back), and the sync time is noted. */
    public Uni<Void> synced(UUID workspaceId, String formId, OffsetDateTime checkpoint, OffsetDateTime at) {
        return pool.preparedQuery("UPDATE lead_form SET checkpoint = GREATEST(checkpoint, $3), last_synced_at = $4 "
                + "WHERE workspace_id = $1 AND form_id = $2")
                .execute(Tuple.of(workspaceId, formId, checkpoint, at)).replaceWithVoid();
    }

    private LeadForm one(RowSet<Row> rows) {
        return row(rows.iterator().next());
    }

    private List<LeadForm> all(RowSet<Row> rows) {
        List<LeadForm> out = new ArrayList<>();
        rows.forEach(r -> out.add(row(r)));
        return out;
    }

    private LeadForm row(Row r) {
        return new LeadForm(r.getUUID("workspace_id"), r.getString("form_id"), r.getString("page_id"), r.getString("name"),
                r.getString("status"), r.getString("locale"), r.getLong("leads_count"), utc(r.getOffsetDateTime("created_time")),
                read(r.getString("questions")), map(r.getString("disclaimers")), map(r.getString("mapping")),
                utc(r.getOffsetDateTime("checkpoint")), utc(r.getOffsetDateTime("last_synced_at")));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead_form holds invalid JSON", e);
        }
    }

    private Map<String, String> map(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead_form holds invalid JSON", e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
