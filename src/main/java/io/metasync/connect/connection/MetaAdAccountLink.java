package io.metasync.connect.connection;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.metasync.common.tenant.WorkspaceOwned;

/** An ad account a connection can read. */
@Entity
@Table(name = "meta_connection_ad_account")
@IdClass(MetaAdAccountLink.Key.class)
public class MetaAdAccountLink implements WorkspaceOwned {

    @Id
    @Column(name = "workspace_id")
    public UUID workspaceId;

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    public String name;

    @Override
    public UUID getWorkspaceId() {
        return workspaceId;
    }

    /** Composite key (workspace, ad account). */
    public static class Key implements Serializable {
        public UUID workspaceId;
        public String accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.workspaceId.equals(workspaceId) && k.accountId.equals(accountId);
        }

        @Override
        public int hashCode() {
            return workspaceId.hashCode() * 31 + accountId.hashCode();
        }
    }
}
