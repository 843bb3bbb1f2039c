package io.metasync.sandbox.messaging;

import static io.metasync.sandbox.Json.obj;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.BadSandboxRequest;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The sandbox's people writing to the world's channels (docs/sandbox.md "Messaging"): {@code POST inbound}
 * makes a person send a message (opening the messaging windows, by the app clock) and answers the exact
 * webhook payload Meta would deliver; {@code GET outbox} answers the payloads sends produced (echoes,
 * deliveries, reads, WhatsApp statuses), oldest first.
 */
@Path("/sandbox/admin/messaging")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
@IfBuildProfile(anyOf = { "dev", "test" })
public class MessagingAdminResource {

    /** A person's message: {@code channel} messenger/instagram/whatsapp, {@code to} page, IG account or phone number id. */
    @RegisterForReflection
    public record Inbound(String channel, String to, Long person, String from, String text, List<Attachment> attachments,
            Postback postback) {
    }

    /** Header of the inbound answer: what became of the webhook ({@code off}, {@code unsubscribed} or the app's HTTP status). */
    public static final String WEBHOOK_HEADER = "X-Sandbox-Webhook";

    @RegisterForReflection
    public record Attachment(String type, String url) {
    }

    @RegisterForReflection
    public record Postback(String title, String payload) {
    }

    private final World world;
    private final MessagingBook book;
    private final MessagingWebhooks webhooks;
    private final AppClock clock;

    public MessagingAdminResource(World world, MessagingBook book, MessagingWebhooks webhooks, AppClock clock) {
        this.world = world;
        this.book = book;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The payload, delivered to the app first (when the setting is on and the channel subscribed). */
    @POST
    @Path("inbound")
    public Uni<Response> inbound(Inbound in) {
        Map<String, Object> payload = message(in);
        return webhooks.publish(payload).map(outcome -> Response.ok(payload).header(WEBHOOK_HEADER, outcome).build());
    }

    private Map<String, Object> message(Inbound in) {
        if (in == null || in.channel() == null || in.to() == null) {
            throw new BadSandboxRequest("channel and to are required");
        }
        if ((in.text() == null || in.text().isEmpty()) && (in.attachments() == null || in.attachments().isEmpty())
                && in.postback() == null) {
            throw new BadSandboxRequest("text, attachments or postback is required");
        }
        long person = in.person() == null ? 0 : in.person();
        Instant now = clock.instant();
        return switch (in.channel()) {
            case "messenger", "instagram" -> pageMessage(in, person, now);
            case "whatsapp" -> whatsappMessage(in, person, now);
            default -> throw new BadSandboxRequest("channel must be messenger, instagram or whatsapp");
        };
    }

    @GET
    @Path("outbox")
    public Map<String, Object> outbox() {
        return obj("payloads", book.outbox());
    }

    @DELETE
    @Path("outbox")
    public Map<String, Object> clearOutbox() {
        book.clearOutbox();
        return obj("cleared", true);
    }

    private Map<String, Object> pageMessage(Inbound in, long person, Instant now) {
        boolean instagram = in.channel().equals("instagram");
        Page page = page(in.to(), instagram);
        String from = in.from() != null ? in.from()
                : WhatsAppCatalog.scopedId(instagram ? Ids.Kind.IGSID : Ids.Kind.PSID, page.index(), person);
        String mid = MessagingBook.mid();
        book.inbound(in.to(), from, now);
        String object = instagram ? WebhookPayloads.INSTAGRAM : WebhookPayloads.PAGE;
        if (in.postback() != null) {
            return WebhookPayloads.messaging(object, in.to(), from, in.to(), now, "postback",
                    obj("title", in.postback().title(), "payload", in.postback().payload(), "mid", mid));
        }
        Map<String, Object> message = obj("mid", mid);
        if (in.text() != null) {
            message.put("text", in.text());
        }
        if (in.attachments() != null && !in.attachments().isEmpty()) {
            List<Object> list = new ArrayList<>();
            in.attachments().forEach(a -> list.add(obj("type", a.type(), "payload", obj("url", a.url()))));
            message.put("attachments", list);
        }
        return WebhookPayloads.messaging(object, in.to(), from, in.to(), now, "message", message);
    }

    private Map<String, Object> whatsappMessage(Inbound in, long person, Instant now) {
        var number = WhatsAppCatalog.byPhoneNumberId(in.to())
                .orElseThrow(() -> new BadSandboxRequest("no WhatsApp phone number " + in.to()));
        String from = in.from() != null ? in.from() : WhatsAppCatalog.waId(person);
        book.inbound(number.phoneNumberId(), from, now);
        Map<String, Object> message = obj("from", from, "id", MessagingBook.wamid(), "timestamp",
                WebhookPayloads.seconds(now));
        if (in.attachments() != null && !in.attachments().isEmpty()) {
            Attachment a = in.attachments().get(0);
            message.put("type", a.type());
            message.put(a.type(), obj("id", Long.toString(Math.abs(a.url().hashCode())), "mime_type", "image/jpeg",
                    "caption", in.text()));
        } else {
            message.put("type", "text");
            message.put("text", obj("body", in.text()));
        }
        String name = WhatsAppCatalog.personName(world.catalog().spec().seed(), person);
        return WebhookPayloads.whatsapp(number.wabaId(), number.displayPhoneNumber(), number.phoneNumberId(),
                obj("contacts", List.of(obj("profile", obj("name", name), "wa_id", from)), "messages", List.of(message)));
    }

    private Page page(String id, boolean instagram) {
        var decoded = Ids.decode(id).orElseThrow(() -> new BadSandboxRequest("not a sandbox id: " + id));
        var kind = instagram ? Ids.Kind.IG_ACCOUNT : Ids.Kind.PAGE;
        Page page = decoded.kind() == kind ? world.catalog().page(decoded.number()).orElse(null) : null;
        if (page == null || instagram && !id.equals(page.instagramAccountId())) {
            throw new BadSandboxRequest("no " + (instagram ? "Instagram account " : "page ") + id);
        }
        return page;
    }
}
