package io.metasync.outbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.leads.LeadViews.LeadDetail;
import io.smallrye.mutiny.Uni;

/**
 * Hands one lead to one destination by its kind. A webhook gets
 * {@code {event:"lead.created", deliveryId, destinationId, lead}} where {@code lead} is the lead as
 * {@code GET /leads/{id}} answers it (mapped fields, raw answers, consents).
 */
@ApplicationScoped
public class Dispatcher {

    private final WebhookSender webhooks;
    private final EmailSender emails;
    private final ObjectMapper json;

    public Dispatcher(WebhookSender webhooks, EmailSender emails, ObjectMapper json) {
        this.webhooks = webhooks;
        this.emails = emails;
        this.json = json;
    }

    /** Sends step {@code step} (0: the first message; e-mail follow-ups 1..) of the lead to the destination. */
    public Uni<SendResult> send(Destination d, UUID deliveryId, int step, LeadDetail lead) {
        if (Destination.EMAIL.equals(d.kind())) {
            return emails.send(d, lead, step);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "lead.created");
        payload.put("deliveryId", deliveryId);
        payload.put("destinationId", d.id());
        payload.put("lead", lead);
        try {
            return webhooks.send(d, deliveryId, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lead could not be written as JSON", e);
        }
    }
}
