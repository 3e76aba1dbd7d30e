-- Accounts: organisations, people, their memberships, one-time links, sign-in sessions, sign-in
-- throttling and the audit log. The foundation every later feature builds on.
-- +goose Up
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        text NOT NULL,
    legal_form  text NOT NULL,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    email               text NOT NULL UNIQUE,
    name                text NOT NULL,
    role                text NOT NULL,
    password_hash       text,
    email_verified_at   DATETIME,
    password_changed_at DATETIME,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL
);

CREATE TABLE memberships (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL,
    created_at      DATETIME NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE one_time_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME,
    created_at  DATETIME NOT NULL
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    revoked_at   DATETIME
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    expires_at   DATETIME NOT NULL,
    replaced_at  DATETIME,
    created_at   DATETIME NOT NULL
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE login_throttles (
    key              text PRIMARY KEY,
    failures         integer NOT NULL,
    first_failure_at DATETIME NOT NULL,
    blocked_until    DATETIME
);

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at  DATETIME NOT NULL,
    actor_id     text NOT NULL,
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    client_ip    text NOT NULL,
    details      text NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_throttles;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE one_time_tokens;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE organisations;
