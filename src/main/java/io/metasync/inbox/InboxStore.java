package io.metasync.inbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.inbox.InboxViews.ConversationView;
import io.metasync.inbox.InboxViews.MessageView;
import io.metasync.inbox.InboxViews.Participant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Conversations and messages, with the reactive SQL client: a message is inserted once per platform id
 * ({@code INSERT .. ON CONFLICT DO NOTHING}), and only a message actually inserted moves its
 * conversation's last-message and last-inbound times and unread count. Statuses only move forward
 * (pending, sent, delivered, read); failed ends a pending or sent message.
 */
@ApplicationScoped
public class InboxStore {

    /** A message as the intake or a send records it. */
    public record NewMessage(UUID workspaceId, Channel channel, String channelId, String participantId,
            String participantName, String platformId, String direction, String kind, String text, JsonNode attachments,
            OffsetDateTime sentAt, String status) {
    }

    /** Where a message went: its conversation, whether it was new, and the participant's name as stored. */
    public record Recorded(UUID conversationId, UUID messageId, boolean inserted, String participantName) {
    }

    /** A conversation's routing facts, for replies. */
    public record ConversationRef(UUID id, UUID workspaceId, Channel channel, String channelId, String participantId,
            OffsetDateTime lastInboundAt) {
    }

    static final String IN = "in";
    static final String OUT = "out";
    private static final String RANK = "array_position(ARRAY['pending','sent','delivered','read']::text[], %s)";

    private final Pool pool;
    private final ObjectMapper json;

    public InboxStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Records a message in its conversation (created on first sight); a known platform id changes nothing. */
    public Uni<Recorded> record(NewMessage m) {
        return pool.withTransaction(conn -> conversation(conn, m).flatMap(conv -> {
            UUID conversationId = conv.getUUID(0);
            UUID messageId = UUID.randomUUID();
            return conn.preparedQuery("INSERT INTO inbox_message (id, workspace_id, conversation_id, platform_id, direction,"
                    + " kind, text, attachments, sent_at, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9,"
                    + " $10, now()) ON CONFLICT (workspace_id, platform_id) DO NOTHING RETURNING id")
                    .execute(Tuple.from(Arrays.asList(messageId, m.workspaceId(), conversationId, m.platformId(),
                            m.direction(), m.kind(), m.text(), attachments(m.attachments()), m.sentAt(), m.status())))
                    .flatMap(rows -> rows.size() == 0
                            ? Uni.createFrom().item(new Recorded(conversationId, null, false, conv.getString(1)))
                            : conn.preparedQuery("UPDATE inbox_conversation SET last_message_at = GREATEST(last_message_at, $2),"
                                    + " last_inbound_at = CASE WHEN $3 THEN GREATEST(last_inbound_at, $2) ELSE last_inbound_at END,"
                                    + " unread = unread + CASE WHEN $3 THEN 1 ELSE 0 END WHERE id = $1")
                                    .execute(Tuple.of(conversationId, m.sentAt(), IN.equals(m.direction())))
                                    .map(u -> new Recorded(conversationId, messageId, true, conv.getString(1))));
        }));
    }

    private Uni<Row> conversation(SqlConnection conn, NewMessage m) {
        return conn.preparedQuery("INSERT INTO inbox_conversation (id, workspace_id, channel, channel_id, participant_id,"
                + " participant_name, last_message_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())"
                + " ON CONFLICT (workspace_id, channel, channel_id, participant_id) DO UPDATE"
                + " SET participant_name = COALESCE(EXCLUDED.participant_name, inbox_conversation.participant_name)"
                + " RETURNING id, participant_name")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), m.workspaceId(), m.channel().name(), m.channelId(),
                        m.participantId(), m.participantName(), m.sentAt())))
                .map(rows -> rows.iterator().next());
    }

    /** Remembers the participant's WhatsApp business-scoped user id on the conversation (a no-op when known). */
    public Uni<Void> rememberUserId(UUID conversationId, String userId) {
        return pool.preparedQuery("UPDATE inbox_conversation SET participant_user_id = $2 WHERE id = $1"
                + " AND participant_user_id IS DISTINCT FROM $2").execute(Tuple.of(conversationId, userId)).replaceWithVoid();
    }

    /** The participant a business-scoped user id belongs to in a channel: the conversation that has it, else the id itself. */
    public Uni<String> participantOf(UUID workspaceId, Channel channel, String channelId, String userId) {
        return pool.preparedQuery("SELECT participant_id FROM inbox_conversation WHERE workspace_id = $1 AND channel = $2"
                + " AND channel_id = $3 AND participant_user_id = $4 ORDER BY last_message_at DESC LIMIT 1")
                .execute(Tuple.of(workspaceId, channel.name(), channelId, userId))
                .map(rows -> rows.size() == 0 ? userId : rows.iterator().next().getString(0));
    }

    public Uni<Void> nameParticipant(UUID conversationId, String name) {
        return pool.preparedQuery("UPDATE inbox_conversation SET participant_name = $2 WHERE id = $1")
                .execute(Tuple.of(conversationId, name)).replaceWithVoid();
    }

    /**
     * Moves our messages sent to a participant up to {@code watermark} to {@code status} (delivered or
     * read): Messenger's delivery and read watermarks. Answers how many changed.
     */
    public Uni<Integer> advanceUpTo(UUID workspaceId, Channel channel, String channelId, String participantId,
            OffsetDateTime watermark, String status) {
        return pool.preparedQuery("UPDATE inbox_message m SET status = $5 FROM inbox_conversation c"
                + " WHERE c.workspace_id = $1 AND c.channel = $2 AND c.channel_id = $3 AND c.participant_id = $4"
                + " AND m.conversation_id = c.id AND m.direction = 'out' AND m.sent_at <= $6 AND m.status <> 'failed'"
                + " AND " + RANK.formatted("m.status") + " < " + RANK.formatted("$5::text"))
                .execute(Tuple.from(Arrays.asList(workspaceId, channel.name(), channelId, participantId, status, watermark)))
                .map(rows -> rows.rowCount());
    }

    /** The time our message with this platform id was sent (Instagram read receipts name a message). */
    public Uni<OffsetDateTime> sentAtOf(UUID workspaceId, String platformId) {
        return pool.preparedQuery("SELECT sent_at FROM inbox_message WHERE workspace_id = $1 AND platform_id = $2")
                .execute(Tuple.of(workspaceId, platformId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0));
    }

    /** A status of one message (WhatsApp statuses, Messenger delivery mids); failed records the error. */
    public Uni<Integer> advance(UUID workspaceId, String platformId, String status, Integer errorCode, String error) {
        if ("failed".equals(status)) {
            return pool.preparedQuery("UPDATE inbox_message SET status = 'failed', error_code = $3, error = $4"
                    + " WHERE workspace_id = $1 AND platform_id = $2 AND status IN ('pending', 'sent')")
                    .execute(Tuple.of(workspaceId, platformId, errorCode, error)).map(rows -> rows.rowCount());
        }
        return pool.preparedQuery("UPDATE inbox_message SET status = $3 WHERE workspace_id = $1 AND platform_id = $2"
                + " AND status <> 'failed' AND " + RANK.formatted("status") + " < " + RANK.formatted("$3::text"))
                .execute(Tuple.of(workspaceId, platformId, status)).map(rows -> rows.rowCount());
    }

    /**
     * Whether any workspace has a message with this platform id (Meta's ids are global; a number several
     * workspaces connected sends each status to all of them, and only the sender's has the message).
     */
    public Uni<Boolean> knows(String platformId) {
        return pool.preparedQuery("SELECT 1 FROM inbox_message WHERE platform_id = $1 LIMIT 1")
                .execute(Tuple.of(platformId)).map(rows -> rows.size() > 0);
    }

    /**
     * Our send was accepted: its platform id (an echo that came first is folded into it) and status sent.
     * An echo committed between the fold and the update (Meta sends it as soon as it accepts the send)
     * makes the update hit the platform id's key: the transaction runs again and folds it.
     */
    public Uni<Void> markSent(UUID workspaceId, UUID messageId, String platformId) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM inbox_message WHERE workspace_id = $1"
                + " AND platform_id = $2 AND id <> $3 AND direction = 'out'").execute(Tuple.of(workspaceId, platformId, messageId))
                .flatMap(d -> conn.preparedQuery("UPDATE inbox_message SET platform_id = $2, status = 'sent' WHERE id = $1"
                        + " AND status = 'pending'").execute(Tuple.of(messageId, platformId))))
                .onFailure(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()))
                .retry().atMost(3)
                .replaceWithVoid();
    }

    public Uni<Void> markFailed(UUID messageId, Integer code, String error) {
        return pool.preparedQuery("UPDATE inbox_message SET status = 'failed', error_code = $2, error = $3 WHERE id = $1")
                .execute(Tuple.of(messageId, code, error)).replaceWithVoid();
    }

    /** One of the workspace's conversations; 404 for any other. */
    public Uni<ConversationRef> conversation(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT id, workspace_id, channel, channel_id, participant_id, last_inbound_at"
                + " FROM inbox_conversation WHERE workspace_id = $1 AND id = $2").execute(Tuple.of(workspaceId, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Conversation");
                    }
                    Row r = rows.iterator().next();
                    return new ConversationRef(r.getUUID(0), r.getUUID(1), Channel.valueOf(r.getString(2)), r.getString(3),
                            r.getString(4), r.getOffsetDateTime(5));
                });
    }

    /** The workspace's conversations, latest message first. */
    public Uni<Page<ConversationView>> conversations(UUID workspaceId, Channel channel, PageRequest page) {
        Cursor c = page.cursor();
        return pool.preparedQuery("SELECT id, channel, channel_id, participant_id, participant_name, last_message_at,"
                + " last_inbound_at, unread FROM inbox_conversation WHERE workspace_id = $1 AND ($2::text IS NULL OR channel = $2)"
                + " AND ($3::timestamptz IS NULL OR (last_message_at, id) < ($3, $4)) ORDER BY last_message_at DESC, id DESC LIMIT $5")
                .execute(Tuple.from(Arrays.asList(workspaceId, channel == null ? null : channel.name(),
                        c == null ? null : c.timeAt(0), c == null ? null : c.uuidAt(1), page.fetchSize())))
                .map(rows -> {
                    List<ConversationView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new ConversationView(r.getUUID(0), r.getString(1), r.getString(2),
                            new Participant(r.getString(3), r.getString(4)), r.getOffsetDateTime(5), r.getOffsetDateTime(6),
                            r.getInteger(7))));
                    return Cursor.page(list, page, v -> Cursor.of(v.lastMessageAt().toString(), v.id().toString()));
                });
    }

    /** A conversation's messages, oldest first. */
    public Uni<Page<MessageView>> messages(UUID conversationId, PageRequest page) {
        Cursor c = page.cursor();
        return pool.preparedQuery("SELECT id, direction, kind, text, attachments::text, sent_at, status, error_code, error,"
                + " platform_id FROM inbox_message WHERE conversation_id = $1"
                + " AND ($2::timestamptz IS NULL OR (sent_at, id) > ($2, $3)) ORDER BY sent_at, id LIMIT $4")
                .execute(Tuple.of(conversationId, c == null ? null : c.timeAt(0), c == null ? null : c.uuidAt(1),
                        page.fetchSize()))
                .map(rows -> {
                    List<MessageView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new MessageView(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                            parse(r.getString(4)), r.getOffsetDateTime(5), r.getString(6), r.getInteger(7), r.getString(8),
                            r.getString(9))));
                    return Cursor.page(list, page, v -> Cursor.of(v.sentAt().toString(), v.id().toString()));
                });
    }

    /** One message of the workspace. */
    public Uni<MessageView> message(UUID conversationId, UUID messageId) {
        return pool.preparedQuery("SELECT id, direction, kind, text, attachments::text, sent_at, status, error_code, error,"
                + " platform_id FROM inbox_message WHERE conversation_id = $1 AND id = $2").execute(Tuple.of(conversationId, messageId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new MessageView(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), parse(r.getString(4)),
                            r.getOffsetDateTime(5), r.getString(6), r.getInteger(7), r.getString(8), r.getString(9));
                });
    }

    /** The platform id of the participant's latest message (what a WhatsApp read receipt names). */
    public Uni<String> lastInboundPlatformId(UUID conversationId) {
        return pool.preparedQuery("SELECT platform_id FROM inbox_message WHERE conversation_id = $1 AND direction = 'in'"
                + " ORDER BY sent_at DESC, id DESC LIMIT 1").execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    public Uni<Void> markRead(UUID conversationId) {
        return pool.preparedQuery("UPDATE inbox_conversation SET unread = 0 WHERE id = $1").execute(Tuple.of(conversationId))
                .replaceWithVoid();
    }

    private static String attachments(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "[]" : node.toString();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments are not JSON", e);
        }
    }
}
