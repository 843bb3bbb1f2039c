package io.metasync.common.devdb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Points the datasource at an embedded PostgreSQL in the dev and test profiles when no database URL
 * is configured, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need nothing but a JDK.
 * Dev mode keeps its data in {@code metasync.devdb.dir} between restarts; each test JVM gets a fresh
 * database that is deleted when it exits. Inactive in every other profile (production never embeds).
 */
public class EmbeddedPostgresConfigFactory implements ConfigSourceFactory {

    /** Holds the server across dev-mode restarts, which reload this class in a new class loader. */
    private static final String PORT_PROPERTY = "metasync.devdb.running-port";
    private static final int ORDINAL = 260; // above application.properties, below env vars and -D

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        boolean dev = profiles.contains("dev");
        if (!(test || dev) || !enabled(context) || configured(context, "quarkus.datasource.reactive.url")
                || configured(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        int port = startOnce(context, test);
        String hostPort = "127.0.0.1:" + port + "/postgres";
        return List.of(new MapBackedConfigSource("metasync embedded PostgreSQL", Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static synchronized int startOnce(ConfigSourceContext context, boolean test) {
        String running = System.getProperty(PORT_PROPERTY);
        if (running != null) {
            return Integer.parseInt(running);
        }
        Path base = Path.of(value(context, "metasync.devdb.dir", "target/embedded-pg"));
        Path instance = test ? base.resolve("test-" + UUID.randomUUID()) : base.resolve("dev");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(base, instance, test);
        System.setProperty(PORT_PROPERTY, Integer.toString(server.port()));
        return server.port();
    }

    private static boolean enabled(ConfigSourceContext context) {
        return Boolean.parseBoolean(value(context, "metasync.devdb.enabled", "true"));
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        String value = value(context, name, "");
        return !value.isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
