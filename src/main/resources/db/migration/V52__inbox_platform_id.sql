-- A status whose message no workspace has recorded yet is retried (WhatsAppEvents): looked up by
-- Meta's message id alone, across workspaces.
CREATE INDEX inbox_message_platform_idx ON inbox_message (platform_id);
