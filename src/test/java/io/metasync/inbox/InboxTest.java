package io.metasync.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.time.AppClock;
import io.metasync.connect.MetaWorld;
import io.metasync.connect.vault.TokenVault;
import io.metasync.connect.vault.VaultKeys;
import io.metasync.connect.vault.VaultRotation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The inbox end to end: webhook payloads made by the sandbox fed to {@link InboxIntake} (the webhooks
 * dispatcher's entry point), the API over HTTP, replies through the sandbox's Send and Cloud APIs.
 */
@QuarkusTest
class InboxTest {

    static final String MESSAGING = MetaWorld.ADMIN + "/messaging";

    @Inject
    InboxIntake intake;
    @Inject
    ObjectMapper json;
    @Inject
    AppClock clock;
    @Inject
    VaultRotation rotation;
    @Inject
    Pool pool;
    @Inject
    WhatsAppTokenHealth tokenHealth;

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
        assertTrue(igId != null, "the sandbox world has a page with an Instagram account");
        phoneNumberId = world.getString("whatsapp[0].phoneNumberId");
        JsonPath channel = MetaWorld.connectWhatsApp(bearer);
        assertEquals("whatsapp", channel.getString("kind"));
        assertTrue(channel.getBoolean("webhookSubscribed"));
        assertEquals("connected", channel.getString("status"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A person writes through the sandbox; answers the webhook payload Meta would deliver. */
    JsonNode inbound(String channel, String to, String text) {
        String body = given().contentType(ContentType.JSON).body(Map.of("channel", channel, "to", to, "text", text))
                .post(MESSAGING + "/inbound").then().statusCode(200).extract().asString();
        return read(body);
    }

    /** Feeds a payload's entries to the intake as the dispatcher does; answers the summed result. */
    IntakeResult feed(JsonNode payload) {
        IntakeResult sum = IntakeResult.empty();
        for (JsonNode entry : payload.path("entry")) {
            sum = sum.plus(accept(payload.path("object").asText(), entry));
        }
        return sum;
    }

    IntakeResult accept(String object, JsonNode entry) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(object, entry));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    List<JsonNode> outbox() {
        JsonNode all = read(given().get(MESSAGING + "/outbox").then().statusCode(200).extract().asString());
        given().delete(MESSAGING + "/outbox").then().statusCode(200);
        List<JsonNode> out = new ArrayList<>();
        all.path("payloads").forEach(out::add);
        return out;
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonPath conversations(String token, String channel) {
        return given().auth().oauth2(token).queryParam("channel", channel).get("/api/v1/inbox/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath messages(String conversationId) {
        return given().auth().oauth2(bearer).get("/api/v1/inbox/conversations/" + conversationId + "/messages")
                .then().statusCode(200).extract().jsonPath();
    }

    io.restassured.response.ValidatableResponse reply(String conversationId, Object body) {
        return given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body)
                .post("/api/v1/inbox/conversations/" + conversationId + "/messages").then();
    }

    void advanceHours(long hours) {
        given().contentType(ContentType.JSON).body(Map.of("seconds", hours * 3600)).post(MetaWorld.ADMIN + "/clock/advance")
                .then().statusCode(200);
    }

    @Test
    void oneConversationPerChannelFromSandboxPayloadsAndNoneForAnotherWorkspace() {
        assertTrue(feed(inbound("messenger", pageId, "Hi from Messenger")).routed());
        feed(inbound("instagram", igId, "Hi from Instagram"));
        feed(inbound("whatsapp", phoneNumberId, "Olá from WhatsApp"));

        for (String channel : List.of("messenger", "instagram", "whatsapp")) {
            JsonPath list = conversations(bearer, channel);
            assertEquals(1, list.getList("items").size(), channel);
            assertEquals(channel, list.getString("items[0].channel"));
            assertEquals(1, list.getInt("items[0].unread"));
            assertFalse(list.getString("items[0].participant.name").isBlank(), channel + " participant is named");
            JsonPath msgs = messages(list.getString("items[0].id"));
            assertEquals("in", msgs.getString("items[0].direction"));
            assertTrue(msgs.getString("items[0].text").startsWith(channel.equals("whatsapp") ? "Olá" : "Hi"));
        }
        assertEquals(3, conversations(bearer, null).getList("items").size());
        String id = conversations(bearer, "messenger").getString("items[0].id");
        given().auth().oauth2(bearer).post("/api/v1/inbox/conversations/" + id + "/read").then().statusCode(204);
        assertEquals(0, conversations(bearer, "messenger").getInt("items[0].unread"));
        String waId = conversations(bearer, "whatsapp").getString("items[0].id");
        given().auth().oauth2(bearer).post("/api/v1/inbox/conversations/" + waId + "/read").then().statusCode(204);
        JsonPath log = given().get(MetaWorld.ADMIN + "/requests").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(200), log.getList("recent.findAll { it.method == 'POST' && it.path.endsWith('" + pageId
                + "/messages') }.status"), "Messenger mark_seen sent");
        assertEquals(List.of(200), log.getList("recent.findAll { it.method == 'POST' && it.path.endsWith('" + phoneNumberId
                + "/messages') }.status"), "WhatsApp read receipt sent");

        String other = MetaWorld.newWorkspaceToken();
        assertEquals(0, conversations(other, null).getList("items").size());
        given().auth().oauth2(other).get("/api/v1/inbox/conversations/" + id + "/messages").then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/v1/inbox/conversations/" + id + "/messages").then().statusCode(404);

        JsonPath channels = given().auth().oauth2(bearer).get("/api/v1/inbox/channels").then().statusCode(200).extract().jsonPath();
        assertTrue(channels.getList("items.kind").containsAll(List.of("messenger", "instagram", "whatsapp")));
        assertEquals("whatsapp", channels.getString("items.find { it.id == '" + phoneNumberId + "' }.kind"));
    }

    @Test
    void theSameMessageDeliveredTwiceIsOneMessage() {
        JsonNode payload = inbound("messenger", pageId, "once");
        IntakeResult first = feed(payload);
        IntakeResult again = feed(payload);
        assertTrue(first.messages() >= 1);
        assertEquals(0, again.messages());
        assertEquals(first.messages(), again.duplicates());
        JsonNode wa = inbound("whatsapp", phoneNumberId, "once");
        feed(wa);
        assertEquals(0, feed(wa).messages());
        assertEquals(1, messages(conversations(bearer, "messenger").getString("items[0].id")).getList("items").size());
        assertEquals(1, messages(conversations(bearer, "whatsapp").getString("items[0].id")).getList("items").size());
    }

    @Test
    void anEchoIsAnOutboundMessageInTheSameConversation() {
        JsonNode in = inbound("messenger", pageId, "hello page");
        feed(in);
        String psid = in.path("entry").path(0).path("messaging").path(0).path("sender").path("id").asText();
        long ts = in.path("entry").path(0).path("messaging").path(0).path("timestamp").asLong() + 1000;
        JsonNode echo = read("{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":" + ts + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + pageId + "\"},\"recipient\":{\"id\":\"" + psid + "\"},\"timestamp\":" + ts
                + ",\"message\":{\"mid\":\"m_native_app_" + ts + "\",\"text\":\"answered from the Page inbox\","
                + "\"is_echo\":true,\"app_id\":263902037430900}}]}]}");
        feed(echo);
        JsonPath list = conversations(bearer, "messenger");
        assertEquals(1, list.getList("items").size(), "no new conversation for the echo");
        JsonPath msgs = messages(list.getString("items[0].id"));
        assertEquals(List.of("in", "out"), msgs.getList("items.direction"));
        assertEquals("answered from the Page inbox", msgs.getString("items[1].text"));
        assertEquals("sent", msgs.getString("items[1].status"));
    }

    /** Meta may have delivered a send it answered with a 5xx or a timeout: the reply is not sent again, so nobody gets it twice. */
    @Test
    void aSendThatFailsOnMetasSideIsNotRepeated() {
        feed(inbound("messenger", pageId, "are you there?"));
        String id = conversations(bearer, "messenger").getString("items[0].id");
        given().delete(MetaWorld.ADMIN + "/requests").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("kind", "server_error", "pathContains", pageId + "/messages", "times", 1))
                .post(MetaWorld.ADMIN + "/faults").then().statusCode(200);
        reply(id, Map.of("text", "yes")).statusCode(503).contentType("application/problem+json");
        JsonPath log = given().get(MetaWorld.ADMIN + "/requests").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(500), log.getList("recent.findAll { it.method == 'POST' && it.path.endsWith('" + pageId
                + "/messages') }.status"), "one attempt, no retry");
        assertEquals("failed", messages(id).getString("items.find { it.direction == 'out' }.status"));
        reply(id, Map.of("text", "yes, we are")).statusCode(201).body("status", equalTo("sent"));
    }

    @Test
    void messengerReplyInsideTheWindowIsSentAndItsReceiptsMoveTheStateOutsideItIsRefused() {
        feed(inbound("messenger", pageId, "do you open on Sunday?"));
        String id = conversations(bearer, "messenger").getString("items[0].id");
        outbox();
        reply(id, Map.of("text", "Yes, from 10 am")).statusCode(201).body("status", equalTo("sent")).body("direction", equalTo("out"));
        List<JsonNode> receipts = outbox();
        assertEquals(3, receipts.size(), "echo, delivery, read");
        assertTrue(feed(receipts.get(0)).duplicates() >= 1, "the echo of our send is our message (other workspaces with the page see it as new)");
        feed(receipts.get(1));
        assertEquals("delivered", messages(id).getString("items[1].status"));
        feed(receipts.get(2));
        assertEquals("read", messages(id).getString("items[1].status"));
        assertEquals(2, messages(id).getList("items").size());

        advanceHours(25);
        reply(id, Map.of("text", "still there?")).statusCode(409)
                .body("type", equalTo("https://metasync.dev/problems/messaging-window-closed"));
        reply(id, Map.of("text", "A person here: yes, we open at 10", "humanAgent", true)).statusCode(201)
                .body("status", equalTo("sent"));
        advanceHours(24 * 7);
        reply(id, Map.of("text", "late", "humanAgent", true)).statusCode(409);
        assertEquals(3, messages(id).getList("items").size(), "refused replies leave nothing behind");
    }

    @Test
    void instagramReplyIsSentThroughTheLinkedPage() {
        feed(inbound("instagram", igId, "price?"));
        String id = conversations(bearer, "instagram").getString("items[0].id");
        outbox();
        reply(id, Map.of("text", "12 euros")).statusCode(201).body("status", equalTo("sent"));
        List<JsonNode> receipts = outbox();
        assertEquals(List.of("instagram", "instagram"), receipts.stream().map(p -> p.path("object").asText()).toList());
        receipts.forEach(this::feed);
        assertEquals("read", messages(id).getString("items[1].status"));
        reply(id, Map.of("template", Map.of("name", "hello_world", "language", "en_US"))).statusCode(400);
        reply(id, Map.of("text", "é".repeat(501))).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("text"));
        assertEquals(2, messages(id).getList("items").size(), "1,002 bytes: over Instagram's 1,000, nothing sent or kept");
    }

    /** META-FACTS §7.4: a person who later writes with only a business-scoped user_id (no phone) stays in one conversation. */
    @Test
    void aWhatsappUserWithoutAPhoneNumberStaysInTheirConversation() {
        JsonNode withPhone = inbound("whatsapp", phoneNumberId, "hello, it's me");
        com.fasterxml.jackson.databind.node.ObjectNode value = (com.fasterxml.jackson.databind.node.ObjectNode) withPhone
                .path("entry").path(0).path("changes").path(0).path("value");
        String phone = value.path("messages").path(0).path("from").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) value.path("contacts").path(0)).put("user_id", "US.13491208655302741918");
        feed(withPhone);
        JsonNode usernameOnly = withPhone.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode message = (com.fasterxml.jackson.databind.node.ObjectNode) usernameOnly
                .path("entry").path(0).path("changes").path(0).path("value").path("messages").path(0);
        message.remove("from");
        message.put("user_id", "US.13491208655302741918").put("id", "wamid.username-only-1")
                .put("timestamp", String.valueOf(Long.parseLong(message.path("timestamp").asText()) + 60));
        message.putObject("text").put("body", "now with a username");
        ((com.fasterxml.jackson.databind.node.ObjectNode) usernameOnly.path("entry").path(0).path("changes").path(0).path("value")
                .path("contacts").path(0)).remove("wa_id");
        feed(usernameOnly);
        JsonPath list = conversations(bearer, "whatsapp");
        assertEquals(1, list.getList("items").size(), list.prettify());
        assertEquals(phone, list.getString("items[0].participant.id"));
        assertEquals(List.of("hello, it's me", "now with a username"), messages(list.getString("items[0].id")).getList("items.text"));
    }

    @Test
    void whatsappTextInsideTheWindowTemplateOutsideAndStatusesMoveTheState() {
        feed(inbound("whatsapp", phoneNumberId, "is my order ready?"));
        String id = conversations(bearer, "whatsapp").getString("items[0].id");
        outbox();
        reply(id, Map.of("text", "Yes!")).statusCode(201).body("status", equalTo("sent"));
        List<JsonNode> statuses = outbox();
        assertEquals(3, statuses.size());
        feed(statuses.get(1));
        assertEquals("delivered", messages(id).getString("items[1].status"));
        JsonNode played = statuses.get(2).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) played.path("entry").path(0).path("changes").path(0).path("value")
                .path("statuses").path(0)).put("status", "played");
        feed(played);
        assertEquals("read", messages(id).getString("items[1].status"), "played (a voice message listened to) is read");
        feed(statuses.get(2));
        feed(statuses.get(0));
        assertEquals("read", messages(id).getString("items[1].status"), "a late 'sent' does not move it back");

        advanceHours(25);
        reply(id, Map.of("text", "hello again")).statusCode(409)
                .body("type", equalTo("https://metasync.dev/problems/whatsapp-window-closed"));
        reply(id, Map.of("template", Map.of("name", "order_update", "language", "en_US", "parameters", List.of("A-17"))))
                .statusCode(201).body("status", equalTo("sent")).body("kind", equalTo("template"));
        outbox().forEach(this::feed);
        JsonPath msgs = messages(id);
        assertEquals(3, msgs.getList("items").size());
        assertEquals("read", msgs.getString("items[2].status"));
    }

    @Test
    void aFailedStatusRecordsMetasError() {
        feed(inbound("whatsapp", phoneNumberId, "hi"));
        String id = conversations(bearer, "whatsapp").getString("items[0].id");
        outbox();
        String wamid = reply(id, Map.of("text", "hello")).statusCode(201).extract().path("platformId");
        JsonNode failed = read("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"1\",\"phone_number_id\":\""
                + phoneNumberId + "\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"failed\",\"timestamp\":\"1\","
                + "\"recipient_id\":\"1\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]}]}}]}]}");
        assertTrue(feed(failed).statuses() >= 1);
        JsonPath msgs = messages(id);
        assertEquals("failed", msgs.getString("items[1].status"));
        assertEquals(131047, msgs.getInt("items[1].errorCode"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("metasync_inbox_send_failures_total{channel=\"whatsapp\",code=\"131047\"}"), metrics);
        assertTrue(metrics.contains("metasync_inbox_messages_total{channel=\"whatsapp\",direction=\"out\"}"));
        assertTrue(metrics.contains("metasync_inbox_messages_total{channel=\"whatsapp\",direction=\"in\"}"));
    }

    @Test
    void entriesForUnknownPagesAndNumbersAreReported() {
        JsonNode page = read("{\"id\":\"11000000000099999\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"1\"},"
                + "\"recipient\":{\"id\":\"11000000000099999\"},\"timestamp\":1,\"message\":{\"mid\":\"m_x\",\"text\":\"x\"}}]}");
        IntakeResult result = accept("page", page);
        assertFalse(result.routed());
        assertEquals(List.of("page:11000000000099999"), result.unknownChannels());
        JsonNode wa = read("{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"999\"},"
                + "\"messages\":[{\"from\":\"1\",\"id\":\"wamid.x\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}");
        assertEquals(List.of("whatsapp:999"), accept("whatsapp_business_account", wa).unknownChannels());
    }

    @Test
    void erasureRemovesThePersonsConversations() {
        JsonNode in = inbound("messenger", pageId, "forget me");
        feed(in);
        feed(inbound("whatsapp", phoneNumberId, "forget me too"));
        String psid = in.path("entry").path(0).path("messaging").path(0).path("sender").path("id").asText();
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(Map.of("metaUserId", psid, "phone", "+1 650 555 0000"))
                .post("/api/v1/privacy/erasure").then().statusCode(200).body("messages", equalTo(2)).body("leads", equalTo(0));
        given().auth().oauth2(bearer).get("/api/v1/inbox/conversations").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void whatsappTokensMoveWithAVaultKeyRotationAndStillSend() throws Throwable {
        feed(inbound("whatsapp", phoneNumberId, "hi"));
        String id = conversations(bearer, "whatsapp").getString("items[0].id");
        String devKey = Files.readString(Path.of("target/vault/dev.key")).strip();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String newKey = Base64.getEncoder().encodeToString(raw);
        var rotated = new TokenVault(new VaultKeys("k3:" + newKey + ",dev:" + devKey, Optional.of("k3")));
        VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(rotated));
        assertEquals(0L, sealedUnder("dev:%"), "no WhatsApp token left under the old key");
        var back = new TokenVault(new VaultKeys(
                "dev:" + devKey + ",k3:" + newKey, Optional.of("dev")));
        VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(back));
        assertEquals(0L, sealedUnder("k3:%"));
        reply(id, Map.of("text", "still works")).statusCode(201).body("status", equalTo("sent"));
    }

    long sealedUnder(String like) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(
                "SELECT count(*) FROM inbox_whatsapp_number WHERE access_token_sealed LIKE $1")
                .execute(Tuple.of(like)).map(rows -> rows.iterator().next().getLong(0)));
    }

    @Test
    void aRevokedWhatsappTokenShowsOnTheChannel() throws Throwable {
        String token = MetaWorld.world().getString("whatsapp[0].accessToken");
        given().contentType(ContentType.JSON).body("{}").post(MetaWorld.ADMIN + "/tokens/" + token + "/revoke").then().statusCode(200);
        VertxContextSupport.subscribeAndAwait(() -> tokenHealth.checkAll());
        JsonPath channels = given().auth().oauth2(bearer).get("/api/v1/inbox/channels").then().statusCode(200).extract().jsonPath();
        String number = "items.find { it.id == '" + phoneNumberId + "' }";
        assertEquals("revoked", channels.getString(number + ".tokenHealth"));
        assertEquals("token-revoked", channels.getString(number + ".status"));
    }
}
