-- Account settings: people see their sessions (which browser, when last used), change their email
-- address by a link sent to the new one (the link's row carries the address it confirms), and
-- delete their account. A deleted account's row stays, emptied of personal details, because
-- submitted bids and other records the council must keep refer to it; an organisation whose last
-- member left is marked closed for the same reason. Owned by backend/accounts.
-- +goose Up
ALTER TABLE sessions ADD COLUMN user_agent text NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz;
ALTER TABLE one_time_tokens ADD COLUMN new_email text;
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
ALTER TABLE organisations ADD COLUMN closed_at timestamptz;

-- +goose Down
ALTER TABLE organisations DROP COLUMN closed_at;
ALTER TABLE users DROP COLUMN deleted_at;
ALTER TABLE one_time_tokens DROP COLUMN new_email;
ALTER TABLE sessions DROP COLUMN last_used_at;
ALTER TABLE sessions DROP COLUMN user_agent;
