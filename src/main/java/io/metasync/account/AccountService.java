package io.metasync.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.metasync.account.AccountDtos.MeResponse;
import io.metasync.account.AccountDtos.RegisterResponse;
import io.metasync.account.AccountDtos.TokenResponse;
import io.metasync.account.AccountDtos.WorkspaceResponse;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Registration, sign-in and the caller's identity. */
@ApplicationScoped
public class AccountService {

    @Inject
    AppUserRepository users;
    @Inject
    WorkspaceRepository workspaces;
    @Inject
    PasswordHasher hasher;
    @Inject
    TokenIssuer tokens;
    @Inject
    LoginThrottle throttle;
    @Inject
    CurrentCaller caller;

    /** Creates a user in a new workspace of its own; 409 if the e-mail is taken. */
    public Uni<RegisterResponse> register(String email, String password, String workspaceName) {
        String normalized = normalize(email);
        return hasher.hash(password).flatMap(hash -> insert(normalized, hash, workspaceName))
                .onFailure(AccountService::isUniqueViolation)
                .transform(e -> emailTaken());
    }

    @WithTransaction
    Uni<RegisterResponse> insert(String email, String hash, String workspaceName) {
        return users.findByEmail(email).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(emailTaken());
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Workspace workspace = new Workspace();
            workspace.id = UUID.randomUUID();
            workspace.name = workspaceName == null || workspaceName.isBlank() ? email : workspaceName.strip();
            workspace.createdAt = now;
            AppUser user = new AppUser();
            user.id = UUID.randomUUID();
            user.workspaceId = workspace.id;
            user.email = email;
            user.passwordHash = hash;
            user.createdAt = now;
            return workspaces.persist(workspace).flatMap(w -> users.persistAndFlush(user))
                    .map(u -> new RegisterResponse(u.id, u.workspaceId));
        });
    }

    /** Checks the password and issues a bearer token; 401 on bad credentials, 429 when throttled. */
    public Uni<TokenResponse> login(String email, String password, String address) {
        String normalized = normalize(email);
        return throttle.check(normalized, address)
                .flatMap(ok -> findUser(normalized))
                .flatMap(user -> hasher.matches(password, user == null ? null : user.passwordHash)
                        .flatMap(matches -> {
                            if (!matches) {
                                return throttle.recordFailure(normalized, address).flatMap(v -> Uni.createFrom()
                                        .failure(new ProblemException(401, "bad-credentials", "Unauthorized",
                                                "The e-mail or password is wrong")));
                            }
                            TokenIssuer.IssuedToken token = tokens.issue(user);
                            return throttle.recordSuccess(normalized)
                                    .map(v -> new TokenResponse(token.accessToken(), "bearer", token.expiresIn()));
                        }));
    }

    @WithSession
    Uni<AppUser> findUser(String email) {
        return users.findByEmail(email);
    }

    @WithSession
    public Uni<MeResponse> me() {
        return users.requireOwned(caller.userId(), "User")
                .flatMap(user -> workspaces.requireOwned(user.workspaceId, "Workspace")
                        .map(ws -> new MeResponse(user.id, user.email, ws.id, ws.name)));
    }

    @WithSession
    public Uni<WorkspaceResponse> workspace(UUID id) {
        return workspaces.requireOwned(id, "Workspace").map(ws -> new WorkspaceResponse(ws.id, ws.name, ws.createdAt));
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static ProblemException emailTaken() {
        return ProblemException.conflict("email-taken", "An account with this e-mail already exists");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
