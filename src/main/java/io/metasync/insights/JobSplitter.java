package io.metasync.insights;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphValues;
import io.metasync.jobs.RunProgress;
import io.smallrye.mutiny.Uni;

/**
 * How a report run that Meta found too large (or that kept failing) is split, as PEERS.md 4.2 learned
 * from Airbyte and Estuary: bisect the id list of the next level down (found by listing the children,
 * every status included) and filter the same query on it, so jobs grow with log N; descend a level
 * only for a single failing object and never below the sync's level (a coarser row must not be cut
 * into parts); then halve the days; at last split the non-key field list in half (the parts are joined
 * on the row key before anything is written). A single field of a single object on a single day cannot
 * be split: the slice fails and is reported while the others go on.
 */
@ApplicationScoped
class JobSplitter {

    private static final Map<String, String> STATUSES = Map.of(
            "campaign", "[\"ACTIVE\",\"PAUSED\",\"DELETED\",\"ARCHIVED\",\"IN_PROCESS\",\"WITH_ISSUES\"]",
            "adset", "[\"ACTIVE\",\"PAUSED\",\"DELETED\",\"ARCHIVED\",\"IN_PROCESS\",\"WITH_ISSUES\",\"CAMPAIGN_PAUSED\"]",
            "ad", "[\"ACTIVE\",\"PAUSED\",\"DELETED\",\"ARCHIVED\",\"IN_PROCESS\",\"WITH_ISSUES\",\"CAMPAIGN_PAUSED\","
                    + "\"ADSET_PAUSED\",\"PENDING_REVIEW\",\"DISAPPROVED\",\"PREAPPROVED\",\"PENDING_BILLING_INFO\"]");
    private static final int CHILD_PAGE = 500;

    private final GraphClient graph;

    JobSplitter(GraphClient graph) {
        this.graph = graph;
    }

    /** Every status an object of the level can have: listings and insights then include deleted and archived ones. */
    static String statuses(String level) {
        return STATUSES.get(level);
    }

    /** The parts of {@code spec}; empty when it cannot be split. */
    Uni<List<JobSpec>> split(GraphAuth auth, String accountId, String level, JobSpec spec, RunProgress progress) {
        int depth = InsightMapper.LEVELS.indexOf(level);
        if (spec.ids() != null && spec.ids().size() > 1) {
            return Uni.createFrom().item(bisect(spec, spec.filterLevel(), spec.ids()));
        }
        if (spec.ids() == null && depth >= 1) {
            return children(auth, accountId, "campaign", progress).map(ids -> byIds(spec, "campaign", ids));
        }
        if (spec.ids() != null && InsightMapper.LEVELS.indexOf(spec.filterLevel()) < depth) {
            String next = InsightMapper.LEVELS.get(InsightMapper.LEVELS.indexOf(spec.filterLevel()) + 1);
            return children(auth, spec.ids().get(0), next, progress).map(ids -> byIds(spec, next, ids));
        }
        List<JobSpec> byDays = halveDays(spec);
        return Uni.createFrom().item(byDays.isEmpty() ? halveFields(spec, level) : byDays);
    }

    private static List<JobSpec> halveFields(JobSpec spec, String level) {
        List<String> fields = spec.fields() != null ? spec.fields() : InsightMapper.otherFields(level);
        if (fields.size() < 2) {
            return List.of();
        }
        int half = fields.size() / 2;
        return List.of(spec.withFields(fields.subList(0, half)), spec.withFields(fields.subList(half, fields.size())));
    }

    private static List<JobSpec> byIds(JobSpec spec, String level, List<String> ids) {
        if (ids.isEmpty()) {
            return halveDays(spec);
        }
        return ids.size() == 1 ? List.of(spec.withIds(level, ids)) : bisect(spec, level, ids);
    }

    private static List<JobSpec> bisect(JobSpec spec, String level, List<String> ids) {
        int half = ids.size() / 2;
        return List.of(spec.withIds(level, ids.subList(0, half)), spec.withIds(level, ids.subList(half, ids.size())));
    }

    private static List<JobSpec> halveDays(JobSpec spec) {
        if (spec.days() < 2) {
            return List.of();
        }
        var mid = spec.since().plusDays(spec.days() / 2 - 1);
        return List.of(spec.withDays(spec.since(), mid), spec.withDays(mid.plusDays(1), spec.until()));
    }

    /** The ids of a parent's children at {@code level} ({@code campaign} of an account, {@code adset} of a campaign, {@code ad} of an ad set). */
    private Uni<List<String>> children(GraphAuth auth, String parentId, String level, RunProgress progress) {
        String edge = level.equals("adset") ? "adsets" : level.equals("ad") ? "ads" : "campaigns";
        return graph.paginate(auth, parentId + "/" + edge, Map.of("fields", "id", "effective_status", statuses(level),
                "limit", String.valueOf(CHILD_PAGE))).map(c -> GraphValues.id(c.path("id"))).collect().asList()
                .invoke(ids -> progress.graphCalls(Math.max(1, (ids.size() + CHILD_PAGE - 1) / CHILD_PAGE)))
                .map(ids -> ids.stream().sorted().toList());
    }
}
