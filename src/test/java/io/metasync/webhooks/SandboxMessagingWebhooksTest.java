package io.metasync.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.metasync.sandbox.messaging.MessagingAdminResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The sandbox delivers messaging webhooks itself, signed, as Meta does: a person's message, then the echo,
 * delivery and read of the reply (Messenger) and the statuses of a WhatsApp send, only for channels whose
 * webhook fields the app subscribed. Nothing is handed to the app by the test.
 */
@QuarkusTest
class SandboxMessagingWebhooksTest {

    String bearer;
    String pageId;
    String phoneNumberId;

    @BeforeEach
    void world() {
        MetaWorld.reset("{\"pages\":2,\"formsPerPage\":1,\"leadsPerForm\":1}");
        bearer = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        JsonPath world = MetaWorld.world();
        pageId = world.getString("pages[0].id");
        phoneNumberId = world.getString("whatsapp[0].phoneNumberId");
        MetaWorld.connectWhatsApp(bearer);
        given().contentType(ContentType.JSON).body("{\"messagingWebhooks\":true}").put(MetaWorld.ADMIN + "/settings")
                .then().statusCode(200);
    }

    String inbound(String channel, String to, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("channel", channel, "to", to, "text", text))
                .post(MetaWorld.ADMIN + "/messaging/inbound").then().statusCode(200)
                .extract().header(MessagingAdminResource.WEBHOOK_HEADER);
    }

    JsonPath conversations(String channel) {
        return given().auth().oauth2(bearer).queryParam("channel", channel).get("/api/v1/inbox/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath messages(String conversationId) {
        return given().auth().oauth2(bearer).get("/api/v1/inbox/conversations/" + conversationId + "/messages")
                .then().statusCode(200).extract().jsonPath();
    }

    String awaitConversation(String channel, String text) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !conversations(channel).getList("items").isEmpty()
                        && messages(conversations(channel).getString("items[0].id")).getList("items.text").contains(text));
        return conversations(channel).getString("items[0].id");
    }

    @Test
    void aMessengerConversationAndItsReplyReceiptsArriveByWebhookOnlyOnceThePageIsSubscribed() {
        given().auth().oauth2(bearer).delete("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(204);
        assertEquals("unsubscribed", inbound("messenger", pageId, "Anyone there?"), "Meta sends nothing to an app not installed");

        given().auth().oauth2(bearer).put("/api/v1/meta/pages/" + pageId + "/subscription").then().statusCode(200)
                .body("subscribedFields", org.hamcrest.Matchers.hasItem("messages"));
        assertEquals("200", inbound("messenger", pageId, "Hello by webhook"));
        String conversation = awaitConversation("messenger", "Hello by webhook");

        String reply = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"text\":\"Hi, how can we help?\"}")
                .post("/api/v1/inbox/conversations/" + conversation + "/messages").then().statusCode(201)
                .extract().path("id");
        // the echo, the delivery and the read come back by webhook and move the reply's state
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> "read".equals(
                messages(conversation).getString("items.find { it.id == '" + reply + "' }.status")));
        List<String> texts = messages(conversation).getList("items.text", String.class);
        assertEquals(List.of("Hello by webhook", "Hi, how can we help?"), texts, "the echo is our reply, not a new message");
    }

    @Test
    void aWhatsAppMessageAndTheStatusesOfTheReplyArriveByWebhook() {
        assertEquals("200", inbound("whatsapp", phoneNumberId, "Olá by webhook"));
        String conversation = awaitConversation("whatsapp", "Olá by webhook");
        String reply = given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"text\":\"Olá!\"}")
                .post("/api/v1/inbox/conversations/" + conversation + "/messages").then().statusCode(201)
                .extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> "read".equals(
                messages(conversation).getString("items.find { it.id == '" + reply + "' }.status")));
    }

    @Test
    void theSettingTurnsDeliveryOff() {
        given().contentType(ContentType.JSON).body("{\"messagingWebhooks\":false}").put(MetaWorld.ADMIN + "/settings")
                .then().statusCode(200);
        assertEquals("off", inbound("whatsapp", phoneNumberId, "not delivered"));
        assertTrue(conversations("whatsapp").getList("items").isEmpty());
    }
}
