package io.metasync.connect.callback;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The same Meta callbacks at the root: {@code /webhooks/meta/...}. */
@Path("/webhooks/meta")
@PermitAll
@Tag(name = "Meta callbacks")
public class RootMetaCallbackResource extends MetaCallbackResource {

    public RootMetaCallbackResource(MetaCallbacks callbacks, @ConfigProperty(name = "metasync.public-url") String publicUrl) {
        super(callbacks, publicUrl);
    }
}
