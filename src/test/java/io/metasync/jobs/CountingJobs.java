package io.metasync.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.metasync.jobs.queue.Job;
import io.metasync.jobs.queue.JobHandler;
import io.metasync.jobs.queue.JobResult;
import io.smallrye.mutiny.Uni;

/** A test job kind that counts how often each job ran. */
@Singleton
public class CountingJobs implements JobHandler {

    static final String KIND = "test-count";

    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<String, io.vertx.core.json.JsonObject> payloads = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<JobResult> run(Job job) {
        runs.computeIfAbsent(job.key(), k -> new AtomicInteger()).incrementAndGet();
        payloads.put(job.key(), job.payload());
        return Uni.createFrom().item(JobResult.done()).onItem().delayIt().by(Duration.ofMillis(20));
    }
}
