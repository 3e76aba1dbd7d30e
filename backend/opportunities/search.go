package opportunities

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SearchFilter narrows the public search. Empty fields do not filter.
type SearchFilter struct {
	Q                 string `query:"q" maxLength:"200" doc:"Words to look for. \"Quoted words\" must appear together, -word must not appear, and or between words finds either. Or a reference such as FT-2026-000123."`
	CPV               string `query:"cpv" maxLength:"12" doc:"A CPV code: opportunities with it or with anything below it in the hierarchy."`
	Locality          string `query:"locality" enum:"local,sub_regional,regional,national," doc:"Where the work is done, relative to the council."`
	MinValuePence     int64  `query:"minValuePence" minimum:"0" doc:"Estimated value at least this, in pence without VAT."`
	MaxValuePence     int64  `query:"maxValuePence" minimum:"0" doc:"Estimated value at most this, in pence without VAT; 0 for no limit."`
	Procedure         string `query:"procedure" enum:"open_tender,quick_quote,dps_call,"`
	Status            Status `query:"status" enum:"open,closed,cancelled,planned," doc:"open (the default), closed, cancelled or planned (the forward pipeline)."`
	ClosingWithinDays int    `query:"closingWithinDays" minimum:"0" maximum:"366" doc:"Deadline within this many days from now."`
	SuitableForSMEs   string `query:"suitableForSmes" enum:"true,false,"`
	SuitableForVCSEs  string `query:"suitableForVcses" enum:"true,false,"`
	Sort              string `query:"sort" enum:"relevance,closing,newest," doc:"relevance (the default with words), closing soonest (the default without), or newest."`
}

// statusAll is the buyers' filter for every status, drafts included; no opportunity has it.
const statusAll Status = "all"

// BuyerFilter narrows the buyers' list, which includes drafts.
type BuyerFilter struct {
	Q      string `query:"q" maxLength:"200"`
	Status Status `query:"status" enum:"draft,open,closed,cancelled,planned,all," doc:"all (the default) or one status."`
	Mine   bool   `query:"mine" doc:"Only opportunities you created."`
}

// OpportunitySummary is one opportunity in a list.
type OpportunitySummary struct {
	ID                  string     `json:"id"`
	Reference           string     `json:"reference"`
	Status              Status     `json:"status" enum:"draft,planned,open,closed,cancelled"`
	StatusText          string     `json:"statusText"`
	Title               string     `json:"title"`
	Summary             string     `json:"summary"`
	Procedure           string     `json:"procedure"`
	ProcedureLabel      string     `json:"procedureLabel"`
	EstimatedValuePence int64      `json:"estimatedValuePence"`
	ValueText           string     `json:"valueText"`
	PlaceOfDelivery     string     `json:"placeOfDelivery"`
	Locality            string     `json:"locality"`
	SuitableForSMEs     bool       `json:"suitableForSmes"`
	SuitableForVCSEs    bool       `json:"suitableForVcses"`
	Reserved            string     `json:"reserved"`
	SubmissionDeadline  *Deadline  `json:"submissionDeadline,omitempty"`
	DaysLeft            *int       `json:"daysLeft,omitempty"`
	TimeLeftText        string     `json:"timeLeftText"`
	ExpectedQuarter     string     `json:"expectedQuarter,omitempty"`
	ExpectedQuarterText string     `json:"expectedQuarterText,omitempty"`
	PublishedAt         *time.Time `json:"publishedAt,omitempty"`
	CPVCodes            []string   `json:"cpvCodes" nullable:"false"`
	// UpdatedAt is when the opportunity last changed in public (published, amended, cancelled),
	// for the Atom feed's updated; the search page has no use for it, so it is not in the JSON.
	UpdatedAt time.Time `json:"-"`
}

// OpportunityResults is one page of a search.
type OpportunityResults struct {
	Items    []OpportunitySummary `json:"items" nullable:"false"`
	Total    int64                `json:"total"`
	Page     int                  `json:"page"`
	PageSize int                  `json:"pageSize"`
	Sort     string               `json:"sort" doc:"The order used."`
}

// filter is what a search may ask for, public or buyers'.
type filter struct {
	SearchFilter
	staff     bool
	createdBy string
}

// maxQueryRunes bounds the words searched for, whoever calls.
const maxQueryRunes = 200

// Search finds published opportunities (and planned ones) for anyone, without signing in.
// Errors: invalid (a malformed query or filter, never a database error).
func (s *Service) Search(ctx context.Context, f SearchFilter, page, pageSize int) (OpportunityResults, error) {
	return s.search(ctx, filter{SearchFilter: f}, page, pageSize)
}

// ListForBuyers lists opportunities in any status, drafts included, for buyers and
// administrators, newest first.
// Errors: invalid.
func (s *Service) ListForBuyers(ctx context.Context, p *auth.Principal, f BuyerFilter, page, pageSize int) (OpportunityResults, error) {
	sf := filter{SearchFilter: SearchFilter{Q: f.Q, Status: f.Status, Sort: "newest"}, staff: true}
	if sf.Status == "" {
		sf.Status = statusAll
	}
	if f.Mine {
		sf.createdBy = p.UserID
	}
	return s.search(ctx, sf, page, pageSize)
}

func (s *Service) search(ctx context.Context, f filter, page, pageSize int) (OpportunityResults, error) {
	if page < 1 {
		page = 1
	}
	if pageSize < 1 || pageSize > 100 {
		pageSize = 20
	}
	now := s.now().UTC()
	out := OpportunityResults{Items: []OpportunitySummary{}, Page: page, PageSize: pageSize}
	var rows []Opportunity
	codes := map[string][]string{}
	err := s.reading(ctx, func(db *gorm.DB) error {
		m, err := s.filtered(db, f, now)
		if err != nil {
			return err
		}
		out.Sort = f.Sort
		if out.Sort == "" || (out.Sort == "relevance" && m.rank == nil) {
			out.Sort = "closing"
			if m.rank != nil {
				out.Sort = "relevance"
			}
		}
		var ids []string
		if m.rank != nil {
			ids, out.Total, err = m.rankedPage(db, out.Sort, f.Status, pageSize, (page-1)*pageSize)
		} else {
			ids, out.Total, err = m.page(out.Sort, f.Status, pageSize, database.Offset(page, pageSize))
		}
		if err != nil || len(ids) == 0 {
			return err
		}
		// The page's rows, by the fields Opportunity has: the stored search document is not one.
		if err := db.Session(&gorm.Session{QueryFields: true}).Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return fmt.Errorf("opportunities: unable to read search results: %w", err)
		}
		at := make(map[string]int, len(ids))
		for i, id := range ids {
			at[id] = i
		}
		slices.SortFunc(rows, func(a, b Opportunity) int { return at[a.ID] - at[b.ID] })
		var cs []CPVCode
		if err := db.Where("opportunity_id IN ?", ids).Order("code").Find(&cs).Error; err != nil {
			return fmt.Errorf("opportunities: unable to read CPV codes: %w", err)
		}
		for _, c := range cs {
			codes[c.OpportunityID] = append(codes[c.OpportunityID], c.Code)
		}
		return nil
	})
	if err != nil {
		return OpportunityResults{}, err
	}
	for _, o := range rows {
		sm := OpportunitySummary{ID: o.ID, Reference: o.Reference, Status: publicStatus(o, now), Title: o.Title, Summary: o.Summary, Procedure: o.Procedure,
			ProcedureLabel: procedureLabels[o.Procedure], EstimatedValuePence: o.EstimatedValuePence, ValueText: valueText(o.EstimatedValuePence),
			PlaceOfDelivery: o.PlaceOfDelivery, Locality: o.Locality, SuitableForSMEs: o.SuitableForSMEs, SuitableForVCSEs: o.SuitableForVCSEs,
			Reserved: o.Reserved, SubmissionDeadline: deadlineView(o.SubmissionDeadline), ExpectedQuarter: o.ExpectedQuarter,
			ExpectedQuarterText: quarterText(o.ExpectedQuarter), PublishedAt: o.PublishedAt, CPVCodes: codes[o.ID], UpdatedAt: o.UpdatedAt}
		if sm.CPVCodes == nil {
			sm.CPVCodes = []string{}
		}
		sm.StatusText = statusText[sm.Status]
		sm.DaysLeft, sm.TimeLeftText = timeLeft(o, now)
		out.Items = append(out.Items, sm)
	}
	return out, nil
}

// reading runs the queries of one search. On PostgreSQL they run in a read-only transaction that
// has every statement planned for its own values: pgx prepares statements, and after five runs of
// one PostgreSQL may settle on a generic plan, which cannot know how common the words searched
// for are (it assumes 500 matches), so it reads the row of every match of the words before
// checking the rest of the filter, instead of first narrowing the matches with
// opportunities_published_idx. Measured at 100,000 opportunities, that made searches for common
// words up to three times slower than their first five runs. SQLite plans each statement when
// it is prepared, and a transaction there would take the write lock.
func (s *Service) reading(ctx context.Context, fn func(db *gorm.DB) error) error {
	db := s.db.Gorm.WithContext(ctx)
	if s.db.Dialect != database.Postgres {
		return fn(db)
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL plan_cache_mode = force_custom_plan").Error; err != nil {
			return fmt.Errorf("opportunities: unable to prepare search: %w", err)
		}
		return fn(tx)
	}, &sql.TxOptions{ReadOnly: true})
}

// matches is what a search matches: opportunities o, narrowed, not yet ordered.
type matches struct {
	q *gorm.DB
	// rank is the relevance, higher first, when words narrowed the search; nil otherwise.
	rank *clause.Expr
}

// page finds one page of a search without words, and the total. Both can come from an index
// (opportunities_published_idx for the public search), and the page stops reading at its last row.
func (m matches) page(sortBy string, status Status, limit, offset int) ([]string, int64, error) {
	var total int64
	if err := m.q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("opportunities: unable to count search results: %w", err)
	}
	var ids []string
	if offset >= int(total) {
		return ids, total, nil
	}
	if err := m.q.Session(&gorm.Session{}).Order(orderBy(sortBy, status, "o")).Limit(limit).Offset(offset).Pluck("o.id", &ids).Error; err != nil {
		return nil, 0, fmt.Errorf("opportunities: unable to search: %w", err)
	}
	return ids, total, nil
}

// rankedPage finds one page of a search with words, and the total, in one pass over the matches:
// ordering by relevance means working out the relevance of every match, and ordering otherwise
// means reading every match too, so the count comes from the same pass rather than a second
// query. The matches are kept in a materialised CTE of narrow rows, so that the wide rows (on
// PostgreSQL, with their search documents) are read once and never copied.
func (m matches) rankedPage(db *gorm.DB, sortBy string, status Status, limit, offset int) ([]string, int64, error) {
	inner := m.q.Session(&gorm.Session{}).Select("o.id, o.reference, o.submission_deadline, o.expected_quarter, o.published_at, o.created_at, ? AS rank", *m.rank)
	var hits []struct {
		ID    string
		Total int64
	}
	if err := db.Raw("WITH m AS MATERIALIZED (?) SELECT m.id, (SELECT count(*) FROM m) AS total FROM m ORDER BY "+orderBy(sortBy, status, "m")+" LIMIT ? OFFSET ?",
		inner, limit, offset).Scan(&hits).Error; err != nil {
		return nil, 0, fmt.Errorf("opportunities: unable to search: %w", err)
	}
	if len(hits) == 0 {
		if offset == 0 {
			return nil, 0, nil
		}
		// A page past the last one: the total still matters, to link back to the pages there are.
		var total int64
		if err := m.q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
			return nil, 0, fmt.Errorf("opportunities: unable to count search results: %w", err)
		}
		return nil, total, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids, hits[0].Total, nil
}

// orderBy is the ORDER BY for a sort, over the columns of t: opportunities or the matches of
// rankedPage, which carry the same names (and rank).
func orderBy(sortBy string, status Status, t string) string {
	switch sortBy {
	case "relevance":
		return t + ".rank DESC, " + t + ".reference"
	case "newest":
		return "COALESCE(" + t + ".published_at, " + t + ".created_at) DESC, " + t + ".reference DESC"
	}
	switch status {
	case "", StatusOpen:
		// A plain column order lets the database read opportunities_published_idx in order and
		// stop after one page.
		return t + ".submission_deadline, " + t + ".reference"
	case StatusClosed:
		return t + ".submission_deadline DESC, " + t + ".reference"
	case StatusPlanned:
		return t + ".expected_quarter, " + t + ".reference"
	}
	return "CASE WHEN " + t + ".submission_deadline IS NULL THEN 1 ELSE 0 END, " + t + ".submission_deadline, " + t + ".expected_quarter, " + t + ".reference"
}

// filtered builds the query over opportunities o for f, with the relevance expression (higher is
// better) when there are words to rank by.
func (s *Service) filtered(db *gorm.DB, f filter, now time.Time) (matches, error) {
	var fe apperr.Fields
	text := strings.TrimSpace(f.Q)
	if !utf8.ValidString(text) || strings.ContainsFunc(text, unicode.IsControl) {
		fe.AddQuery("q", "Search words can only contain letters, numbers, spaces and punctuation")
	} else if utf8.RuneCountInString(text) > maxQueryRunes {
		fe.AddQuery("q", fmt.Sprintf("Search words must be %d characters or fewer", maxQueryRunes))
	}
	var prefix string
	if f.CPV != "" {
		p, err := cpvPrefix(f.CPV)
		if err != nil {
			fe.AddQuery("cpv", refdata.CPVMistake(f.CPV))
		}
		prefix = p
	}
	if f.MaxValuePence > 0 && f.MinValuePence > f.MaxValuePence {
		fe.AddQuery("maxValuePence", "The highest value must be more than the lowest value")
	}
	if err := fe.Err(); err != nil {
		return matches{}, err
	}
	// The public search for open opportunities on PostgreSQL reads open_opportunities, a narrow
	// copy of what is open (migrations/postgres/00008) with the same column names for everything
	// filtered and sorted on.
	narrow := s.db.Dialect == database.Postgres && !f.staff && (f.Status == "" || f.Status == StatusOpen)
	q := db.Table("opportunities o")
	if narrow {
		q = db.Table("open_opportunities o")
	}
	switch f.Status {
	case "", StatusOpen:
		if narrow {
			// Rows stay until the prune job removes them: the deadline is what makes one closed.
			q = q.Where("o.submission_deadline > ?", now)
		} else {
			q = q.Where("o.status = ? AND o.submission_deadline > ?", StatusPublished, now)
		}
	case StatusClosed:
		q = q.Where("o.status = ? AND o.submission_deadline <= ?", StatusPublished, now)
	case StatusCancelled:
		// A cancelled planned procurement was public; a draft never becomes cancelled.
		q = q.Where("o.status = ?", StatusCancelled)
	case StatusPlanned:
		q = q.Where("o.status = ?", StatusPlanned)
	case StatusDraft:
		if !f.staff {
			return matches{}, apperr.QueryField("status", "Choose open, closed, cancelled or planned")
		}
		q = q.Where("o.status = ?", StatusDraft)
	case statusAll:
		if !f.staff {
			return matches{}, apperr.QueryField("status", "Choose open, closed, cancelled or planned")
		}
	default:
		return matches{}, apperr.QueryField("status", "Choose open, closed, cancelled or planned")
	}
	if f.createdBy != "" {
		q = q.Where("o.created_by = ?", f.createdBy)
	}
	if prefix != "" && narrow {
		q = q.Where("o.cpv_prefixes @> ARRAY[?]::text[]", prefix)
	} else if prefix != "" {
		q = q.Where(cpvMatch(s.db.Dialect, prefix))
	}
	if f.Locality != "" {
		q = q.Where("o.locality = ?", f.Locality)
	}
	if f.MinValuePence > 0 {
		q = q.Where("o.estimated_value_pence >= ?", f.MinValuePence)
	}
	if f.MaxValuePence > 0 {
		q = q.Where("o.estimated_value_pence <= ?", f.MaxValuePence)
	}
	if f.Procedure != "" {
		q = q.Where("o.procedure = ?", f.Procedure)
	}
	if f.ClosingWithinDays > 0 {
		q = q.Where("o.submission_deadline <= ?", now.Add(time.Duration(f.ClosingWithinDays)*24*time.Hour))
	}
	if f.SuitableForSMEs != "" {
		q = q.Where("o.suitable_for_smes = ?", f.SuitableForSMEs == "true")
	}
	if f.SuitableForVCSEs != "" {
		q = q.Where("o.suitable_for_vcses = ?", f.SuitableForVCSEs == "true")
	}
	if isReference(text) {
		return matches{q: q.Where("o.reference = ?", strings.ToUpper(text))}, nil
	}
	q, rank := matchText(s.db.Dialect, q, text, narrow)
	return matches{q: q, rank: rank}, nil
}

// cpvMatch is the condition that opportunity o, or one of its lots, has a CPV code starting with
// prefix (a string of digits). Each set of opportunities (by their own codes, by their lots') is
// found once through its covering code index and then looked up in memory, rather than looking
// up codes for every opportunity considered; a UNION of the two sets would make PostgreSQL join
// rather than filter, so that it could no longer stop after one page in closing order.
//
// PostgreSQL's code indexes use text_pattern_ops, so LIKE uses them. SQLite's LIKE ignores case,
// so cannot use an index of the default collation; GLOB can. And SQLite would otherwise use "o.id
// IN" to look up every opportunity in the set one by one (reading each wide row) instead of
// scanning the covering opportunities_published_idx; the unary + stops that.
func cpvMatch(dialect database.Dialect, prefix string) clause.Expr {
	if dialect == database.Postgres {
		return gorm.Expr("(o.id IN (SELECT c.opportunity_id FROM opportunity_cpv_codes c WHERE c.code LIKE ?)"+
			" OR o.id IN (SELECT l.opportunity_id FROM opportunity_lots l WHERE l.cpv_code LIKE ?))", prefix+"%", prefix+"%")
	}
	return gorm.Expr("(+o.id IN (SELECT c.opportunity_id FROM opportunity_cpv_codes c WHERE c.code GLOB ?)"+
		" OR +o.id IN (SELECT l.opportunity_id FROM opportunity_lots l WHERE l.cpv_code GLOB ?))", prefix+"*", prefix+"*")
}

// matchText is the one place where full-text search differs between the engines. It narrows q
// (over opportunities o) to those matching what the person typed and returns how to rank them,
// higher first; nil when there is nothing to match (no words at all).
//
// PostgreSQL parses the text itself with websearch_to_tsquery, which accepts any input without a
// syntax error, and ranks the stored search_document (migrations/postgres/00005) with ts_rank;
// over open_opportunities (narrow), it ranks the small rank_document of title and summary
// instead, which costs a fraction as much per match: there, words found only in the description
// rank last, where with the whole document a word said often enough in a description could
// outrank one in a summary.
// SQLite's FTS5 has its own query language in which a stray quote or bracket is an error, so the
// query is built here from the words alone (see ftsQuery) and ranked with bm25 (lower is better,
// hence negated); the contentless FTS5 table (migrations/sqlite/00005) gives back only each
// match's opportunity_id.
func matchText(dialect database.Dialect, q *gorm.DB, text string, narrow bool) (*gorm.DB, *clause.Expr) {
	terms := parseSearch(text)
	if len(terms) == 0 {
		return q, nil
	}
	if dialect == database.Postgres {
		q = q.Where("o.search_document @@ websearch_to_tsquery('english', ?)", text)
		ranked := "o.search_document"
		if narrow {
			ranked = "o.rank_document"
		}
		return q, &clause.Expr{SQL: "ts_rank(" + ranked + ", websearch_to_tsquery('english', ?))", Vars: []any{text}}
	}
	fts := ftsQuery(terms)
	if fts == "" {
		return q, nil
	}
	q = q.Joins("JOIN (SELECT opportunity_id, bm25(opportunities_fts, 0.0, 10.0, 4.0, 1.0) AS score FROM opportunities_fts WHERE opportunities_fts MATCH ?) fts ON fts.opportunity_id = o.id", fts)
	return q, &clause.Expr{SQL: "-fts.score"}
}

// searchTerm is one word or quoted phrase of a search.
type searchTerm struct {
	words  []string
	negate bool // -word: must not appear
	or     bool // joined to the term before by "or"
}

const (
	maxTerms       = 16
	maxPhraseWords = 10
	maxWordRunes   = 64
)

// parseSearch reads what a person typed the way websearch_to_tsquery does: words, "quoted
// phrases", -excluded words and "or" between alternatives. Anything else (brackets, operators,
// stray quotes, punctuation) only separates words.
func parseSearch(text string) []searchTerm {
	var terms []searchTerm
	rs := []rune(text)
	pendingOr := false
	for i := 0; i < len(rs) && len(terms) < maxTerms; {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		negate := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			negate = true
			i++
		}
		var raw string
		quoted := rs[i] == '"'
		if quoted {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i:j])
			i = j
		}
		if !quoted && !negate && strings.EqualFold(raw, "or") {
			pendingOr = len(terms) > 0
			continue
		}
		words := searchWords(raw)
		if len(words) == 0 {
			continue
		}
		terms = append(terms, searchTerm{words: words, negate: negate, or: pendingOr && !negate})
		pendingOr = false
	}
	return terms
}

// searchWords splits text into lower-case words of letters and digits.
func searchWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		if utf8.RuneCountInString(w) > maxWordRunes {
			w = string([]rune(w)[:maxWordRunes])
		}
		out = append(out, strings.ToLower(w))
		if len(out) == maxPhraseWords {
			break
		}
	}
	return out
}

// ftsQuery writes terms as an FTS5 query. Every word or phrase is a double-quoted string of
// letters and digits only, so no input can form FTS5 syntax: alternatives are joined by OR in
// brackets, the rest by AND, and excluded words follow NOT. A search of excluded words alone is
// not possible in FTS5 and matches as if there were no words.
func ftsQuery(terms []searchTerm) string {
	var groups [][]string
	var excluded []string
	for _, t := range terms {
		phrase := `"` + strings.Join(t.words, " ") + `"`
		switch {
		case t.negate:
			excluded = append(excluded, phrase)
		case t.or && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], phrase)
		default:
			groups = append(groups, []string{phrase})
		}
	}
	if len(groups) == 0 {
		return ""
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = g[0]
		if len(g) > 1 {
			parts[i] = "(" + strings.Join(g, " OR ") + ")"
		}
	}
	out := strings.Join(parts, " AND ")
	if len(excluded) > 0 {
		out = "(" + out + ")"
		for _, e := range excluded {
			out += " NOT " + e
		}
	}
	return out
}

// cpvPrefix turns a CPV code into the digits shared by it and everything below it in the
// hierarchy (45200000-9 → "452"). A code with a wrong check digit is refused rather than read as
// the code its eight digits name, as alerts refuse it.
// Errors: invalid (naming cpv).
func cpvPrefix(code string) (string, error) {
	p, err := refdata.CPVPrefix(code)
	if err != nil {
		return "", apperr.QueryField("cpv", refdata.CPVMistake(code))
	}
	return p, nil
}
