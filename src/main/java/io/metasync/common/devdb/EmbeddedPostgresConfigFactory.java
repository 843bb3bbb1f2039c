package io.metasync.common.devdb;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.metasync.common.config.DevConfigFactory;
import io.smallrye.config.ConfigSourceContext;

/**
 * Points the datasource at an embedded PostgreSQL in the dev and test profiles when no database URL
 * is configured, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need nothing but a JDK.
 * Dev mode keeps its data in {@code metasync.devdb.dir} between restarts; each test JVM gets a fresh
 * database that is deleted when it exits. Inactive in every other profile (production never embeds).
 */
public class EmbeddedPostgresConfigFactory extends DevConfigFactory {

    /** Holds the server across dev-mode restarts, which reload this class in a new class loader. */
    private static final String PORT_PROPERTY = "metasync.devdb.running-port";

    @Override
    protected Map<String, String> provide(ConfigSourceContext context, boolean test) {
        if (!Boolean.parseBoolean(value(context, "metasync.devdb.enabled", "true"))
                || configured(context, "quarkus.datasource.reactive.url") || configured(context, "quarkus.datasource.jdbc.url")) {
            return Map.of();
        }
        String hostPort = "127.0.0.1:" + startOnce(context, test) + "/postgres";
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
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
}
