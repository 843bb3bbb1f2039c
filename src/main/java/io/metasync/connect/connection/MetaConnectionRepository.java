package io.metasync.connect.connection;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.tenant.WorkspaceScopedRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class MetaConnectionRepository extends WorkspaceScopedRepository<MetaConnection> {

    Uni<MetaConnection> findIdentity(UUID workspaceId, MetaConnection.Kind kind, String metaUserId) {
        return find("workspaceId = ?1 and kind = ?2 and metaUserId = ?3", workspaceId, kind, metaUserId).firstResult();
    }

    Uni<List<MetaConnection>> byMetaUser(String appId, String metaUserId) {
        return list("appId = ?1 and metaUserId = ?2", appId, metaUserId);
    }
}
