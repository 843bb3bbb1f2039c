package io.metasync.leads;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.metasync.common.problem.ProblemException;

/**
 * The filters of {@code GET /leads} and its CSV export, checked before anything runs: {@code since} and
 * {@code until} are ISO-8601 instants or dates (a date means its start, UTC), {@code q} searches e-mail,
 * name and phone.
 */
public record LeadFilter(String formId, String pageId, OffsetDateTime since, OffsetDateTime until, String q, String status,
        Integer minScore) {

    /** The states a lead can be in (the outbound room's follow-ups move them). */
    public static final Set<String> STATUSES = Set.of("new", "contacted", "qualified", "unqualified", "converted");

    public static LeadFilter of(String formId, String pageId, String since, String until, String q, String status, Integer minScore) {
        checkId("formId", formId);
        checkId("pageId", pageId);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + new java.util.TreeSet<>(STATUSES));
        }
        if (q != null && q.strip().length() > 200) {
            throw ProblemException.invalid("q", "must be at most 200 characters");
        }
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw ProblemException.invalid("minScore", "must be between 0 and 100");
        }
        OffsetDateTime from = time("since", since);
        OffsetDateTime to = time("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("until", "must be after since");
        }
        return new LeadFilter(blank(formId), blank(pageId), from, to, q == null || q.isBlank() ? null : q.strip(), status,
                minScore);
    }

    /** SQL conditions (after {@code workspace_id = $1}) and their values, numbered from {@code $2}. */
    String where(List<Object> values) {
        List<String> conditions = new ArrayList<>();
        if (formId != null) {
            values.add(formId);
            conditions.add("form_id = $" + values.size());
        }
        if (pageId != null) {
            values.add(pageId);
            conditions.add("page_id = $" + values.size());
        }
        if (since != null) {
            values.add(since);
            conditions.add("created_time >= $" + values.size());
        }
        if (until != null) {
            values.add(until);
            conditions.add("created_time < $" + values.size());
        }
        if (status != null) {
            values.add(status);
            conditions.add("status = $" + values.size());
        }
        if (minScore != null) {
            values.add(minScore);
            conditions.add("quality_score >= $" + values.size());
        }
        if (q != null) {
            values.add("%" + q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int n = values.size();
            conditions.add("(email LIKE $" + n + " OR lower(full_name) LIKE $" + n + " OR phone LIKE $" + n + ")");
        }
        return conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
    }

    private static void checkId(String name, String value) {
        if (value != null && !value.isBlank() && !value.matches(LeadFormResource.META_ID)) {
            throw ProblemException.invalid(name, "must be a Meta id (digits)");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An ISO-8601 date (its start, UTC) or date-time; null when blank; a 400 problem on {@code name} otherwise. */
    static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z");
        }
    }
}
