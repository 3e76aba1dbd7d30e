-- Dynamic purchasing systems (PCR 2015 regulation 34) and dynamic markets (Procurement Act 2023):
-- categories, a selection questionnaire, suppliers' applications with a decision clock in working
-- days, admission per category, and calls for competition linked to opportunities.
-- +goose Up
CREATE TABLE dps (
    id                 TEXT PRIMARY KEY,
    reference          text NOT NULL UNIQUE,
    status             text NOT NULL,
    title              text NOT NULL,
    description        text NOT NULL,
    regime             text NOT NULL,
    starts_on          text NOT NULL,
    ends_on            text NOT NULL,
    fee_bp             integer NOT NULL,
    fee_description    text NOT NULL,
    decision_days      integer NOT NULL,
    version            integer NOT NULL,
    created_by         TEXT NOT NULL REFERENCES users (id),
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL,
    published_at       DATETIME
);

CREATE TABLE dps_categories (
    id                       TEXT PRIMARY KEY,
    dps_id                   TEXT NOT NULL REFERENCES dps (id) ON DELETE CASCADE,
    position                 integer NOT NULL,
    name                     text NOT NULL,
    description              text NOT NULL,
    cpv_codes                text NOT NULL,
    max_contract_value_pence bigint NOT NULL,
    area                     text NOT NULL
);
CREATE INDEX dps_categories_dps_idx ON dps_categories (dps_id, position);

CREATE TABLE dps_questions (
    id            TEXT PRIMARY KEY,
    dps_id        TEXT NOT NULL REFERENCES dps (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    kind          text NOT NULL,
    text          text NOT NULL,
    hint          text NOT NULL,
    category_ids  text NOT NULL,
    profile_field text NOT NULL
);
CREATE INDEX dps_questions_dps_idx ON dps_questions (dps_id, position);

CREATE TABLE dps_applications (
    id               TEXT PRIMARY KEY,
    dps_id           TEXT NOT NULL REFERENCES dps (id) ON DELETE CASCADE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status           text NOT NULL,
    submitted_at     DATETIME,
    due_at           DATETIME,
    extended         BOOLEAN NOT NULL,
    extension_reason text NOT NULL,
    reminded_at      DATETIME,
    decided_at       DATETIME,
    version          integer NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id),
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX dps_applications_queue_idx ON dps_applications (status, due_at);
CREATE INDEX dps_applications_org_idx ON dps_applications (organisation_id, dps_id);

-- One row per category applied for: what was decided, when, by whom and why.
CREATE TABLE dps_application_categories (
    application_id TEXT NOT NULL REFERENCES dps_applications (id) ON DELETE CASCADE,
    category_id    TEXT NOT NULL REFERENCES dps_categories (id) ON DELETE CASCADE,
    status         text NOT NULL,
    reason         text NOT NULL,
    decided_by     TEXT REFERENCES users (id),
    decided_at     DATETIME,
    PRIMARY KEY (application_id, category_id)
);
CREATE INDEX dps_application_categories_category_idx ON dps_application_categories (category_id, status);

CREATE TABLE dps_answers (
    application_id TEXT NOT NULL REFERENCES dps_applications (id) ON DELETE CASCADE,
    question_id    TEXT NOT NULL REFERENCES dps_questions (id) ON DELETE CASCADE,
    value          text NOT NULL,
    from_profile   BOOLEAN NOT NULL,
    PRIMARY KEY (application_id, question_id)
);

-- A call for competition: an opportunity under the DPS, for some of its categories.
CREATE TABLE dps_calls (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    dps_id         TEXT NOT NULL REFERENCES dps (id) ON DELETE CASCADE,
    category_id    TEXT NOT NULL REFERENCES dps_categories (id) ON DELETE CASCADE,
    PRIMARY KEY (opportunity_id, category_id)
);
CREATE INDEX dps_calls_dps_idx ON dps_calls (dps_id);

-- Who was invited to a call: admitted at publication, and only they. The key makes the
-- invitation job safe to run twice.
CREATE TABLE dps_invitations (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    invited_at      DATETIME NOT NULL,
    PRIMARY KEY (opportunity_id, organisation_id)
);

CREATE TABLE dps_reference_counters (
    year        integer PRIMARY KEY,
    last_number integer NOT NULL
);

-- +goose Down
DROP TABLE dps_reference_counters;
DROP TABLE dps_invitations;
DROP TABLE dps_calls;
DROP TABLE dps_answers;
DROP TABLE dps_application_categories;
DROP TABLE dps_applications;
DROP TABLE dps_questions;
DROP TABLE dps_categories;
DROP TABLE dps;
