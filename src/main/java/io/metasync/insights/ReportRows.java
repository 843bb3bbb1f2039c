package io.metasync.insights;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.graph.GraphClient;
import io.metasync.jobs.SyncRunStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The rows of a completed report run for {@link AsyncReports}: paged, mapped and upserted in batches, or joined first. */
@ApplicationScoped
class ReportRows {

    /** The parts of a job whose fields were split: rows are joined on their key and written once every part is in. */
    static final class FieldGroup {
        final Map<String, ObjectNode> rows = new ConcurrentHashMap<>();
        int pending;
    }

    private final GraphClient graph;
    private final InsightMapper mapper;
    private final InsightWriter writer;
    private final SyncRunStore runs;
    private final InsightsConfig config;

    ReportRows(GraphClient graph, InsightMapper mapper, InsightWriter writer, SyncRunStore runs, InsightsConfig config) {
        this.graph = graph;
        this.mapper = mapper;
        this.writer = writer;
        this.runs = runs;
        this.config = config;
    }

    /**
     * Pages a completed run's rows and writes them (a field part's rows are joined into its {@code group} instead);
     * touches nothing but the task's progress and the group's concurrent map.
     */
    Uni<Void> read(AsyncReports.Task task, String runId, FieldGroup group) {
        AtomicLong read = new AtomicLong();
        Multi<JsonNode> rows = graph.paginate(task.auth(), runId + "/insights",
                Map.of("limit", String.valueOf(config.pageSize()))).invoke(read::incrementAndGet);
        Uni<Void> done = group == null ? write(task, rows)
                : rows.invoke(row -> group.rows.merge(InsightMapper.rowKey(task.level(), task.breakdowns(), row),
                        (ObjectNode) row, (a, b) -> a.setAll(b))).collect().last().replaceWithVoid();
        return done.invoke(() -> task.progress().graphCalls(Math.max(1, (read.get() + config.pageSize() - 1) / config.pageSize())));
    }

    /** Maps and upserts rows in batches, recording the run's progress after each. */
    Uni<Void> write(AsyncReports.Task task, Multi<JsonNode> rows) {
        return rows.map(row -> mapper.map(task.account().id(), task.level(), task.breakdowns(), row))
                .group().intoLists().of(config.writeBatch())
                .onItem().transformToUniAndConcatenate(batch -> writer.upsert(task.workspaceId(), batch, "sync")
                        .invoke(w -> task.progress().rows(w.ingested(), w.updated()))
                        .call(w -> runs.progress(task.progress())))
                .collect().last().replaceWithVoid();
    }
}
