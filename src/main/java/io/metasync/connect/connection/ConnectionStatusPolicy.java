package io.metasync.connect.connection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a connection's health is judged: {@code expiring} within {@code metasync.meta.expiring-within}
 * (default 7 days) of the token's or data access's expiry, {@code expired} past it; the scopes the
 * features need are {@code metasync.meta.scopes}.
 */
@ApplicationScoped
public class ConnectionStatusPolicy {

    private final Duration expiringWithin;
    private final List<String> requiredScopes;

    public ConnectionStatusPolicy(@ConfigProperty(name = "metasync.meta.expiring-within", defaultValue = "P7D") Duration expiringWithin,
            @ConfigProperty(name = "metasync.meta.scopes") List<String> requiredScopes) {
        this.expiringWithin = expiringWithin;
        this.requiredScopes = requiredScopes;
    }

    public MetaConnection.Status statusFor(OffsetDateTime expiresAt, OffsetDateTime dataAccessExpiresAt, OffsetDateTime now) {
        OffsetDateTime first = earliest(expiresAt, dataAccessExpiresAt);
        if (first == null || first.isAfter(now.plus(expiringWithin))) {
            return MetaConnection.Status.active;
        }
        return first.isAfter(now) ? MetaConnection.Status.expiring : MetaConnection.Status.expired;
    }

    public List<String> missingScopes(List<String> granted) {
        return requiredScopes.stream().filter(s -> !granted.contains(s)).toList();
    }

    public List<String> requiredScopes() {
        return requiredScopes;
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
