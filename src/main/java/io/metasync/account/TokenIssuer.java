package io.metasync.account;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.metasync.common.tenant.CurrentCaller;
import io.smallrye.jwt.build.Jwt;

/** Signs the API's own bearer tokens (RS256, key from {@code smallrye.jwt.sign.key}). */
@ApplicationScoped
class TokenIssuer {

    @ConfigProperty(name = "metasync.jwt.lifespan", defaultValue = "3600")
    long lifespanSeconds;

    @ConfigProperty(name = "metasync.jwt.issuer")
    String issuer;

    record IssuedToken(String accessToken, long expiresIn) {
    }

    IssuedToken issue(AppUser user) {
        String token = Jwt.issuer(issuer)
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of("user"))
                .claim(CurrentCaller.WORKSPACE_CLAIM, user.workspaceId.toString())
                .expiresIn(lifespanSeconds)
                .sign();
        return new IssuedToken(token, lifespanSeconds);
    }
}
