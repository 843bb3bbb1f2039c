package io.metasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app as production runs it (page size, batch size, form concurrency from application.properties'
 * defaults, not the test profile's small values), plus HTTPS on {@link #HTTPS_PORT} with a throwaway
 * self-signed certificate made by the JDK's keytool, because Meta's SDK only speaks HTTPS.
 */
public class TlsBenchProfile implements QuarkusTestProfile {

    static final int HTTPS_PORT = Integer.getInteger("bench.https-port", 8449);
    static final Path KEYSTORE = Path.of("target/bench/sandbox-tls.p12");
    static final String PASSWORD = "bench-only";

    @Override
    public Map<String, String> getConfigOverrides() {
        makeKeystore();
        return Map.ofEntries(
                Map.entry("quarkus.http.ssl.certificate.key-store-file", KEYSTORE.toAbsolutePath().toString()),
                Map.entry("quarkus.http.ssl.certificate.key-store-password", PASSWORD),
                Map.entry("quarkus.http.test-ssl-port", String.valueOf(HTTPS_PORT)),
                Map.entry("quarkus.http.insecure-requests", "enabled"),
                Map.entry("metasync.leads.page-size", System.getProperty("bench.page-size", "500")),
                Map.entry("metasync.leads.batch-size", System.getProperty("bench.batch-size", "250")),
                Map.entry("metasync.leads.form-concurrency", System.getProperty("bench.form-concurrency", "4")),
                Map.entry("quarkus.log.level", "WARN"),
                Map.entry("quarkus.log.category.\"io.metasync\".level", "WARN"));
    }

    private static void makeKeystore() {
        try {
            Files.createDirectories(KEYSTORE.getParent());
            Files.deleteIfExists(KEYSTORE);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sandbox", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", KEYSTORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
