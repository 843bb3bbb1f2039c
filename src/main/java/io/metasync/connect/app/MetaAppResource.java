package io.metasync.connect.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta/app")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Meta connections")
@Produces(MediaType.APPLICATION_JSON)
public class MetaAppResource {

    /** The workspace's own Meta app. The secret is write-only: it is never returned. */
    public record AppRequest(
            @NotBlank @Pattern(regexp = "\\d{5,20}", message = "must be Meta's numeric app id") String appId,
            @NotBlank @Size(max = 200) String appSecret,
            @Size(max = 200) String verifyToken) {
    }

    /** What is stored: the app id and whether a verify token is set; never the secret. */
    public record AppResponse(String appId, boolean verifyTokenSet) {
    }

    private final MetaAppService apps;
    private final CurrentCaller caller;

    public MetaAppResource(MetaAppService apps, CurrentCaller caller) {
        this.apps = apps;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Use the workspace's own Meta app instead of the server's")
    @APIResponse(responseCode = "200", description = "Stored; the secret is encrypted at rest")
    @APIResponse(responseCode = "400", description = "Invalid app id or secret")
    public Uni<AppResponse> put(@NotNull @Valid AppRequest body) {
        return apps.put(caller.workspaceId(), body.appId(), body.appSecret(), body.verifyToken())
                .map(v -> new AppResponse(body.appId(), body.verifyToken() != null && !body.verifyToken().isBlank()));
    }
}
