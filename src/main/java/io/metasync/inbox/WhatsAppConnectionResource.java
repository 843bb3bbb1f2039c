package io.metasync.inbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Connects a WhatsApp Business number (full class path: JAX-RS picks the longest matching class path). */
@Path("/api/v1/meta/connections/whatsapp")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Inbox")
@Produces(MediaType.APPLICATION_JSON)
public class WhatsAppConnectionResource {

    /** A WhatsApp Business Account, one of its numbers and a (system-user) token with whatsapp_business_messaging. */
    public record WhatsAppConnectRequest(@NotBlank @Pattern(regexp = "[0-9]{1,32}") String wabaId,
            @NotBlank @Pattern(regexp = "[0-9]{1,32}") String phoneNumberId,
            @NotBlank @Size(max = 1000) String accessToken) {

        @Override
        public String toString() {
            return "WhatsAppConnectRequest[wabaId=" + wabaId + ", phoneNumberId=" + phoneNumberId + "]";
        }
    }

    private final WhatsAppNumbers numbers;
    private final CurrentCaller caller;

    public WhatsAppConnectionResource(WhatsAppNumbers numbers, CurrentCaller caller) {
        this.numbers = numbers;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect a WhatsApp Business number: token checked with debug_token, app subscribed to the"
            + " WABA's webhooks, token stored encrypted")
    @APIResponse(responseCode = "201", description = "The number as an inbox channel")
    @APIResponse(responseCode = "400", description = "Missing or malformed ids or token")
    @APIResponse(responseCode = "409", description = "Meta refused the token or the number")
    @APIResponse(responseCode = "422", description = "The token is not valid or lacks whatsapp_business_messaging on the WABA")
    public Uni<Response> connect(@NotNull @Valid WhatsAppConnectRequest request) {
        return numbers.connect(caller.workspaceId(), request.wabaId(), request.phoneNumberId(), request.accessToken())
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }
}
