package io.metasync.insights;

import java.time.LocalDate;
import java.util.List;

import io.metasync.common.problem.ProblemException;

/**
 * The filters of {@code GET /insights} and its export: ad account, level, entity, date range (the
 * account's dates), and the breakdown dimensions of the rows (none: rows without breakdowns).
 */
public record InsightFilter(String adAccountId, String level, String entityId, LocalDate since, LocalDate until,
        List<String> breakdown) {

    public static InsightFilter of(String adAccountId, String level, String entityId, String since, String until,
            String breakdown) {
        if (adAccountId != null && !adAccountId.matches(AdAccountResource.AD_ACCOUNT_ID)) {
            throw ProblemException.invalid("adAccountId", "must be an ad account id act_<digits>");
        }
        if (level != null && !InsightMapper.LEVELS.contains(level)) {
            throw ProblemException.invalid("level", "must be one of " + InsightMapper.LEVELS);
        }
        if (entityId != null && !entityId.matches("(act_)?\\d{1,30}")) {
            throw ProblemException.invalid("entityId", "must be a Meta id");
        }
        LocalDate from = since == null ? null : AdAccountResource.date("since", since);
        LocalDate to = until == null ? null : AdAccountResource.date("until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalid("since", "must not be after until");
        }
        List<String> dims = breakdown == null || breakdown.isBlank() ? List.of()
                : InsightSync.breakdowns(List.of(breakdown.split(",")).stream().map(String::trim).toList(), "breakdown");
        return new InsightFilter(adAccountId, level, entityId, from, to, dims);
    }

    /** A pattern matching the breakdown key of rows with exactly these dimensions (names are checked, so safe). */
    String breakdownPattern() {
        if (breakdown.isEmpty()) {
            return "^$";
        }
        StringBuilder p = new StringBuilder("^");
        for (int i = 0; i < breakdown.size(); i++) {
            p.append(i == 0 ? "" : "\\|").append(breakdown.get(i)).append("=[^|]*");
        }
        return p.append('$').toString();
    }
}
