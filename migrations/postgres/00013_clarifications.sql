-- Clarification questions and their answers. Who asked (organisation and person) is kept for the
-- council and the audit only: nothing shown to other suppliers or the public names them, only the
-- question's thread reference. A published answer is never deleted; a later answer corrects it.
-- Owned by backend/clarifications.
-- +goose Up
CREATE TABLE clarification_questions (
    id                 uuid PRIMARY KEY,
    thread_ref         text NOT NULL UNIQUE,
    opportunity_id     uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    organisation_id    uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    asked_by           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject            text NOT NULL,
    question           text NOT NULL,
    lot_id             text NOT NULL DEFAULT '',
    document_id        text NOT NULL DEFAULT '',
    section            text NOT NULL DEFAULT '',
    private_requested  boolean NOT NULL DEFAULT false,
    private_reason     text NOT NULL DEFAULT '',
    status             text NOT NULL,
    answer_id          uuid,
    merged_into        uuid REFERENCES clarification_questions (id),
    decline_reason     text NOT NULL DEFAULT '',
    asked_at           timestamptz NOT NULL,
    closed_at          timestamptz
);
CREATE INDEX clarification_questions_opportunity ON clarification_questions (opportunity_id, status, asked_at);
CREATE INDEX clarification_questions_organisation ON clarification_questions (organisation_id, asked_at);

CREATE TABLE clarification_answers (
    id              uuid PRIMARY KEY,
    opportunity_id  uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    number          integer,
    question_id     uuid REFERENCES clarification_questions (id),
    thread_ref      text NOT NULL,
    visibility      text NOT NULL,
    private_reason  text NOT NULL DEFAULT '',
    subject         text NOT NULL,
    question        text NOT NULL,
    answer          text NOT NULL,
    corrects_id     uuid REFERENCES clarification_answers (id),
    answered_by     uuid NOT NULL REFERENCES users (id),
    published_at    timestamptz NOT NULL,
    UNIQUE (opportunity_id, number)
);
CREATE INDEX clarification_answers_opportunity ON clarification_answers (opportunity_id, visibility, number);

-- When answers were late, the council extended the deadline for bids or declined to, with a
-- reason shown publicly.
CREATE TABLE clarification_late_decisions (
    id              uuid PRIMARY KEY,
    opportunity_id  uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    decision        text NOT NULL,
    reason          text NOT NULL,
    decided_by      uuid NOT NULL REFERENCES users (id),
    decided_at      timestamptz NOT NULL
);
CREATE INDEX clarification_late_decisions_opportunity ON clarification_late_decisions (opportunity_id, decided_at);

-- Documents the council uploads for an answer: its own until an answer attaches them, then seen by
-- whoever may read that answer.
CREATE TABLE clarification_documents (
    id              uuid PRIMARY KEY,
    opportunity_id  uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    answer_id       uuid REFERENCES clarification_answers (id),
    filename        text NOT NULL,
    content_type    text NOT NULL,
    size_bytes      bigint NOT NULL,
    sha256          text NOT NULL,
    blob_key        text NOT NULL,
    uploaded_by     uuid NOT NULL REFERENCES users (id),
    uploaded_at     timestamptz NOT NULL
);
CREATE INDEX clarification_documents_answer ON clarification_documents (answer_id);

-- +goose Down
DROP TABLE clarification_documents;
DROP TABLE clarification_late_decisions;
DROP TABLE clarification_answers;
DROP TABLE clarification_questions;
