package io.metasync.jobs.queue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code job} table: keyed jobs that any replica may claim. A claim is one statement that takes
 * due jobs (and running ones whose lease expired: a dead replica's) with {@code FOR UPDATE SKIP LOCKED},
 * so two replicas never hold the same job; the holder renews its lease while it works (heartbeat).
 * Every change of a claimed job checks the owner, so a replica whose lease was taken over changes nothing.
 */
@ApplicationScoped
public class JobQueue {

    /** A job to enqueue. */
    public record JobSpec(String key, String kind, UUID workspaceId, JsonObject payload, OffsetDateTime runAt) {
    }

    private final Pool pool;
    private final AppClock clock;

    public JobQueue(Pool pool, AppClock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Enqueues jobs (in the caller's transaction when {@code client} is one): a new key is queued; a
     * queued one runs at the earlier time; a running one runs once more after it finishes.
     */
    public Uni<Void> enqueue(SqlClient client, List<JobSpec> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = jobs.size();
        String[] keys = new String[n], kinds = new String[n], payloads = new String[n];
        UUID[] workspaces = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            JobSpec j = jobs.get(i);
            keys[i] = j.key();
            kinds[i] = j.kind();
            workspaces[i] = j.workspaceId();
            payloads[i] = (j.payload() == null ? new JsonObject() : j.payload()).encode();
            times[i] = j.runAt();
        }
        return client.preparedQuery("INSERT INTO job AS j (job_key, kind, workspace_id, payload, next_run_at, created_at) "
                + "SELECT t.k, t.kind, t.ws, t.p::jsonb, t.at, $6 FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], "
                + "$5::timestamptz[]) AS t(k, kind, ws, p, at) ORDER BY t.k "
                + "ON CONFLICT (job_key) DO UPDATE SET next_run_at = LEAST(j.next_run_at, EXCLUDED.next_run_at), "
                + "rerun = j.rerun OR j.status = 'running', status = CASE WHEN j.status = 'dead' THEN 'queued' ELSE j.status END, "
                + "attempts = CASE WHEN j.status = 'dead' THEN 0 ELSE j.attempts END")
                .execute(Tuple.of(keys, kinds, workspaces, payloads, times, now())).replaceWithVoid();
    }

    public Uni<Void> enqueue(List<JobSpec> jobs) {
        return enqueue(pool, jobs);
    }

    /** Creates the job unless its key exists (recurring jobs keep their own schedule). */
    public Uni<Boolean> ensure(JobSpec job) {
        return pool.preparedQuery("INSERT INTO job (job_key, kind, workspace_id, payload, next_run_at, created_at) "
                + "VALUES ($1, $2, $3, $4::text::jsonb, $5, $6) ON CONFLICT (job_key) DO NOTHING")
                .execute(Tuple.from(java.util.Arrays.asList(job.key(), job.kind(), job.workspaceId(),
                        (job.payload() == null ? new JsonObject() : job.payload()).encode(), job.runAt(), now())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Claims up to {@code limit} due jobs (or jobs whose holder's lease expired) for {@code owner}. */
    public Uni<List<Job>> claim(String owner, int limit, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE job SET status = 'running', claimed_by = $1, lease_until = $2, heartbeat_at = $3, "
                + "last_run_at = $3, attempts = attempts + 1, rerun = false WHERE job_key IN (SELECT job_key FROM job "
                + "WHERE (status = 'queued' AND next_run_at <= $3) OR (status = 'running' AND lease_until < $3) "
                + "ORDER BY next_run_at LIMIT $4 FOR UPDATE SKIP LOCKED) "
                + "RETURNING job_key, kind, workspace_id, payload::text AS payload, attempts")
                .execute(Tuple.of(owner, now.plus(lease), now, limit))
                .map(rows -> {
                    List<Job> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Job(r.getString("job_key"), r.getString("kind"), r.getUUID("workspace_id"),
                            payload(r.getString("payload")), r.getInteger("attempts"))));
                    return out;
                });
    }

    /** A payload that is not a JSON object (never written by this class) reads as empty: the handler decides. */
    private static JsonObject payload(String text) {
        try {
            return new JsonObject(text);
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    /** Renews the lease; false when the job is no longer this owner's (taken over after an expired lease). */
    public Uni<Boolean> heartbeat(String owner, String key, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE job SET lease_until = $3, heartbeat_at = $4 WHERE job_key = $1 AND claimed_by = $2 "
                + "AND status = 'running'")
                .execute(Tuple.of(key, owner, now.plus(lease), now)).map(rows -> rows.rowCount() == 1);
    }

    /** The job succeeded: removed, or queued for its next run (at once when it was enqueued again meanwhile). */
    public Uni<Void> complete(String owner, String key, JobResult result) {
        OffsetDateTime now = now();
        if (result.nextRunAt() == null) {
            return pool.preparedQuery("DELETE FROM job WHERE job_key = $1 AND claimed_by = $2 AND status = 'running' AND NOT rerun")
                    .execute(Tuple.of(key, owner))
                    .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem() : requeue(owner, key, now, 0, null));
        }
        return requeue(owner, key, result.nextRunAt(), 0, null);
    }

    /** The job failed: queued again at {@code retryAt}, or dead (kept with its error) when {@code retryAt} is null. */
    public Uni<Void> fail(String owner, String key, OffsetDateTime retryAt, String error) {
        if (retryAt == null) {
            return pool.preparedQuery("UPDATE job SET status = 'dead', claimed_by = NULL, lease_until = NULL, last_error = $3 "
                    + "WHERE job_key = $1 AND claimed_by = $2 AND status = 'running'")
                    .execute(Tuple.of(key, owner, error)).replaceWithVoid();
        }
        return requeue(owner, key, retryAt, -1, error);
    }

    /** {@code attempts}: 0 resets the count (success), -1 keeps it (failure). */
    private Uni<Void> requeue(String owner, String key, OffsetDateTime at, int attempts, String error) {
        return pool.preparedQuery("UPDATE job SET status = 'queued', claimed_by = NULL, lease_until = NULL, "
                + "next_run_at = CASE WHEN rerun THEN LEAST($3, $6) ELSE $3 END, rerun = false, last_error = $4, "
                + "attempts = CASE WHEN $5 = 0 THEN 0 ELSE attempts END WHERE job_key = $1 AND claimed_by = $2 AND status = 'running'")
                .execute(Tuple.from(java.util.Arrays.asList(key, owner, at, error, attempts, now()))).replaceWithVoid();
    }

    /** Moves a queued job's next run to now (reconciliation on demand). */
    public Uni<Boolean> runNow(String key) {
        return pool.preparedQuery("UPDATE job SET next_run_at = $2 WHERE job_key = $1 AND status = 'queued'")
                .execute(Tuple.of(key, now())).map(rows -> rows.rowCount() == 1);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
