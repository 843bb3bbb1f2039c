package io.metasync.webhooks;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The workspace's webhook events (its share of each delivery): list by status, replay dead or processed leadgen ones. */
@Path("/api/v1/webhooks/events")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Meta webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEventResource {

    static final List<String> STATUSES = List.of("pending", "processed", "dead", "pending_inbox", "ignored");

    private final WebhookEntryViews store;
    private final WebhookEvents events;
    private final CurrentCaller caller;

    public WebhookEventResource(WebhookEntryViews store, WebhookEvents events, CurrentCaller caller) {
        this.store = store;
        this.events = events;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The workspace's webhook events, newest first, optionally by status")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor")
    public Uni<Page<WebhookEntryView>> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + STATUSES);
        }
        return store.list(caller.workspaceId(), status, PageRequest.of(limit, cursor));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Processes a dead or processed leadgen event again (its leads are fetched and upserted again)")
    @APIResponse(responseCode = "200", description = "The event, pending again")
    @APIResponse(responseCode = "404", description = "No such event in this workspace")
    @APIResponse(responseCode = "409", description = "The event cannot be replayed in its status")
    public Uni<WebhookEntryView> replay(@PathParam("id") long id) {
        return events.replay(caller.workspaceId(), id);
    }
}
