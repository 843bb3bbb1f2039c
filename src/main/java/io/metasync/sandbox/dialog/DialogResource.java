package io.metasync.sandbox.dialog;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.auth.CodeBook;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The login dialog, mimicking {@code https://www.facebook.com/vNN.0/dialog/oauth} (META-FACTS §5.1):
 * the "user" logs in and consents at once, and the browser is sent back to {@code redirect_uri} with
 * {@code code} and the unchanged {@code state}. Sandbox-only parameters: {@code sandbox_user} (index of
 * the user who logs in, default 0) and {@code sandbox_decision=deny} (the user cancels:
 * {@code error=access_denied&error_reason=user_denied}).
 */
@Path("/sandbox/dialog")
@PermitAll
@IfBuildProfile(anyOf = { "dev", "test" })
public class DialogResource {

    private final SandboxConfig config;
    private final CodeBook codes;
    private final World world;
    private final AppClock clock;

    public DialogResource(SandboxConfig config, CodeBook codes, World world, AppClock clock) {
        this.config = config;
        this.codes = codes;
        this.world = world;
        this.clock = clock;
    }

    @GET
    @Path("{version: v\\d+\\.\\d+}/dialog/oauth")
    public Response versioned(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state, @QueryParam("sandbox_user") Integer user,
            @QueryParam("sandbox_decision") String decision) {
        return oauth(clientId, redirectUri, state, user, decision);
    }

    @GET
    @Path("oauth")
    public Response oauth(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state, @QueryParam("sandbox_user") Integer user,
            @QueryParam("sandbox_decision") String decision) {
        if (!config.appId().equals(clientId) || redirectUri == null || !redirectUri.startsWith("http")) {
            return Response.status(400).type(MediaType.TEXT_PLAIN)
                    .entity("Invalid App ID or redirect_uri: the login dialog cannot continue.").build();
        }
        String query;
        if ("deny".equals(decision)) {
            query = "error=access_denied&error_code=200&error_description=" + enc("Permissions error")
                    + "&error_reason=user_denied";
        } else {
            int who = user == null ? 0 : user;
            if (who < 0 || who >= world.catalog().spec().users()) {
                return Response.status(400).type(MediaType.TEXT_PLAIN).entity("No such sandbox user.").build();
            }
            query = "code=" + codes.issue(who, redirectUri, clock.instant());
        }
        if (state != null) {
            query += "&state=" + enc(state);
        }
        String sep = redirectUri.contains("?") ? "&" : "?";
        return Response.status(302).location(URI.create(redirectUri + sep + query + "#_=_")).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
