package io.metasync.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.metasync.common.tenant.WorkspaceOwned;

/** A tenant: a business whose Meta data metasync keeps. */
@Entity
@Table(name = "workspace")
public class Workspace implements WorkspaceOwned {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Override
    public UUID getWorkspaceId() {
        return id;
    }
}
