package io.metasync.connect.callback;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * Meta-facing callbacks, signed with the app secret instead of a bearer token. Served both under
 * {@code /api/v1} and at the root ({@link RootMetaCallbackResource}), so either can be registered at Meta.
 * The class path is the full prefix: JAX-RS picks the class with the longest matching path first.
 */
@Path("/api/v1/webhooks/meta")
@PermitAll
@Tag(name = "Meta callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class MetaCallbackResource {

    private final MetaCallbacks callbacks;
    private final String publicUrl;

    public MetaCallbackResource(MetaCallbacks callbacks, @ConfigProperty(name = "metasync.public-url") String publicUrl) {
        this.callbacks = callbacks;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @POST
    @Path("/deauthorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Meta's deauthorize callback: revokes the person's connections and drops their tokens")
    public Uni<Map<String, Object>> deauthorize(@FormParam("signed_request") String signedRequest) {
        return callbacks.deauthorize(signedRequest).map(n -> Map.of("revokedConnections", n));
    }

    @POST
    @Path("/data-deletion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Meta's data-deletion callback: erases the person's data and answers {url, confirmation_code}")
    public Uni<Map<String, String>> dataDeletion(@FormParam("signed_request") String signedRequest) {
        return callbacks.requestDeletion(signedRequest).map(s -> Map.of(
                "url", publicUrl + "/api/v1/meta/data-deletion/" + s.confirmationCode(),
                "confirmation_code", s.confirmationCode()));
    }
}
