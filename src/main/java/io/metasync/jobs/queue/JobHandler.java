package io.metasync.jobs.queue;

import io.smallrye.mutiny.Uni;

/**
 * Runs the jobs of one {@link #kind()} (CDI beans; the {@link JobWorker} finds them). A failure is
 * retried with backoff; the answer says what happens next.
 */
public interface JobHandler {

    String kind();

    Uni<JobResult> run(Job job);
}
