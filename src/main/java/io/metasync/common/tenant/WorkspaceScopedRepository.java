package io.metasync.common.tenant;

import java.util.UUID;

import jakarta.inject.Inject;

import io.metasync.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Makes "scoped to the caller's workspace" the default way to query: every method here adds the
 * caller's workspace to the query, and an id that belongs to another workspace is simply not found
 * (404, never 403, so ids of other tenants cannot be probed).
 */
public abstract class WorkspaceScopedRepository<E extends WorkspaceOwned> implements PanacheRepositoryBase<E, UUID> {

    @Inject
    CurrentCaller caller;

    /** The caller's entity with this id, or a 404 problem naming {@code what}. */
    public Uni<E> requireOwned(UUID id, String what) {
        return find("id = :id and " + workspaceProperty() + " = :ws", Parameters.with("id", id).and("ws", caller.workspaceId()))
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound(what));
    }

    /** A query over the caller's rows; {@code where} may be empty and uses named parameters. */
    public PanacheQuery<E> findOwned(String where, Sort sort, Parameters params) {
        String query = workspaceProperty() + " = :ws" + (where == null || where.isBlank() ? "" : " and (" + where + ")");
        return find(query, sort, params.and("ws", caller.workspaceId()));
    }

    /** The entity property that holds the owning workspace's id. */
    protected String workspaceProperty() {
        return "workspaceId";
    }

    protected UUID workspaceId() {
        return caller.workspaceId();
    }
}
