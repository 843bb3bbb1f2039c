package io.metasync.connect.connection;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @Column(name = "status_reason")
    public String statusReason;

    /** Sealed by the token vault; null once the connection is revoked (tokens dropped). */
    @Column(name = "access_token_sealed")
    public String accessTokenSealed;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "data_access_expires_at")
    public OffsetDateTime dataAccessExpiresAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] scopes = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "missing_scopes", nullable = false)
    public String[] missingScopes = new String[0];

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

    public static String vaultContext(UUID id) {
        return "meta_connection:" + id;
    }
}
