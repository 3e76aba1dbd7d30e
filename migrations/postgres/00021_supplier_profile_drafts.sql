-- A profile being edited, saved page by page as the supplier continues, so that what was typed
-- on a laptop is there on the phone; "Save profile" makes it the profile and deletes the draft.
-- One draft per organisation, shared by its members. Owned by backend/suppliers.
-- +goose Up
CREATE TABLE supplier_profile_drafts (
    organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    answers         text NOT NULL,
    sections        text NOT NULL,
    base_version    integer NOT NULL,
    updated_by      uuid NOT NULL REFERENCES users (id),
    updated_at      timestamptz NOT NULL
);

-- +goose Down
DROP TABLE supplier_profile_drafts;
