-- WhatsApp's business-scoped user id (META-FACTS §7.4: from April 2026, and users with a username may come
-- without a phone number): kept on the conversation so that a message carrying only it joins the person's
-- conversation instead of opening a second one.
ALTER TABLE inbox_conversation ADD COLUMN participant_user_id varchar(128);
CREATE INDEX inbox_conversation_user_idx ON inbox_conversation (workspace_id, channel, channel_id, participant_user_id)
    WHERE participant_user_id IS NOT NULL;
