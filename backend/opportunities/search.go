package opportunities

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
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
	Status            string `query:"status" enum:"open,closed,cancelled,planned," doc:"open (the default), closed, cancelled or planned (the forward pipeline)."`
	ClosingWithinDays int    `query:"closingWithinDays" minimum:"0" maximum:"366" doc:"Deadline within this many days from now."`
	SuitableForSMEs   string `query:"suitableForSmes" enum:"true,false,"`
	SuitableForVCSEs  string `query:"suitableForVcses" enum:"true,false,"`
	Sort              string `query:"sort" enum:"relevance,closing,newest," doc:"relevance (the default with words), closing soonest (the default without), or newest."`
}

// BuyerFilter narrows the buyers' list, which includes drafts.
type BuyerFilter struct {
	Q      string `query:"q" maxLength:"200"`
	Status string `query:"status" enum:"draft,open,closed,cancelled,planned,all," doc:"all (the default) or one status."`
	Mine   bool   `query:"mine" doc:"Only opportunities you created."`
}

// OpportunitySummary is one opportunity in a list.
type OpportunitySummary struct {
	ID                  string     `json:"id"`
	Reference           string     `json:"reference"`
	Status              string     `json:"status"`
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
		sf.Status = "all"
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
	db := s.db.Gorm.WithContext(ctx)
	q, rank, err := s.filtered(db, f, now)
	if err != nil {
		return OpportunityResults{}, err
	}
	out := OpportunityResults{Items: []OpportunitySummary{}, Page: page, PageSize: pageSize}
	if err := q.Session(&gorm.Session{}).Count(&out.Total).Error; err != nil {
		return out, fmt.Errorf("opportunities: unable to count search results: %w", err)
	}
	sortBy := f.Sort
	if sortBy == "" || (sortBy == "relevance" && rank == nil) {
		sortBy = "closing"
		if rank != nil {
			sortBy = "relevance"
		}
	}
	out.Sort = sortBy
	list := q.Session(&gorm.Session{}).Select("o.*")
	switch sortBy {
	case "relevance":
		list = list.Order(clause.OrderBy{Expression: clause.Expr{SQL: rank.SQL + " DESC, o.reference", Vars: rank.Vars, WithoutParentheses: true}})
	case "newest":
		list = list.Order("COALESCE(o.published_at, o.created_at) DESC, o.reference DESC")
	default:
		switch f.Status {
		case "", StatusOpen:
			// A plain column order lets PostgreSQL read the (status, submission_deadline) index
			// in order and stop after one page.
			list = list.Order("o.submission_deadline, o.reference")
		case StatusClosed:
			list = list.Order("o.submission_deadline DESC, o.reference")
		case StatusPlanned:
			list = list.Order("o.expected_quarter, o.reference")
		default:
			list = list.Order("CASE WHEN o.submission_deadline IS NULL THEN 1 ELSE 0 END, o.submission_deadline, o.expected_quarter, o.reference")
		}
	}
	var rows []Opportunity
	if err := list.Limit(pageSize).Offset((page - 1) * pageSize).Find(&rows).Error; err != nil {
		return out, fmt.Errorf("opportunities: unable to search: %w", err)
	}
	ids := make([]string, len(rows))
	for i, o := range rows {
		ids[i] = o.ID
	}
	codes := map[string][]string{}
	if len(ids) > 0 {
		var cs []CPVCode
		if err := db.Where("opportunity_id IN ?", ids).Order("code").Find(&cs).Error; err != nil {
			return out, fmt.Errorf("opportunities: unable to read CPV codes: %w", err)
		}
		for _, c := range cs {
			codes[c.OpportunityID] = append(codes[c.OpportunityID], c.Code)
		}
	}
	for _, o := range rows {
		sm := OpportunitySummary{ID: o.ID, Reference: o.Reference, Status: publicStatus(o, now), Title: o.Title, Summary: o.Summary, Procedure: o.Procedure,
			ProcedureLabel: procedureLabels[o.Procedure], EstimatedValuePence: o.EstimatedValuePence, ValueText: valueText(o.EstimatedValuePence),
			PlaceOfDelivery: o.PlaceOfDelivery, Locality: o.Locality, SuitableForSMEs: o.SuitableForSMEs, SuitableForVCSEs: o.SuitableForVCSEs,
			Reserved: o.Reserved, SubmissionDeadline: deadlineView(o.SubmissionDeadline), ExpectedQuarter: o.ExpectedQuarter,
			ExpectedQuarterText: quarterText(o.ExpectedQuarter), PublishedAt: o.PublishedAt, CPVCodes: codes[o.ID]}
		if sm.CPVCodes == nil {
			sm.CPVCodes = []string{}
		}
		sm.StatusText = statusText[sm.Status]
		sm.DaysLeft, sm.TimeLeftText = timeLeft(o, now)
		out.Items = append(out.Items, sm)
	}
	return out, nil
}

// filtered builds the query over opportunities o for f, returning the relevance expression (higher
// is better) when there are words to rank by.
func (s *Service) filtered(db *gorm.DB, f filter, now time.Time) (*gorm.DB, *clause.Expr, error) {
	var fe apperr.Fields
	text := strings.TrimSpace(f.Q)
	if !utf8.ValidString(text) || strings.ContainsFunc(text, unicode.IsControl) {
		fe.Add("q", "Search words can only contain letters, numbers, spaces and punctuation")
	} else if utf8.RuneCountInString(text) > maxQueryRunes {
		fe.Add("q", fmt.Sprintf("Search words must be %d characters or fewer", maxQueryRunes))
	}
	var prefix string
	if f.CPV != "" {
		p, err := cpvPrefix(f.CPV)
		if err != nil {
			fe.Add("cpv", "Enter a CPV code such as 45000000-7")
		}
		prefix = p
	}
	if f.MaxValuePence > 0 && f.MinValuePence > f.MaxValuePence {
		fe.Add("maxValuePence", "The highest value must be more than the lowest value")
	}
	if err := fe.Err(); err != nil {
		return nil, nil, err
	}
	q := db.Table("opportunities o")
	switch f.Status {
	case "", StatusOpen:
		q = q.Where("o.status = ? AND o.submission_deadline > ?", StatusPublished, now)
	case StatusClosed:
		q = q.Where("o.status = ? AND o.submission_deadline <= ?", StatusPublished, now)
	case StatusCancelled:
		// A cancelled planned procurement was public; a draft never becomes cancelled.
		q = q.Where("o.status = ?", StatusCancelled)
	case StatusPlanned:
		q = q.Where("o.status = ?", StatusPlanned)
	case StatusDraft:
		if !f.staff {
			return nil, nil, apperr.Field("status", "Choose open, closed, cancelled or planned")
		}
		q = q.Where("o.status = ?", StatusDraft)
	case "all":
		if !f.staff {
			return nil, nil, apperr.Field("status", "Choose open, closed, cancelled or planned")
		}
	default:
		return nil, nil, apperr.Field("status", "Choose open, closed, cancelled or planned")
	}
	if f.createdBy != "" {
		q = q.Where("o.created_by = ?", f.createdBy)
	}
	if prefix != "" {
		q = q.Where("(EXISTS (SELECT 1 FROM opportunity_cpv_codes c WHERE c.opportunity_id = o.id AND c.code LIKE ?)"+
			" OR EXISTS (SELECT 1 FROM opportunity_lots l WHERE l.opportunity_id = o.id AND l.cpv_code LIKE ?))", prefix+"%", prefix+"%")
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
		return q.Where("o.reference = ?", strings.ToUpper(text)), nil, nil
	}
	q, rank := matchText(s.db.Dialect, q, text)
	return q, rank, nil
}

// pgSearchDocument is the text PostgreSQL searches; it must stay exactly the expression of the
// index opportunities_search_idx (migrations/postgres/00003_opportunities.sql), or searches scan
// the whole table. Titles weigh most, then summaries.
const pgSearchDocument = "(setweight(to_tsvector('english', o.title), 'A') || setweight(to_tsvector('english', o.summary), 'B') || " +
	"setweight(to_tsvector('english', o.description), 'C'))"

// matchText is the one place where full-text search differs between the engines. It narrows q
// (over opportunities o) to those matching what the person typed and returns how to rank them,
// higher first; nil when there is nothing to match (no words at all).
//
// PostgreSQL parses the text itself with websearch_to_tsquery, which accepts any input without a
// syntax error, and ranks with ts_rank. SQLite's FTS5 has its own query language in which a stray
// quote or bracket is an error, so the query is built here from the words alone (see ftsQuery)
// and ranked with bm25 (lower is better, hence negated).
func matchText(dialect database.Dialect, q *gorm.DB, text string) (*gorm.DB, *clause.Expr) {
	terms := parseSearch(text)
	if len(terms) == 0 {
		return q, nil
	}
	if dialect == database.Postgres {
		q = q.Where(pgSearchDocument+" @@ websearch_to_tsquery('english', ?)", text)
		return q, &clause.Expr{SQL: "ts_rank(" + pgSearchDocument + ", websearch_to_tsquery('english', ?))", Vars: []any{text}}
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
// hierarchy (45200000-9 → "452"), as suppliers.cpvPrefix does for the supplier list.
func cpvPrefix(code string) (string, error) {
	digits, _, _ := strings.Cut(strings.TrimSpace(code), "-")
	if len(digits) != 8 || !allDigits(digits) {
		return "", apperr.Field("cpv", "Enter a CPV code such as 45000000-7")
	}
	p := strings.TrimRight(digits, "0")
	if len(p) < 2 {
		p = digits[:2]
	}
	return p, nil
}
