package io.metasync.webhooks;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Meta's webhook endpoint (META-FACTS §6): the verification handshake, and deliveries checked against
 * {@code X-Hub-Signature-256} over the raw bytes and committed to the durable inbox before the 200.
 * Nothing else happens here; {@link WebhookRouter} and the dispatch jobs do the rest. Same class path as
 * the connect room's deauthorize/data-deletion callbacks, which JAX-RS serves beside these methods.
 */
@Path("/webhooks/meta")
@PermitAll
@Tag(name = "Meta webhooks")
public class WebhookResource {

    private final WebhookIntake intake;

    public WebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription handshake: echoes hub.challenge when hub.verify_token is a known app's")
    @APIResponse(responseCode = "200", description = "The challenge, verbatim")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    public Uni<String> handshake(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        return intake.handshake(mode, token, challenge);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A webhook delivery from Meta: signature checked over the raw body, stored durably, then 200")
    @APIResponse(responseCode = "200", description = "Stored; it is processed afterwards")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Hub-Signature-256")
    @APIResponse(responseCode = "413", description = "Body over the configured size")
    @APIResponse(responseCode = "503", description = "Could not be stored now (Meta retries)")
    public Uni<Response> deliver(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        if (body == null) {
            throw new ProblemException(400, "validation", "Invalid request", "A webhook delivery needs a body");
        }
        return intake.deliver(signature, body).replaceWith(() -> Response.ok().build());
    }
}
