-- Suppliers ask about joining a DPS as well as about an opportunity: a question and its answer are
-- about exactly one of the two. Answers to everyone are numbered per DPS as they are per
-- opportunity. Owned by backend/clarifications.
--
-- SQLite cannot drop a NOT NULL, so both tables are rebuilt, with foreign keys off (outside a
-- transaction, as SQLite requires); the rows are copied as they are, so every key still holds.
-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE clarification_questions_new (
    id                 TEXT PRIMARY KEY,
    thread_ref         text NOT NULL UNIQUE,
    opportunity_id     TEXT REFERENCES opportunities (id) ON DELETE CASCADE,
    organisation_id    TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    asked_by           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject            text NOT NULL,
    question           text NOT NULL,
    lot_id             text NOT NULL DEFAULT '',
    document_id        text NOT NULL DEFAULT '',
    section            text NOT NULL DEFAULT '',
    private_requested  boolean NOT NULL DEFAULT false,
    private_reason     text NOT NULL DEFAULT '',
    status             text NOT NULL,
    answer_id          TEXT,
    merged_into        TEXT REFERENCES clarification_questions (id),
    decline_reason     text NOT NULL DEFAULT '',
    asked_at           DATETIME NOT NULL,
    closed_at          DATETIME,
    dps_id             TEXT REFERENCES dps (id) ON DELETE CASCADE,
    CHECK ((opportunity_id IS NULL) <> (dps_id IS NULL))
);
INSERT INTO clarification_questions_new (id, thread_ref, opportunity_id, organisation_id, asked_by, subject, question, lot_id, document_id,
    section, private_requested, private_reason, status, answer_id, merged_into, decline_reason, asked_at, closed_at)
SELECT id, thread_ref, opportunity_id, organisation_id, asked_by, subject, question, lot_id, document_id,
    section, private_requested, private_reason, status, answer_id, merged_into, decline_reason, asked_at, closed_at
FROM clarification_questions;
DROP TABLE clarification_questions;
ALTER TABLE clarification_questions_new RENAME TO clarification_questions;
CREATE INDEX clarification_questions_opportunity ON clarification_questions (opportunity_id, status, asked_at);
CREATE INDEX clarification_questions_organisation ON clarification_questions (organisation_id, asked_at);
CREATE INDEX clarification_questions_dps ON clarification_questions (dps_id, status, asked_at);

CREATE TABLE clarification_answers_new (
    id              TEXT PRIMARY KEY,
    opportunity_id  TEXT REFERENCES opportunities (id) ON DELETE CASCADE,
    number          integer,
    question_id     TEXT REFERENCES clarification_questions (id),
    thread_ref      text NOT NULL,
    visibility      text NOT NULL,
    private_reason  text NOT NULL DEFAULT '',
    subject         text NOT NULL,
    question        text NOT NULL,
    answer          text NOT NULL,
    corrects_id     TEXT REFERENCES clarification_answers (id),
    answered_by     TEXT NOT NULL REFERENCES users (id),
    published_at    DATETIME NOT NULL,
    dps_id          TEXT REFERENCES dps (id) ON DELETE CASCADE,
    UNIQUE (opportunity_id, number),
    CHECK ((opportunity_id IS NULL) <> (dps_id IS NULL))
);
INSERT INTO clarification_answers_new (id, opportunity_id, number, question_id, thread_ref, visibility, private_reason, subject, question,
    answer, corrects_id, answered_by, published_at)
SELECT id, opportunity_id, number, question_id, thread_ref, visibility, private_reason, subject, question,
    answer, corrects_id, answered_by, published_at
FROM clarification_answers;
DROP TABLE clarification_answers;
ALTER TABLE clarification_answers_new RENAME TO clarification_answers;
CREATE INDEX clarification_answers_opportunity ON clarification_answers (opportunity_id, visibility, number);
CREATE UNIQUE INDEX clarification_answers_dps_number ON clarification_answers (dps_id, number);
CREATE INDEX clarification_answers_dps ON clarification_answers (dps_id, visibility, number);
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- The rebuilt tables keep their nullable dps_id columns (SQLite cannot drop a column a CHECK
-- names); with the DPS questions gone they are always empty, as before this migration.
DELETE FROM clarification_answers WHERE dps_id IS NOT NULL;
DELETE FROM clarification_questions WHERE dps_id IS NOT NULL;
DROP INDEX clarification_answers_dps;
DROP INDEX clarification_answers_dps_number;
DROP INDEX clarification_questions_dps;
