-- Meta connections (connect room). Every token and app secret is sealed by the token vault
-- (keyId:base64(iv||ciphertext||tag)); no plaintext secret is ever stored.

-- A workspace's own Meta app (else the server's configured app is used).
CREATE TABLE meta_app (
    workspace_id       uuid PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    app_id             varchar(32)  NOT NULL,
    app_secret_sealed  text         NOT NULL,
    verify_token       varchar(200),
    updated_at         timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX meta_app_app_idx ON meta_app (app_id);

-- OAuth CSRF states: random, single use, expiring, bound to the user and workspace that asked.
CREATE TABLE oauth_state (
    state         varchar(64)  PRIMARY KEY,
    workspace_id  uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    user_id       uuid         NOT NULL,
    app_id        varchar(32)  NOT NULL,
    redirect_to   text,
    expires_at    timestamptz  NOT NULL,
    used_at       timestamptz
);

CREATE TABLE meta_connection (
    id                      uuid PRIMARY KEY,
    workspace_id            uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    kind                    varchar(20)  NOT NULL,
    app_id                  varchar(32)  NOT NULL,
    meta_user_id            varchar(64)  NOT NULL,
    name                    varchar(300),
    status                  varchar(20)  NOT NULL,
    status_reason           text,
    access_token_sealed     text,
    expires_at              timestamptz,
    data_access_expires_at  timestamptz,
    scopes                  text         NOT NULL DEFAULT '',
    missing_scopes          text         NOT NULL DEFAULT '',
    last_checked_at         timestamptz,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT meta_connection_identity_key UNIQUE (workspace_id, kind, meta_user_id)
);
CREATE INDEX meta_connection_user_idx ON meta_connection (app_id, meta_user_id);

-- Pages a connection manages, with their page tokens (routing of page webhooks uses page_id).
CREATE TABLE meta_page (
    workspace_id          uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    page_id               varchar(64)  NOT NULL,
    connection_id         uuid         NOT NULL REFERENCES meta_connection (id) ON DELETE CASCADE,
    name                  varchar(300),
    access_token_sealed   text,
    instagram_account_id  varchar(64),
    PRIMARY KEY (workspace_id, page_id)
);
CREATE INDEX meta_page_page_idx ON meta_page (page_id);

-- Ad accounts a connection can read.
CREATE TABLE meta_connection_ad_account (
    workspace_id   uuid         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    account_id     varchar(64)  NOT NULL,
    connection_id  uuid         NOT NULL REFERENCES meta_connection (id) ON DELETE CASCADE,
    name           varchar(300),
    PRIMARY KEY (workspace_id, account_id)
);

-- Meta's data-deletion callbacks and what was erased.
CREATE TABLE data_deletion_request (
    confirmation_code  varchar(40)  PRIMARY KEY,
    app_id             varchar(32)  NOT NULL,
    meta_user_id       varchar(64)  NOT NULL,
    status             varchar(20)  NOT NULL,
    requested_at       timestamptz  NOT NULL,
    completed_at       timestamptz,
    erased_connections integer      NOT NULL DEFAULT 0
);
