-- A bidder's confirmation that a bid submitted before an amendment still stands, and the
-- second step of a two-stage opening (the price envelope). Owned by backend/bids.
-- +goose Up
-- first_before_amendment: the first amendment after the submitted version, kept when the bidder
-- confirms (before_amendment, the mark still to answer, is cleared then), so evaluators see both.
ALTER TABLE bids ADD COLUMN first_before_amendment integer;
ALTER TABLE bids ADD COLUMN confirmed_amendment integer;
ALTER TABLE bids ADD COLUMN confirmed_at timestamptz;
ALTER TABLE bids ADD COLUMN confirmed_by uuid REFERENCES users (id);

-- When the price envelope of a two-stage opening was opened (null until then).
ALTER TABLE bid_openings ADD COLUMN prices_opened_at timestamptz;

-- One officer's confirmation that the price envelope may be opened; the quorum opens it.
CREATE TABLE bid_price_confirmations (
    opportunity_id  uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id),
    confirmed_at    timestamptz NOT NULL,
    PRIMARY KEY (opportunity_id, user_id)
);

-- +goose Down
DROP TABLE bid_price_confirmations;
ALTER TABLE bid_openings DROP COLUMN prices_opened_at;
ALTER TABLE bids DROP COLUMN confirmed_by;
ALTER TABLE bids DROP COLUMN confirmed_at;
ALTER TABLE bids DROP COLUMN confirmed_amendment;
ALTER TABLE bids DROP COLUMN first_before_amendment;
