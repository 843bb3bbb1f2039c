package io.metasync.connect.connection;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.metasync.common.tenant.WorkspaceOwned;

/** A Facebook Page a connection manages, with its (sealed) page token. */
@Entity
@Table(name = "meta_page")
@IdClass(MetaPage.Key.class)
public class MetaPage implements WorkspaceOwned {

    @Id
    @Column(name = "workspace_id")
    public UUID workspaceId;

    @Id
    @Column(name = "page_id")
    public String pageId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    public String name;

    @Column(name = "access_token_sealed", columnDefinition = "text")
    public String accessTokenSealed;

    @Column(name = "instagram_account_id")
    public String instagramAccountId;

    @Override
    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public static String vaultContext(UUID workspaceId, String pageId) {
        return "meta_page:" + workspaceId + ":" + pageId;
    }

    /** Composite key (workspace, page). */
    public static class Key implements Serializable {
        public UUID workspaceId;
        public String pageId;

        public Key() {
        }

        public Key(UUID workspaceId, String pageId) {
            this.workspaceId = workspaceId;
            this.pageId = pageId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.workspaceId.equals(workspaceId) && k.pageId.equals(pageId);
        }

        @Override
        public int hashCode() {
            return workspaceId.hashCode() * 31 + pageId.hashCode();
        }
    }
}
