-- Inbox (inbox room): WhatsApp numbers, conversations and messages of Messenger, Instagram and
-- WhatsApp. Every row belongs to a workspace. Messenger pages and Instagram accounts come from the
-- connect room's page connections; WhatsApp numbers are connected here, their token sealed by the vault.

CREATE TABLE inbox_whatsapp_number (
    workspace_id          uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    phone_number_id       varchar(64)  NOT NULL,
    waba_id               varchar(64)  NOT NULL,
    display_phone_number  varchar(40),
    verified_name         varchar(300),
    access_token_sealed   text,
    token_status          varchar(20)  NOT NULL,
    webhook_subscribed    boolean      NOT NULL DEFAULT false,
    connected_at          timestamptz  NOT NULL,
    PRIMARY KEY (workspace_id, phone_number_id)
);
-- WhatsApp webhooks are routed by metadata.phone_number_id
CREATE INDEX inbox_whatsapp_number_route_idx ON inbox_whatsapp_number (phone_number_id);

-- One conversation per workspace, channel (messenger/instagram/whatsapp), channel id (page id,
-- Instagram account id, phone number id) and participant (PSID, IGSID, WhatsApp id).
CREATE TABLE inbox_conversation (
    id                uuid PRIMARY KEY,
    workspace_id      uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    channel           varchar(16)   NOT NULL,
    channel_id        varchar(64)   NOT NULL,
    participant_id    varchar(128)  NOT NULL,
    participant_name  varchar(300),
    last_message_at   timestamptz   NOT NULL,
    last_inbound_at   timestamptz,
    unread            integer       NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL,
    CONSTRAINT inbox_conversation_key UNIQUE (workspace_id, channel, channel_id, participant_id)
);
CREATE INDEX inbox_conversation_list_idx ON inbox_conversation (workspace_id, last_message_at DESC, id DESC);

-- Messages; platform_id (mid / wamid) is unique per workspace, so a webhook delivered twice and the
-- echo of our own send are one message. It is null only while our send is pending.
CREATE TABLE inbox_message (
    id               uuid PRIMARY KEY,
    workspace_id     uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    conversation_id  uuid          NOT NULL REFERENCES inbox_conversation (id) ON DELETE CASCADE,
    platform_id      varchar(255),
    direction        varchar(3)    NOT NULL,
    kind             varchar(20)   NOT NULL,
    text             text,
    attachments      jsonb         NOT NULL DEFAULT '[]',
    sent_at          timestamptz   NOT NULL,
    status           varchar(12)   NOT NULL,
    error_code       integer,
    error            text,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT inbox_message_platform_key UNIQUE (workspace_id, platform_id)
);
CREATE INDEX inbox_message_list_idx ON inbox_message (conversation_id, sent_at, id);

-- Instagram webhooks are routed by the Instagram account id of the connected pages
CREATE INDEX meta_page_instagram_idx ON meta_page (instagram_account_id) WHERE instagram_account_id IS NOT NULL;
