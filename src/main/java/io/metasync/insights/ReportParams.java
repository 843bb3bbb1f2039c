package io.metasync.insights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Graph parameters of one async report run (META-FACTS §2): the task's level and breakdowns, daily rows
 * over the job's days, its entity and field subset when split, delivered entities only, attribution windows.
 */
final class ReportParams {

    private ReportParams() {
    }

    static Map<String, String> of(AsyncReports.Task task, JobSpec spec, Optional<List<String>> attributionWindows) {
        Map<String, String> p = new HashMap<>();
        p.put("level", task.level());
        List<String> fields = new ArrayList<>(InsightMapper.keyFields(task.level()));
        fields.addAll(spec.fields() != null ? spec.fields() : InsightMapper.otherFields(task.level()));
        p.put("fields", String.join(",", fields));
        p.put("time_range", "{\"since\":\"" + spec.since() + "\",\"until\":\"" + spec.until() + "\"}");
        p.put("time_increment", "1");
        if (!task.breakdowns().isEmpty()) {
            p.put("breakdowns", String.join(",", task.breakdowns()));
        }
        List<String> filters = new ArrayList<>();
        if (!task.level().equals("account")) {
            filters.add("{\"field\":\"" + task.level() + ".effective_status\",\"operator\":\"IN\",\"value\":"
                    + JobSplitter.statuses(task.level()) + "}");
        }
        if (spec.ids() != null) {
            filters.add("{\"field\":\"" + spec.filterLevel() + ".id\",\"operator\":\"IN\",\"value\":[\""
                    + String.join("\",\"", spec.ids()) + "\"]}");
        }
        if (!filters.isEmpty()) {
            p.put("filtering", "[" + String.join(",", filters) + "]");
        }
        attributionWindows.ifPresent(w -> p.put("action_attribution_windows",
                "[\"" + String.join("\",\"", w) + "\"]"));
        return p;
    }
}
