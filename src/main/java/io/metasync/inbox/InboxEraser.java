package io.metasync.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Erases a person's conversations from a workspace (a privacy request): those whose participant id is
 * the Meta user id (Messenger, Instagram), or, on WhatsApp, whose WhatsApp id is the phone number
 * (digits, country code first). Answers how many messages went with them.
 */
@ApplicationScoped
public class InboxEraser {

    private final Pool pool;

    public InboxEraser(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> erase(UUID workspaceId, String metaUserId, String phone) {
        String waId = phone == null ? null : phone.replaceAll("[^0-9]", "");
        Tuple args = Tuple.of(workspaceId, blankToNull(metaUserId), blankToNull(waId));
        String match = "workspace_id = $1 AND (($2::text IS NOT NULL AND channel IN ('messenger', 'instagram')"
                + " AND participant_id = $2) OR ($3::text IS NOT NULL AND channel = 'whatsapp' AND participant_id = $3))";
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM inbox_message WHERE workspace_id = $1"
                + " AND conversation_id IN (SELECT id FROM inbox_conversation WHERE " + match + ")").execute(args)
                .flatMap(messages -> conn.preparedQuery("DELETE FROM inbox_conversation WHERE " + match).execute(args)
                        .map(conversations -> (long) messages.rowCount())));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
