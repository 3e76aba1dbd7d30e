-- Open opportunities, the public search's usual question, get a narrow table of their own.
--
-- Measured at 100,000 opportunities, a search for a common word ("maintenance", in one notice in
-- five) spent most of its time visiting the wide rows of opportunities: 12,000 pages of 8 kB for
-- 14,000 matches, because every row carries its 2 kB search document. Here each open opportunity
-- is a row of about 500 bytes: what the search filters and sorts on, the CPV codes of it and its
-- lots as every prefix (so that a parent code matches its children through one GIN index), a
-- small document of its title and summary to rank by (kept in the row: PLAIN), and the full
-- search document to match against, moved out of the row (EXTERNAL, and toast_tuple_target low
-- enough that it always goes): its GIN index answers the match, so the row never needs it.
--
-- Only open opportunities are kept, which in a live portal are a small part of every notice ever
-- published: triggers add an opportunity when it is published and keep it right when it (or its
-- CPV codes or lots) change, and a job (opportunities.PruneArgs) removes those whose deadline has
-- passed. Searches still check the deadline, so a row the job has not reached yet is never shown
-- as open. Closed, cancelled and planned opportunities, and the buyers' list, search opportunities.
-- +goose Up
CREATE TABLE open_opportunities (
    id                    uuid PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
    reference             text NOT NULL,
    submission_deadline   timestamptz NOT NULL,
    published_at          timestamptz,
    created_at            timestamptz NOT NULL,
    expected_quarter      text NOT NULL,
    locality              text NOT NULL,
    procedure             text NOT NULL,
    estimated_value_pence bigint NOT NULL,
    suitable_for_smes     boolean NOT NULL,
    suitable_for_vcses    boolean NOT NULL,
    cpv_prefixes          text[] NOT NULL,
    rank_document         tsvector NOT NULL,
    search_document       tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE open_opportunities
    ALTER COLUMN rank_document SET STORAGE PLAIN,
    ALTER COLUMN search_document SET STORAGE EXTERNAL;
CREATE INDEX open_opportunities_search_idx ON open_opportunities USING gin (search_document);
CREATE INDEX open_opportunities_cpv_idx ON open_opportunities USING gin (cpv_prefixes);
-- Closing order with the filters as key columns, as opportunities_published_idx (00005): counts
-- and the closing-soonest page come from the index alone.
CREATE INDEX open_opportunities_deadline_idx ON open_opportunities (submission_deadline, reference, id, locality,
    procedure, estimated_value_pence, suitable_for_smes, suitable_for_vcses);
CREATE INDEX open_opportunities_published_idx ON open_opportunities (published_at);

-- +goose StatementBegin
-- Every prefix of at least two digits of the CPV codes of opportunity $1 and its lots.
CREATE FUNCTION open_opportunities_cpv(uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT left(c.digits, n.n)), '{}')
    FROM (SELECT split_part(code, '-', 1) AS digits FROM opportunity_cpv_codes WHERE opportunity_id = $1
          UNION SELECT split_part(cpv_code, '-', 1) FROM opportunity_lots WHERE opportunity_id = $1 AND cpv_code <> '') c,
         generate_series(2, 8) AS n (n)
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION open_opportunities_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'published' AND NEW.submission_deadline IS NOT NULL THEN
        INSERT INTO open_opportunities (id, reference, submission_deadline, published_at, created_at, expected_quarter, locality,
            procedure, estimated_value_pence, suitable_for_smes, suitable_for_vcses, cpv_prefixes, rank_document, search_document)
        VALUES (NEW.id, NEW.reference, NEW.submission_deadline, NEW.published_at, NEW.created_at, NEW.expected_quarter, NEW.locality,
            NEW.procedure, NEW.estimated_value_pence, NEW.suitable_for_smes, NEW.suitable_for_vcses, open_opportunities_cpv(NEW.id),
            setweight(to_tsvector('english', NEW.title), 'A') || setweight(to_tsvector('english', NEW.summary), 'B'),
            NEW.search_document)
        ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, submission_deadline = EXCLUDED.submission_deadline,
            published_at = EXCLUDED.published_at, created_at = EXCLUDED.created_at, expected_quarter = EXCLUDED.expected_quarter,
            locality = EXCLUDED.locality, procedure = EXCLUDED.procedure, estimated_value_pence = EXCLUDED.estimated_value_pence,
            suitable_for_smes = EXCLUDED.suitable_for_smes, suitable_for_vcses = EXCLUDED.suitable_for_vcses,
            cpv_prefixes = EXCLUDED.cpv_prefixes, rank_document = EXCLUDED.rank_document, search_document = EXCLUDED.search_document;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM open_opportunities WHERE id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION open_opportunities_sync_cpv() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    opp uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.opportunity_id ELSE NEW.opportunity_id END;
BEGIN
    UPDATE open_opportunities SET cpv_prefixes = open_opportunities_cpv(opp) WHERE id = opp;
    IF TG_OP = 'UPDATE' AND OLD.opportunity_id <> NEW.opportunity_id THEN
        UPDATE open_opportunities SET cpv_prefixes = open_opportunities_cpv(OLD.opportunity_id) WHERE id = OLD.opportunity_id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER open_opportunities_sync AFTER INSERT OR UPDATE ON opportunities
    FOR EACH ROW EXECUTE FUNCTION open_opportunities_sync();
CREATE TRIGGER open_opportunities_sync_cpv AFTER INSERT OR UPDATE OR DELETE ON opportunity_cpv_codes
    FOR EACH ROW EXECUTE FUNCTION open_opportunities_sync_cpv();
CREATE TRIGGER open_opportunities_sync_cpv AFTER INSERT OR UPDATE OR DELETE ON opportunity_lots
    FOR EACH ROW EXECUTE FUNCTION open_opportunities_sync_cpv();

-- What is open now; the prune job removes any that close before it first runs.
INSERT INTO open_opportunities (id, reference, submission_deadline, published_at, created_at, expected_quarter, locality,
    procedure, estimated_value_pence, suitable_for_smes, suitable_for_vcses, cpv_prefixes, rank_document, search_document)
SELECT id, reference, submission_deadline, published_at, created_at, expected_quarter, locality, procedure,
    estimated_value_pence, suitable_for_smes, suitable_for_vcses, open_opportunities_cpv(id),
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B'), search_document
FROM opportunities
WHERE status = 'published' AND submission_deadline > now();

-- +goose Down
DROP TRIGGER open_opportunities_sync_cpv ON opportunity_lots;
DROP TRIGGER open_opportunities_sync_cpv ON opportunity_cpv_codes;
DROP TRIGGER open_opportunities_sync ON opportunities;
DROP FUNCTION open_opportunities_sync_cpv();
DROP FUNCTION open_opportunities_sync();
DROP FUNCTION open_opportunities_cpv(uuid);
DROP TABLE open_opportunities;
