package io.metasync.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.metasync.inbox.InboxStore.ConversationRef;
import io.metasync.inbox.InboxStore.NewMessage;
import io.metasync.inbox.InboxViews.MessageView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Sends a reply in a conversation: the window is checked first ({@link ReplyWindow}, 409 outside it, nothing
 * stored), then the message is stored {@code pending}, sent through the Graph client (Messenger and
 * Instagram: {@code POST /{page-id}/messages} with the Page token; WhatsApp: {@code POST
 * /{phone-number-id}/messages} with the number's token) and marked {@code sent} with Meta's mid / wamid,
 * or {@code failed} with Meta's error, which then propagates (the shared mapper answers the problem).
 * Delivery and read come later through the intake.
 */
@ApplicationScoped
public class ReplySender {

    /** A reply: {@code text}, or (WhatsApp) a {@code template}; {@code humanAgent} marks a person answering. */
    @RegisterForReflection
    public record Reply(String text, Template template, Boolean humanAgent) {
    }

    @RegisterForReflection
    public record Template(String name, String language, List<String> parameters) {
    }

    static final int MAX_TEXT = 2000;
    /** Instagram's limit on a message's text (META-FACTS §7). */
    static final int MAX_INSTAGRAM_BYTES = 1000;

    private final InboxStore store;
    private final PageChannels pages;
    private final WhatsAppNumbers numbers;
    private final GraphClient graph;
    private final InboxMetrics metrics;
    private final AppClock clock;
    private final ObjectMapper json;

    public ReplySender(InboxStore store, PageChannels pages, WhatsAppNumbers numbers, GraphClient graph,
            InboxMetrics metrics, AppClock clock, ObjectMapper json) {
        this.store = store;
        this.pages = pages;
        this.numbers = numbers;
        this.graph = graph;
        this.metrics = metrics;
        this.clock = clock;
        this.json = json;
    }

    public Uni<MessageView> send(UUID workspaceId, UUID conversationId, Reply reply) {
        validate(reply);
        return store.conversation(workspaceId, conversationId).flatMap(conv -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (conv.channel() == Channel.whatsapp) {
                if (reply.template() == null) {
                    ReplyWindow.whatsappText(conv.lastInboundAt(), now);
                }
                return numbers.auth(workspaceId, conv.channelId())
                        .flatMap(auth -> deliver(conv, reply, now, auth, conv.channelId(), whatsappBody(conv, reply)));
            }
            if (reply.template() != null) {
                throw ProblemException.invalid("template", "templates are for WhatsApp conversations only");
            }
            if (conv.channel() == Channel.instagram && reply.text().getBytes(StandardCharsets.UTF_8).length > MAX_INSTAGRAM_BYTES) {
                throw ProblemException.invalid("text", "at most " + MAX_INSTAGRAM_BYTES + " bytes (UTF-8) on Instagram");
            }
            ReplyWindow.PageSend how = ReplyWindow.page(conv.lastInboundAt(), now, Boolean.TRUE.equals(reply.humanAgent()));
            return pages.auth(workspaceId, conv.channel(), conv.channelId())
                    .flatMap(page -> deliver(conv, reply, now, page.auth(), page.pageId(), pageBody(conv, reply, how)));
        });
    }

    private Uni<MessageView> deliver(ConversationRef conv, Reply reply, OffsetDateTime now, GraphAuth auth, String sender,
            ObjectNode body) {
        String kind = reply.template() == null ? "text" : "template";
        String text = reply.template() == null ? reply.text() : "[template " + reply.template().name() + "]";
        NewMessage pending = new NewMessage(conv.workspaceId(), conv.channel(), conv.channelId(), conv.participantId(), null,
                null, InboxStore.OUT, kind, text, JsonNodeFactory.instance.arrayNode(), now, "pending");
        return store.record(pending).flatMap(recorded -> graph.sendOnce(auth, sender + "/messages", body)
                .flatMap(answer -> store.markSent(conv.workspaceId(), recorded.messageId(), platformId(conv.channel(), answer))
                        .invoke(() -> metrics.message(conv.channel(), InboxStore.OUT)))
                .onFailure(GraphException.class).call(e -> failed(conv, recorded.messageId(), (GraphException) e))
                .flatMap(v -> store.message(conv.id(), recorded.messageId())));
    }

    private Uni<Void> failed(ConversationRef conv, UUID messageId, GraphException e) {
        metrics.sendFailure(conv.channel(), e.code().orElse(null));
        Uni<Void> marked = store.markFailed(messageId, e.code().orElse(null), e.getMessage());
        return e.kind() == GraphErrorKind.AUTH && conv.channel() == Channel.whatsapp
                ? marked.flatMap(v -> numbers.recordTokenHealth(conv.workspaceId(), conv.channelId(), "expired"))
                : marked;
    }

    /** Messenger Send API body (META-FACTS §7.2); Instagram is sent the same way through its Page. */
    private ObjectNode pageBody(ConversationRef conv, Reply reply, ReplyWindow.PageSend how) {
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", conv.participantId());
        body.put("messaging_type", how.messagingType());
        body.putObject("message").put("text", reply.text());
        if (how.tag() != null) {
            body.put("tag", how.tag());
        }
        return body;
    }

    /** WhatsApp Cloud API body (META-FACTS §7.5): the number with its '+', a text or a template. */
    private ObjectNode whatsappBody(ConversationRef conv, Reply reply) {
        ObjectNode body = json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", conv.participantId().chars().allMatch(Character::isDigit) ? "+" + conv.participantId() : conv.participantId());
        if (reply.template() == null) {
            body.put("type", "text").putObject("text").put("preview_url", false).put("body", reply.text());
            return body;
        }
        Template t = reply.template();
        ObjectNode template = body.put("type", "template").putObject("template").put("name", t.name());
        template.putObject("language").put("code", t.language());
        if (t.parameters() != null && !t.parameters().isEmpty()) {
            ArrayNode parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
            t.parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
        return body;
    }

    private static String platformId(Channel channel, JsonNode answer) {
        return channel == Channel.whatsapp ? answer.path("messages").path(0).path("id").asText()
                : answer.path("message_id").asText();
    }

    private static void validate(Reply reply) {
        if (reply == null) {
            throw ProblemException.invalid("text", "give text or template");
        }
        boolean hasText = reply.text() != null && !reply.text().isBlank();
        if (hasText == (reply.template() != null)) {
            throw ProblemException.invalid("text", "give either text or template");
        }
        if (hasText && reply.text().length() > MAX_TEXT) {
            throw ProblemException.invalid("text", "at most " + MAX_TEXT + " characters");
        }
        if (reply.template() != null && (blank(reply.template().name()) || blank(reply.template().language()))) {
            throw ProblemException.invalid("template", "name and language are required");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
