package io.metasync.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.tenant.WorkspaceScopedRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AppUserRepository extends WorkspaceScopedRepository<AppUser> {

    /** Sign-in looks users up across workspaces, by their (globally unique) e-mail. */
    Uni<AppUser> findByEmail(String email) {
        return find("email", email).firstResult();
    }
}
