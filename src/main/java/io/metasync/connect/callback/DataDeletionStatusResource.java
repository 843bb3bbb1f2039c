package io.metasync.connect.callback;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** The public status of a data-deletion request (the URL given to Meta); also at the root ({@link RootDataDeletionStatusResource}). */
@Path("/api/v1/meta/data-deletion")
@PermitAll
@Tag(name = "Meta callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class DataDeletionStatusResource {

    private final MetaCallbacks callbacks;

    public DataDeletionStatusResource(MetaCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "The status of a data-deletion request (public)")
    public Uni<MetaCallbacks.DeletionStatus> status(@PathParam("code") String code) {
        return callbacks.status(code);
    }
}
