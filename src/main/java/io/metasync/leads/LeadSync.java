package io.metasync.leads;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.health.TokenHealthCheck;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphException;
import io.metasync.graph.GraphValues;
import io.metasync.jobs.RunProgress;
import io.metasync.jobs.RunProgress.FailedForm;
import io.metasync.jobs.RunProgress.ProcessedLead;
import io.metasync.jobs.SyncRunStore;
import io.metasync.jobs.SyncRunView;
import io.metasync.jobs.SyncRunner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Lead sync as a sync run: forms fan out with bounded concurrency; each form's leads stream from
 * {@code GET /{form}/leads} (filtered on {@code time_created} from its checkpoint), are grouped into
 * batches and written by {@link LeadWriter}; progress is persisted after each committed batch. Meta
 * lists leads newest first, so a form's checkpoint (newest committed {@code created_time} minus the
 * overlap) is advanced once its last batch committed; a crash before that re-reads the same window,
 * which the idempotent insert makes harmless. A failing form is reported and the others go on.
 */
@ApplicationScoped
public class LeadSync {

    public static final String KIND = "leads";
    private static final Logger LOG = Logger.getLogger(LeadSync.class);

    private final LeadsConfig config;
    private final ConnectionService connections;
    private final GraphClient graph;
    private final LeadFormStore forms;
    private final LeadWriter writer;
    private final SyncRunner runner;
    private final SyncRunStore runs;
    private final AppClock clock;
    private final TokenHealthCheck health;

    public LeadSync(LeadsConfig config, ConnectionService connections, GraphClient graph, LeadFormStore forms, LeadWriter writer,
            SyncRunner runner, SyncRunStore runs, AppClock clock, TokenHealthCheck health) {
        this.config = config;
        this.connections = connections;
        this.graph = graph;
        this.forms = forms;
        this.writer = writer;
        this.runner = runner;
        this.runs = runs;
        this.clock = clock;
        this.health = health;
    }

    /** Starts a run over {@code list} (already checked to be the workspace's forms); {@code since} overrides checkpoints. */
    public Uni<SyncRunView> start(UUID workspaceId, List<LeadForm> list, OffsetDateTime since) {
        return runner.launch(workspaceId, KIND, progress -> syncForms(progress, workspaceId, list, since));
    }

    /**
     * The work of a lead sync inside a caller's run (reconciliation): each form since its checkpoint (or
     * {@code since}), failures reported per form in {@code progress}.
     */
    public Uni<Void> syncForms(RunProgress progress, UUID workspaceId, List<LeadForm> list, OffsetDateTime since) {
        return Multi.createFrom().iterable(list)
                .onItem().transformToUni(form -> syncForm(progress, form, connections.pageAuth(workspaceId, form.pageId()), since))
                .merge(config.formConcurrency())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> syncForm(RunProgress progress, LeadForm form, Uni<GraphAuth> pageAuth, OffsetDateTime since) {
        progress.unitStarted();
        OffsetDateTime from = since != null ? since : form.checkpoint();
        AtomicReference<OffsetDateTime> newest = new AtomicReference<>();
        AtomicLong read = new AtomicLong();
        return pageAuth
                .flatMap(auth -> leads(auth, form, from, null, new AtomicReference<>())
                        .onItem().invoke(read::incrementAndGet)
                        .group().intoLists().of(config.batchSize())
                        .onItem().transformToUniAndConcatenate(batch -> writer.upsert(form, batch, "sync")
                                .invoke(stored -> stored.forEach(s -> {
                                    newest.accumulateAndGet(s.createdTime(), (a, b) -> a == null || b.isAfter(a) ? b : a);
                                    progress.processed(new ProcessedLead(s.metaLeadId(), s.created() ? "created" : "existing",
                                            s.leadId(), s.name()));
                                }))
                                .call(stored -> runs.progress(progress)))
                        .collect().last())
                .call(() -> forms.synced(form.workspaceId(), form.formId(),
                        newest.get() == null ? null : newest.get().minus(config.checkpointOverlap()), now()))
                .invoke(() -> progress.graphCalls(pagesAtLeast(read.get())))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    progress.graphCalls(pagesAtLeast(read.get()));
                    progress.failed(new FailedForm(form.formId(), kind(failure), SyncRunner.describe(failure)));
                    return health.pageTokenRefused(form.workspaceId(), form.pageId(), failure).onFailure().recoverWithNull()
                            .flatMap(v -> runs.progressNow(progress));
                });
    }

    /**
     * The form's leads since {@code from} (and before {@code before}, Unix seconds, when set), newest first. Meta refuses
     * a cursor past some depth ((#100) "The After Cursor specified exceeds the max limit", META-FACTS §0): the read then
     * starts again from a first page bounded by {@code time_created} below the oldest lead it had reached (that second is
     * read again, which the idempotent insert absorbs), instead of failing the form at the same depth on every run.
     */
    private Multi<JsonNode> leads(GraphAuth auth, LeadForm form, OffsetDateTime from, Long before, AtomicReference<JsonNode> last) {
        return graph.paginateAhead(auth, form.formId() + "/leads", params(from, before))
                .onItem().invoke(last::set)
                .onFailure(failure -> tooDeep(failure) && last.get() != null).recoverWithMulti(failure -> {
                    long bound = GraphValues.dateTime(last.get().path("created_time").asText()).toEpochSecond() + 1;
                    if (before != null && bound >= before) {
                        // no progress: more leads in one second than Meta lets a cursor go through
                        return Multi.createFrom().failure(failure);
                    }
                    LOG.infof("Form %s: Meta refused a deep cursor; reading on from leads created before %d", form.formId(), bound);
                    return leads(auth, form, from, bound, last);
                });
    }

    private static boolean tooDeep(Throwable failure) {
        return failure instanceof GraphException g && g.code().orElse(0) == 100 && g.getMessage() != null
                && g.getMessage().contains("exceeds the max limit");
    }

    /** Lead pages requested: at least one per {@code pageSize} leads read (Meta's empty and short pages are not seen here). */
    private long pagesAtLeast(long leads) {
        return Math.max(1, (leads + config.pageSize() - 1) / config.pageSize());
    }

    private Map<String, String> params(OffsetDateTime from, Long before) {
        Map<String, String> params = new java.util.HashMap<>(Map.of("fields", FormService.LEAD_FIELDS,
                "limit", String.valueOf(config.pageSize())));
        List<String> filters = new java.util.ArrayList<>();
        if (from != null) {
            filters.add("{\"field\":\"time_created\",\"operator\":\"GREATER_THAN_OR_EQUAL\",\"value\":" + from.toEpochSecond() + "}");
        }
        if (before != null) {
            filters.add("{\"field\":\"time_created\",\"operator\":\"LESS_THAN\",\"value\":" + before + "}");
        }
        if (!filters.isEmpty()) {
            params.put("filtering", "[" + String.join(",", filters) + "]");
        }
        return params;
    }

    private static String kind(Throwable failure) {
        if (failure instanceof GraphException g) {
            return g.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        return failure instanceof ProblemException p ? "http_" + p.status() : "internal";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
