package io.metasync.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
public class AccountResourceTest {

    public static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static String register(String email, String password, String workspace) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"workspaceName\":\"" + workspace + "\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(201)
                .body("userId", notNullValue()).body("workspaceId", notNullValue())
                .extract().path("workspaceId");
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("tokenType", equalTo("bearer")).body("expiresIn", equalTo(3600))
                .extract().path("accessToken");
    }

    @Test
    void registerLoginMe() {
        String email = email();
        String workspaceId = register(email, "s3cret-pass", "Bakery");
        String token = login(email.toUpperCase(), "s3cret-pass");
        given().auth().oauth2(token).get("/api/v1/me")
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("workspaceId", equalTo(workspaceId))
                .body("workspaceName", equalTo("Bakery"));
    }

    @Test
    void wrongPasswordIs401Problem() {
        String email = email();
        register(email, "s3cret-pass", "W");
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"nope-nope\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/bad-credentials"))
                .body("status", equalTo(401));
    }

    @Test
    void duplicateEmailIs409() {
        String email = email();
        register(email, "s3cret-pass", "W");
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"other-pass\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/email-taken"));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .post("/api/v1/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/malformed-body"))
                .body("detail", notNullValue());
    }

    @Test
    void bodiesOfTheWrongShapeAre400Problems() {
        for (String body : new String[] { "[1]", "\"text\"", "42", "null", "[]", "{\"email\": [1], \"password\": {}}" }) {
            given().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/auth/register")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", anyOf(equalTo("https://metasync.dev/problems/malformed-body"),
                            equalTo("https://metasync.dev/problems/validation")))
                    .body("detail", notNullValue());
        }
    }

    @Test
    void missingFieldsAre400WithErrors() {
        given().contentType(ContentType.JSON).body("{\"email\":\"not-an-email\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/validation"))
                .body("errors.field", hasItems("email", "password"));
    }

    @Test
    void formLoginWorks() {
        String email = email();
        register(email, "s3cret-pass", "W");
        given().contentType(ContentType.URLENC).formParam("username", email).formParam("password", "s3cret-pass")
                .post("/api/v1/auth/login")
                .then().statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void noTokenIs401Problem() {
        given().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }
}
