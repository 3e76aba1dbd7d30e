-- Opportunity search at scale: each opportunity's search document is stored once, when its text
-- changes, instead of being worked out again from the text of every match of every search (which
-- took seconds for a common word over 100,000 opportunities); a partial index over published
-- opportunities answers the public search's counts and its closing-soonest order from the index;
-- and the CPV code indexes cover the CPV filter.
-- +goose Up
-- Generated, so every write path keeps it right without knowing it exists. Titles weigh most, then
-- summaries; the expression is the one opportunities_search_idx (00003) indexed.
--
-- Storage MAIN keeps the document in the row: ranking reads the document of every match, and with
-- the default storage a document of more than about 2 kB (a notice of a few hundred words) went
-- to TOAST, whose extra index lookup and page per match made ranking a common word 1.5 to 4 times
-- slower at 100,000 opportunities. The description, which searches do not read, moves out of the
-- row instead. Both are set in one statement so that the table is rewritten once, this way.
ALTER TABLE opportunities
    ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', summary), 'B') ||
        setweight(to_tsvector('english', description), 'C')) STORED,
    ALTER COLUMN search_document SET STORAGE MAIN;
DROP INDEX opportunities_search_idx;
CREATE INDEX opportunities_search_document_idx ON opportunities USING gin (search_document);
-- Published opportunities (open and closed) in closing order, with what the public search filters
-- on, so that counting matches and finding a page of them need not read the wide rows. The filters
-- are key columns, not INCLUDEd, so that a bitmap scan can apply them too: then a search for words
-- and (say) suitable for VCSEs reads only the rows that pass both. Drafts, plans and cancelled
-- opportunities have opportunities_unpublished_idx instead of the index over every status, which
-- the planner would otherwise pick for status and deadline without the filters.
CREATE INDEX opportunities_published_idx ON opportunities (submission_deadline, reference, id, locality,
    procedure, estimated_value_pence, suitable_for_smes, suitable_for_vcses) WHERE status = 'published';
DROP INDEX opportunities_status_deadline_idx;
CREATE INDEX opportunities_unpublished_idx ON opportunities (status, submission_deadline) WHERE status <> 'published';
-- The CPV filter gathers the opportunities with a code under a parent code (and those with a lot
-- under it) from these indexes alone.
DROP INDEX opportunity_cpv_codes_code_idx;
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code text_pattern_ops) INCLUDE (opportunity_id);
DROP INDEX opportunity_lots_cpv_idx;
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code text_pattern_ops) INCLUDE (opportunity_id);

-- +goose Down
DROP INDEX opportunity_lots_cpv_idx;
CREATE INDEX opportunity_lots_cpv_idx ON opportunity_lots (cpv_code text_pattern_ops);
DROP INDEX opportunity_cpv_codes_code_idx;
CREATE INDEX opportunity_cpv_codes_code_idx ON opportunity_cpv_codes (code text_pattern_ops);
DROP INDEX opportunities_unpublished_idx;
CREATE INDEX opportunities_status_deadline_idx ON opportunities (status, submission_deadline);
DROP INDEX opportunities_published_idx;
DROP INDEX opportunities_search_document_idx;
ALTER TABLE opportunities DROP COLUMN search_document;
CREATE INDEX opportunities_search_idx ON opportunities USING gin ((
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', summary), 'B') ||
    setweight(to_tsvector('english', description), 'C')));
