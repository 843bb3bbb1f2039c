package io.metasync.jobs;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/sync-runs")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Sync runs")
@Produces(MediaType.APPLICATION_JSON)
public class SyncRunResource {

    private final SyncRunStore store;
    private final SyncRunner runner;
    private final CurrentCaller caller;

    public SyncRunResource(SyncRunStore store, SyncRunner runner, CurrentCaller caller) {
        this.store = store;
        this.runner = runner;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The workspace's sync runs, newest first")
    @APIResponse(responseCode = "200", description = "A page of runs")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
    public Uni<Page<SyncRunView>> list(@QueryParam("kind") String kind, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (status != null && !SyncRunView.STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + SyncRunView.STATUSES);
        }
        if (kind != null && (kind.isBlank() || kind.length() > 30)) {
            throw ProblemException.invalid("kind", "must be a run kind such as leads");
        }
        return store.list(caller.workspaceId(), kind, status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One sync run with its counts, Graph calls and errors")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run in this workspace")
    public Uni<SyncRunView> get(@PathParam("id") UUID id) {
        return store.get(caller.workspaceId(), id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events of a run: 'progress' while it runs, then 'done'")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "404", description = "No such run in this workspace")
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @Context Sse sse) {
        UUID workspaceId = caller.workspaceId();
        return runner.changes(workspaceId, id)
                .map(run -> sse.newEventBuilder().name(run.finished() ? "done" : "progress").id(run.id().toString())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(SyncRunView.class, run).build());
    }
}
