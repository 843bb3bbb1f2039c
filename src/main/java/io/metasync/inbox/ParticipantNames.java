package io.metasync.inbox;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.graph.GraphClient;
import io.smallrye.mutiny.Uni;

/**
 * Fetches the name of a Messenger or Instagram participant the first time they write (the profile
 * fields the Page token may read: {@code first_name,last_name} for a PSID, {@code name,username} for an
 * IGSID). Best effort: when Meta refuses, the conversation keeps no name and the next message tries again.
 */
@ApplicationScoped
public class ParticipantNames {

    private static final Logger LOG = Logger.getLogger(ParticipantNames.class);

    private final PageChannels pages;
    private final GraphClient graph;
    private final InboxStore store;

    public ParticipantNames(PageChannels pages, GraphClient graph, InboxStore store) {
        this.pages = pages;
        this.graph = graph;
        this.store = store;
    }

    /** Names the conversation's participant if Meta tells; never fails. */
    public Uni<Void> fill(UUID workspaceId, Channel channel, String channelId, String participantId, UUID conversationId) {
        String fields = channel == Channel.instagram ? "name,username" : "first_name,last_name";
        return pages.auth(workspaceId, channel, channelId)
                .flatMap(page -> graph.get(page.auth(), participantId, Map.of("fields", fields)))
                .map(ParticipantNames::name)
                .flatMap(name -> name == null ? Uni.createFrom().voidItem() : store.nameParticipant(conversationId, name))
                .onFailure().recoverWithUni(e -> {
                    LOG.debugf("No profile for a %s participant of workspace %s: %s", channel, workspaceId, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    static String name(JsonNode profile) {
        String name = profile.path("name").asText("");
        if (name.isBlank()) {
            name = (profile.path("first_name").asText("") + " " + profile.path("last_name").asText("")).trim();
        }
        if (name.isBlank()) {
            name = profile.path("username").asText("");
        }
        return name.isBlank() ? null : name;
    }
}
