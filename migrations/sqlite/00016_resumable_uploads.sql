-- Resumable (tus) uploads in progress. The bytes are part objects in the document store; this row
-- is what any replica needs to continue one: who started it, its declared size, how many bytes
-- and parts have arrived, its metadata, and a lease (holder and expiry) that lets one request at a
-- time write to it across replicas. It is a table, not an object beside the parts, because the
-- document store cannot list its keys: the sweep of abandoned uploads finds them here by
-- updated_at, and the lease needs an atomic conditional update. Owned by backend/platform/resumable.
-- +goose Up
CREATE TABLE resumable_uploads (
    id                TEXT PRIMARY KEY,
    owner_id          TEXT NOT NULL,
    size              bigint NOT NULL,
    received          bigint NOT NULL DEFAULT 0,
    parts             integer NOT NULL DEFAULT 0,
    metadata          text NOT NULL,
    lock_holder       text NOT NULL DEFAULT '',
    lock_expires_at   DATETIME,
    release_requested boolean NOT NULL DEFAULT false,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL
);
CREATE INDEX resumable_uploads_updated ON resumable_uploads (updated_at);

-- +goose Down
DROP TABLE resumable_uploads;
