-- Opportunity search at scale: the full-text index keeps only the words, not a second copy of
-- every opportunity's text, so that finding which opportunity a match belongs to reads a few bytes
-- instead of the whole notice; it is rewritten only when the text really changes; a partial
-- index over published opportunities answers the public search's counts and its closing-soonest
-- order from the index; and the CPV code indexes cover the CPV filter.
-- +goose Up
DROP TRIGGER opportunities_fts_update;
DROP TRIGGER opportunities_fts_delete;
DROP TRIGGER opportunities_fts_insert;
DROP TABLE opportunities_fts;
-- Contentless (content=''): the text lives in opportunities only. contentless_unindexed keeps the
-- UNINDEXED opportunity_id, the one value searches read back, and contentless_delete lets the
-- triggers remove a row. Keyed by opportunity_id rather than by the opportunities' rowids, which
-- VACUUM may renumber (their key is not an INTEGER PRIMARY KEY). PostgreSQL's equivalent is the
-- search_document column. Porter stemming matches PostgreSQL's English configuration closely
-- enough ("clean" finds "cleaning").
CREATE VIRTUAL TABLE opportunities_fts USING fts5 (
    opportunity_id UNINDEXED, title, summary, description,
    content = '', contentless_delete = 1, contentless_unindexed = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO opportunities_fts (opportunity_id, title, summary, description) SELECT id, title, summary, description FROM opportunities;
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_insert AFTER INSERT ON opportunities BEGIN
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_delete AFTER DELETE ON opportunities BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
END;
-- +goose StatementEnd
-- Saving a draft or a plan writes every column; finding the old index row means reading every
-- row's opportunity_id, so do it only when the text has changed.
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF title, summary, description ON opportunities
WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.description IS NOT new.description BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd
-- Published opportunities (open and closed) in closing order, with what the public search filters
-- on, so that counting matches and finding a page of them need not read the wide rows; the other
-- statuses have an index of their own. The same indexes as PostgreSQL's.
CREATE INDEX opportunities_published_idx ON opportunities (submission_deadline, reference, id, locality, procedure,
    estimated_value_pence, suitable_for_smes, suitable_for_vcses) WHERE status = 'published';
DROP INDEX opportunities_status_deadline_idx;
CREATE INDEX opportunities_unpublished_idx ON opportunities (status, submission_deadline) WHERE status <> 'published';
-- SQLite only: a search for words finds each match's opportunity by id, and this index has all the
-- search reads of it, so the wide row is not read. (PostgreSQL reads the row anyway, for its
-- search document.)
CREATE INDEX opportunities_published_id_idx ON opportunities (id, submission_deadline, reference, locality, procedure,
    estimated_value_pence, suitable_for_smes, suitable_for_vcses, expected_quarter, published_at, created_at)
    WHERE status = 'published';
-- The CPV filter gathers the opportunities with a code under a parent code (and those with a lot
-- under it) from these indexes alone.
DROP INDEX opportunity_cpv_codes_code_idx;
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code, opportunity_id);
DROP INDEX opportunity_lots_cpv_idx;
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code, opportunity_id);

-- +goose Down
DROP INDEX opportunity_lots_cpv_idx;
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code);
DROP INDEX opportunity_cpv_codes_code_idx;
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code);
DROP INDEX opportunities_published_id_idx;
DROP INDEX opportunities_unpublished_idx;
CREATE INDEX opportunities_status_deadline_idx ON opportunities (status, submission_deadline);
DROP INDEX opportunities_published_idx;
DROP TRIGGER opportunities_fts_update;
DROP TRIGGER opportunities_fts_delete;
DROP TRIGGER opportunities_fts_insert;
DROP TABLE opportunities_fts;
-- SQLite leaves a contentless_unindexed table's %_content behind when dropping it.
DROP TABLE IF EXISTS opportunities_fts_content;
CREATE VIRTUAL TABLE opportunities_fts USING fts5 (
    opportunity_id UNINDEXED, title, summary, description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO opportunities_fts (opportunity_id, title, summary, description) SELECT id, title, summary, description FROM opportunities;
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_insert AFTER INSERT ON opportunities BEGIN
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_delete AFTER DELETE ON opportunities BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF title, summary, description ON opportunities BEGIN
    DELETE FROM opportunities_fts WHERE opportunity_id = old.id;
    INSERT INTO opportunities_fts (opportunity_id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
-- +goose StatementEnd
