-- Lead Ads (leads room) and sync runs (jobs room). Every row belongs to a workspace.

-- Long work (a lead sync, a bulk retrieval...) as a persisted run: progress is written as it goes,
-- so GET /sync-runs/{id}, ?wait and the SSE stream read the row, whichever replica runs the work.
CREATE TABLE sync_run (
    id               uuid PRIMARY KEY,
    workspace_id     uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    kind             varchar(30)  NOT NULL,
    status           varchar(20)  NOT NULL,
    created_at       timestamptz  NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    total_processed  bigint       NOT NULL DEFAULT 0,
    new_count        bigint       NOT NULL DEFAULT 0,
    existing_count   bigint       NOT NULL DEFAULT 0,
    graph_calls      bigint       NOT NULL DEFAULT 0,
    failed_forms     jsonb        NOT NULL DEFAULT '[]',
    processed_leads  jsonb        NOT NULL DEFAULT '[]',
    errors           jsonb        NOT NULL DEFAULT '[]'
);
CREATE INDEX sync_run_list_idx ON sync_run (workspace_id, created_at DESC, id DESC);

-- A workspace's lead forms as last read from Meta, with the custom mapping and the sync checkpoint
-- (a created_time, never a cursor: cursors expire).
CREATE TABLE lead_form (
    workspace_id    uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    form_id         varchar(64)  NOT NULL,
    page_id         varchar(64)  NOT NULL,
    name            varchar(500),
    status          varchar(20),
    locale          varchar(20),
    leads_count     bigint,
    created_time    timestamptz,
    questions       jsonb        NOT NULL DEFAULT '[]',
    disclaimers     jsonb        NOT NULL DEFAULT '{}',
    mapping         jsonb        NOT NULL DEFAULT '{}',
    checkpoint      timestamptz,
    last_synced_at  timestamptz,
    PRIMARY KEY (workspace_id, form_id)
);
CREATE INDEX lead_form_page_idx ON lead_form (workspace_id, page_id);

CREATE TABLE lead (
    id              uuid PRIMARY KEY,
    workspace_id    uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    meta_lead_id    varchar(64)  NOT NULL,
    form_id         varchar(64)  NOT NULL,
    page_id         varchar(64)  NOT NULL,
    ad_id           varchar(64),
    adset_id        varchar(64),
    campaign_id     varchar(64),
    platform        varchar(10),
    is_organic      boolean      NOT NULL DEFAULT false,
    created_time    timestamptz  NOT NULL,
    fields          jsonb        NOT NULL DEFAULT '{}',
    raw_field_data  jsonb        NOT NULL DEFAULT '[]',
    email           varchar(320),
    phone           varchar(40),
    full_name       varchar(500),
    status          varchar(20)  NOT NULL DEFAULT 'new',
    source          varchar(10)  NOT NULL,
    received_at     timestamptz  NOT NULL,
    CONSTRAINT lead_meta_key UNIQUE (workspace_id, meta_lead_id)
);
-- GET /leads: newest first, keyset on (created_time, id), optionally by form.
CREATE INDEX lead_list_idx ON lead (workspace_id, created_time DESC, id DESC);
CREATE INDEX lead_form_list_idx ON lead (workspace_id, form_id, created_time DESC, id DESC);
CREATE INDEX lead_email_idx ON lead (workspace_id, email);

-- Custom disclaimer answers (not part of field_data; asked for explicitly).
CREATE TABLE lead_consent (
    lead_id       uuid         NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    workspace_id  uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    checkbox_key  varchar(200) NOT NULL,
    checked       boolean      NOT NULL,
    text          text,
    recorded_at   timestamptz  NOT NULL,
    source        varchar(10)  NOT NULL,
    PRIMARY KEY (lead_id, checkbox_key)
);
