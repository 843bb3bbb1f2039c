package io.metasync.connect.callback;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** The public status of a data-deletion request (the URL given to Meta); also at the root ({@link RootDataDeletionStatusResource}). */
@Path("/api/v1/meta/data-deletion")
@PermitAll
@Tag(name = "Meta callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class DataDeletionStatusResource {

    private final MetaCallbacks callbacks;
    private final Template page;

    public DataDeletionStatusResource(MetaCallbacks callbacks, @Location("data-deletion-status.html") Template page) {
        this.callbacks = callbacks;
        this.page = page;
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "The status of a data-deletion request (public)")
    public Uni<MetaCallbacks.DeletionStatus> status(@PathParam("code") String code) {
        return callbacks.status(code);
    }

    /** The same status as a page: this URL is shown to the person who asked Meta to delete their data. */
    @GET
    @Path("/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The status of a data-deletion request as a web page (public)")
    public Uni<String> statusPage(@PathParam("code") String code) {
        return callbacks.status(code).flatMap(s -> page.data("s", s).createUni());
    }
}
