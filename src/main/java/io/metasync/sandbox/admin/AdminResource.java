package io.metasync.sandbox.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.auth.TokenBook;
import io.metasync.sandbox.fault.FaultBook;
import io.metasync.sandbox.fault.FaultRule;
import io.metasync.sandbox.world.WorldSpec;
import io.quarkus.arc.profile.IfBuildProfile;

/** The sandbox admin API: reset, world, settings, faults, request log, clock and tokens (docs/sandbox.md). */
@Path("/sandbox/admin")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
@IfBuildProfile(anyOf = { "dev", "test" })
public class AdminResource {

    /** Body of {@code POST /clock/advance}. */
    public record Advance(long seconds) {
    }

    /** Optional body of the token endpoints: when it takes effect (default: now). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Moment(Instant at, Long inSeconds) {
    }

    private final SandboxAdmin admin;
    private final FaultBook faults;
    private final RequestLog log;
    private final AppClock clock;
    private final TokenBook tokens;
    private final SandboxSettings settings;
    private final ObjectMapper json;

    public AdminResource(SandboxAdmin admin, FaultBook faults, RequestLog log, AppClock clock, TokenBook tokens,
            SandboxSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.admin = admin;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        this.tokens = tokens;
    }

    @POST
    @Path("reset")
    public Map<String, Object> reset(String body) {
        return Map.of("reset", true, "spec", admin.reset(optional(body, WorldSpec.Patch.class)));
    }

    @GET
    @Path("world")
    public Map<String, Object> world() {
        return admin.describe();
    }

    @GET
    @Path("settings")
    public SandboxSettings.Settings settings() {
        return settings.get();
    }

    @PUT
    @Path("settings")
    public SandboxSettings.Settings changeSettings(SandboxSettings.Patch patch) {
        if (patch == null) {
            throw new io.metasync.sandbox.BadSandboxRequest("a settings object is required");
        }
        return admin.changeSettings(patch);
    }

    @POST
    @Path("faults")
    public Map<String, Object> addFault(FaultRule rule) {
        if (rule == null) {
            throw new io.metasync.sandbox.BadSandboxRequest("a fault rule is required");
        }
        return Map.of("id", faults.add(rule, clock.instant()));
    }

    @GET
    @Path("faults")
    public java.util.List<FaultRule.Active> listFaults() {
        return faults.list();
    }

    @DELETE
    @Path("faults")
    public Map<String, Object> clearFaults() {
        faults.clear();
        return Map.of("cleared", true);
    }

    @GET
    @Path("requests")
    public RequestLog.Snapshot requests() {
        return log.snapshot();
    }

    @DELETE
    @Path("requests")
    public Map<String, Object> clearRequests() {
        log.clear();
        return Map.of("cleared", true);
    }

    @GET
    @Path("clock")
    public Map<String, Object> clock() {
        return Map.of("now", clock.instant().toString());
    }

    @POST
    @Path("clock/advance")
    public Map<String, Object> advance(Advance advance) {
        if (advance == null || advance.seconds() < 0) {
            throw new io.metasync.sandbox.BadSandboxRequest("seconds must be >= 0");
        }
        clock.advance(Duration.ofSeconds(advance.seconds()));
        return clock();
    }

    /** {@code POST tokens/{token}/expire} (190/463 from then on) and {@code .../revoke} (190/460). */
    @POST
    @Path("tokens/{token}/{action: expire|revoke}")
    public Map<String, Object> token(@PathParam("token") String token, @PathParam("action") String action,
            String body) {
        Instant at = at(optional(body, Moment.class));
        if (action.equals("expire")) {
            tokens.expire(token, at);
            return Map.of("expiresAt", at.toString());
        }
        tokens.revoke(token, at);
        return Map.of("revokedAt", at.toString());
    }

    /** An optional JSON body: null when absent. */
    private <T> T optional(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.metasync.sandbox.BadSandboxRequest("invalid JSON body: " + e.getOriginalMessage());
        }
    }

    private Instant at(Moment moment) {
        Instant now = clock.instant();
        if (moment == null) {
            return now;
        }
        return moment.at() != null ? moment.at() : now.plusSeconds(moment.inSeconds() == null ? 0 : moment.inSeconds());
    }

}
