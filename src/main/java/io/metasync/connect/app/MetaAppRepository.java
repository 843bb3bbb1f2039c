package io.metasync.connect.app;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
class MetaAppRepository implements PanacheRepositoryBase<MetaApp, UUID> {
}
