-- A supplier's first bank details may have no number held for 30 days to call back: a supplier
-- that registered this month has none. The officer may then call a number found in a source the
-- supplier does not control (its Companies House or charity register record, its website), and
-- records where it came from here. Owned by backend/suppliers.
-- +goose Up
ALTER TABLE bank_detail_changes ADD COLUMN callback_source TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE bank_detail_changes DROP COLUMN callback_source;
