package io.metasync.leads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.graph.GraphValues;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Lead Ads API's shapes (API.md "Lead Ads"). */
public final class LeadViews {

    private LeadViews() {
    }

    @RegisterForReflection
    public record PageView(String id, String name, UUID connectionId, Boolean leadgenSubscribed, String instagramAccountId) {
    }

    @RegisterForReflection
    public record FormSummary(String id, String name, String status, String locale, Long leadsCount, OffsetDateTime createdTime,
            OffsetDateTime lastSyncedAt) {
    }

    @RegisterForReflection
    public record Question(String key, String label, String type, String mappedTo) {
    }

    @RegisterForReflection
    public record FormDetail(String id, String pageId, String name, String status, String locale, Long leadsCount,
            OffsetDateTime createdTime, List<Question> questions, Map<String, String> disclaimers, Map<String, String> mapping,
            OffsetDateTime checkpoint, OffsetDateTime lastSyncedAt) {
    }

    @RegisterForReflection
    public record PreviewLead(String metaLeadId, String formId, String platform, boolean isOrganic, OffsetDateTime createdTime,
            Map<String, String> fields, JsonNode rawFieldData) {
    }

    /** The app's install on a Page: {@code leadgen} webhooks on or off, and every field Meta has for it. */
    @RegisterForReflection
    public record Subscription(String pageId, boolean leadgenSubscribed, List<String> subscribedFields) {
    }

    /** Body of {@code PUT /leads/{id}/status}. */
    @RegisterForReflection
    public record StatusChange(String status) {
    }

    /** A lead in {@code GET /leads}; {@code score} (0-100) and its reasons are null for leads stored before scoring. */
    @RegisterForReflection
    public record LeadSummary(UUID id, String metaLeadId, String formId, String pageId, String platform, boolean isOrganic,
            OffsetDateTime createdTime, Map<String, String> fields, String status, String source, Integer score,
            List<String> scoreReasons) {
    }

    @RegisterForReflection
    public record Consent(String checkboxKey, boolean checked, String text, OffsetDateTime recordedAt) {
    }

    /** One lead, everything metasync holds about it. */
    @RegisterForReflection
    public record LeadDetail(UUID id, String metaLeadId, String formId, String pageId, String adId, String adsetId, String campaignId,
            String platform, boolean isOrganic, OffsetDateTime createdTime, Map<String, String> fields, JsonNode rawFieldData,
            List<Consent> consents, String status, String source, OffsetDateTime receivedAt, Integer score, List<String> scoreReasons) {
    }

    static FormSummary summary(LeadForm f) {
        return new FormSummary(f.formId(), f.name(), f.status(), f.locale(), f.leadsCount(), f.createdTime(), f.lastSyncedAt());
    }

    static FormDetail detail(LeadForm f) {
        Map<String, String> targets = LeadMapper.targets(f);
        List<Question> questions = new java.util.ArrayList<>();
        f.questions().forEach(q -> questions.add(new Question(q.path("key").asText(), q.path("label").asText(null),
                q.path("type").asText(null), targets.get(q.path("key").asText()))));
        return new FormDetail(f.formId(), f.pageId(), f.name(), f.status(), f.locale(), f.leadsCount(), f.createdTime(), questions,
                f.disclaimers(), f.mapping(), f.checkpoint(), f.lastSyncedAt());
    }

    static PreviewLead preview(JsonNode lead, Map<String, String> fields) {
        boolean organic = LeadWriter.isChecked(lead.path("is_organic")) || lead.path("ad_id").isMissingNode();
        return new PreviewLead(GraphValues.id(lead.path("id")), lead.path("form_id").asText(null), lead.path("platform").asText(null),
                organic, GraphValues.dateTime(lead.path("created_time").asText()), fields, lead.path("field_data"));
    }
}
