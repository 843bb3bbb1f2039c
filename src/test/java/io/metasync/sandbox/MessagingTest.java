package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The sandbox's messaging: Send API and Cloud API window rules exactly as Meta enforces them, and the payloads. */
@QuarkusTest
class MessagingTest {

    static final String MESSAGING = Sandbox.ADMIN + "/messaging";

    @Inject
    AppClock clock;

    JsonPath world;
    String pageId;
    String pageToken;

    @BeforeEach
    void reset() {
        Sandbox.reset("{\"pages\":2}");
        world = Sandbox.world();
        pageId = world.getString("pages[0].id");
        pageToken = world.getString("pages[0].accessToken");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String psidAfterInbound() {
        return given().contentType(ContentType.JSON).body(Map.of("channel", "messenger", "to", pageId, "text", "hi"))
                .post(MESSAGING + "/inbound").then().statusCode(200)
                .body("object", equalTo("page")).body("entry[0].messaging[0].message.text", equalTo("hi"))
                .extract().path("entry[0].messaging[0].sender.id");
    }

    io.restassured.response.ValidatableResponse send(String token, String psid, String type, String tag) {
        var request = Sandbox.graph(token).formParam("recipient", "{\"id\":\"" + psid + "\"}")
                .formParam("messaging_type", type).formParam("message", "{\"text\":\"hello\"}");
        if (tag != null) {
            request = request.formParam("tag", tag);
        }
        return request.post(Sandbox.GRAPH + "/" + pageId + "/messages").then();
    }

    @Test
    void messengerWindowsAreMetasRules() {
        String psid = psidAfterInbound();
        send(pageToken, psid, "RESPONSE", null).statusCode(200).body("recipient_id", equalTo(psid))
                .body("message_id", startsWith("m_"));
        given().get(MESSAGING + "/outbox").then().body("payloads", hasSize(3))
                .body("payloads[0].entry[0].messaging[0].message.is_echo", equalTo(true))
                .body("payloads[1].entry[0].messaging[0].delivery.mids", hasSize(1));
        send(world.getString("pages[1].accessToken"), psid, "RESPONSE", null).statusCode(403).body("error.code", equalTo(200));
        send(pageToken, "24000000000000099", "RESPONSE", null).statusCode(400).body("error.error_subcode", equalTo(2018001));

        Sandbox.advance(25 * 3600);
        send(pageToken, psid, "RESPONSE", null).statusCode(400).body("error.code", equalTo(10))
                .body("error.error_subcode", equalTo(2018278));
        send(pageToken, psid, "MESSAGE_TAG", "ACCOUNT_UPDATE").statusCode(400).body("error.code", equalTo(100));
        send(pageToken, psid, "MESSAGE_TAG", "HUMAN_AGENT").statusCode(200);
        Sandbox.advance(7 * 24 * 3600);
        send(pageToken, psid, "MESSAGE_TAG", "HUMAN_AGENT").statusCode(400).body("error.error_subcode", equalTo(2018278));
    }

    @Test
    void whatsappTextOutsideTheWindowFailsByStatusWebhookWith131047() {
        String phone = world.getString("whatsapp[0].phoneNumberId");
        String token = world.getString("whatsapp[0].accessToken");
        given().contentType(ContentType.JSON).body(Map.of("channel", "whatsapp", "to", phone, "text", "hi"))
                .post(MESSAGING + "/inbound").then().statusCode(200)
                .body("entry[0].changes[0].value.metadata.phone_number_id", equalTo(phone))
                .body("entry[0].changes[0].value.contacts[0].wa_id", equalTo("16505550000"))
                .body("entry[0].changes[0].value.messages[0].timestamp", org.hamcrest.Matchers.instanceOf(String.class));
        Sandbox.advance(25 * 3600);
        given().delete(MESSAGING + "/outbox");
        Sandbox.graph(token).formParam("messaging_product", "whatsapp").formParam("to", "+16505550000")
                .formParam("type", "text").formParam("text", "{\"body\":\"late\"}")
                .post(Sandbox.GRAPH + "/" + phone + "/messages").then().statusCode(200)
                .body("messages[0].id", startsWith("wamid."));
        given().get(MESSAGING + "/outbox").then().body("payloads", hasSize(1))
                .body("payloads[0].entry[0].changes[0].value.statuses[0].status", equalTo("failed"))
                .body("payloads[0].entry[0].changes[0].value.statuses[0].errors[0].code", equalTo(131047));
        Sandbox.graph(token).formParam("messaging_product", "whatsapp").formParam("to", "+16505550000")
                .formParam("type", "template").formParam("template", "{\"name\":\"nope\",\"language\":{\"code\":\"en_US\"}}")
                .post(Sandbox.GRAPH + "/" + phone + "/messages").then().statusCode(404).body("error.code", equalTo(132001));
        Sandbox.graph(world.getString("whatsapp[1].accessToken")).get(Sandbox.GRAPH + "/" + phone).then().statusCode(403);
    }
}
