package io.metasync.insights;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.time.AppClock;
import io.metasync.graph.BatchRequest;
import io.metasync.graph.BatchResult;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.metasync.graph.governor.GraphGovernor;
import io.metasync.jobs.RunProgress;
import io.metasync.jobs.SyncRunStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The async report run manager (META-FACTS §2.3, PEERS.md 4.1-4.2). Slices (account x days) become
 * report runs; many run at once but a new one starts only while Meta's insights load is under the
 * ceiling; the statuses of all running ones are polled in one batch request per round. A completed run's
 * rows are paged, mapped and upserted in batches. A run that fails, is skipped or exceeds its start or
 * finish timeout is retried, then split; one that Meta finds too large is split at once (the parts of a
 * field split are joined on the row key before they are written). A slice's days
 * are recorded as done once every part of it has been written, so finished slices are never read again
 * and a failing slice is reported without holding up the others.
 */
@ApplicationScoped
public class AsyncReports {

    private static final Logger LOG = Logger.getLogger(AsyncReports.class);
    private static final String STATUS_FIELDS = "id,async_status,async_percent_completion,error_code,error_subcode,error_message";
    private static final java.util.Set<Integer> TOO_LARGE = java.util.Set.of(1504045, 1487534, 1504018, 1504038);

    /** One sync's work on one account at one level. */
    public record Task(UUID workspaceId, AdAccounts.Account account, GraphAuth auth, String level, List<String> breakdowns,
            List<List<LocalDate>> slices, RunProgress progress) {
    }

    private final GraphClient graph;
    private final GraphGovernor governor;
    private final ReportRows rows;
    private final SliceStore slices;
    private final JobSplitter splitter;
    private final SyncRunStore runs;
    private final InsightsConfig config;
    private final AppClock clock;

    public AsyncReports(GraphClient graph, GraphGovernor governor, ReportRows rows, SliceStore slices, JobSplitter splitter,
            SyncRunStore runs, InsightsConfig config, AppClock clock) {
        this.graph = graph;
        this.governor = governor;
        this.rows = rows;
        this.slices = slices;
        this.splitter = splitter;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> run(Task task) {
        Loop loop = new Loop(task);
        return Multi.createBy().repeating().uni(loop::round).whilst(Boolean::booleanValue).collect().last().replaceWithVoid();
    }

    /** The state of one task; touched only by its own rounds, one after the other. */
    private final class Loop {
        final Task task;
        final Deque<ReportJob> queue = new ArrayDeque<>();
        final List<ReportJob> running = new ArrayList<>();
        final String breakdownKey;
        boolean first = true;
        /** When the next round starts: the poll interval, or sooner when Meta's progress says a run is about to finish. */
        Duration pause = config.pollInterval();

        Loop(Task task) {
            this.task = task;
            this.breakdownKey = String.join(",", task.breakdowns());
            for (List<LocalDate> days : task.slices()) {
                queue.add(new ReportJob(JobSpec.whole(days.get(0), days.get(days.size() - 1)), new ReportJob.Slice(days), null, 0, 0));
            }
        }

        /** One round: wait a poll interval (not before the first), start what may start, poll what runs. */
        Uni<Boolean> round() {
            Uni<Void> wait = first ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(pause);
            first = false;
            pause = config.pollInterval();
            return wait.chain(this::admit).chain(this::poll).map(v -> !queue.isEmpty() || !running.isEmpty());
        }

        /** Starts as many queued jobs as may start now, at once; their answers are applied one by one. */
        Uni<Void> admit() {
            if (queue.isEmpty() || running.size() >= config.maxJobsInFlight()) {
                return Uni.createFrom().voidItem();
            }
            if (governor.insightsUsage(task.account().id()) >= config.admitBelowPercent()) {
                return running.isEmpty() ? probe() : Uni.createFrom().voidItem();
            }
            List<ReportJob> starting = new ArrayList<>();
            while (!queue.isEmpty() && running.size() + starting.size() < config.maxJobsInFlight()) {
                starting.add(queue.poll());
            }
            return concurrently(starting, this::submit).chain(outcomes -> apply(outcomes, job -> {
                job.submittedAt = clock.instant();
                running.add(job);
                return Uni.createFrom().voidItem();
            }));
        }

        /** Runs {@code work} for each job at once (bounded), collecting each job's outcome without touching this loop. */
        Uni<List<ReportJob.Outcome>> concurrently(List<ReportJob> jobs, java.util.function.Function<ReportJob, Uni<Void>> work) {
            if (jobs.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return Multi.createFrom().iterable(jobs)
                    .onItem().transformToUni(job -> work.apply(job).map(v -> new ReportJob.Outcome(job, null))
                            .onFailure(GraphException.class).recoverWithItem(e -> new ReportJob.Outcome(job, (GraphException) e)))
                    .merge(config.fetchConcurrency())
                    .collect().asList();
        }

        /** Applies outcomes one after the other: {@code ok} for successes, the failure rules for the rest. */
        Uni<Void> apply(List<ReportJob.Outcome> outcomes, java.util.function.Function<ReportJob, Uni<Void>> ok) {
            return Multi.createFrom().iterable(outcomes)
                    .onItem().transformToUniAndConcatenate(o -> o.error() == null ? ok.apply(o.job()) : failed(o.job(), o.error()))
                    .collect().last().replaceWithVoid();
        }

        /** Nothing runs, so no answer refreshes the insights load: a cheap insights call reads it again. */
        Uni<Void> probe() {
            task.progress().graphCalls(1);
            return graph.get(task.auth(), task.account().id() + "/insights", Map.of("fields", "impressions",
                    "date_preset", "today")).replaceWithVoid()
                    .onFailure(e -> e instanceof GraphException g && !ReportJob.fatal(g)).recoverWithNull().replaceWithVoid();
        }

        Uni<Void> submit(ReportJob job) {
            task.progress().graphCalls(1);
            return graph.post(task.auth(), task.account().id() + "/insights", ReportParams.of(task, job.spec, config.attributionWindows())).invoke(r -> {
                job.runId = r.path("report_run_id").asText();
                task.progress().asyncJob();
            }).replaceWithVoid();
        }

        Uni<Void> poll() {
            if (running.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<ReportJob> polled = List.copyOf(running);
            task.progress().graphCalls((polled.size() + 49) / 50);
            List<ReportJob> completed = new ArrayList<>();
            return graph.batch(task.auth(), polled.stream()
                    .map(j -> BatchRequest.get(j.runId, Map.of("fields", STATUS_FIELDS))).toList())
                    .chain(results -> Multi.createFrom().range(0, polled.size())
                            .onItem().transformToUniAndConcatenate(i -> status(polled.get(i), results.get(i), completed))
                            .collect().last())
                    .chain(() -> concurrently(completed, job -> rows.read(task, job.runId, job.group)))
                    .chain(outcomes -> apply(outcomes, job -> job.group == null ? finished(job.slice) : partDone(job)));
        }

        /** Acts on one run's status; completed ones are set aside in {@code completed} to be read together. */
        Uni<Void> status(ReportJob job, BatchResult result, List<ReportJob> completed) {
            if (!result.ok() && ReportJob.fatal(result.error())) {
                return Uni.createFrom().failure(result.error());
            }
            JsonNode run = result.ok() ? result.body() : null;
            String status = run == null ? "" : run.path("async_status").asText();
            int percent = run == null ? 0 : run.path("async_percent_completion").asInt(0);
            if (status.equals("Job Completed") && percent >= 100) {
                running.remove(job);
                completed.add(job);
                return Uni.createFrom().voidItem();
            }
            if (status.equals("Job Failed") || status.equals("Job Skipped")) {
                running.remove(job);
                int subcode = run.path("error_subcode").asInt(0);
                String why = "report run " + status.toLowerCase(java.util.Locale.ROOT) + " (" + run.path("error_code").asText("")
                        + "/" + subcode + ")";
                return TOO_LARGE.contains(subcode) ? split(job, why) : retry(job, why);
            }
            Duration age = Duration.between(job.submittedAt, clock.instant());
            expectEnd(age, percent);
            boolean notStarted = status.isEmpty() || status.equals("Job Not Started") || percent == 0;
            if (notStarted && age.compareTo(config.jobStartTimeout()) > 0) {
                running.remove(job);
                return retry(job, "report run did not start within " + config.jobStartTimeout());
            }
            if (age.compareTo(config.jobFinishTimeout()) > 0) {
                running.remove(job);
                return retry(job, "report run did not finish within " + config.jobFinishTimeout());
            }
            return Uni.createFrom().voidItem();
        }

        /**
         * Polls again when a run should end if its progress so far goes on at the same pace (never sooner
         * than a tenth of the poll interval), so a finished run is not left waiting a whole interval.
         */
        void expectEnd(Duration age, int percent) {
            if (percent <= 0 || percent >= 100) {
                return;
            }
            Duration left = age.multipliedBy(100 - percent).dividedBy(percent);
            Duration floor = config.pollInterval().dividedBy(10);
            Duration next = left.compareTo(floor) < 0 ? floor : left;
            pause = next.compareTo(pause) < 0 ? next : pause;
        }

        /** One part of a field-split job is in; the last one writes the joined rows. */
        Uni<Void> partDone(ReportJob job) {
            job.group.pending--;
            if (job.group.pending > 0) {
                return finished(job.slice);
            }
            List<JsonNode> joined = List.copyOf(job.group.rows.values());
            job.group.rows.clear();
            return rows.write(task, Multi.createFrom().iterable(joined)).chain(() -> finished(job.slice));
        }

        Uni<Void> failed(ReportJob job, GraphException e) {
            if (ReportJob.fatal(e)) {
                return Uni.createFrom().failure(e);
            }
            return e.kind() == GraphErrorKind.TOO_MUCH_DATA ? split(job, e.getMessage())
                    : e.kind() == GraphErrorKind.INVALID ? give(job.slice, e.getMessage()) : retry(job, e.getMessage());
        }

        Uni<Void> retry(ReportJob job, String why) {
            if (job.attempts < config.jobRetries()) {
                LOG.debugf("Insights report run for %s %s: %s; retrying", task.account().id(), job.spec, why);
                queue.addFirst(new ReportJob(job.spec, job.slice, job.group, job.attempts + 1, job.depth));
                return Uni.createFrom().voidItem();
            }
            return split(job, why);
        }

        Uni<Void> split(ReportJob job, String why) {
            return splitter.split(task.auth(), task.account().id(), task.level(), job.spec, task.progress())
                    .chain(parts -> {
                        if (parts.isEmpty()) {
                            return give(job.slice, why);
                        }
                        LOG.infof("Insights report run for %s %s: %s; split into %d at depth %d", task.account().id(), job.spec,
                                why, parts.size(), job.depth + 1);
                        job.slice.pending += parts.size() - 1;
                        ReportRows.FieldGroup group = job.group;
                        if (!java.util.Objects.equals(parts.get(0).fields(), job.spec.fields())) {
                            group = group != null ? group : new ReportRows.FieldGroup();
                            group.pending += job.group != null ? parts.size() - 1 : parts.size();
                        }
                        for (int i = parts.size() - 1; i >= 0; i--) {
                            queue.addFirst(new ReportJob(parts.get(i), job.slice, group, 0, job.depth + 1));
                        }
                        return Uni.createFrom().voidItem();
                    })
                    .onFailure(GraphException.class).recoverWithUni(e -> ReportJob.fatal((GraphException) e)
                            ? Uni.createFrom().failure(e) : give(job.slice, e.getMessage()));
        }

        /** A part of the slice could not be read: the slice is reported and stays to be read again. */
        Uni<Void> give(ReportJob.Slice slice, String why) {
            slice.pending--;
            if (!slice.failed) {
                slice.failed = true;
                task.progress().unitFailed(task.account().id() + " " + task.level() + " " + slice.days.get(0) + ".."
                        + slice.days.get(slice.days.size() - 1), why);
            }
            return runs.progress(task.progress());
        }

        Uni<Void> finished(ReportJob.Slice slice) {
            slice.pending--;
            if (slice.pending > 0 || slice.failed) {
                return Uni.createFrom().voidItem();
            }
            return slices.done(task.workspaceId(), task.account().id(), task.level(), breakdownKey, slice.days);
        }
    }
}
