-- Opportunities: what the council wants to buy, from a buyer's draft through publication,
-- amendments and cancellation, with lots, CPV codes, evaluation criteria, documents and the
-- forward pipeline of planned procurements; searchable by anyone without signing in.
-- +goose Up
CREATE TABLE opportunities (
    id                         TEXT PRIMARY KEY,
    reference                  text NOT NULL UNIQUE,
    status                     text NOT NULL,
    title                      text NOT NULL,
    summary                    text NOT NULL,
    description                text NOT NULL,
    procedure                  text NOT NULL,
    estimated_value_pence      bigint NOT NULL,
    contract_months            integer NOT NULL,
    place_of_delivery          text NOT NULL,
    locality                   text NOT NULL,
    suitable_for_smes          BOOLEAN NOT NULL,
    suitable_for_vcses         BOOLEAN NOT NULL,
    reserved                   text NOT NULL,
    clarification_deadline     DATETIME,
    submission_deadline        DATETIME,
    expected_award_on          text NOT NULL,
    social_value_justification text NOT NULL,
    short_period_reason        text NOT NULL,
    expected_quarter           text NOT NULL,
    contact_email              text NOT NULL,
    cancel_reason              text NOT NULL,
    version                    integer NOT NULL,
    created_by                 TEXT NOT NULL REFERENCES users (id),
    created_at                 DATETIME NOT NULL,
    updated_at                 DATETIME NOT NULL,
    published_at               DATETIME,
    cancelled_at               DATETIME
);
CREATE INDEX opportunities_status_deadline_idx ON opportunities (status, submission_deadline);
CREATE INDEX opportunities_status_published_idx ON opportunities (status, published_at);
CREATE INDEX opportunities_created_by_idx ON opportunities (created_by, status);
-- Full-text search: an FTS5 index over the opportunities' text, kept in step by the triggers
-- below; PostgreSQL's equivalent is the GIN index opportunities_search_idx. Porter stemming
-- matches PostgreSQL's English configuration closely enough ("clean" finds "cleaning"). The
-- index holds its own copy of the text, keyed by opportunity_id, rather than pointing at the
-- opportunities' rowids, because VACUUM may renumber the rowids of a table whose key is not an
-- INTEGER PRIMARY KEY.
CREATE VIRTUAL TABLE opportunities_fts USING fts5 (
    opportunity_id UNINDEXED, title, summary, description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_insert AFTER INSERT ON opportunities BEGIN
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_delete AFTER DELETE ON opportunities BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF title, summary, description ON opportunities BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd

CREATE TABLE opportunity_cpv_codes (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    code           text NOT NULL,
    PRIMARY KEY (opportunity_id, code)
);
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code);

CREATE TABLE opportunity_lots (
    id             TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    title          text NOT NULL,
    description    text NOT NULL,
    value_pence    bigint NOT NULL,
    cpv_code       text NOT NULL
);
CREATE INDEX opportunity_lots_opportunity_idx ON opportunity_lots (opportunity_id, position);
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code);

CREATE TABLE opportunity_criteria (
    id             TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    name           text NOT NULL,
    kind           text NOT NULL,
    description    text NOT NULL,
    weight_bp      integer NOT NULL
);
CREATE INDEX opportunity_criteria_opportunity_idx ON opportunity_criteria (opportunity_id, position);

CREATE TABLE opportunity_documents (
    id             TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    filename       text NOT NULL,
    content_type   text NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         text NOT NULL,
    blob_key       text NOT NULL,
    uploaded_by    TEXT NOT NULL REFERENCES users (id),
    uploaded_at    DATETIME NOT NULL,
    replaces_id    TEXT REFERENCES opportunity_documents (id),
    superseded_at  DATETIME
);
CREATE INDEX opportunity_documents_opportunity_idx ON opportunity_documents (opportunity_id, uploaded_at);

CREATE TABLE opportunity_amendments (
    id             TEXT PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    number         integer NOT NULL,
    kind           text NOT NULL,
    note           text NOT NULL,
    before_values  text NOT NULL,
    after_values   text NOT NULL,
    created_by     TEXT NOT NULL REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    UNIQUE (opportunity_id, number)
);

CREATE TABLE opportunity_reference_counters (
    year        integer PRIMARY KEY,
    last_number integer NOT NULL
);

-- +goose Down
DROP TRIGGER opportunities_fts_update;
DROP TRIGGER opportunities_fts_delete;
DROP TRIGGER opportunities_fts_insert;
DROP TABLE opportunities_fts;
DROP TABLE opportunity_reference_counters;
DROP TABLE opportunity_amendments;
DROP TABLE opportunity_documents;
DROP TABLE opportunity_criteria;
DROP TABLE opportunity_lots;
DROP TABLE opportunity_cpv_codes;
DROP TABLE opportunities;
