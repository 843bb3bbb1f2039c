package io.metasync.jobs;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.metasync.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * How an endpoint that starts long work answers (API.md conventions): {@code 202} with the run and
 * {@code Location: /api/v1/sync-runs/{id}}; with {@code ?wait=SECONDS} (max 60) it waits and answers
 * {@code 200} when the run finished in time.
 */
@ApplicationScoped
public class SyncRunResponses {

    public static final int MAX_WAIT_SECONDS = 60;

    private final SyncRunner runner;

    public SyncRunResponses(SyncRunner runner) {
        this.runner = runner;
    }

    /** Checks {@code ?wait=} before any work starts (400 problem when out of range). */
    public static Duration waitFor(Integer seconds) {
        if (seconds == null) {
            return Duration.ZERO;
        }
        if (seconds < 0 || seconds > MAX_WAIT_SECONDS) {
            throw ProblemException.invalid("wait", "must be between 0 and " + MAX_WAIT_SECONDS + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    public Uni<Response> answer(UUID workspaceId, Uni<SyncRunView> launched, Duration wait) {
        return launched.flatMap(run -> wait.isZero() ? Uni.createFrom().item(run) : runner.awaitFinished(workspaceId, run.id(), wait))
                // 200 only for a caller who waited and got the result (API.md); without ?wait= long work is a 202
                .map(run -> Response.status(!wait.isZero() && run.finished() ? 200 : 202)
                        .location(URI.create("/api/v1/sync-runs/" + run.id()))
                        .entity(run).build());
    }
}
