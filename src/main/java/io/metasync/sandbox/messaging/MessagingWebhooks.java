package io.metasync.sandbox.messaging;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.webhook.WebhookSender;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Messaging webhooks leave the sandbox like Meta's: signed, POSTed to the webhook target, only for the
 * fields the app subscribed on the Page ({@code messages}, {@code message_echoes}, {@code message_deliveries},
 * {@code message_reads}, {@code messaging_postbacks}; Instagram through the Page its account is linked to)
 * or for a WhatsApp Business Account the app is subscribed to. Off with the {@code messagingWebhooks} setting.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class MessagingWebhooks {

    /** What became of one payload: {@code off}, {@code unsubscribed}, or the receiver's HTTP status (0: unreachable). */
    public static final String OFF = "off";
    public static final String UNSUBSCRIBED = "unsubscribed";

    private final SandboxSettings settings;
    private final WebhookSender sender;
    private final MessagingBook book;
    private final World world;

    public MessagingWebhooks(SandboxSettings settings, WebhookSender sender, MessagingBook book, World world) {
        this.settings = settings;
        this.sender = sender;
        this.book = book;
        this.world = world;
    }

    /** A payload a send produced: kept for the admin outbox and delivered in the background. */
    public void produced(Map<String, Object> payload) {
        book.produced(payload);
        publish(payload).subscribe().with(outcome -> { }, e -> Log.warnf("sandbox messaging webhook failed: %s", e.toString()));
    }

    public Uni<String> publish(Map<String, Object> payload) {
        if (!settings.get().messagingWebhooks()) {
            return Uni.createFrom().item(OFF);
        }
        if (!subscribed(payload)) {
            return Uni.createFrom().item(UNSUBSCRIBED);
        }
        return sender.post(payload).map(String::valueOf);
    }

    @SuppressWarnings("unchecked")
    private boolean subscribed(Map<String, Object> payload) {
        Object object = payload.get("object");
        Map<String, Object> entry = (Map<String, Object>) ((List<Object>) payload.get("entry")).get(0);
        String id = String.valueOf(entry.get("id"));
        if (WebhookPayloads.WHATSAPP.equals(object)) {
            return book.subscribed(id);
        }
        String pageId = WebhookPayloads.INSTAGRAM.equals(object) ? pageOfInstagramAccount(id) : id;
        Map<String, Object> event = (Map<String, Object>) ((List<Object>) entry.get("messaging")).get(0);
        return pageId != null && world.subscriptions().receives(pageId, field(event));
    }

    /** The subscription field Meta sends an event under. */
    @SuppressWarnings("unchecked")
    static String field(Map<String, Object> event) {
        if (event.containsKey("postback")) {
            return "messaging_postbacks";
        }
        if (event.containsKey("delivery")) {
            return "message_deliveries";
        }
        if (event.containsKey("read")) {
            return "message_reads";
        }
        Object message = event.get("message");
        return message instanceof Map<?, ?> m && Boolean.TRUE.equals(((Map<String, Object>) m).get("is_echo"))
                ? "message_echoes" : "messages";
    }

    private String pageOfInstagramAccount(String instagramAccountId) {
        return Ids.decode(instagramAccountId).filter(d -> d.kind() == Ids.Kind.IG_ACCOUNT)
                .flatMap(d -> world.catalog().page(d.number()))
                .filter(p -> instagramAccountId.equals(p.instagramAccountId()))
                .map(p -> p.id()).orElse(null);
    }
}
