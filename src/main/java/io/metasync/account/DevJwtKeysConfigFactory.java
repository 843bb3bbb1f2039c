package io.metasync.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * In dev and test, when no signing key is configured, generates an RSA key pair once into
 * {@code metasync.jwt.dev-key-dir} (default {@code target/jwt}) and configures smallrye-jwt to sign
 * and verify the API's tokens with it. Production must configure its own keys.
 */
public class DevJwtKeysConfigFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!(profiles.contains("dev") || profiles.contains("test")) || configured(context, "smallrye.jwt.sign.key")
                || configured(context, "smallrye.jwt.sign.key.location")) {
            return List.of();
        }
        String dir = value(context, "metasync.jwt.dev-key-dir", "target/jwt");
        String[] pems = keyPair(Path.of(dir));
        return List.of(new MapBackedConfigSource("metasync dev JWT keys", Map.of(
                "smallrye.jwt.sign.key", pems[0],
                "mp.jwt.verify.publickey", pems[1]), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static synchronized String[] keyPair(Path dir) {
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.createDirectories(dir);
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            return new String[] { Files.readString(privateKey), Files.readString(publicKey) };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dev JWT keys into " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        return !value(context, name, "").isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
