package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.common.time.AppClock;
import io.metasync.leads.LeadViews.Consent;
import io.metasync.leads.LeadViews.LeadDetail;
import io.metasync.outbound.OutboundViews.AttemptView;
import io.metasync.outbound.OutboundViews.DestinationRequest;
import io.metasync.outbound.OutboundViews.DestinationView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/destinations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Outbound")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {

    private final DestinationService destinations;
    private final DestinationStore store;
    private final Dispatcher dispatcher;
    private final CurrentCaller caller;
    private final AppClock clock;

    public DestinationResource(DestinationService destinations, DestinationStore store, Dispatcher dispatcher, CurrentCaller caller,
            AppClock clock) {
        this.destinations = destinations;
        this.store = store;
        this.dispatcher = dispatcher;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The workspace's destinations (secrets are never returned)")
    @APIResponse(responseCode = "200", description = "The destinations, by id")
    public Uni<Page<DestinationView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return destinations.list(caller.workspaceId()).map(items -> Cursor.slice(items, page, d -> d.id().toString()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Add a webhook or e-mail destination; new leads (of formIds, or of every form) are handed on to it")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid kind, URL, template or form id")
    public Uni<DestinationView> create(DestinationRequest body) {
        return destinations.create(caller.workspaceId(), body);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One destination")
    @APIResponse(responseCode = "200", description = "The destination")
    @APIResponse(responseCode = "404", description = "No such destination in this workspace")
    public Uni<DestinationView> get(@PathParam("id") UUID id) {
        return destinations.get(caller.workspaceId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a destination; a secret left out is kept, null removes it")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid kind, URL, template or form id")
    @APIResponse(responseCode = "404", description = "No such destination in this workspace")
    public Uni<DestinationView> update(@PathParam("id") UUID id, DestinationRequest body) {
        return destinations.update(caller.workspaceId(), id, body);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a destination and its deliveries")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such destination in this workspace")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return destinations.delete(caller.workspaceId(), id);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a sample lead now (an e-mail goes to the destination's own from address); answers the attempt")
    @APIResponse(responseCode = "200", description = "The attempt: outcome delivered, retry, dead, gone or skipped")
    @APIResponse(responseCode = "404", description = "No such destination in this workspace")
    public Uni<AttemptView> test(@PathParam("id") UUID id) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return store.get(caller.workspaceId(), id).flatMap(d -> dispatcher.send(d, UUID.randomUUID(), 0, sample(d, now)))
                .map(r -> new AttemptView(1, now, r.outcome(), r.statusCode(), r.error(), r.durationMs()));
    }

    /** A made-up lead: named "Test Lead", the destination's from address (or test@example.com), every consent ticked. */
    private static LeadDetail sample(Destination d, OffsetDateTime now) {
        String email = d.config().path("from").asText("test@example.com");
        String consentKey = d.config().path("requireConsentKey").asText("marketing");
        return new LeadDetail(new UUID(0, 0), "0", "0", "0", null, null, null, "fb", true, now,
                Map.of("email", email, "fullName", "Test Lead", "firstName", "Test", "lastName", "Lead"), null,
                List.of(new Consent(consentKey, true, "Sample consent", now)), "new", "test", now, null, List.of());
    }
}
