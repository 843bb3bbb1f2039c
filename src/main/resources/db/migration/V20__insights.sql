-- Insights (insights room) and the insights counts of sync runs (jobs room). Every row belongs to a workspace.

-- An insights sync run reports rows written (new and replaced) and the async report runs it used.
ALTER TABLE sync_run ADD COLUMN rows_ingested bigint NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN rows_updated  bigint NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN async_jobs    bigint NOT NULL DEFAULT 0;

-- The workspace's ad accounts as last read from Meta: the time zone decides "today", the 37-month edge
-- and what a date means; the currency is the unit of every money figure.
CREATE TABLE insight_ad_account (
    workspace_id    uuid          NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    account_id      varchar(64)   NOT NULL,
    name            varchar(300),
    account_status  integer,
    currency        varchar(3)    NOT NULL,
    timezone_name   varchar(64)   NOT NULL,
    amount_spent    varchar(40),
    balance         varchar(40),
    read_at         timestamptz   NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);

-- Daily insights, one row per natural key (account, level, entity, date in the account's time zone,
-- breakdown values): re-reads and imports replace rows. Ratios (ctr, cpc, cpm, roas) are computed on read.
CREATE TABLE insight_row (
    workspace_id   uuid           NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    account_id     varchar(64)    NOT NULL,
    level          varchar(10)    NOT NULL,
    entity_id      varchar(64)    NOT NULL,
    day            date           NOT NULL,
    breakdown_key  varchar(300)   NOT NULL DEFAULT '',
    breakdown      jsonb          NOT NULL DEFAULT '{}',
    entity_name    varchar(500),
    campaign_id    varchar(64),
    adset_id       varchar(64),
    impressions    bigint         NOT NULL DEFAULT 0,
    reach          bigint,
    clicks         bigint         NOT NULL DEFAULT 0,
    link_clicks    bigint,
    spend          numeric(20, 6) NOT NULL DEFAULT 0,
    conversions    numeric(20, 6) NOT NULL DEFAULT 0,
    revenue        numeric(20, 6) NOT NULL DEFAULT 0,
    source         varchar(10)    NOT NULL,
    updated_at     timestamptz    NOT NULL,
    PRIMARY KEY (workspace_id, account_id, level, entity_id, day, breakdown_key)
);
-- GET /insights and the export: keyset on (day, account, level, entity, breakdown key).
CREATE INDEX insight_row_list_idx ON insight_row (workspace_id, day, account_id, level, entity_id, breakdown_key);

-- Per-slice completion: when each day of an account was last read in full at a level and breakdown set,
-- so a crash or a stuck day never makes finished days be read again (unless restatement asks for it).
CREATE TABLE insight_slice (
    workspace_id   uuid           NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    account_id     varchar(64)    NOT NULL,
    level          varchar(10)    NOT NULL,
    breakdowns     varchar(200)   NOT NULL DEFAULT '',
    day            date           NOT NULL,
    fetched_at     timestamptz    NOT NULL,
    PRIMARY KEY (workspace_id, account_id, level, breakdowns, day)
);
