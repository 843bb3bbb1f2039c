package io.metasync.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Messaging webhooks through the whole path: a signed delivery to {@code POST /webhooks/meta} (the
 * payloads the sandbox makes as Meta would), stored, routed, relayed to the inbox, and read back from
 * {@code /api/v1/inbox}; redeliveries change nothing; a channel nobody connected is kept as ignored.
 */
@QuarkusTest
class WebhookInboxTest {

    @Inject
    Pool pool;

    String bearer;
    String pageId;
    String igId;
    String phoneNumberId;

    @BeforeEach
    void world() {
        MetaWorld.reset("{\"pages\":5,\"formsPerPage\":1,\"leadsPerForm\":1}");
        bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        JsonPath world = MetaWorld.world();
        pageId = world.getString("pages[0].id");
        igId = world.getString("pages.find { it.instagramAccountId != null }.instagramAccountId");
        phoneNumberId = world.getString("whatsapp[0].phoneNumberId");
        MetaWorld.connectWhatsApp(bearer);
    }

    /** A person writes through the sandbox; answers the payload Meta would deliver, as bytes. */
    static byte[] inbound(String channel, String to, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("channel", channel, "to", to, "text", text))
                .post(MetaWorld.ADMIN + "/messaging/inbound").then().statusCode(200).extract().asString()
                .getBytes(StandardCharsets.UTF_8);
    }

    JsonPath conversations(String channel) {
        return given().auth().oauth2(bearer).queryParam("channel", channel).get("/api/v1/inbox/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    List<String> texts(String channel) {
        JsonPath list = conversations(channel);
        if (list.getList("items").isEmpty()) {
            return List.of();
        }
        return given().auth().oauth2(bearer).get("/api/v1/inbox/conversations/" + list.getString("items[0].id") + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.text", String.class);
    }

    void awaitTexts(String channel, List<String> expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> texts(channel).equals(expected));
    }

    @Test
    void messagesOfEveryChannelReachTheInboxOnceThroughTheWebhook() {
        byte[] messenger = inbound("messenger", pageId, "Hi over the webhook");
        byte[] instagram = inbound("instagram", igId, "Hi from Instagram over the webhook");
        byte[] whatsapp = inbound("whatsapp", phoneNumberId, "Olá over the webhook");
        for (byte[] delivery : List.of(messenger, instagram, whatsapp)) {
            Webhooks.post(delivery).then().statusCode(200);
        }
        awaitTexts("messenger", List.of("Hi over the webhook"));
        awaitTexts("instagram", List.of("Hi from Instagram over the webhook"));
        awaitTexts("whatsapp", List.of("Olá over the webhook"));

        // Meta redelivers (at least once): nothing new
        Webhooks.post(messenger).then().statusCode(200);
        Webhooks.post(whatsapp).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> count(
                "SELECT count(*) FROM webhook_event WHERE status = 'received'") == 0
                && count("SELECT count(*) FROM webhook_entry WHERE status = 'pending_inbox'") == 0);
        assertEquals(List.of("Hi over the webhook"), texts("messenger"));
        assertEquals(List.of("Olá over the webhook"), texts("whatsapp"));
        assertEquals(1, conversations("messenger").getList("items").size());
    }

    @Test
    void aMessageForAPageNoWorkspaceConnectedIsKeptAsIgnoredWithTheReason() {
        String unknownPage = "990000000000001";
        byte[] delivery = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + unknownPage + "\",\"time\":1700000000000,\"messaging\":[{"
                + "\"sender\":{\"id\":\"24000000000001\"},\"recipient\":{\"id\":\"" + unknownPage + "\"},\"timestamp\":1700000000000,"
                + "\"message\":{\"mid\":\"m_unknown_page_1\",\"text\":\"anyone?\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        Webhooks.post(delivery).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> ignoredFor(unknownPage) != null);
        assertTrue(ignoredFor(unknownPage).contains("page:" + unknownPage), ignoredFor(unknownPage));
        assertTrue(conversations("messenger").getList("items").isEmpty(), "nothing reached this workspace's inbox");
    }

    @jakarta.inject.Inject
    io.metasync.common.time.AppClock clock;

    /** A WhatsApp status Meta sent {@code ageSeconds} ago for a message this workspace has not recorded. */
    byte[] statusOfUnknownMessage(String wamid, long ageSeconds) {
        JsonPath world = MetaWorld.world();
        long at = clock.instant().getEpochSecond() - ageSeconds;
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + world.getString("whatsapp[0].wabaId")
                + "\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"" + world.getString("whatsapp[0].displayPhoneNumber") + "\",\"phone_number_id\":\""
                + phoneNumberId + "\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"delivered\",\"timestamp\":\"" + at
                + "\",\"recipient_id\":\"16505550000\"}]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    String entryState(String wamid) {
        var rows = pool.preparedQuery("SELECT status, last_error FROM webhook_entry WHERE payload::text LIKE $1")
                .execute(Tuple.of("%" + wamid + "%")).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString(0) + " " + rows.iterator().next().getString(1);
    }

    @Test
    void aFreshStatusOfAMessageNotRecordedYetIsRetriedAStaleOneIsNot() {
        Webhooks.post(statusOfUnknownMessage("wamid.EARLY1", 0)).then().statusCode(200);
        Webhooks.post(statusOfUnknownMessage("wamid.STALE1", 600)).then().statusCode(200);
        // the answer to our send may still be on its way: the entry waits and is tried again
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> String.valueOf(entryState("wamid.EARLY1")).contains("came before its message was recorded"));
        assertTrue(entryState("wamid.EARLY1").startsWith("pending_inbox"), entryState("wamid.EARLY1"));
        // a status of a message sent elsewhere long ago is simply not ours
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> String.valueOf(entryState("wamid.STALE1")).startsWith("processed"));
    }

    long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    /** The reason an entry of that Page was ignored, read from the database (it belongs to no workspace). */
    String ignoredFor(String page) {
        var rows = pool.preparedQuery("SELECT last_error FROM webhook_entry WHERE page_id = $1 AND status = 'ignored'")
                .execute(Tuple.of(page)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}
