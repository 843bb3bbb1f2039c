package io.metasync.connect.connection;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class MetaPageRepository implements PanacheRepositoryBase<MetaPage, MetaPage.Key> {

    Uni<List<MetaPage>> ofWorkspace(UUID workspaceId) {
        return list("workspaceId = ?1 order by name, pageId", workspaceId);
    }

    Uni<List<MetaPage>> ofConnection(UUID connectionId) {
        return list("connectionId = ?1 order by name, pageId", connectionId);
    }

    Uni<List<MetaPage>> byInstagramAccount(String instagramAccountId) {
        return list("instagramAccountId", instagramAccountId);
    }

    Uni<List<MetaPage>> byPageId(String pageId) {
        return list("pageId", pageId);
    }
}
