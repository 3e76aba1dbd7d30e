-- A profile being edited, kept page by page as the person continues, so that what they typed
-- on a laptop is there on their phone; "Save profile" makes it the profile and deletes the draft.
-- One draft per person and organisation: another member's unsaved changes are never saved by
-- someone who did not make them (their save is refused, 412, as before). Owned by backend/suppliers.
-- +goose Up
CREATE TABLE supplier_profile_drafts (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answers         text NOT NULL,
    sections        text NOT NULL,
    base_version    integer NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);

-- +goose Down
DROP TABLE supplier_profile_drafts;
