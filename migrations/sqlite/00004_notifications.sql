-- Notifications: suppliers' alerts (saved searches), interest registered in opportunities, the
-- in-portal inbox, and the email outbox of alert matches, amendments, cancellations and
-- deadline reminders.
-- +goose Up
CREATE TABLE alerts (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    name            text NOT NULL,
    keywords        text NOT NULL,
    cpv_codes       text NOT NULL,
    localities      text NOT NULL,
    procedures      text NOT NULL,
    min_value_pence bigint NOT NULL,
    max_value_pence bigint NOT NULL,
    frequency       text NOT NULL,
    from_profile    BOOLEAN NOT NULL,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX alerts_user_idx ON alerts (user_id, created_at);

-- A person gets one alert made from their organisation's profile, once: deleting it is a choice
-- the portal must not undo on the next profile save.
CREATE TABLE alert_profile_defaults (
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    created_at      DATETIME NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);

CREATE TABLE opportunity_interests (
    id              TEXT PRIMARY KEY,
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    created_at      DATETIME NOT NULL,
    UNIQUE (opportunity_id, user_id)
);
CREATE INDEX opportunity_interests_user_idx ON opportunity_interests (user_id);

-- One row per thing a person is told. The unique key is what makes matching idempotent: a
-- retried job or a second worker inserts nothing new, so nobody is told twice. alert_id and
-- interest_id are not foreign keys on purpose: deleting an alert (unsubscribing) would otherwise
-- search every notification; the sender checks the alert or interest still exists instead.
CREATE TABLE notifications (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dedupe_key     text NOT NULL,
    kind           text NOT NULL,
    opportunity_id TEXT REFERENCES opportunities (id) ON DELETE CASCADE,
    alert_id       TEXT,
    interest_id    TEXT,
    title          text NOT NULL,
    body           text NOT NULL,
    link           text NOT NULL,
    created_at     DATETIME NOT NULL,
    read_at        DATETIME,
    email_status   text NOT NULL,
    email_attempts integer NOT NULL,
    email_due_at   DATETIME,
    emailed_at     DATETIME,
    UNIQUE (user_id, dedupe_key)
);
-- The unique key's index also serves each person's inbox and unread count (a person has hundreds
-- of rows, not millions); fewer indexes keep a fan-out to 100,000 people fast.
CREATE INDEX notifications_email_idx ON notifications (email_status, email_due_at) WHERE email_status IN ('queued', 'sending', 'digest');

-- +goose Down
DROP TABLE notifications;
DROP TABLE opportunity_interests;
DROP TABLE alert_profile_defaults;
DROP TABLE alerts;
