package io.metasync.sandbox.messaging;

import static io.metasync.sandbox.Json.obj;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The webhook bodies Meta sends for messaging (META-FACTS §7.1, §7.3, §7.4): Messenger and Instagram
 * {@code entry[].messaging[]} with millisecond timestamps, WhatsApp {@code entry[].changes[].value} with
 * Unix-second timestamps as strings.
 */
public final class WebhookPayloads {

    public static final String PAGE = "page";
    public static final String INSTAGRAM = "instagram";
    public static final String WHATSAPP = "whatsapp_business_account";

    private WebhookPayloads() {
    }

    /** One {@code messaging[]} event in an entry of its own ({@code object} page or instagram). */
    public static Map<String, Object> messaging(String object, String entryId, String senderId, String recipientId,
            Instant at, String key, Object event) {
        Map<String, Object> item = obj("sender", obj("id", senderId), "recipient", obj("id", recipientId),
                "timestamp", at.toEpochMilli(), key, event);
        return obj("object", object, "entry", List.of(obj("id", entryId, "time", at.toEpochMilli(),
                "messaging", List.of(item))));
    }

    /** One WhatsApp {@code messages} change (an incoming message or statuses) for a phone number. */
    public static Map<String, Object> whatsapp(String wabaId, String displayPhoneNumber, String phoneNumberId,
            Map<String, Object> value) {
        Map<String, Object> v = obj("messaging_product", "whatsapp",
                "metadata", obj("display_phone_number", displayPhoneNumber, "phone_number_id", phoneNumberId));
        v.putAll(value);
        return obj("object", WHATSAPP, "entry", List.of(obj("id", wabaId,
                "changes", List.of(obj("field", "messages", "value", v)))));
    }

    /** A WhatsApp status ({@code sent}, {@code delivered}, {@code read}, {@code failed}) of a sent message. */
    public static Map<String, Object> status(String wamid, String status, Instant at, String recipient,
            Map<String, Object> error) {
        Map<String, Object> s = obj("id", wamid, "status", status, "timestamp", Long.toString(at.getEpochSecond()),
                "recipient_id", recipient);
        if (error != null) {
            s.put("errors", List.of(error));
        } else {
            s.put("pricing", obj("billable", false, "pricing_model", "PMP", "type", "free_customer_service",
                    "category", "service"));
        }
        return s;
    }

    public static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }
}
