package io.metasync.connect.connection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


import io.metasync.common.tenant.WorkspaceOwned;

/** A Meta identity a workspace connected: a person (OAuth) or a business's system user. */
@Entity
@Table(name = "meta_connection")
public class MetaConnection implements WorkspaceOwned {

    public enum Kind { user, system_user }

    public enum Status { active, expiring, expired, revoked }

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "meta_user_id", nullable = false)
    public String metaUserId;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "status_reason", columnDefinition = "text")
    public String statusReason;

    /** Sealed by the token vault; null once the connection is revoked (tokens dropped). */
    @Column(name = "access_token_sealed", columnDefinition = "text")
    public String accessTokenSealed;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "data_access_expires_at")
    public OffsetDateTime dataAccessExpiresAt;

    /** Granted scopes, comma-separated (see {@link #scopes()}). */
    @Column(name = "scopes", nullable = false, columnDefinition = "text")
    public String scopesCsv = "";

    /** Scopes metasync needs that were not granted, comma-separated. */
    @Column(name = "missing_scopes", nullable = false, columnDefinition = "text")
    public String missingScopesCsv = "";

    @Column(name = "last_checked_at")
    public OffsetDateTime lastCheckedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Override
    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public List<String> scopes() {
        return split(scopesCsv);
    }

    public List<String> missingScopes() {
        return split(missingScopesCsv);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
    }

    public static String vaultContext(UUID id) {
        return "meta_connection:" + id;
    }
}
