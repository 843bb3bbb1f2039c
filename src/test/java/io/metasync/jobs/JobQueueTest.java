package io.metasync.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.metasync.jobs.queue.Job;
import io.metasync.jobs.queue.JobQueue;
import io.metasync.jobs.queue.JobQueue.JobSpec;
import io.metasync.jobs.queue.JobWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class JobQueueTest {

    @Inject
    JobQueue queue;

    @Inject
    JobWorker worker;

    @Inject
    CountingJobs counting;

    @Inject
    AppClock clock;

    @Inject
    Pool pool;

    long left(String prefix) {
        return pool.preparedQuery("SELECT count(*) FROM job WHERE job_key LIKE $1").execute(Tuple.of(prefix + "%"))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void twoReplicasOnOneDatabaseRunEveryJobOnce() {
        String prefix = "test-" + System.nanoTime() + "-";
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(new JobSpec(prefix + i, CountingJobs.KIND, null, null, queue.now()));
        }
        queue.enqueue(jobs).await().indefinitely();
        worker.wake();
        // a second replica: another owner claiming from the same table while this app's worker does too
        AtomicInteger byOther = new AtomicInteger();
        while (left(prefix) > 0) {
            List<Job> claimed = queue.claim("replica-other", 4, Duration.ofMinutes(1)).await().indefinitely();
            byOther.addAndGet((int) claimed.stream().filter(j -> j.key().startsWith(prefix)).count());
            Multi.createFrom().iterable(claimed).onItem().transformToUniAndMerge(j -> counting.run(j)
                    .flatMap(r -> queue.complete("replica-other", j.key(), r))).collect().last().await().indefinitely();
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(1, counting.runs.get(prefix + i).get(), "job " + i + " ran once");
        }
        assertTrue(byOther.get() > 0 && byOther.get() < 200, "both replicas took jobs: the other took " + byOther.get());
    }

    @Test
    void anEnsuredJobIsCreatedOnceAndRunsWithItsPayload() {
        String key = "test-ensure-" + System.nanoTime();
        JobSpec spec = new JobSpec(key, CountingJobs.KIND, null, new io.vertx.core.json.JsonObject().put("a", 1), queue.now());
        assertTrue(queue.ensure(spec).await().indefinitely());
        assertEquals(false, queue.ensure(spec).await().indefinitely(), "an existing key is left alone");
        worker.wake();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> left(key) == 0);
        assertEquals(1, counting.runs.get(key).get());
        assertEquals(1, counting.payloads.get(key).getInteger("a"));
    }

    @Test
    void aDeadReplicasJobIsTakenOverOnceItsLeaseExpires() {
        String key = "test-takeover-" + System.nanoTime();
        // what a replica leaves when it dies while running a job: the row claimed, its lease still valid
        pool.preparedQuery("INSERT INTO job (job_key, kind, status, attempts, next_run_at, claimed_by, lease_until, heartbeat_at, "
                + "created_at) VALUES ($1, $2, 'running', 1, $3, 'replica-killed', $4, $3, $3)")
                .execute(Tuple.of(key, CountingJobs.KIND, queue.now(), queue.now().plusSeconds(30))).await().indefinitely();
        worker.wake();
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertEquals(null, counting.runs.get(key), "nobody runs a job whose lease holds");

        clock.advance(Duration.ofSeconds(31));
        worker.wake();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> left(key) == 0);
        assertEquals(1, counting.runs.get(key).get());
        assertEquals(false, queue.heartbeat("replica-killed", key, Duration.ofSeconds(30)).await().indefinitely(),
                "the dead replica's lease is gone");
    }
}
