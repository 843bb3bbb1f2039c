package io.metasync.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.metasync.common.Workers;
import io.smallrye.mutiny.Uni;

/** bcrypt password hashes, computed on worker threads (hashing is deliberately slow). */
@ApplicationScoped
class PasswordHasher {

    /** Compared against when the e-mail is unknown, so that a miss costs as long as a wrong password. */
    private volatile String dummyHash;

    @ConfigProperty(name = "metasync.password.bcrypt-cost", defaultValue = "11")
    int cost;

    Uni<String> hash(String password) {
        return Workers.offload(() -> BCrypt.withDefaults().hashToString(cost, password.toCharArray()));
    }

    Uni<Boolean> matches(String password, String hash) {
        return Workers.offload(() -> {
            String against = hash != null ? hash : dummyHash();
            return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    against.getBytes(StandardCharsets.UTF_8)).verified && hash != null;
        });
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = BCrypt.withDefaults().hashToString(cost, "not-a-password".toCharArray());
        }
        return dummyHash;
    }
}
