package io.metasync.inbox;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.inbox.InboxViews.ChannelView;
import io.metasync.inbox.InboxViews.ConversationView;
import io.metasync.inbox.InboxViews.MessageView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/inbox")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final ChannelDirectory channels;
    private final InboxStore store;
    private final ReplySender sender;
    private final ReadReceipts receipts;
    private final CurrentCaller caller;

    public InboxResource(ChannelDirectory channels, InboxStore store, ReplySender sender, ReadReceipts receipts,
            CurrentCaller caller) {
        this.receipts = receipts;
        this.channels = channels;
        this.store = store;
        this.sender = sender;
        this.caller = caller;
    }

    @GET
    @Path("/channels")
    @Operation(summary = "Messenger pages, Instagram accounts and WhatsApp numbers with their status"
            + " (connected, webhook subscribed, token health)")
    @APIResponse(responseCode = "200", description = "The workspace's channels, by kind and id")
    public Uni<Page<ChannelView>> channels(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return channels.list(caller.workspaceId()).map(list -> Cursor.slice(list, page, c -> c.kind() + ":" + c.id()));
    }

    @GET
    @Path("/conversations")
    @Operation(summary = "Conversations, latest message first")
    @APIResponse(responseCode = "200", description = "A page of conversations")
    @APIResponse(responseCode = "400", description = "Unknown channel, bad limit or cursor")
    public Uni<Page<ConversationView>> conversations(@QueryParam("channel") String channel, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return store.conversations(caller.workspaceId(), Channel.param(channel), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/conversations/{id}/messages")
    @Operation(summary = "A conversation's messages, oldest first")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such conversation in the workspace")
    public Uni<Page<MessageView>> messages(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        PageRequest page = PageRequest.of(limit, cursor);
        return store.conversation(caller.workspaceId(), id).flatMap(conv -> store.messages(conv.id(), page));
    }

    @POST
    @Path("/conversations/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply: {text} (humanAgent: true when a person answers after 24 h) or, on WhatsApp,"
            + " {template:{name, language, parameters[]}}")
    @APIResponse(responseCode = "201", description = "Sent: the message, status sent (delivery and read follow by webhook)")
    @APIResponse(responseCode = "400", description = "Neither or both of text and template, or a template outside WhatsApp")
    @APIResponse(responseCode = "404", description = "No such conversation in the workspace")
    @APIResponse(responseCode = "409", description = "Outside Meta's messaging window (the problem names the rule),"
            + " or Meta refused the send")
    public Uni<Response> send(@PathParam("id") UUID id, ReplySender.Reply reply) {
        return sender.send(caller.workspaceId(), id, reply)
                .map(message -> Response.status(Response.Status.CREATED).entity(message).build());
    }

    @POST
    @Path("/conversations/{id}/read")
    @Operation(summary = "Marks the conversation read (unread back to 0) and sends the channel's read receipt"
            + " (Messenger/Instagram mark_seen within 24 h, WhatsApp status read), best effort")
    @APIResponse(responseCode = "204", description = "Marked read")
    @APIResponse(responseCode = "404", description = "No such conversation in the workspace")
    public Uni<Void> read(@PathParam("id") UUID id) {
        return store.conversation(caller.workspaceId(), id)
                .flatMap(conv -> store.markRead(conv.id()).flatMap(v -> receipts.send(conv)));
    }
}
