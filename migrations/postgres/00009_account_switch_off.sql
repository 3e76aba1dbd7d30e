-- An admin can switch an account off (deactivated_at) without deleting what the person did, and
-- staff invitations record who sent them (created_by) so that each admin's invitations can be
-- rate limited, as member invitations are by their invited_by.
-- +goose Up
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
ALTER TABLE one_time_tokens ADD COLUMN created_by uuid;
CREATE INDEX one_time_tokens_purpose_created_idx ON one_time_tokens (purpose, created_at);
CREATE INDEX organisation_invitations_inviter_idx ON organisation_invitations (invited_by, created_at);

-- +goose Down
DROP INDEX organisation_invitations_inviter_idx;
DROP INDEX one_time_tokens_purpose_created_idx;
ALTER TABLE one_time_tokens DROP COLUMN created_by;
ALTER TABLE users DROP COLUMN deactivated_at;
