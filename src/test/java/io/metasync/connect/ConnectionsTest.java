package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ConnectionsTest {

    @Inject
    Pool pool;

    @BeforeEach
    void reset() {
        MetaWorld.reset("{}");
    }

    @Test
    void systemUserTokenIsCheckedStoredSealedAndListedWithItsPages() {
        String bearer = MetaWorld.newWorkspaceToken();
        String metaToken = MetaWorld.userToken(0);
        JsonPath connection = MetaWorld.connect(bearer, metaToken);
        String id = connection.getString("id");
        assertEquals("system_user", connection.getString("kind"));
        assertEquals("active", connection.getString("status"));
        assertFalse(connection.getList("pages").isEmpty(), "pages from /me/accounts");
        assertFalse(connection.getList("scopes").isEmpty());

        given().auth().oauth2(bearer).get("/api/v1/meta/connections")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].pages", not(empty()));

        for (Row row : pool.preparedQuery("SELECT access_token_sealed FROM meta_connection WHERE id = $1::uuid "
                + "UNION ALL SELECT access_token_sealed FROM meta_page WHERE connection_id = $1::uuid")
                .execute(Tuple.of(id)).await().indefinitely()) {
            String sealed = row.getString(0);
            assertTrue(sealed.startsWith("dev:"), "sealed with the vault key");
            assertFalse(sealed.contains(metaToken), "no plaintext token in the database");
        }

        // reconnecting the same identity updates the same connection
        JsonPath again = MetaWorld.connect(bearer, metaToken);
        assertEquals(id, again.getString("id"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items", hasSize(1));
    }

    /** Short lists held whole (Pages, connections) page like every list: ?limit= and ?cursor=, by id, each item once. */
    @Test
    void pagesAndConnectionsAreListsWithLimitAndCursor() {
        MetaWorld.reset("{\"pages\":5}");
        String bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        List<String> all = given().auth().oauth2(bearer).get("/api/v1/meta/pages").then().statusCode(200)
                .body("nextCursor", org.hamcrest.Matchers.nullValue()).extract().jsonPath().getList("items.id", String.class);
        assertEquals(5, all.size());
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(bearer).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/meta/pages").then().statusCode(200).extract().jsonPath();
            assertTrue(page.getList("items").size() <= 2);
            paged.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(all.stream().sorted().toList(), paged, "every Page once, by id");
        given().auth().oauth2(bearer).queryParam("limit", 1).get("/api/v1/meta/connections").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(bearer).queryParam("limit", 0).get("/api/v1/meta/pages").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(bearer).queryParam("limit", 501).get("/api/v1/meta/connections").then().statusCode(400);
        given().auth().oauth2(bearer).queryParam("cursor", "%%%").get("/api/v1/meta/pages").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** API.md's adAccountId: an ad account the token can read is linked (bare number or act_); one it cannot is a 422. */
    @Test
    void aSystemUserConnectionTakesTheAdAccountItNames() {
        String bearer = MetaWorld.newWorkspaceToken();
        String account = MetaWorld.world().getString("adAccounts[0].id");
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body(Map.of("accessToken", MetaWorld.userToken(0), "adAccountId", "act_999999999"))
                .post("/api/v1/meta/connections/system-user").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/meta-ad-account-unreadable"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(Map.of("accessToken", MetaWorld.userToken(0), "adAccountId", "x1"))
                .post("/api/v1/meta/connections/system-user").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body(Map.of("accessToken", MetaWorld.userToken(0), "adAccountId", account.substring(4)))
                .post("/api/v1/meta/connections/system-user").then().statusCode(201)
                .body("adAccounts.id", org.hamcrest.Matchers.hasItem(account));
    }

    @Test
    void invalidTokenIs422AndStoresNothing() {
        String bearer = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"accessToken\":\"EAAnot-a-real-token\"}")
                .post("/api/v1/meta/connections/system-user")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://metasync.dev/problems/meta-token-invalid"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items", empty());
    }

    @Test
    void verifyReportsPermissionsAndDisconnectRevokesAtMeta() {
        MetaWorld.reset("{\"users\":2}");
        String bearer = MetaWorld.newWorkspaceToken();
        String metaToken = MetaWorld.userToken(0);
        String id = MetaWorld.connect(bearer, metaToken).getString("id");
        given().auth().oauth2(bearer).get("/api/v1/meta/connections/" + id + "/verify")
                .then().statusCode(200).body("verified", equalTo(true))
                .body("userId", not(empty()));

        given().delete(MetaWorld.ADMIN + "/requests");
        given().auth().oauth2(bearer).delete("/api/v1/meta/connections/" + id).then().statusCode(204);
        List<Map<String, Object>> recent = given().get(MetaWorld.ADMIN + "/requests").then().extract().jsonPath().getList("recent");
        assertTrue(recent.stream().anyMatch(r -> "DELETE".equals(r.get("method")) && r.get("path").toString().endsWith("/me/permissions")),
                "revoked at Meta: " + recent);
        given().auth().oauth2(bearer).get("/api/v1/meta/connections").then().body("items", empty());
        // Meta revoked it already: a second connect-and-delete still works
        String again = MetaWorld.connect(bearer, MetaWorld.userToken(1)).getString("id");
        given().contentType(ContentType.JSON).body("{}").post(MetaWorld.ADMIN + "/tokens/" + MetaWorld.userToken(1) + "/revoke")
                .then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/meta/connections/" + again + "/verify")
                .then().statusCode(200).body("verified", equalTo(false));
        given().auth().oauth2(bearer).delete("/api/v1/meta/connections/" + again).then().statusCode(204);
    }

    @Test
    void anotherWorkspaceSeesNoneOfIt() {
        String bearer = MetaWorld.newWorkspaceToken();
        String id = MetaWorld.connect(bearer, MetaWorld.userToken(0)).getString("id");
        String other = MetaWorld.newWorkspaceToken();
        given().auth().oauth2(other).get("/api/v1/meta/connections").then().body("items", empty());
        given().auth().oauth2(other).get("/api/v1/meta/connections/" + id + "/verify").then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/meta/connections/" + id).then().statusCode(404);
    }
}
