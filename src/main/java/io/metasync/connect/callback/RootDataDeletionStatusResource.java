package io.metasync.connect.callback;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The data-deletion status at the root: {@code /meta/data-deletion/{code}}. */
@Path("/meta/data-deletion")
@PermitAll
@Tag(name = "Meta callbacks")
public class RootDataDeletionStatusResource extends DataDeletionStatusResource {

    public RootDataDeletionStatusResource(MetaCallbacks callbacks, @Location("data-deletion-status.html") Template page) {
        super(callbacks, page);
    }
}
