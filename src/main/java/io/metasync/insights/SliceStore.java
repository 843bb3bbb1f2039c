package io.metasync.insights;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-slice completion state ({@code insight_slice}): when each day of an account was last read in full
 * at a level and breakdown set. A day needs no new read when it was read within {@code fresh-for}
 * (a crash, a retried run or a stuck neighbour never makes it be read twice), or when it was read after
 * its figures froze ({@code restatement-days} after the day, in the account's time zone).
 */
@ApplicationScoped
public class SliceStore {

    private final Pool pool;
    private final AppClock clock;
    private final InsightsConfig config;

    public SliceStore(Pool pool, AppClock clock, InsightsConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /** The days of the range that need no new read. */
    public Uni<Set<LocalDate>> settled(UUID workspaceId, AdAccounts.Account account, String level, String breakdowns,
            LocalDate since, LocalDate until) {
        OffsetDateTime freshSince = now().minus(config.freshFor());
        return pool.preparedQuery("SELECT day FROM insight_slice WHERE workspace_id = $1 AND account_id = $2 AND level = $3"
                + " AND breakdowns = $4 AND day BETWEEN $5 AND $6"
                + " AND (fetched_at >= $7 OR (fetched_at AT TIME ZONE $8)::date > day + $9::int)")
                .execute(Tuple.tuple().addUUID(workspaceId).addString(account.id()).addString(level).addString(breakdowns)
                        .addLocalDate(since).addLocalDate(until).addOffsetDateTime(freshSince)
                        .addString(account.zone().getId()).addInteger(config.restatementDays()))
                .map(rows -> {
                    Set<LocalDate> days = new HashSet<>();
                    rows.forEach(r -> days.add(r.getLocalDate("day")));
                    return days;
                });
    }

    /** Records that these days were read in full now. */
    public Uni<Void> done(UUID workspaceId, String accountId, String level, String breakdowns, List<LocalDate> days) {
        return pool.preparedQuery("INSERT INTO insight_slice (workspace_id, account_id, level, breakdowns, day, fetched_at)"
                + " SELECT $1, $2, $3, $4, d, $6 FROM unnest($5::date[]) AS d ON CONFLICT (workspace_id, account_id, level,"
                + " breakdowns, day) DO UPDATE SET fetched_at = EXCLUDED.fetched_at")
                .execute(Tuple.tuple().addUUID(workspaceId).addString(accountId).addString(level).addString(breakdowns)
                        .addArrayOfLocalDate(days.toArray(LocalDate[]::new)).addOffsetDateTime(now()))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
