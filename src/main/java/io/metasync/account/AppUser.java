package io.metasync.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.metasync.common.tenant.WorkspaceOwned;

/** A person who signs in to metasync; belongs to one workspace. */
@Entity
@Table(name = "app_user")
public class AppUser implements WorkspaceOwned {

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(nullable = false)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Override
    public UUID getWorkspaceId() {
        return workspaceId;
    }
}
