-- Outbound room: destinations that new leads are handed on to, and the transactional outbox of deliveries.

-- A workspace's destinations. config holds the public settings (webhook: url, oauth2 {tokenUrl, clientId,
-- scope}; email: from, subjectTemplate, bodyTemplate, requireConsentKey); secrets are sealed by the token
-- vault (context: outbound_destination:<id>:<name>) and never returned.
CREATE TABLE outbound_destination (
    id                    uuid PRIMARY KEY,
    workspace_id          uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    kind                  varchar(10)   NOT NULL,
    name                  varchar(200)  NOT NULL,
    enabled               boolean       NOT NULL DEFAULT true,
    form_ids              text[]        NOT NULL DEFAULT '{}',
    config                jsonb         NOT NULL DEFAULT '{}',
    secret_sealed         text,
    client_secret_sealed  text,
    disabled_reason       text,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL
);
CREATE INDEX outbound_destination_list_idx ON outbound_destination (workspace_id, created_at, id);

-- The outbox: one row per (destination, lead, step), written in the transaction that created the lead
-- (step 0), so a new lead is handed on exactly once per destination. An e-mail destination's follow-ups are
-- steps 1.., each written when the previous one was delivered, due after its delay. The relay claims due rows with FOR UPDATE SKIP LOCKED
-- and a lease (lease_owner, lease_until), so replicas never send the same delivery at once.
-- status: pending (not tried yet or re-queued), failed (tried, retry at next_attempt_at), delivered, dead, skipped.
-- retry_from: start of the retry window (creation, or the last replay).
CREATE TABLE outbound_delivery (
    id               uuid PRIMARY KEY,
    workspace_id     uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    destination_id   uuid          NOT NULL REFERENCES outbound_destination (id) ON DELETE CASCADE,
    lead_id          uuid          NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    step             int           NOT NULL DEFAULT 0,
    status           varchar(10)   NOT NULL,
    attempts         int           NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    retry_from       timestamptz   NOT NULL,
    lease_owner      varchar(100),
    lease_until      timestamptz,
    last_error       text,
    last_status_code int,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    delivered_at     timestamptz,
    CONSTRAINT outbound_delivery_key UNIQUE (destination_id, lead_id, step)
);
-- The relay's claim: due rows in time order.
CREATE INDEX outbound_delivery_due_idx ON outbound_delivery (next_attempt_at) WHERE status IN ('pending', 'failed');
-- GET /deliveries: newest first, keyset on (created_at, id).
CREATE INDEX outbound_delivery_list_idx ON outbound_delivery (workspace_id, created_at DESC, id DESC);
CREATE INDEX outbound_delivery_lead_idx ON outbound_delivery (lead_id);

-- Every attempt of a delivery: when, how it ended, the receiver's status code, the error, how long it took.
CREATE TABLE outbound_attempt (
    delivery_id   uuid          NOT NULL REFERENCES outbound_delivery (id) ON DELETE CASCADE,
    attempt       int           NOT NULL,
    workspace_id  uuid          NOT NULL,
    at            timestamptz   NOT NULL,
    outcome       varchar(10)   NOT NULL,
    status_code   int,
    error         text,
    duration_ms   bigint        NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- Addresses that followed an e-mail's unsubscribe link; no later e-mail of the workspace goes to them.
CREATE TABLE outbound_suppression (
    workspace_id  uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    email         varchar(320)  NOT NULL,
    created_at    timestamptz   NOT NULL,
    PRIMARY KEY (workspace_id, email)
);
