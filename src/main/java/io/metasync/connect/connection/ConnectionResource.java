package io.metasync.connect.connection;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionViews.ConnectionView;
import io.metasync.connect.connection.ConnectionViews.VerifyView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta/connections")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Meta connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    /** A system user's token (Business Manager), checked with debug_token before it is stored. */
    /** A system user's token; {@code adAccountId} ({@code act_<id>} or the bare number) is linked even if not listed. */
    public record SystemUserRequest(@NotBlank @Size(max = 1000) String accessToken,
            @jakarta.validation.constraints.Pattern(regexp = "(act_)?\\d{1,30}") String adAccountId) {

        String account() {
            return adAccountId == null ? null : adAccountId.startsWith("act_") ? adAccountId : "act_" + adAccountId;
        }
    }

    private final ConnectionService connections;
    private final ConnectionAdmin admin;
    private final ConnectionLinker linker;
    private final MetaAppService apps;
    private final CurrentCaller caller;

    public ConnectionResource(ConnectionService connections, ConnectionAdmin admin, ConnectionLinker linker,
            MetaAppService apps, CurrentCaller caller) {
        this.connections = connections;
        this.admin = admin;
        this.linker = linker;
        this.apps = apps;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The workspace's Meta connections, their health, pages and ad accounts")
    public Uni<Page<ConnectionView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return connections.list().map(items -> Cursor.slice(items, page, c -> c.id().toString()));
    }

    @POST
    @Path("/system-user")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Store a system user's token after checking it with debug_token")
    @APIResponse(responseCode = "201", description = "Connected")
    @APIResponse(responseCode = "422", description = "Meta says the token is not valid")
    public Uni<ConnectionView> systemUser(@NotNull @Valid SystemUserRequest body) {
        UUID workspaceId = caller.workspaceId();
        return apps.forWorkspace(workspaceId)
                .flatMap(app -> linker.link(workspaceId, app, MetaConnection.Kind.system_user, body.accessToken().strip(),
                        body.account()))
                .flatMap(connections::get);
    }

    @GET
    @Path("/{id}/verify")
    @Operation(summary = "Ask Meta now whether the connection works and has the permissions metasync needs")
    @APIResponse(responseCode = "404", description = "No such connection in this workspace")
    public Uni<VerifyView> verify(@PathParam("id") UUID id) {
        return admin.verify(id);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke the app at Meta and delete the stored tokens")
    @APIResponse(responseCode = "204", description = "Disconnected")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return admin.disconnect(id);
    }

}
