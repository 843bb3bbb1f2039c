package io.metasync.insights;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What one async report run asks for: days of the sync's level, optionally only the objects whose
 * {@code filterLevel} id is in {@code ids} (Meta's {@code filtering}; null: the whole account), and
 * optionally only some of the non-key {@code fields} (null: all; the key fields are always asked).
 */
record JobSpec(LocalDate since, LocalDate until, String filterLevel, List<String> ids, List<String> fields) {

    static JobSpec whole(LocalDate since, LocalDate until) {
        return new JobSpec(since, until, null, null, null);
    }

    long days() {
        return ChronoUnit.DAYS.between(since, until) + 1;
    }

    JobSpec withIds(String level, List<String> subset) {
        return new JobSpec(since, until, level, List.copyOf(subset), fields);
    }

    JobSpec withDays(LocalDate from, LocalDate to) {
        return new JobSpec(from, to, filterLevel, ids, fields);
    }

    JobSpec withFields(List<String> subset) {
        return new JobSpec(since, until, filterLevel, ids, List.copyOf(subset));
    }

    @Override
    public String toString() {
        return since + ".." + until + (ids == null ? "" : " " + filterLevel + " x" + ids.size())
                + (fields == null ? "" : " fields " + fields);
    }
}
