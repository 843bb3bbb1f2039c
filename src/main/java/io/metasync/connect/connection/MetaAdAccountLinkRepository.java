package io.metasync.connect.connection;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class MetaAdAccountLinkRepository implements PanacheRepositoryBase<MetaAdAccountLink, MetaAdAccountLink.Key> {

    Uni<List<MetaAdAccountLink>> ofConnection(UUID connectionId) {
        return list("connectionId = ?1 order by accountId", connectionId);
    }
}
