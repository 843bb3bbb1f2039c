package io.metasync.jobs;

import java.util.UUID;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * An event stream's headers go out when it starts, so {@code GET /sync-runs/{id}/events} looks the run
 * up before: another workspace's run (or none) answers a 404 problem, not a stream that breaks off.
 */
public class SyncRunEventsGuard {

    private final SyncRunStore store;
    private final CurrentCaller caller;

    public SyncRunEventsGuard(SyncRunStore store, CurrentCaller caller) {
        this.store = store;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Void> runOfTheCaller(SimpleResourceInfo resource, UriInfo uri) {
        if (resource.getResourceClass() != SyncRunResource.class || !"events".equals(resource.getMethodName())) {
            return Uni.createFrom().voidItem();
        }
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("Sync run"));
        }
        return store.get(caller.workspaceId(), id).replaceWithVoid();
    }
}
