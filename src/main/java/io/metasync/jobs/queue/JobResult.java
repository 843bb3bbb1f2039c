package io.metasync.jobs.queue;

import java.time.OffsetDateTime;

/** What a finished job asks for: to be removed ({@link #done()}), or to run again at a time (recurring work, backoff). */
public record JobResult(OffsetDateTime nextRunAt) {

    public static JobResult done() {
        return new JobResult(null);
    }

    public static JobResult again(OffsetDateTime at) {
        return new JobResult(at);
    }
}
