package io.metasync.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.metasync.common.config.DevConfigFactory;
import io.smallrye.config.ConfigSourceContext;

/**
 * In dev and test, when no signing key is configured, generates an RSA key pair once into
 * {@code metasync.jwt.dev-key-dir} (default {@code target/jwt}) and configures smallrye-jwt to sign
 * and verify the API's tokens with it. Production must configure its own keys.
 */
public class DevJwtKeysConfigFactory extends DevConfigFactory {

    @Override
    protected Map<String, String> provide(ConfigSourceContext context, boolean test) {
        if (configured(context, "smallrye.jwt.sign.key") || configured(context, "smallrye.jwt.sign.key.location")) {
            return Map.of();
        }
        String[] pems = keyPair(Path.of(value(context, "metasync.jwt.dev-key-dir", "target/jwt")));
        return Map.of("smallrye.jwt.sign.key", pems[0], "mp.jwt.verify.publickey", pems[1]);
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

}
