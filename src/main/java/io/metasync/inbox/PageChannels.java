package io.metasync.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.graph.GraphAuth;
import io.smallrye.mutiny.Uni;

/**
 * Messenger and Instagram channels come from the connect room's Page connections: a Messenger channel
 * is a Page, an Instagram channel is the Instagram account linked to a Page, reached with that Page's token.
 */
@ApplicationScoped
public class PageChannels {

    /** The Page a channel sends through, and its credentials. */
    public record PageAuth(String pageId, GraphAuth auth) {
    }

    private final ConnectionService connections;

    public PageChannels(ConnectionService connections) {
        this.connections = connections;
    }

    /** The Page behind a workspace's Messenger (the page id) or Instagram (the account id) channel. */
    public Uni<PageAuth> auth(UUID workspaceId, Channel channel, String channelId) {
        if (channel == Channel.messenger) {
            return connections.pageAuth(workspaceId, channelId).map(auth -> new PageAuth(channelId, auth));
        }
        return connections.pages(workspaceId).flatMap(pages -> {
            String pageId = pages.stream().filter(p -> channelId.equals(p.instagramAccountId())).map(p -> p.pageId())
                    .findFirst().orElseThrow(() -> ProblemException.notFound("Instagram account " + channelId));
            return connections.pageAuth(workspaceId, pageId).map(auth -> new PageAuth(pageId, auth));
        });
    }
}
