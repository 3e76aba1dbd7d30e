-- Unsubscribing from an alert's emails pauses it instead of deleting it: the alert made from the
-- profile would otherwise be gone for good (it is made once per person), and a paused alert can
-- be resumed from the alerts page. A paused alert matches nothing. Owned by backend/notifications.
-- +goose Up
ALTER TABLE alerts ADD COLUMN paused_at timestamptz;

-- +goose Down
ALTER TABLE alerts DROP COLUMN paused_at;
