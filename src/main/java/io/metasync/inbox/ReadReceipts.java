package io.metasync.inbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.time.AppClock;
import io.metasync.graph.GraphClient;
import io.metasync.inbox.InboxStore.ConversationRef;
import io.smallrye.mutiny.Uni;

/**
 * Tells the participant their messages were read, where the channel has such a receipt: Messenger and
 * Instagram {@code sender_action=mark_seen} (inside the 24 h window only), WhatsApp {@code status: read} of
 * the last inbound message. Best effort: a refusal is logged, never a failure of marking the conversation read.
 */
@ApplicationScoped
public class ReadReceipts {

    private static final Logger LOG = Logger.getLogger(ReadReceipts.class);

    private final InboxStore store;
    private final PageChannels pages;
    private final WhatsAppNumbers numbers;
    private final GraphClient graph;
    private final AppClock clock;

    public ReadReceipts(InboxStore store, PageChannels pages, WhatsAppNumbers numbers, GraphClient graph, AppClock clock) {
        this.store = store;
        this.pages = pages;
        this.numbers = numbers;
        this.graph = graph;
        this.clock = clock;
    }

    public Uni<Void> send(ConversationRef conv) {
        Uni<?> receipt;
        if (conv.channel() == Channel.whatsapp) {
            receipt = store.lastInboundPlatformId(conv.id()).flatMap(wamid -> wamid == null ? Uni.createFrom().voidItem()
                    : numbers.auth(conv.workspaceId(), conv.channelId()).flatMap(auth -> graph.post(auth,
                            conv.channelId() + "/messages", Map.of("messaging_product", "whatsapp", "status", "read",
                                    "message_id", wamid))));
        } else {
            if (conv.lastInboundAt() == null
                    || Duration.between(conv.lastInboundAt(), OffsetDateTime.now(clock)).compareTo(ReplyWindow.STANDARD) > 0) {
                return Uni.createFrom().voidItem();
            }
            receipt = pages.auth(conv.workspaceId(), conv.channel(), conv.channelId())
                    .flatMap(page -> graph.post(page.auth(), page.pageId() + "/messages", Map.of(
                            "recipient", "{\"id\":\"" + conv.participantId() + "\"}", "sender_action", "mark_seen")));
        }
        return receipt.replaceWithVoid().onFailure().recoverWithUni(e -> {
            LOG.infof("No read receipt for a %s conversation of workspace %s: %s", conv.channel(), conv.workspaceId(),
                    e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
