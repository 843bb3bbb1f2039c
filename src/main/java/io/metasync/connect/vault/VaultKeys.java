package io.metasync.connect.vault;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token vault's keys: {@code metasync.vault.keys} is a comma-separated list of
 * {@code keyId:base64(32 random bytes)}; {@code metasync.vault.active-key} names the one new
 * ciphertexts use (default: the first). Older keys stay listed until the re-encrypt job has moved
 * every row off them, so keys rotate without downtime.
 */
@ApplicationScoped
public class VaultKeys {

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeId;

    public VaultKeys(@ConfigProperty(name = "metasync.vault.keys") String spec,
            @ConfigProperty(name = "metasync.vault.active-key") Optional<String> active) {
        for (String entry : spec.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("metasync.vault.keys entries must be keyId:base64key");
            }
            String id = trimmed.substring(0, colon);
            byte[] raw = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            if (raw.length != 32) {
                throw new IllegalArgumentException("vault key '" + id + "' must be 32 bytes (AES-256), not " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        }
        activeId = active.filter(a -> !a.isBlank()).orElse(keys.keySet().iterator().next());
        if (!keys.containsKey(activeId)) {
            throw new IllegalArgumentException("metasync.vault.active-key '" + activeId + "' is not in metasync.vault.keys");
        }
    }

    String activeId() {
        return activeId;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
