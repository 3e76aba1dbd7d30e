-- On PostgreSQL this version adds open_opportunities, a narrow table of what is open for the
-- public search to rank over (see migrations/postgres/00008_open_opportunities.sql). SQLite's
-- search reads its FTS5 table, which already holds nothing but the words, so it has no use for
-- one; this file keeps the two dialects' versions in step.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
