-- Workspaces (tenants) and their users. Every table holding customer data carries workspace_id.
CREATE TABLE workspace (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id             uuid PRIMARY KEY,
    workspace_id   uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    email          varchar(320) NOT NULL,
    password_hash  varchar(100) NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT app_user_email_key UNIQUE (email)
);
CREATE INDEX app_user_workspace_idx ON app_user (workspace_id);

-- Failed-login counters, shared by every replica (per e-mail and per client address).
CREATE TABLE login_throttle (
    throttle_key   varchar(400) PRIMARY KEY,
    failures       integer      NOT NULL,
    window_start   timestamptz  NOT NULL
);
