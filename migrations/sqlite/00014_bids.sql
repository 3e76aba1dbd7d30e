-- Sealed bids: each opportunity's response form and opening panel, and the bids suppliers prepare
-- and submit against it. Every answer and every document is sealed under the bid's own data key
-- (wrapped_key, itself sealed by FAIRTENDER_SEALING_KEY): these tables hold ciphertext, sizes and
-- hashes, never what a bidder wrote. Owned by backend/bids.
-- +goose Up
CREATE TABLE bid_forms (
    opportunity_id  TEXT PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
    version         integer NOT NULL,
    two_stage       boolean NOT NULL DEFAULT false,
    questions       text NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users (id),
    updated_at      DATETIME NOT NULL
);

-- The officers who together open the bids; named before publication.
CREATE TABLE bid_opening_panel (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    position        integer NOT NULL,
    PRIMARY KEY (opportunity_id, user_id)
);

-- One officer's confirmation that the box may be opened; the quorum of distinct ones opens it.
CREATE TABLE bid_opening_confirmations (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    confirmed_at    DATETIME NOT NULL,
    PRIMARY KEY (opportunity_id, user_id)
);

-- The opening itself, once per opportunity, with the receipt hashes published.
CREATE TABLE bid_openings (
    opportunity_id  TEXT PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
    opened_at       DATETIME NOT NULL,
    receipt_hashes  text NOT NULL
);

CREATE TABLE bids (
    id                   TEXT PRIMARY KEY,
    reference            text NOT NULL UNIQUE,
    opportunity_id       TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    organisation_id      TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status               text NOT NULL,
    lot_ids              text NOT NULL,
    version              integer NOT NULL,
    wrapped_key          BLOB NOT NULL,
    created_by           TEXT NOT NULL REFERENCES users (id),
    created_at           DATETIME NOT NULL,
    last_change_by       TEXT REFERENCES users (id),
    last_change_at       DATETIME,
    last_change_question text NOT NULL DEFAULT '',
    submitted_version    integer,
    submitted_at         DATETIME,
    receipt_hash         text NOT NULL DEFAULT '',
    before_amendment     integer,
    UNIQUE (opportunity_id, organisation_id)
);

-- The draft's answers, one row per question, sealed.
CREATE TABLE bid_answers (
    bid_id       TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    question_id  text NOT NULL,
    sealed       BLOB NOT NULL,
    updated_by   TEXT NOT NULL REFERENCES users (id),
    updated_at   DATETIME NOT NULL,
    PRIMARY KEY (bid_id, question_id)
);

CREATE TABLE bid_documents (
    id            TEXT PRIMARY KEY,
    bid_id        TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    question_id   text NOT NULL,
    filename      BLOB NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        text NOT NULL,
    blob_key      text NOT NULL,
    uploaded_by   TEXT NOT NULL REFERENCES users (id),
    uploaded_at   DATETIME NOT NULL,
    removed_at    DATETIME
);
CREATE INDEX bid_documents_bid ON bid_documents (bid_id, question_id);

-- Each submitted version, frozen: its sealed answers and the documents it named, and its receipt
-- (sealed too, as base64: it names the files and hashes answers short enough to guess).
CREATE TABLE bid_submissions (
    bid_id        TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    version       integer NOT NULL,
    sealed        BLOB NOT NULL,
    receipt       text NOT NULL,
    receipt_hash  text NOT NULL,
    submitted_by  TEXT NOT NULL REFERENCES users (id),
    submitted_at  DATETIME NOT NULL,
    withdrawn_at  DATETIME,
    PRIMARY KEY (bid_id, version)
);

-- Idempotency keys of submit requests: the row is inserted first, so a concurrent duplicate
-- finds it and is refused; the answer is kept for retries.
CREATE TABLE bid_idempotency (
    bid_id        TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    idem_key      text NOT NULL,
    request_hash  text NOT NULL,
    status        integer NOT NULL DEFAULT 0,
    response      text NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    PRIMARY KEY (bid_id, idem_key)
);

-- +goose Down
DROP TABLE bid_idempotency;
DROP TABLE bid_submissions;
DROP TABLE bid_documents;
DROP TABLE bid_answers;
DROP TABLE bids;
DROP TABLE bid_openings;
DROP TABLE bid_opening_confirmations;
DROP TABLE bid_opening_panel;
DROP TABLE bid_forms;
