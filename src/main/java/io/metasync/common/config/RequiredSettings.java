package io.metasync.common.config;

import java.util.List;

/**
 * The settings production cannot run without. Each entry is satisfied when any of its property names
 * has a non-blank value. Rooms add their own here (Meta app, token encryption key) as they need them.
 */
final class RequiredSettings {

    /** One required setting: the property names that satisfy it; the first one is the one to name. */
    record Requirement(String description, List<String> properties) {
        String envVar() {
            return properties.get(0).toUpperCase().replaceAll("[^A-Z0-9]", "_");
        }
    }

    static final List<Requirement> PRODUCTION = List.of(
            new Requirement("PostgreSQL reactive URL, e.g. postgresql://db:5432/metasync",
                    List.of("quarkus.datasource.reactive.url")),
            new Requirement("PostgreSQL JDBC URL for migrations, e.g. jdbc:postgresql://db:5432/metasync",
                    List.of("quarkus.datasource.jdbc.url")),
            new Requirement("PostgreSQL user", List.of("quarkus.datasource.username")),
            new Requirement("PostgreSQL password", List.of("quarkus.datasource.password")),
            new Requirement("private key (PEM) that signs the API's tokens",
                    List.of("smallrye.jwt.sign.key", "smallrye.jwt.sign.key.location")),
            new Requirement("public key (PEM) or JWKS location that verifies the API's tokens",
                    List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location")),
            new Requirement("token vault keys, keyId:base64(32 random bytes)[,older keys...]",
                    List.of("metasync.vault.keys")));

    private RequiredSettings() {
    }
}
