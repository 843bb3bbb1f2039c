package io.metasync.connect.oauth;

import java.net.URI;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.tenant.CurrentCaller;
import io.metasync.connect.connection.ConnectionService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta/oauth")
@Tag(name = "Meta connections")
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    private final OAuthFlow flow;
    private final ConnectionService connections;
    private final CurrentCaller caller;

    public OAuthResource(OAuthFlow flow, ConnectionService connections, CurrentCaller caller) {
        this.flow = flow;
        this.connections = connections;
        this.caller = caller;
    }

    @GET
    @Path("/authorize")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Meta's login dialog URL with a single-use, expiring state bound to the caller")
    @APIResponse(responseCode = "200", description = "{url, state}")
    public Uni<Map<String, String>> authorize(@QueryParam("redirectTo") String redirectTo) {
        return flow.authorize(caller.workspaceId(), caller.userId(), redirectTo);
    }

    /**
     * Meta redirects the browser here, which carries no bearer token: the single-use state, bound to
     * the user and workspace that asked for the dialog, is the credential.
     */
    @GET
    @Path("/callback")
    @PermitAll
    @Operation(summary = "Meta's redirect: exchanges the code for long-lived user and page tokens and stores them encrypted")
    @APIResponse(responseCode = "200", description = "The connection (when no redirectTo was given)")
    @APIResponse(responseCode = "302", description = "To redirectTo, with ?connectionId=")
    @APIResponse(responseCode = "400", description = "Forged, replayed or expired state, or the user cancelled")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
        return flow.callback(code, state, error, errorDescription).flatMap(linked -> {
            if (linked.redirectTo() != null && !linked.redirectTo().isBlank()) {
                String sep = linked.redirectTo().contains("?") ? "&" : "?";
                return Uni.createFrom().item(Response.status(302)
                        .location(URI.create(linked.redirectTo() + sep + "connectionId=" + linked.connectionId())).build());
            }
            return connections.byId(linked.connectionId()).map(view -> Response.ok(view).build());
        });
    }
}
