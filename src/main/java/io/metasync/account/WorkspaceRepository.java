package io.metasync.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.tenant.WorkspaceScopedRepository;

@ApplicationScoped
class WorkspaceRepository extends WorkspaceScopedRepository<Workspace> {

    /** A workspace is its own tenant. */
    @Override
    protected String workspaceProperty() {
        return "id";
    }
}
