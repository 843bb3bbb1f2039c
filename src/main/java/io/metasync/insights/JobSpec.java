package io.metasync.insights;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What one async report run asks for: days of the sync's level, optionally only the objects whose
 * {@code filterLevel} id is in {@code ids} (Meta's {@code filtering}); {@code ids} null means the whole account.
 */
record JobSpec(LocalDate since, LocalDate until, String filterLevel, List<String> ids) {

    static JobSpec whole(LocalDate since, LocalDate until) {
        return new JobSpec(since, until, null, null);
    }

    long days() {
        return ChronoUnit.DAYS.between(since, until) + 1;
    }

    JobSpec withIds(String level, List<String> subset) {
        return new JobSpec(since, until, level, List.copyOf(subset));
    }

    JobSpec withDays(LocalDate from, LocalDate to) {
        return new JobSpec(from, to, filterLevel, ids);
    }

    @Override
    public String toString() {
        return since + ".." + until + (ids == null ? "" : " " + filterLevel + " x" + ids.size());
    }
}
