package io.metasync.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class SecurityTest {

    @Test
    void anotherWorkspaceIdAnswers404AndOwnAnswers200() {
        String emailA = AccountResourceTest.email();
        String workspaceA = AccountResourceTest.register(emailA, "password-a", "A");
        String emailB = AccountResourceTest.email();
        String workspaceB = AccountResourceTest.register(emailB, "password-b", "B");
        String tokenB = AccountResourceTest.login(emailB, "password-b");

        given().auth().oauth2(tokenB).get("/api/v1/workspaces/" + workspaceB)
                .then().statusCode(200).body("name", equalTo("B"));
        given().auth().oauth2(tokenB).get("/api/v1/workspaces/" + workspaceA)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/not-found"));
    }

    @Test
    void expiredTokenIs401() {
        String token = Jwt.issuer("https://metasync.dev").subject(UUID.randomUUID().toString())
                .claim("wid", UUID.randomUUID().toString())
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600).sign();
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tamperedTokenIs401() {
        String email = AccountResourceTest.email();
        AccountResourceTest.register(email, "password-t", "T");
        String token = AccountResourceTest.login(email, "password-t");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replaceFirst("\"wid\":\"[^\"]+\"", "\"wid\":\"" + UUID.randomUUID() + "\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "."
                + parts[2];
        given().auth().oauth2(tampered).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String token = Jwt.issuer("https://metasync.dev").subject(UUID.randomUUID().toString())
                .claim("wid", UUID.randomUUID().toString()).sign(generator.generateKeyPair().getPrivate());
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void repeatedFailuresForOneEmailAreThrottledWith429() {
        String email = AccountResourceTest.email();
        AccountResourceTest.register(email, "right-password", "W");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}")
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"right-password\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://metasync.dev/problems/too-many-login-attempts"));
    }
}
