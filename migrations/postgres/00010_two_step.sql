-- Two-step verification (issue 11): each person's authenticator app secret, sealed with
-- secretbox, and their single-use recovery codes, stored only as keyed hashes; the staff roles that
-- must use it, changed by an admin at run time (admins and case officers by default, because they
-- will see whistleblowing reports); and when each session last proved a second factor, so that
-- opening sealed bids can ask for a recent one.
-- +goose Up
CREATE TABLE second_factors (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_sealed  bytea NOT NULL,
    confirmed_at   timestamptz,
    last_used_step bigint NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE recovery_codes (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash   text NOT NULL UNIQUE,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

CREATE TABLE two_step_policies (
    role        text PRIMARY KEY,
    required    boolean NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);
INSERT INTO two_step_policies (role, required, updated_at, updated_by) VALUES
    ('buyer', false, CURRENT_TIMESTAMP, 'system'),
    ('evaluator', false, CURRENT_TIMESTAMP, 'system'),
    ('case_officer', true, CURRENT_TIMESTAMP, 'system'),
    ('admin', true, CURRENT_TIMESTAMP, 'system');

ALTER TABLE sessions ADD COLUMN second_factor_at timestamptz;

-- +goose Down
ALTER TABLE sessions DROP COLUMN second_factor_at;
DROP TABLE two_step_policies;
DROP TABLE recovery_codes;
DROP TABLE second_factors;
