-- Evaluation, award and feedback: how an opportunity's bids are judged (its published method),
-- who judges them (the panel, each member's declaration of interests), every mark and moderated
-- mark with its history (kept for the council's records, Procurement Act 2023 s.98), the prices
-- scored by formula, the award and its approval, the assessment summaries sent to each bidder
-- and the standstill. Owned by backend/evaluation.
-- +goose Up
CREATE TABLE evaluation_methods (
    opportunity_id     TEXT PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
    scale_max          integer NOT NULL,
    descriptors        text NOT NULL,
    price_method       text NOT NULL,
    budget_pence       bigint,
    abnormal_pct       integer NOT NULL,
    min_justification  integer NOT NULL,
    updated_by         TEXT NOT NULL REFERENCES users (id),
    updated_at         DATETIME NOT NULL
);

-- Who judges: evaluators (criteria: a JSON list of criterion names, empty for all), one
-- moderator, and who scores price.
CREATE TABLE evaluation_panel (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    role            text NOT NULL,
    criteria        text NOT NULL DEFAULT '[]',
    position        integer NOT NULL,
    PRIMARY KEY (opportunity_id, user_id, role)
);

-- Every declaration of interests is kept; a person's latest counts.
CREATE TABLE evaluation_declarations (
    id              TEXT PRIMARY KEY,
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    conflict        boolean NOT NULL,
    details         text NOT NULL DEFAULT '',
    declared_at     DATETIME NOT NULL,
    mitigation      text NOT NULL DEFAULT '',
    mitigated_by    TEXT REFERENCES users (id),
    mitigated_at    DATETIME
);
CREATE INDEX evaluation_declarations_person ON evaluation_declarations (opportunity_id, user_id, declared_at);

-- The bids being evaluated, taken from the opening; a bid failing a pass/fail question is
-- excluded with the reason its bidder sees.
CREATE TABLE evaluation_bids (
    bid_id            TEXT PRIMARY KEY REFERENCES bids (id) ON DELETE CASCADE,
    opportunity_id    TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    reference         text NOT NULL,
    lot_ids           text NOT NULL,
    excluded          boolean NOT NULL DEFAULT false,
    excluded_reason   text NOT NULL DEFAULT '',
    checked_at        DATETIME NOT NULL
);
CREATE INDEX evaluation_bids_opportunity ON evaluation_bids (opportunity_id, reference);

-- One evaluator's mark for one question of one bid; submitted_at is set when they submit the bid.
CREATE TABLE evaluation_marks (
    bid_id         TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    question_id    text NOT NULL,
    evaluator_id   TEXT NOT NULL REFERENCES users (id),
    mark           integer NOT NULL,
    justification  text NOT NULL,
    saved_at       DATETIME NOT NULL,
    submitted_at   DATETIME,
    PRIMARY KEY (bid_id, question_id, evaluator_id)
);
CREATE INDEX evaluation_marks_evaluator ON evaluation_marks (evaluator_id, bid_id);

-- The moderated mark, with the spread of the evaluators' marks kept as it was.
CREATE TABLE evaluation_moderations (
    bid_id        TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    question_id   text NOT NULL,
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    mark          integer NOT NULL,
    rationale     text NOT NULL,
    strengths     text NOT NULL DEFAULT '',
    improvements  text NOT NULL DEFAULT '',
    spread        text NOT NULL,
    moderated_by  TEXT NOT NULL REFERENCES users (id),
    moderated_at  DATETIME NOT NULL,
    PRIMARY KEY (bid_id, question_id)
);
CREATE INDEX evaluation_moderations_opportunity ON evaluation_moderations (opportunity_id);

-- Prices as opened (lot_id '' when there are no lots), and any abnormally low price resolved.
CREATE TABLE evaluation_prices (
    bid_id             TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    lot_id             text NOT NULL,
    opportunity_id     TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    price_pence        bigint NOT NULL,
    resolution         text NOT NULL DEFAULT '',
    resolution_reason  text NOT NULL DEFAULT '',
    resolved_by        TEXT REFERENCES users (id),
    resolved_at        DATETIME,
    PRIMARY KEY (bid_id, lot_id)
);
CREATE INDEX evaluation_prices_opportunity ON evaluation_prices (opportunity_id);

-- Every mark, change, reason and who, in order: the council's record of the evaluation.
CREATE TABLE evaluation_history (
    id              TEXT PRIMARY KEY,
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    bid_id          TEXT REFERENCES bids (id) ON DELETE CASCADE,
    question_id     text NOT NULL DEFAULT '',
    actor_id        TEXT NOT NULL REFERENCES users (id),
    action          text NOT NULL,
    before_value    text NOT NULL DEFAULT '',
    after_value     text NOT NULL DEFAULT '',
    reason          text NOT NULL DEFAULT '',
    at              DATETIME NOT NULL
);
CREATE INDEX evaluation_history_opportunity ON evaluation_history (opportunity_id, at);

-- The award per lot (lot_id '' when there are no lots): proposed by one officer, approved by another.
CREATE TABLE evaluation_awards (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    lot_id          text NOT NULL,
    bid_id          TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    reason          text NOT NULL DEFAULT '',
    proposed_by     TEXT NOT NULL REFERENCES users (id),
    proposed_at     DATETIME NOT NULL,
    approved_by     TEXT REFERENCES users (id),
    approved_at     DATETIME,
    PRIMARY KEY (opportunity_id, lot_id)
);

-- Where the award stands after approval: summaries sent, the notice, the standstill, the contract.
CREATE TABLE evaluation_outcomes (
    opportunity_id       TEXT PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
    status               text NOT NULL,
    summaries_sent_at    DATETIME,
    notice_at            DATETIME,
    standstill_ends_at   DATETIME,
    paused_at            DATETIME,
    pause_reason         text NOT NULL DEFAULT '',
    contract_entered_at  DATETIME,
    terminated_at        DATETIME,
    termination_reason   text NOT NULL DEFAULT '',
    updated_at           DATETIME NOT NULL
);

-- Each assessed bidder's assessment summary (content: JSON), reviewed by the buyer, then sent.
CREATE TABLE evaluation_summaries (
    bid_id          TEXT PRIMARY KEY REFERENCES bids (id) ON DELETE CASCADE,
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    content         text NOT NULL,
    generated_at    DATETIME NOT NULL,
    reviewed_by     TEXT REFERENCES users (id),
    reviewed_at     DATETIME,
    sent_at         DATETIME
);
CREATE INDEX evaluation_summaries_opportunity ON evaluation_summaries (opportunity_id);

-- A bidder's follow-up question about their feedback, answered privately.
CREATE TABLE evaluation_feedback_questions (
    id           TEXT PRIMARY KEY,
    bid_id       TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    asked_by     TEXT NOT NULL REFERENCES users (id),
    question     text NOT NULL,
    asked_at     DATETIME NOT NULL,
    answer       text NOT NULL DEFAULT '',
    answered_by  TEXT REFERENCES users (id),
    answered_at  DATETIME
);
CREATE INDEX evaluation_feedback_questions_bid ON evaluation_feedback_questions (bid_id, asked_at);

-- +goose Down
DROP TABLE evaluation_feedback_questions;
DROP TABLE evaluation_summaries;
DROP TABLE evaluation_outcomes;
DROP TABLE evaluation_awards;
DROP TABLE evaluation_history;
DROP TABLE evaluation_prices;
DROP TABLE evaluation_moderations;
DROP TABLE evaluation_marks;
DROP TABLE evaluation_bids;
DROP TABLE evaluation_declarations;
DROP TABLE evaluation_panel;
DROP TABLE evaluation_methods;
