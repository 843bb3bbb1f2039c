package io.metasync.insights;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ScheduledInsightSyncTest {

    @Inject
    Pool pool;

    @Inject
    ScheduledInsightSync scheduled;

    @Test
    void everyConnectedAccountsRestatementWindowIsReadAtTheConfiguredLevels() {
        InsightsWorld world = InsightsWorld.connected();
        // the suite's earlier workspaces are connected too: drop their tokens so the sweep sees only this one
        pool.preparedQuery("UPDATE meta_connection SET access_token_sealed = NULL WHERE workspace_id <> $1::uuid")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(world.workspaceId)).await().indefinitely();
        scheduled.run().await().atMost(java.time.Duration.ofSeconds(120));
        for (int i = 0; i < 4; i++) {
            String account = InsightsWorld.account(i);
            LocalDate today = InsightsWorld.today(i);
            LocalDate since = today.minusDays(28);
            for (String level : new String[] { "account", "campaign" }) {
                assertEquals(InsightsWorld.expected(InsightsWorld.truth(account, level, since, today)),
                        world.stored(pool, account, level, since, today), account + " " + level);
            }
            assertEquals(0L, world.stored(pool, account, "ad", since, today).get("rows"), "ads are not a scheduled level");
        }
        given().auth().oauth2(world.bearer).get("/api/v1/sync-runs?kind=insights").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                .body("items[0].status", org.hamcrest.Matchers.equalTo("succeeded"));
    }
}
