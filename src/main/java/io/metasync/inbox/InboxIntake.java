package io.metasync.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.connect.connection.ConnectionService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The inbox's door for the webhooks dispatcher (docs/inbox.md "For the webhooks dispatcher"): one
 * messaging entry at a time, {@code object} {@code page}, {@code instagram} or
 * {@code whatsapp_business_account}, routed to every workspace that connected the page, Instagram account
 * or WhatsApp number, and idempotent (messages are deduplicated on mid / wamid, statuses only move
 * forward), so a redelivered webhook changes nothing. Entries for channels no workspace has are reported
 * in {@link IntakeResult#unknownChannels()}; entries of other objects, and page entries without
 * {@code messaging[]} (leadgen, feed), are answered with an empty result.
 */
@ApplicationScoped
public class InboxIntake {

    public static final String PAGE = "page";
    public static final String INSTAGRAM = "instagram";
    public static final String WHATSAPP = "whatsapp_business_account";

    private final ConnectionService connections;
    private final WhatsAppNumbers numbers;
    private final PageEvents pageEvents;
    private final WhatsAppEvents whatsappEvents;

    InboxIntake(ConnectionService connections, WhatsAppNumbers numbers, PageEvents pageEvents, WhatsAppEvents whatsappEvents) {
        this.connections = connections;
        this.numbers = numbers;
        this.pageEvents = pageEvents;
        this.whatsappEvents = whatsappEvents;
    }

    /** Whether {@code accept} handles this object's entries. */
    public static boolean handles(String object) {
        return PAGE.equals(object) || INSTAGRAM.equals(object) || WHATSAPP.equals(object);
    }

    public Uni<IntakeResult> accept(String object, JsonNode entry) {
        if (entry == null || !handles(object)) {
            return Uni.createFrom().item(IntakeResult.empty());
        }
        if (WHATSAPP.equals(object)) {
            return whatsapp(entry);
        }
        if (!entry.path("messaging").isArray() || entry.path("messaging").isEmpty()) {
            return Uni.createFrom().item(IntakeResult.empty());
        }
        String id = entry.path("id").asText();
        boolean instagram = INSTAGRAM.equals(object);
        Uni<List<UUID>> workspaces = instagram ? connections.workspacesForInstagramAccount(id) : connections.workspacesForPage(id);
        Channel channel = instagram ? Channel.instagram : Channel.messenger;
        return fanOut(workspaces, object + ":" + id, ws -> pageEvents.accept(ws, channel, entry));
    }

    private Uni<IntakeResult> whatsapp(JsonNode entry) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode change : entry.path("changes")) {
            if ("messages".equals(change.path("field").asText()) && change.path("value").isObject()) {
                values.add(change.path("value"));
            }
        }
        return Multi.createFrom().iterable(values).onItem().transformToUniAndConcatenate(value -> {
            String phoneNumberId = value.path("metadata").path("phone_number_id").asText();
            return fanOut(numbers.workspacesFor(phoneNumberId), "whatsapp:" + phoneNumberId,
                    ws -> whatsappEvents.accept(ws, phoneNumberId, value));
        }).collect().asList().map(IntakeResult::sum);
    }

    private static Uni<IntakeResult> fanOut(Uni<List<UUID>> workspaces, String channel, Function<UUID, Uni<IntakeResult>> work) {
        return workspaces.flatMap(list -> list.isEmpty() ? Uni.createFrom().item(IntakeResult.unknown(channel))
                : Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(ws -> work.apply(ws))
                        .collect().asList().map(IntakeResult::sum));
    }
}
