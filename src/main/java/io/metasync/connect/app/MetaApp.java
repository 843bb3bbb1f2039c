package io.metasync.connect.app;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.metasync.common.tenant.WorkspaceOwned;

/** A workspace's own Meta app; the secret is sealed by the token vault. */
@Entity
@Table(name = "meta_app")
public class MetaApp implements WorkspaceOwned {

    @Id
    @Column(name = "workspace_id")
    public UUID workspaceId;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "app_secret_sealed", nullable = false, columnDefinition = "text")
    public String appSecretSealed;

    @Column(name = "verify_token")
    public String verifyToken;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Override
    public UUID getWorkspaceId() {
        return workspaceId;
    }

    /** The vault context that binds the sealed secret to this row. */
    public static String vaultContext(UUID workspaceId) {
        return "meta_app:" + workspaceId;
    }
}
