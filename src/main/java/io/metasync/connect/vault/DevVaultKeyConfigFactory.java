package io.metasync.connect.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.metasync.common.config.DevConfigFactory;
import io.smallrye.config.ConfigSourceContext;

/**
 * In dev and test, when no vault key is configured, generates one AES-256 key once into
 * {@code metasync.vault.dev-key-dir} (default {@code target/vault}). Production must configure
 * {@code metasync.vault.keys}.
 */
public class DevVaultKeyConfigFactory extends DevConfigFactory {

    @Override
    protected Map<String, String> provide(ConfigSourceContext context, boolean test) {
        if (configured(context, "metasync.vault.keys")) {
            return Map.of();
        }
        Path file = Path.of(value(context, "metasync.vault.dev-key-dir", "target/vault")).resolve("dev.key");
        return Map.of("metasync.vault.keys", "dev:" + key(file));
    }

    private static synchronized String key(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(raw));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dev vault key " + file, e);
        }
    }
}
