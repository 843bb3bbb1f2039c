package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;

/** The link in every outbound e-mail: public (the token is the proof), puts the address on the workspace's suppression list. */
@Path(Unsubscribes.PATH)
@PermitAll
@Tag(name = "Outbound")
@Produces(MediaType.APPLICATION_JSON)
public class UnsubscribeResource {

    private final Unsubscribes unsubscribes;
    private final AppClock clock;

    public UnsubscribeResource(Unsubscribes unsubscribes, AppClock clock) {
        this.unsubscribes = unsubscribes;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Unsubscribe the address an e-mail was sent to (public; the signed token is the proof)")
    @APIResponse(responseCode = "200", description = "Unsubscribed: no later e-mail of the workspace goes to the address")
    @APIResponse(responseCode = "400", description = "Not a valid unsubscribe token")
    public Uni<Map<String, Object>> unsubscribe(@QueryParam("token") String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalid("token", "is required");
        }
        Unsubscribes.Address address = unsubscribes.open(token);
        return unsubscribes.suppress(address, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .replaceWith(Map.of("unsubscribed", true));
    }
}
