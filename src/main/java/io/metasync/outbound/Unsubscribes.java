package io.metasync.outbound;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.vault.TokenVault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-workspace suppression list and the unsubscribe links that fill it. A link's token is the
 * workspace id and address sealed by the token vault (AES-GCM: it cannot be forged or altered), base64url.
 */
@ApplicationScoped
public class Unsubscribes {

    static final String PATH = "/api/v1/outbound/unsubscribe";
    private static final String CONTEXT = "outbound_unsubscribe";

    /** A workspace's address, as named by a valid token. */
    public record Address(UUID workspaceId, String email) {
    }

    private final Pool pool;
    private final TokenVault vault;
    private final String publicUrl;

    public Unsubscribes(Pool pool, TokenVault vault, @ConfigProperty(name = "metasync.public-url") String publicUrl) {
        this.pool = pool;
        this.vault = vault;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String link(UUID workspaceId, String email) {
        String sealed = vault.seal(workspaceId + " " + normalise(email), CONTEXT);
        return publicUrl + PATH + "?token=" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    }

    /** The address a token names; a 400 problem when the token is not one of ours. */
    public Address open(String token) {
        try {
            String plain = vault.open(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8), CONTEXT);
            int space = plain.indexOf(' ');
            return new Address(UUID.fromString(plain.substring(0, space)), plain.substring(space + 1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("token", "is not a valid unsubscribe token");
        }
    }

    public Uni<Void> suppress(Address address, OffsetDateTime at) {
        return pool.preparedQuery("INSERT INTO outbound_suppression (workspace_id, email, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(address.workspaceId(), address.email(), at)).replaceWithVoid();
    }

    public Uni<Boolean> suppressed(UUID workspaceId, String email) {
        return pool.preparedQuery("SELECT 1 FROM outbound_suppression WHERE workspace_id = $1 AND email = $2")
                .execute(Tuple.of(workspaceId, normalise(email))).map(rows -> rows.size() > 0);
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
