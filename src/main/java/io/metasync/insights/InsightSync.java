package io.metasync.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.jobs.RunProgress;
import io.metasync.jobs.SyncRunView;
import io.metasync.jobs.SyncRunner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Insights sync as a sync run (kind {@code insights}): the range is taken in the ad account's time zone
 * ("today" is the account's today; the start is kept within Meta's 37 months), the days that need no new
 * read ({@link SliceStore}) are dropped, the rest are cut into slices of {@code days-per-job} days and
 * read by {@link AsyncReports}, one level after the other.
 */
@ApplicationScoped
public class InsightSync {

    public static final String KIND = "insights";
    /** Meta keeps insights for 37 months (error 3018 beyond). */
    static final int RETENTION_MONTHS = 37;
    static final Set<String> BREAKDOWNS = Set.of("age", "gender", "country", "region", "dma", "publisher_platform",
            "platform_position", "device_platform", "impression_device");

    private final SyncRunner runner;
    private final AdAccounts accounts;
    private final SliceStore slices;
    private final AsyncReports reports;
    private final InsightsConfig config;
    private final AppClock clock;

    public InsightSync(SyncRunner runner, AdAccounts accounts, SliceStore slices, AsyncReports reports, InsightsConfig config,
            AppClock clock) {
        this.runner = runner;
        this.accounts = accounts;
        this.slices = slices;
        this.reports = reports;
        this.config = config;
        this.clock = clock;
    }

    /** Checks and orders requested breakdowns (400 for unknown ones, on the body's {@code breakdowns}). */
    static List<String> breakdowns(List<String> requested) {
        return breakdowns(requested, "breakdowns");
    }

    /** {@link #breakdowns(List)}, the 400 naming {@code field} (a query's {@code breakdown}). */
    static List<String> breakdowns(List<String> requested, String field) {
        if (requested == null) {
            return List.of();
        }
        for (String b : requested) {
            if (b == null || !BREAKDOWNS.contains(b)) {
                throw ProblemException.invalid(field, "each must be one of " + new java.util.TreeSet<>(BREAKDOWNS));
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    /** Starts a run over one of the workspace's ad accounts (404 for any other, before any run is recorded). */
    public Uni<SyncRunView> start(UUID workspaceId, String accountId, LocalDate since, LocalDate until, String level,
            List<String> breakdowns) {
        return accounts.get(workspaceId, accountId).flatMap(account -> runner.launch(workspaceId, KIND,
                progress -> sync(progress, workspaceId, account, since, until, List.of(level), breakdowns)));
    }

    /** The scheduled sync of one account: its restatement window, up to its today, at each configured level. */
    public Uni<SyncRunView> startRecent(UUID workspaceId, String accountId) {
        return accounts.get(workspaceId, accountId).flatMap(account -> {
            LocalDate today = account.today(clock);
            return runner.launch(workspaceId, KIND, progress -> sync(progress, workspaceId, account,
                    today.minusDays(config.restatementDays()), today, config.schedule().levels(), List.of()));
        });
    }

    Uni<Void> sync(RunProgress progress, UUID workspaceId, AdAccounts.Account account, LocalDate since, LocalDate until,
            List<String> levels, List<String> breakdowns) {
        LocalDate today = account.today(clock);
        LocalDate oldest = today.minusMonths(RETENTION_MONTHS).plusDays(1);
        LocalDate from = since.isBefore(oldest) ? oldest : since;
        LocalDate to = until.isAfter(today) ? today : until;
        if (from.isAfter(since)) {
            progress.error("since moved to " + from + ": Meta keeps insights for 37 months");
        }
        if (from.isAfter(to)) {
            return Uni.createFrom().voidItem();
        }
        return accounts.auth(workspaceId, account.id()).flatMap(auth -> Multi.createFrom().iterable(levels)
                .onItem().transformToUniAndConcatenate(level -> slices.settled(workspaceId, account, level,
                        String.join(",", breakdowns), from, to)
                        .map(settled -> slicesOf(from, to, settled))
                        .invoke(list -> list.forEach(s -> progress.unitStarted()))
                        .chain(list -> list.isEmpty() ? Uni.createFrom().voidItem()
                                : reports.run(new AsyncReports.Task(workspaceId, account, auth, level, breakdowns, list,
                                        progress))))
                .collect().last().replaceWithVoid());
    }

    /** Consecutive unsettled days, at most {@code days-per-job} per slice. */
    private List<List<LocalDate>> slicesOf(LocalDate from, LocalDate to, Set<LocalDate> settled) {
        List<List<LocalDate>> out = new ArrayList<>();
        List<LocalDate> current = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (settled.contains(d)) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(d);
            if (current.size() == config.daysPerJob()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
