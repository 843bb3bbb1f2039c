package io.metasync.outbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.time.AppClock;
import io.metasync.connect.MetaWorld;
import io.metasync.leads.LeadForm;
import io.metasync.leads.LeadWriter;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Welcome e-mails through the mock mailer: templates with lead fields, consent, the unsubscribe link. */
@QuarkusTest
class EmailDestinationTest {

    @Inject
    LeadWriter writer;
    @Inject
    MockMailbox mailbox;
    @Inject
    ObjectMapper json;
    @Inject
    AppClock clock;

    String bearer;
    LeadForm form;
    String destination;

    @BeforeEach
    void workspace() {
        bearer = MetaWorld.newWorkspaceToken();
        UUID workspaceId = UUID.fromString(given().auth().oauth2(bearer).get("/api/v1/me").then().extract().path("workspaceId"));
        form = OutboundTest.form(workspaceId, "1500000000000002");
        mailbox.clear();
        ObjectNode body = json.createObjectNode().put("kind", "email").put("name", "welcome");
        body.putObject("config").put("from", "hello@shop.example").put("subjectTemplate", "Welcome, {lead.fields.fullName}!")
                .put("bodyTemplate", "Hi {lead.fields.fullName}, thanks for asking about us. We will call {lead.fields.phone}.")
                .put("requireConsentKey", "marketing");
        destination = given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body.toString()).post("/api/v1/destinations")
                .then().statusCode(201).body("config.requireConsentKey", equalTo("marketing")).extract().path("id");
    }

    @AfterEach
    void drop() {
        given().auth().oauth2(bearer).delete("/api/v1/destinations/" + destination).then().statusCode(204);
    }

    @Test
    void welcomeIsRenderedWithTheLeadsFieldsAndSentOnlyWithConsent() throws Throwable {
        write(lead("grace@example.com", "Grace Hopper", "+14155550102", true), lead("alan@example.com", "Alan Turing", null, false),
                lead(null, "No Mail", "+14155550103", true));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("").stream().noneMatch(
                d -> d.get("status").equals("pending") || d.get("status").equals("failed")) && deliveries("").size() == 3);

        List<Mail> toGrace = mailbox.getMailsSentTo("grace@example.com");
        assertEquals(1, toGrace.size());
        Mail mail = toGrace.get(0);
        assertEquals("Welcome, Grace Hopper!", mail.getSubject());
        assertEquals("hello@shop.example", mail.getFrom());
        assertTrue(mail.getText().startsWith("Hi Grace Hopper, thanks for asking about us. We will call +14155550102."), mail.getText());
        assertTrue(mail.getText().contains("/api/v1/outbound/unsubscribe?token="));
        assertTrue(mail.getHeaders().get("List-Unsubscribe").get(0).contains("/api/v1/outbound/unsubscribe?token="));
        assertEquals(0, mailbox.getMailsSentTo("alan@example.com").size(), "no consent, no e-mail");
        assertEquals(1, mailbox.getTotalMessagesSent());

        List<Map<String, Object>> skipped = deliveries("&status=skipped");
        assertEquals(2, skipped.size());
        assertTrue(skipped.stream().anyMatch(d -> d.get("lastError").equals("the lead did not tick the consent checkbox 'marketing'")));
        assertTrue(skipped.stream().anyMatch(d -> d.get("lastError").equals("the lead has no e-mail address")));
    }

    @Test
    void anUnsubscribedAddressGetsNoLaterEmail() throws Throwable {
        write(lead("linus@example.com", "Linus", null, true));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.getMailsSentTo("linus@example.com").size() == 1);
        String text = mailbox.getMailsSentTo("linus@example.com").get(0).getText();
        URI link = URI.create(text.substring(text.indexOf("http"), text.indexOf('\n', text.indexOf("http")) < 0 ? text.length()
                : text.indexOf('\n', text.indexOf("http"))).strip());
        given().get(link.getRawPath() + "?" + link.getRawQuery()).then().statusCode(200).body("unsubscribed", equalTo(true));
        given().get(link.getRawPath() + "?token=forged" + link.getRawQuery().substring(6, 20)).then().statusCode(400)
                .contentType("application/problem+json");

        write(lead("Linus@Example.com", "Linus again", null, true));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("&status=skipped").size() == 1);
        assertEquals("the address unsubscribed", deliveries("&status=skipped").get(0).get("lastError"));
        assertEquals(1, mailbox.getMailsSentTo("linus@example.com").size());
    }

    @Test
    void aBrokenTemplateAtSendTimeKillsTheDeliveryWithTheReason() throws Throwable {
        ObjectNode body = json.createObjectNode().put("kind", "email").put("name", "welcome");
        body.putObject("config").put("from", "hello@shop.example").put("subjectTemplate", "Hi {lead.fields.nickname}")
                .put("bodyTemplate", "Hello");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body.toString()).put("/api/v1/destinations/" + destination)
                .then().statusCode(200);
        write(lead("ken@example.com", "Ken", null, false));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("&status=dead").size() == 1);
        assertTrue(deliveries("&status=dead").get(0).get("lastError").toString().startsWith("template: "));
    }

    @Test
    void followUpsGoOutAfterTheirDelayAndStopWhenTheLeadIsContactedOrUnsubscribes() throws Throwable {
        ObjectNode body = json.createObjectNode().put("kind", "email").put("name", "welcome");
        ObjectNode config = body.putObject("config").put("from", "hello@shop.example").put("subjectTemplate", "Welcome, {lead.fields.fullName}!")
                .put("bodyTemplate", "Hi {lead.fields.fullName}");
        config.putArray("followUps").addObject().put("delay", "P2D").put("subjectTemplate", "Still interested, {lead.fields.fullName}?")
                .put("bodyTemplate", "Just checking in.");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body.toString()).put("/api/v1/destinations/" + destination)
                .then().statusCode(200).body("config.followUps[0].delay", equalTo("P2D"));
        write(lead("stays@example.com", "Stays New", null, false), lead("called@example.com", "Was Called", null, false),
                lead("leaves@example.com", "Leaves", null, false));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("&status=delivered").size() == 3);
        assertEquals(3, deliveries("&status=pending").size(), "step 1 queued for each delivered welcome");
        assertTrue(deliveries("&status=pending").stream().allMatch(d -> d.get("step").equals(1)));
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertEquals(3, mailbox.getTotalMessagesSent(), "nothing before the delay");

        String called = given().auth().oauth2(bearer).get("/api/v1/leads?q=called@example.com").then().extract().path("items[0].id");
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{\"status\":\"contacted\"}").put("/api/v1/leads/" + called + "/status")
                .then().statusCode(200);
        String text = mailbox.getMailsSentTo("leaves@example.com").get(0).getText();
        URI link = URI.create(text.substring(text.indexOf("http")).strip());
        given().get(link.getRawPath() + "?" + link.getRawQuery()).then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"seconds\":" + (2 * 86400 + 60) + "}").post(MetaWorld.ADMIN + "/clock/advance")
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveries("&status=pending").isEmpty());
        assertEquals(2, mailbox.getMailsSentTo("stays@example.com").size());
        assertEquals("Still interested, Stays New?", mailbox.getMailsSentTo("stays@example.com").get(1).getSubject());
        assertEquals(1, mailbox.getMailsSentTo("called@example.com").size(), "contacted: the sequence stops");
        assertEquals(1, mailbox.getMailsSentTo("leaves@example.com").size(), "unsubscribed: the sequence stops");
        List<Map<String, Object>> skipped = deliveries("&status=skipped");
        assertEquals(2, skipped.size());
        assertTrue(skipped.stream().anyMatch(d -> d.get("lastError").equals("the lead is contacted; follow-ups stop")));
        assertTrue(skipped.stream().anyMatch(d -> d.get("lastError").equals("the address unsubscribed")));
        assertEquals(4, deliveries("&status=delivered").size(), "no step 2: the sequence had one follow-up");
    }

    List<Map<String, Object>> deliveries(String query) {
        return given().auth().oauth2(bearer).get("/api/v1/deliveries?destinationId=" + destination + query).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    void write(JsonNode... leads) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> writer.upsert(form, List.of(leads), "sync"));
    }

    JsonNode lead(String email, String name, String phone, boolean consent) {
        ObjectNode lead = json.createObjectNode().put("id", "14" + (1000000000000L + java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(8999999999999L))).put("created_time", clock.instant().toString());
        ArrayNode data = lead.putArray("field_data");
        if (email != null) {
            data.addObject().put("name", "email").putArray("values").add(email);
        }
        data.addObject().put("name", "full_name").putArray("values").add(name);
        if (phone != null) {
            data.addObject().put("name", "phone_number").putArray("values").add(phone);
        }
        lead.putArray("custom_disclaimer_responses").addObject().put("checkbox_key", "marketing").put("is_checked", consent ? "1" : "");
        return lead;
    }
}
