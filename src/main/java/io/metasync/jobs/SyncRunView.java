package io.metasync.jobs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.metasync.jobs.RunProgress.FailedForm;
import io.metasync.jobs.RunProgress.ProcessedLead;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A sync run as the API shows it (API.md "Sync runs", the lead sync run's and the insights sync run's results). */
@RegisterForReflection
public record SyncRunView(UUID id, String kind, String status, OffsetDateTime createdAt, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, long totalProcessed, long newLeads, long existingLeads, long graphCalls,
        List<FailedForm> failedForms, List<ProcessedLead> processedLeads, List<String> errors, long rowsIngested,
        long rowsUpdated, long asyncJobs) {

    public static final List<String> STATUSES = List.of("queued", "running", "succeeded", "partial", "failed");

    public boolean finished() {
        return finishedAt != null;
    }
}
