package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TreeSet;
import java.util.UUID;

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
import io.metasync.common.time.AppClock;
import io.metasync.outbound.OutboundViews.DeliveryView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/deliveries")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Outbound")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryStore deliveries;
    private final CurrentCaller caller;
    private final AppClock clock;

    public DeliveryResource(DeliveryStore deliveries, CurrentCaller caller, AppClock clock) {
        this.deliveries = deliveries;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The delivery log, newest first: attempts, last error, next retry")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "Invalid destinationId, status, limit or cursor")
    public Uni<Page<DeliveryView>> list(@QueryParam("destinationId") String destinationId, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (status != null && !DeliveryStore.STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + new TreeSet<>(DeliveryStore.STATUSES));
        }
        return deliveries.list(caller.workspaceId(), uuid(destinationId), status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery with its attempts")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No such delivery in this workspace")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return deliveries.get(caller.workspaceId(), id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Re-queue a failed, dead or skipped delivery now, with a fresh retry window")
    @APIResponse(responseCode = "200", description = "The delivery, pending again")
    @APIResponse(responseCode = "404", description = "No such delivery in this workspace")
    @APIResponse(responseCode = "409", description = "The delivery is pending or delivered")
    public Uni<DeliveryView> replay(@PathParam("id") UUID id) {
        UUID workspaceId = caller.workspaceId();
        return deliveries.replay(workspaceId, id, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .flatMap(v -> deliveries.get(workspaceId, id));
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("destinationId", "must be a destination id");
        }
    }
}
