package io.metasync.connect;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.metasync.connect.vault.TokenVault;
import io.metasync.connect.vault.VaultKeys;
import io.metasync.connect.vault.VaultRotation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Key rotation: the re-encrypt job moves every sealed value to the new key, and back, and tokens still work. */
@QuarkusTest
class VaultRotationTest {

    @Inject
    VaultRotation rotation;

    @Inject
    Pool pool;

    @Test
    void reencryptMovesEverySealedValueAndTheAppStillUsesThem() throws Throwable {
        MetaWorld.reset("{}");
        String bearer = MetaWorld.newWorkspaceToken();
        String id = MetaWorld.connect(bearer, MetaWorld.userToken(0)).getString("id");
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"appId\":\"" + MetaWorld.world().getString("appId") + "\",\"appSecret\":\"" + MetaWorld.world().getString("appSecret") + "\"}")
                .put("/api/v1/meta/app").then().statusCode(200);

        String devKey = Files.readString(Path.of("target/vault/dev.key")).strip();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String newKey = Base64.getEncoder().encodeToString(raw);
        TokenVault rotated = new TokenVault(new VaultKeys("k2:" + newKey + ",dev:" + devKey, Optional.of("k2")));

        int moved = VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(rotated));
        assertTrue(moved >= 3, "the app secret, the connection token and page tokens moved: " + moved);
        assertEquals(0, count("dev:%"), "nothing left under the old key");
        assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(rotated)), "idempotent");

        // and back onto the key the running app has: every context must still match the entities'
        TokenVault back = new TokenVault(new VaultKeys("dev:" + devKey + ",k2:" + newKey, Optional.of("dev")));
        VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(back));
        assertEquals(0, count("k2:%"));
        given().auth().oauth2(bearer).get("/api/v1/meta/connections/" + id + "/verify").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    private long count(String like) {
        Row row = pool.preparedQuery("SELECT (SELECT count(*) FROM meta_app WHERE app_secret_sealed LIKE $1)"
                + " + (SELECT count(*) FROM meta_connection WHERE access_token_sealed LIKE $1)"
                + " + (SELECT count(*) FROM meta_page WHERE access_token_sealed LIKE $1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(like)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }
}
