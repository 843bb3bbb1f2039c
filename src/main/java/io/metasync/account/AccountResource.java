package io.metasync.account;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.metasync.account.AccountDtos.LoginRequest;
import io.metasync.account.AccountDtos.MeResponse;
import io.metasync.account.AccountDtos.RegisterRequest;
import io.metasync.account.AccountDtos.RegisterResponse;
import io.metasync.account.AccountDtos.TokenResponse;
import io.metasync.account.AccountDtos.WorkspaceResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public class AccountResource {

    private final AccountService accounts;
    private final HttpServerRequest request;

    public AccountResource(AccountService accounts, HttpServerRequest request) {
        this.accounts = accounts;
        this.request = request;
    }

    @POST
    @Path("/auth/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a user and its own workspace")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "409", description = "The e-mail is taken")
    public Uni<RegisterResponse> register(@NotNull @Valid RegisterRequest body) {
        return accounts.register(body.email(), body.password(), body.workspaceName());
    }

    @POST
    @Path("/auth/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in and get a bearer token")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Wrong e-mail or password")
    @APIResponse(responseCode = "429", description = "Too many failed attempts")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest body) {
        return accounts.login(body.email(), body.password(), clientAddress());
    }

    @POST
    @Path("/auth/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in with an OAuth2-style form (username, password)")
    public Uni<TokenResponse> loginForm(@FormParam("username") @NotBlank String username,
            @FormParam("password") @NotBlank String password) {
        return accounts.login(username, password, clientAddress());
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The caller's user and workspace")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Uni<MeResponse> me() {
        return accounts.me();
    }

    @GET
    @Path("/workspaces/{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The caller's workspace (another workspace's id answers 404)")
    @APIResponse(responseCode = "200", description = "The workspace")
    @APIResponse(responseCode = "404", description = "No such workspace for this caller")
    public Uni<WorkspaceResponse> workspace(@PathParam("id") UUID id) {
        return accounts.workspace(id);
    }

    private String clientAddress() {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
