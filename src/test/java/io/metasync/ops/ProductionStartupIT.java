package io.metasync.ops;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged jar, started in prod without a database, must refuse to start and name what is missing. */
class ProductionStartupIT {

    @Test
    void refusesToStartWithoutDatabaseSettingsAndNamesThem() throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "the package phase built " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dquarkus.http.port=0", "-jar", jar.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("SMALLRYE_")
                || k.startsWith("MP_JWT") || k.startsWith("METASYNC_"));
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "exits by itself");
        String output = new String(process.getInputStream().readAllBytes());
        assertNotEquals(0, process.exitValue());
        for (String name : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "SMALLRYE_JWT_SIGN_KEY", "MP_JWT_VERIFY_PUBLICKEY", "METASYNC_VAULT_KEYS")) {
            assertTrue(output.contains(name), "names " + name + " in: " + output);
        }
    }
}
