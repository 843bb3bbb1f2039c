package io.metasync.sandbox.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.graph.GraphError;
import io.quarkus.arc.profile.IfBuildProfile;

/** OAuth codes handed out by the login dialog: single use, tied to the redirect URI, valid 10 minutes. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class CodeBook {

    private static final Duration VALID = Duration.ofMinutes(10);
    private static final String USED = "This authorization code has been used.";

    private record Issued(int user, String redirectUri, Instant at) {
    }

    private final Map<String, Issued> open = new ConcurrentHashMap<>();
    private final Map<String, Boolean> used = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public String issue(int user, String redirectUri, Instant now) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = "AQ" + HexFormat.of().formatHex(bytes);
        open.put(code, new Issued(user, redirectUri, now));
        return code;
    }

    /** The user a code was issued for; the code is spent whatever the outcome. */
    public int redeem(String code, String redirectUri, Instant now) {
        if (used.containsKey(code)) {
            throw new GraphError(400, 100, 36009, GraphError.OAUTH, USED, false)
                    .withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_code\" \"" + USED + "\"")
                    .ex();
        }
        Issued issued = open.remove(code);
        if (issued == null || issued.at.plus(VALID).isBefore(now)) {
            throw new GraphError(400, 100, null, GraphError.OAUTH, "Invalid verification code format.", false).ex();
        }
        used.put(code, Boolean.TRUE);
        if (redirectUri != null && !redirectUri.equals(issued.redirectUri)) {
            throw new GraphError(400, 100, 36008, GraphError.OAUTH, "Error validating verification code. Please make"
                    + " sure your redirect_uri is identical to the one you used in the OAuth dialog request", false)
                    .ex();
        }
        return issued.user;
    }

    public void clear() {
        open.clear();
        used.clear();
    }
}
