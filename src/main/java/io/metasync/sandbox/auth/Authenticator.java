package io.metasync.sandbox.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.graph.GraphCall;
import io.metasync.sandbox.graph.GraphError;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Checks a call's token the way Meta does (unknown 190, revoked 190/460, app removed 190/458, expired
 * 190/463) and its appsecret_proof (plain or time-stamped), required when "Require App Secret" is on.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class Authenticator {

    private static final DateTimeFormatter META_DATE = DateTimeFormatter
            .ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Duration PROOF_TIME_WINDOW = Duration.ofMinutes(5);

    private final TokenBook tokens;
    private final World world;
    private final SandboxSettings settings;
    private final SandboxConfig config;

    public Authenticator(TokenBook tokens, World world, SandboxSettings settings, SandboxConfig config) {
        this.tokens = tokens;
        this.world = world;
        this.settings = settings;
        this.config = config;
    }

    public Caller authenticate(GraphCall call, Instant now) {
        String token = call.token().orElseThrow(() -> GraphError.noToken().ex());
        Caller caller = new Caller(token, validate(token, now));
        if (!caller.isApp()) {
            checkProof(call, token, now);
        }
        return caller;
    }

    /** The grant of a token that works now, or Meta's 190 error saying why it does not. */
    public TokenBook.Grant validate(String token, Instant now) {
        var spec = world.catalog().spec();
        TokenBook.Grant grant = tokens.find(token, spec.users(), spec.pages())
                .orElseThrow(() -> GraphError.token(null, "Invalid OAuth access token - Cannot parse access token")
                        .ex());
        if (tokens.revokedAt(token).filter(at -> !at.isAfter(now)).isPresent()) {
            throw GraphError.token(460, "Error validating access token: The session has been invalidated because the"
                    + " user changed their password or Facebook has changed the session for security reasons.").ex();
        }
        if (grant.user() >= 0 && tokens.deauthorized(grant.user())) {
            throw GraphError.token(458, "Error validating access token: The user has not authorized application "
                    + config.appId() + ".").ex();
        }
        Instant expires = tokens.expiresAt(token, grant);
        if (expires != null && !expires.isAfter(now)) {
            throw GraphError.token(463, "Error validating access token: Session has expired on "
                    + META_DATE.format(expires) + ". The current time is " + META_DATE.format(now) + ".").ex();
        }
        return grant;
    }

    /** Whether the caller's user granted {@code scope} (app tokens have every scope). */
    public boolean has(Caller caller, String scope) {
        return caller.isApp() || tokens.has(caller.user(), scope);
    }

    public void require(Caller caller, String scope) {
        if (!caller.isApp() && !tokens.has(caller.user(), scope)) {
            throw GraphError.permission(200, "Requires " + scope + " permission to manage the object").ex();
        }
    }

    private void checkProof(GraphCall call, String token, Instant now) {
        var proof = call.param("appsecret_proof");
        if (proof.isEmpty()) {
            if (settings.get().requireAppsecretProof()) {
                throw new GraphError(400, 100, null, GraphError.METHOD,
                        "API calls from the server require an appsecret_proof argument", false).ex();
            }
            return;
        }
        var time = call.param("appsecret_time");
        String message = time.map(t -> token + "|" + t).orElse(token);
        if (!Hmac.same(proof.get(), Hmac.hex(config.appSecret(), message))) {
            throw new GraphError(400, 100, null, GraphError.METHOD,
                    "Invalid appsecret_proof provided in the API argument", false).ex();
        }
        if (time.isPresent() && !fresh(time.get(), now)) {
            throw new GraphError(400, 100, null, GraphError.METHOD,
                    "Invalid appsecret_time provided in the API argument: the proof is older than 5 minutes", false)
                    .ex();
        }
    }

    private static boolean fresh(String unixSeconds, Instant now) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(unixSeconds));
            return Duration.between(at, now).abs().compareTo(PROOF_TIME_WINDOW) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
