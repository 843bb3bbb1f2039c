package io.metasync.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.connection.ConnectionViews.ConnectionView;
import io.metasync.connect.connection.ConnectionViews.PageRef;
import io.metasync.inbox.InboxViews.ChannelView;
import io.metasync.leads.PageSubscriptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The caller's channels with what works: Messenger Pages and their Instagram accounts from the page
 * connections (token health = the connection's status; webhook subscribed = the Page's app install has
 * the {@code messages} field, asked of Meta now), and the WhatsApp numbers connected here.
 */
@ApplicationScoped
public class ChannelDirectory {

    static final String MESSAGES_FIELD = "messages";

    private final ConnectionService connections;
    private final PageSubscriptions subscriptions;
    private final WhatsAppNumbers numbers;

    public ChannelDirectory(ConnectionService connections, PageSubscriptions subscriptions, WhatsAppNumbers numbers) {
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.numbers = numbers;
    }

    /** Channels of the calling workspace (its connections are read as the caller). */
    public Uni<List<ChannelView>> list(UUID workspaceId) {
        return connections.list().flatMap(list -> Multi.createFrom().iterable(pageChannels(list))
                .onItem().transformToUniAndConcatenate(p -> subscribed(workspaceId, p).map(sub -> p.views(sub)))
                .collect().asList())
                .flatMap(pageViews -> numbers.channels(workspaceId).map(wa -> {
                    List<ChannelView> all = new ArrayList<>();
                    pageViews.forEach(all::addAll);
                    all.addAll(wa);
                    return all;
                }));
    }

    /** A page of a connection, and the health of the connection's token. */
    private record PageChannel(PageRef page, String tokenHealth) {

        List<ChannelView> views(boolean subscribed) {
            List<ChannelView> out = new ArrayList<>();
            String status = ChannelStatus.of(tokenHealth, subscribed);
            out.add(new ChannelView(Channel.messenger.name(), page.id(), page.name(), status, true, subscribed, tokenHealth,
                    page.id()));
            if (page.instagramAccountId() != null) {
                out.add(new ChannelView(Channel.instagram.name(), page.instagramAccountId(), page.name() + " (Instagram)",
                        status, true, subscribed, tokenHealth, page.id()));
            }
            return out;
        }
    }

    private static List<PageChannel> pageChannels(List<ConnectionView> connections) {
        List<PageChannel> out = new ArrayList<>();
        for (ConnectionView c : connections) {
            c.pages().forEach(p -> out.add(new PageChannel(p, c.status())));
        }
        return out;
    }

    /** Whether Meta sends the Page's messages; false when it cannot be asked (the token is dead). */
    private Uni<Boolean> subscribed(UUID workspaceId, PageChannel p) {
        if (!ChannelStatus.usable(p.tokenHealth())) {
            return Uni.createFrom().item(false);
        }
        return subscriptions.subscribedFields(workspaceId, p.page().id()).map(fields -> fields.contains(MESSAGES_FIELD))
                .onFailure().recoverWithItem(false);
    }
}
