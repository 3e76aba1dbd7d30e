-- A bid document that arrived by resumable upload is kept as the upload's sealed parts rather
-- than copied into one object: parts is how many there are (blob_key is then the prefix they are
-- stored under, part n at blob_key/part-0000n), and 0 means one object at blob_key.
-- +goose Up
ALTER TABLE bid_documents ADD COLUMN parts integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE bid_documents DROP COLUMN parts;
