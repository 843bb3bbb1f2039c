package io.metasync.privacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/privacy")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    private final ErasureService erasure;
    private final CurrentCaller caller;

    public PrivacyResource(ErasureService erasure, CurrentCaller caller) {
        this.erasure = erasure;
        this.caller = caller;
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a person's leads, consents and inbox messages (by e-mail, phone or Meta user id); answers what was erased")
    @APIResponse(responseCode = "200", description = "What was erased (zero counts when nothing matched)")
    @APIResponse(responseCode = "400", description = "No identifier, or an invalid one")
    public Uni<ErasureResult> erase(@NotNull @Valid ErasureRequest request) {
        if (request.empty()) {
            throw ProblemException.invalid("email", "give at least one of email, phone or metaUserId");
        }
        return erasure.erase(caller.workspaceId(), request);
    }
}
