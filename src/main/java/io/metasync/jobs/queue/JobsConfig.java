package io.metasync.jobs.queue;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shared work queue (docs/jobs.md). */
@ConfigMapping(prefix = "metasync.jobs")
public interface JobsConfig {

    /** Runs the worker on this replica (a replica that only answers the API may turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** How often an idle worker looks for due jobs (it is also woken at once by work enqueued on this replica). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Jobs one replica runs at once. */
    @WithDefault("8")
    int concurrency();

    /** A claimed job's lease; the holder renews it every third of it, another replica takes it over once it expires. */
    @WithDefault("PT1M")
    Duration lease();

    /** Attempts before a failing job is left dead with its error. */
    @WithDefault("10")
    int maxAttempts();

    /** First retry delay of a failing job, doubled per attempt up to {@link #retryMaxDelay()}. */
    @WithDefault("PT5S")
    Duration retryBaseDelay();

    @WithDefault("PT30M")
    Duration retryMaxDelay();
}
