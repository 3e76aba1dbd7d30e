-- Accounts: organisations, people, their memberships, one-time links, sign-in sessions, sign-in
-- throttling and the audit log. The foundation every later feature builds on.
-- +goose Up
CREATE TABLE organisations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    legal_form  text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    email               text NOT NULL UNIQUE,
    name                text NOT NULL,
    role                text NOT NULL,
    password_hash       text,
    email_verified_at   timestamptz,
    password_changed_at timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE memberships (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE one_time_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE sessions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    id           uuid PRIMARY KEY,
    session_id   uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    expires_at   timestamptz NOT NULL,
    replaced_at  timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE login_throttles (
    key              text PRIMARY KEY,
    failures         integer NOT NULL,
    first_failure_at timestamptz NOT NULL,
    blocked_until    timestamptz
);

CREATE TABLE audit_log (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
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
