-- Opportunities: what the council wants to buy, from a buyer's draft through publication,
-- amendments and cancellation, with lots, CPV codes, evaluation criteria, documents and the
-- forward pipeline of planned procurements; searchable by anyone without signing in.
-- +goose Up
CREATE TABLE opportunities (
    id                         uuid PRIMARY KEY,
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
    suitable_for_smes          boolean NOT NULL,
    suitable_for_vcses         boolean NOT NULL,
    reserved                   text NOT NULL,
    clarification_deadline     timestamptz,
    submission_deadline        timestamptz,
    expected_award_on          text NOT NULL,
    social_value_justification text NOT NULL,
    short_period_reason        text NOT NULL,
    expected_quarter           text NOT NULL,
    contact_email              text NOT NULL,
    cancel_reason              text NOT NULL,
    version                    integer NOT NULL,
    created_by                 uuid NOT NULL REFERENCES users (id),
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    published_at               timestamptz,
    cancelled_at               timestamptz
);
CREATE INDEX opportunities_status_deadline_idx ON opportunities (status, submission_deadline);
CREATE INDEX opportunities_status_published_idx ON opportunities (status, published_at);
CREATE INDEX opportunities_created_by_idx ON opportunities (created_by, status);
-- Full-text search: the same expression is in opportunities/search.go (pgSearchDocument), so the
-- planner uses this index. SQLite's equivalent is the FTS5 table opportunities_fts.
CREATE INDEX opportunities_search_idx ON opportunities USING gin ((
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', summary), 'B') ||
    setweight(to_tsvector('english', description), 'C')));

CREATE TABLE opportunity_cpv_codes (
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    code           text NOT NULL,
    PRIMARY KEY (opportunity_id, code)
);
-- text_pattern_ops lets "code LIKE '452%'" (a parent code matching its children) use the index
-- whatever the database's collation.
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code text_pattern_ops);

CREATE TABLE opportunity_lots (
    id             uuid PRIMARY KEY,
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    title          text NOT NULL,
    description    text NOT NULL,
    value_pence    bigint NOT NULL,
    cpv_code       text NOT NULL
);
CREATE INDEX opportunity_lots_opportunity_idx ON opportunity_lots (opportunity_id, position);
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code text_pattern_ops);

CREATE TABLE opportunity_criteria (
    id             uuid PRIMARY KEY,
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    name           text NOT NULL,
    kind           text NOT NULL,
    description    text NOT NULL,
    weight_bp      integer NOT NULL
);
CREATE INDEX opportunity_criteria_opportunity_idx ON opportunity_criteria (opportunity_id, position);

CREATE TABLE opportunity_documents (
    id             uuid PRIMARY KEY,
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    filename       text NOT NULL,
    content_type   text NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         text NOT NULL,
    blob_key       text NOT NULL,
    uploaded_by    uuid NOT NULL REFERENCES users (id),
    uploaded_at    timestamptz NOT NULL,
    replaces_id    uuid REFERENCES opportunity_documents (id),
    superseded_at  timestamptz
);
CREATE INDEX opportunity_documents_opportunity_idx ON opportunity_documents (opportunity_id, uploaded_at);

CREATE TABLE opportunity_amendments (
    id             uuid PRIMARY KEY,
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    number         integer NOT NULL,
    kind           text NOT NULL,
    note           text NOT NULL,
    before_values  text NOT NULL,
    after_values   text NOT NULL,
    created_by     uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    UNIQUE (opportunity_id, number)
);

CREATE TABLE opportunity_reference_counters (
    year        integer PRIMARY KEY,
    last_number integer NOT NULL
);

-- +goose Down
DROP TABLE opportunity_reference_counters;
DROP TABLE opportunity_amendments;
DROP TABLE opportunity_documents;
DROP TABLE opportunity_criteria;
DROP TABLE opportunity_lots;
DROP TABLE opportunity_cpv_codes;
DROP TABLE opportunities;
