package io.metasync.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;

/** One report run to make for {@link AsyncReports}: what it asks, the slice it belongs to, and how it went so far. */
final class ReportJob {

    /** A slice's days and how many of its parts are still outstanding. */
    static final class Slice {
        final List<LocalDate> days;
        int pending = 1;
        boolean failed;

        Slice(List<LocalDate> days) {
            this.days = days;
        }
    }

    /** How one job's Graph work ended: {@code error} null on success. */
    record Outcome(ReportJob job, GraphException error) {
    }

    final JobSpec spec;
    final Slice slice;
    final ReportRows.FieldGroup group;
    final int attempts;
    final int depth;
    String runId;
    Instant submittedAt;

    ReportJob(JobSpec spec, Slice slice, ReportRows.FieldGroup group, int attempts, int depth) {
        this.spec = spec;
        this.slice = slice;
        this.group = group;
        this.attempts = attempts;
        this.depth = depth;
    }

    /** Errors no retry or split can help: the connection must be fixed first. */
    static boolean fatal(GraphException e) {
        return e.kind() == GraphErrorKind.AUTH || e.kind() == GraphErrorKind.PERMISSION;
    }
}
