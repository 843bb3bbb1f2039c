-- Shared work queue (jobs room): scheduled and triggered work split into keyed jobs that replicas claim
-- with FOR UPDATE SKIP LOCKED and a lease; a dead replica's job is taken over once its lease expires.
CREATE TABLE job (
    job_key       varchar(200) PRIMARY KEY,
    kind          varchar(50)  NOT NULL,
    workspace_id  uuid         REFERENCES workspace (id) ON DELETE CASCADE,
    payload       jsonb        NOT NULL DEFAULT '{}',
    status        varchar(20)  NOT NULL DEFAULT 'queued',
    -- set when the job was enqueued again while running: it runs once more right after
    rerun         boolean      NOT NULL DEFAULT false,
    attempts      integer      NOT NULL DEFAULT 0,
    next_run_at   timestamptz  NOT NULL,
    claimed_by    varchar(100),
    lease_until   timestamptz,
    heartbeat_at  timestamptz,
    last_error    text,
    last_run_at   timestamptz,
    created_at    timestamptz  NOT NULL
);
CREATE INDEX job_due_idx ON job (next_run_at) WHERE status = 'queued';
CREATE INDEX job_lease_idx ON job (lease_until) WHERE status = 'running';

-- Graph calls for leads per Page and hour: Meta's lead-retrieval quota is budgeted from it.
CREATE TABLE lead_quota_usage (
    page_id  varchar(64)  NOT NULL,
    hour     timestamptz  NOT NULL,
    calls    bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (page_id, hour)
);

-- Webhooks room: every POST /webhooks/meta, raw bytes as signed, committed before the 200.
-- received -> routed (split into webhook_entry rows) | dead (unreadable).
CREATE TABLE webhook_event (
    id           bigserial    PRIMARY KEY,
    received_at  timestamptz  NOT NULL,
    body         bytea        NOT NULL,
    status       varchar(20)  NOT NULL DEFAULT 'received',
    attempts     integer      NOT NULL DEFAULT 0,
    claimed_by   varchar(100),
    lease_until  timestamptz,
    last_error   text,
    routed_at    timestamptz
);
CREATE INDEX webhook_event_received_idx ON webhook_event (id) WHERE status = 'received';
CREATE INDEX webhook_event_age_idx ON webhook_event (received_at);

-- A delivery's share for one workspace: one entry (page) and kind (leadgen / messaging / other) of an
-- event, routed by page id. workspace_id is null while no workspace has the page (status unrouted) and
-- for messaging the inbox routes itself (Instagram and WhatsApp entries carry no Facebook Page id).
-- status: pending -> processed | dead (reason in last_error); pending_inbox (messaging, for the inbox
-- feature to consume); unrouted (rechecked until retention); ignored (fields nobody consumes).
CREATE TABLE webhook_entry (
    id               bigserial    PRIMARY KEY,
    event_id         bigint       NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    entry_index      integer      NOT NULL,
    workspace_id     uuid         REFERENCES workspace (id) ON DELETE CASCADE,
    page_id          varchar(64)  NOT NULL,
    object           varchar(40)  NOT NULL,
    kind             varchar(20)  NOT NULL,
    payload          jsonb        NOT NULL,
    changes          integer      NOT NULL,
    status           varchar(20)  NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    last_error       text,
    received_at      timestamptz  NOT NULL,
    processed_at     timestamptz
);
CREATE INDEX webhook_entry_page_idx ON webhook_entry (page_id, event_id, id) WHERE status IN ('pending', 'unrouted');
CREATE INDEX webhook_entry_list_idx ON webhook_entry (workspace_id, id DESC);
CREATE INDEX webhook_entry_inbox_idx ON webhook_entry (object, id) WHERE status = 'pending_inbox';
CREATE INDEX webhook_entry_event_idx ON webhook_entry (event_id);
