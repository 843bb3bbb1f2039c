package io.metasync.common.tenant;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.metasync.common.problem.ProblemException;

/**
 * Who is calling: the user and workspace of the verified bearer token. Every workspace-scoped query
 * takes its workspace from here, never from the request, so no caller can reach another's data.
 */
@RequestScoped
public class CurrentCaller {

    /** The token claim that carries the caller's workspace id. */
    public static final String WORKSPACE_CLAIM = "wid";

    @Inject
    JsonWebToken jwt;

    public UUID userId() {
        return uuid(jwt.getSubject(), "sub");
    }

    public UUID workspaceId() {
        Object claim = jwt.getClaim(WORKSPACE_CLAIM);
        return uuid(claim == null ? null : claim.toString(), WORKSPACE_CLAIM);
    }

    private static UUID uuid(String value, String claim) {
        if (value == null) {
            throw new ProblemException(403, "forbidden", "Forbidden", "The token has no '" + claim + "' claim");
        }
        try {
            return UUID.fromString(value.replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(403, "forbidden", "Forbidden", "The token's '" + claim + "' claim is not an id");
        }
    }
}
