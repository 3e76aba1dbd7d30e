package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// Results of a tender in one lot, as its assessment summary says.
const (
	ResultSuccessful   = "successful"
	ResultUnsuccessful = "unsuccessful"
	ResultExcluded     = "excluded"
)

// AssessmentSummaryQuestion is one scored question in an assessment summary: the bidder's own
// mark and its explanation by reference to their tender, what they did well and what would have
// scored higher, and the winning tender's mark and explanation.
type AssessmentSummaryQuestion struct {
	QuestionID        string  `json:"questionId"`
	Number            int     `json:"number"`
	Title             string  `json:"title"`
	ScaleMax          int     `json:"scaleMax"`
	YourMark          int     `json:"yourMark"`
	YourPoints        float64 `json:"yourPoints"`
	MaxPoints         float64 `json:"maxPoints"`
	Explanation       string  `json:"explanation" doc:"Why your tender got this mark, by reference to what it said."`
	Strengths         string  `json:"strengths" doc:"What your tender did well."`
	Improvements      string  `json:"improvements" doc:"What would have scored higher."`
	WinnerMark        int     `json:"winnerMark"`
	WinnerPoints      float64 `json:"winnerPoints"`
	WinnerExplanation string  `json:"winnerExplanation" doc:"Why the winning tender got its mark, by reference to what it said."`
}

// AssessmentSummaryCriterion is one published criterion in an assessment summary.
type AssessmentSummaryCriterion struct {
	Criterion    string                      `json:"criterion"`
	Kind         string                      `json:"kind" enum:"price,quality,social_value"`
	MaxPoints    float64                     `json:"maxPoints"`
	YourPoints   float64                     `json:"yourPoints"`
	WinnerPoints float64                     `json:"winnerPoints"`
	Questions    []AssessmentSummaryQuestion `json:"questions" nullable:"false"`
}

// AssessmentSummaryLot is a tender's assessment in one lot ("" when there are no lots).
type AssessmentSummaryLot struct {
	LotID      string  `json:"lotId"`
	LotTitle   string  `json:"lotTitle"`
	Result     string  `json:"result" enum:"successful,unsuccessful,excluded"`
	YourTotal  float64 `json:"yourTotal" doc:"Out of 100."`
	YourRank   int     `json:"yourRank" doc:"0 when out of the running."`
	Ranked     int     `json:"ranked" doc:"How many tenders were ranked in this lot."`
	WinnerName string  `json:"winnerName" doc:"The supplier awarded the lot, as the award notice names them; empty when none was."`
	// WinnerTotal is the winning tender's total, out of 100.
	WinnerTotal float64                      `json:"winnerTotal"`
	Criteria    []AssessmentSummaryCriterion `json:"criteria" nullable:"false"`
	// NotMostAdvantageous says why the tender was not the most advantageous; empty for the winner.
	NotMostAdvantageous string `json:"notMostAdvantageous"`
	ExcludedReason      string `json:"excludedReason"`
}

// AssessmentSummary is the assessment summary one bidder receives (Procurement Act 2023 s.50,
// Procurement Regulations 2024 reg 31): for their tender and the winning tender, the score under
// each award criterion with its explanation, and why theirs was not the most advantageous. It
// never names or scores another unsuccessful tender.
type AssessmentSummary struct {
	BidID            string                 `json:"bidId"`
	Reference        string                 `json:"reference"`
	OrganisationName string                 `json:"organisationName"`
	OpportunityID    string                 `json:"opportunityId"`
	OpportunityTitle string                 `json:"opportunityTitle"`
	Excluded         bool                   `json:"excluded" doc:"The tender was excluded before scoring."`
	ExcludedReason   string                 `json:"excludedReason"`
	Lots             []AssessmentSummaryLot `json:"lots" nullable:"false"`
}

// AwardSummary is one assessment summary on the buyer's review list.
type AwardSummary struct {
	BidID               string                    `json:"bidId"`
	Reference           string                    `json:"reference"`
	OrganisationName    string                    `json:"organisationName"`
	Results             []string                  `json:"results" nullable:"false" doc:"The tender's result in each lot, in the lots' order."`
	GeneratedAt         time.Time                 `json:"generatedAt"`
	ReviewedBy          string                    `json:"reviewedBy,omitempty"`
	ReviewedAt          *time.Time                `json:"reviewedAt,omitempty"`
	SentAt              *time.Time                `json:"sentAt,omitempty"`
	ReadabilityWarnings []AwardReadabilityWarning `json:"readabilityWarnings" nullable:"false" doc:"Explanations and feedback that are hard to read: worth rewriting before sending."`
	Summary             AssessmentSummary         `json:"summary"`
}

// AwardSummaries is the buyer's review list.
type AwardSummaries struct {
	OpportunityID string         `json:"opportunityId"`
	Reviewed      int            `json:"reviewed"`
	Sent          bool           `json:"sent"`
	Summaries     []AwardSummary `json:"summaries" nullable:"false" doc:"By reference."`
}

// AwardSummaryEdit rewrites one explanation in a summary before it is sent.
type AwardSummaryEdit struct {
	LotID      string `json:"lotId,omitempty" maxLength:"36" doc:"The lot; leave out for every lot."`
	QuestionID string `json:"questionId,omitempty" maxLength:"36" doc:"The question; leave out for not_most_advantageous."`
	Field      string `json:"field" enum:"explanation,strengths,improvements,not_most_advantageous"`
	Text       string `json:"text" maxLength:"5000"`
}

// AwardSummaryReviewInput marks a summary reviewed, optionally rewriting explanations first.
type AwardSummaryReviewInput struct {
	Edits []AwardSummaryEdit `json:"edits,omitempty" maxItems:"200"`
}

// buildSummaries writes every assessed bidder's summary from the results and the award: every
// bid the evaluation took in, an excluded one with the reason.
func (s *Service) buildSummaries(ctx context.Context, db *gorm.DB, o opportunities.OpportunityView, res EvaluationResults, awards []awardRow) ([]summaryRow, error) {
	bids, err := evaluationBids(db, o.ID)
	if err != nil {
		return nil, err
	}
	winnerOf := map[string]string{}
	for _, a := range awards {
		winnerOf[a.LotID] = a.BidID
	}
	out := make([]summaryRow, 0, len(bids))
	for _, b := range bids {
		sum := AssessmentSummary{BidID: b.BidID, Reference: b.Reference, OpportunityID: o.ID, OpportunityTitle: o.Title, Excluded: b.Excluded,
			ExcludedReason: b.ExcludedReason, Lots: []AssessmentSummaryLot{}}
		for _, lr := range res.Lots {
			mine := slices.IndexFunc(lr.Rows, func(r ResultRow) bool { return r.BidID == b.BidID })
			if mine < 0 {
				continue // not a bid for this lot
			}
			me := lr.Rows[mine]
			sum.OrganisationName = me.OrganisationName
			var win *ResultRow
			if w := slices.IndexFunc(lr.Rows, func(r ResultRow) bool { return r.BidID == winnerOf[lr.LotID] }); w >= 0 {
				win = &lr.Rows[w]
			}
			sum.Lots = append(sum.Lots, summaryLot(lr, me, win))
		}
		raw, err := json.Marshal(sum)
		if err != nil {
			return nil, err
		}
		out = append(out, summaryRow{BidID: b.BidID, OpportunityID: o.ID, Content: string(raw)})
	}
	return out, nil
}

// summaryLot is one tender's assessment in one lot, against the winner (nil: none awarded).
func summaryLot(lr LotResult, me ResultRow, win *ResultRow) AssessmentSummaryLot {
	l := AssessmentSummaryLot{LotID: lr.LotID, LotTitle: lr.LotTitle, YourTotal: me.Total, YourRank: me.Rank, Criteria: []AssessmentSummaryCriterion{}}
	for _, r := range lr.Rows {
		if !r.Excluded {
			l.Ranked++
		}
	}
	switch {
	case me.Excluded:
		l.Result, l.ExcludedReason = ResultExcluded, me.ExcludedReason
	case win != nil && win.BidID == me.BidID:
		l.Result = ResultSuccessful
	default:
		l.Result = ResultUnsuccessful
	}
	if win != nil {
		l.WinnerName, l.WinnerTotal = win.OrganisationName, win.Total
	}
	if me.Excluded {
		return l
	}
	winBy := map[string]CriterionScore{}
	if win != nil {
		for _, c := range win.Criteria {
			winBy[c.Criterion] = c
		}
	}
	type gap struct {
		name string
		by   float64
	}
	gaps := []gap{}
	for _, c := range me.Criteria {
		wc := winBy[c.Criterion]
		sc := AssessmentSummaryCriterion{Criterion: c.Criterion, Kind: c.Kind, MaxPoints: c.MaxPoints, YourPoints: c.Points, WinnerPoints: wc.Points,
			Questions: []AssessmentSummaryQuestion{}}
		for _, q := range c.Questions {
			sq := AssessmentSummaryQuestion{QuestionID: q.QuestionID, Number: q.Number, Title: q.Title, ScaleMax: q.ScaleMax, YourMark: q.Mark,
				YourPoints: q.Points, MaxPoints: q.MaxPoints, Explanation: q.Rationale, Strengths: q.Strengths, Improvements: q.Improvements}
			for _, wq := range wc.Questions {
				if wq.QuestionID == q.QuestionID {
					sq.WinnerMark, sq.WinnerPoints, sq.WinnerExplanation = wq.Mark, wq.Points, wq.Rationale
				}
			}
			sc.Questions = append(sc.Questions, sq)
		}
		if d := round2(wc.Points - c.Points); win != nil && d > 0 {
			gaps = append(gaps, gap{c.Criterion, d})
		}
		l.Criteria = append(l.Criteria, sc)
	}
	if l.Result == ResultUnsuccessful && win != nil {
		slices.SortStableFunc(gaps, func(a, b gap) int {
			if a.by > b.by {
				return -1
			} else if a.by < b.by {
				return 1
			}
			return 0
		})
		why := fmt.Sprintf("Your tender scored %s out of 100 and was ranked %s of %d. The winning tender scored %s, so it was the most advantageous.",
			points(me.Total), ordinal(me.Rank), l.Ranked, points(win.Total))
		if len(gaps) > 0 {
			parts := []string{}
			for _, g := range gaps {
				parts = append(parts, fmt.Sprintf("%s (%s points fewer)", g.name, points(g.by)))
			}
			why += " It scored fewer points than the winning tender on " + joinAnd(parts) + "."
		}
		if me.Rank == 1 {
			why += " Your tender was level with the winning tender after the published tie-break; the council decided between them."
		}
		l.NotMostAdvantageous = why
	}
	return l
}

func points(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

func joinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func decodeSummary(r summaryRow) (AssessmentSummary, error) {
	var sum AssessmentSummary
	if err := json.Unmarshal([]byte(r.Content), &sum); err != nil {
		return sum, fmt.Errorf("evaluation: unreadable assessment summary %s: %w", r.BidID, err)
	}
	return sum, nil
}

// readability flags the hard-to-read explanations of a summary, each question once.
func (s *Service) readability(sum AssessmentSummary) []AwardReadabilityWarning {
	min := s.cfg.ReadingEaseMin
	out := []AwardReadabilityWarning{}
	seen := map[string]bool{}
	for _, l := range sum.Lots {
		for _, c := range l.Criteria {
			for _, q := range c.Questions {
				if seen[q.QuestionID] {
					continue
				}
				seen[q.QuestionID] = true
				label := fmt.Sprintf("Question %d: ", q.Number)
				out = append(out, hardToRead(min, l.LotID, q.QuestionID, "explanation", label+"the explanation", q.Explanation)...)
				out = append(out, hardToRead(min, l.LotID, q.QuestionID, "strengths", label+"what the tender did well", q.Strengths)...)
				out = append(out, hardToRead(min, l.LotID, q.QuestionID, "improvements", label+"what would have scored higher", q.Improvements)...)
			}
		}
		out = append(out, hardToRead(min, l.LotID, "", "not_most_advantageous", "Why the tender was not the most advantageous", l.NotMostAdvantageous)...)
	}
	return out
}

func (s *Service) summaryRows(db *gorm.DB, opportunityID string) ([]summaryRow, error) {
	var rows []summaryRow
	if err := db.Where("opportunity_id = ?", opportunityID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the summaries: %w", err)
	}
	return rows, nil
}

func (s *Service) summaryView(r summaryRow, people map[string]string) (AwardSummary, error) {
	sum, err := decodeSummary(r)
	if err != nil {
		return AwardSummary{}, err
	}
	v := AwardSummary{BidID: r.BidID, Reference: sum.Reference, OrganisationName: sum.OrganisationName, Results: []string{}, GeneratedAt: r.GeneratedAt,
		ReviewedAt: r.ReviewedAt, SentAt: r.SentAt, ReadabilityWarnings: s.readability(sum), Summary: sum}
	if r.ReviewedBy != nil {
		v.ReviewedBy = people[*r.ReviewedBy]
	}
	for _, l := range sum.Lots {
		v.Results = append(v.Results, l.Result)
	}
	if sum.Excluded && len(v.Results) == 0 {
		v.Results = append(v.Results, ResultExcluded)
	}
	return v, nil
}

// GetSummaries lists the assessment summaries for the buyer to review, with readability
// warnings. Errors: not_found, forbidden.
func (s *Service) GetSummaries(ctx context.Context, p *auth.Principal, opportunityID string) (AwardSummaries, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardSummaries{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	rows, err := s.summaryRows(db, o.ID)
	if err != nil {
		return AwardSummaries{}, err
	}
	ids := []string{}
	for _, r := range rows {
		if r.ReviewedBy != nil {
			ids = append(ids, *r.ReviewedBy)
		}
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return AwardSummaries{}, err
	}
	names := map[string]string{}
	for id, p := range people {
		names[id] = p.Name
	}
	v := AwardSummaries{OpportunityID: o.ID, Summaries: []AwardSummary{}}
	for _, r := range rows {
		sv, err := s.summaryView(r, names)
		if err != nil {
			return AwardSummaries{}, err
		}
		if r.ReviewedAt != nil {
			v.Reviewed++
		}
		v.Sent = v.Sent || r.SentAt != nil
		v.Summaries = append(v.Summaries, sv)
	}
	slices.SortFunc(v.Summaries, func(a, b AwardSummary) int { return strings.Compare(a.Reference, b.Reference) })
	return v, nil
}

// ReviewSummary marks one assessment summary reviewed, after applying the buyer's rewrites of
// its explanations. A rewrite of the winning tender's explanation changes it in every summary
// that quotes it. Errors: not_found, forbidden, conflict (already sent), invalid.
func (s *Service) ReviewSummary(ctx context.Context, p *auth.Principal, opportunityID, bidID string, in AwardSummaryReviewInput) (AwardSummary, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardSummary{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	if !isID(bidID) {
		return AwardSummary{}, apperr.New(apperr.NotFound, "There is no such assessment summary")
	}
	var row summaryRow
	if err := db.Where("bid_id = ? AND opportunity_id = ?", bidID, o.ID).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return AwardSummary{}, apperr.New(apperr.NotFound, "There is no such assessment summary")
	} else if err != nil {
		return AwardSummary{}, fmt.Errorf("evaluation: unable to read the summary: %w", err)
	}
	if row.SentAt != nil {
		return AwardSummary{}, apperr.New(apperr.Conflict, "This assessment summary has been sent: it cannot change")
	}
	sum, err := decodeSummary(row)
	if err != nil {
		return AwardSummary{}, err
	}
	awards, err := awardRows(db, o.ID)
	if err != nil {
		return AwardSummary{}, err
	}
	// winnerEdits are rewrites of the winning tender's explanations, by lot and question.
	type wk struct{ lot, q string }
	winnerEdits := map[wk]string{}
	for i, e := range in.Edits {
		field := fmt.Sprintf("edits[%d]", i)
		text := strings.TrimSpace(e.Text)
		if text == "" {
			return AwardSummary{}, apperr.Field(field+".text", "Write the explanation the bidder will read")
		}
		hit := false
		for li := range sum.Lots {
			l := &sum.Lots[li]
			if e.LotID != "" && l.LotID != e.LotID {
				continue
			}
			if e.Field == "not_most_advantageous" {
				if l.Result == ResultUnsuccessful {
					l.NotMostAdvantageous, hit = text, true
				}
				continue
			}
			for ci := range l.Criteria {
				for qi := range l.Criteria[ci].Questions {
					q := &l.Criteria[ci].Questions[qi]
					if q.QuestionID != e.QuestionID {
						continue
					}
					hit = true
					switch e.Field {
					case "explanation":
						q.Explanation = text
						if slices.ContainsFunc(awards, func(a awardRow) bool { return a.LotID == l.LotID && a.BidID == bidID }) {
							winnerEdits[wk{l.LotID, q.QuestionID}] = text
							q.WinnerExplanation = text
						}
					case "strengths":
						q.Strengths = text
					case "improvements":
						q.Improvements = text
					}
				}
			}
		}
		if !hit {
			return AwardSummary{}, apperr.Field(field, "This summary has no such explanation")
		}
	}
	raw, err := json.Marshal(sum)
	if err != nil {
		return AwardSummary{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		q := tx.Model(&summaryRow{}).Where("bid_id = ? AND sent_at IS NULL", bidID).Updates(map[string]any{"content": string(raw), "reviewed_by": p.UserID, "reviewed_at": now})
		if q.Error != nil {
			return fmt.Errorf("evaluation: unable to keep the review: %w", q.Error)
		}
		if q.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "This assessment summary has been sent: it cannot change")
		}
		if len(winnerEdits) > 0 {
			if err := s.quoteWinner(tx, o.ID, bidID, func(l *AssessmentSummaryLot, q *AssessmentSummaryQuestion) {
				if t, ok := winnerEdits[wk{l.LotID, q.QuestionID}]; ok {
					q.WinnerExplanation = t
				}
			}); err != nil {
				return err
			}
		}
		b := bidID
		if err := s.record(tx, historyRow{OpportunityID: o.ID, BidID: &b, ActorID: p.UserID, Action: "summary_reviewed", AfterValue: fmt.Sprintf("%d edits", len(in.Edits)), At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.summary_reviewed", SubjectType: "bid", SubjectID: bidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": o.ID, "edits": len(in.Edits)}})
	})
	if err != nil {
		return AwardSummary{}, err
	}
	if err := db.Where("bid_id = ?", bidID).Take(&row).Error; err != nil {
		return AwardSummary{}, fmt.Errorf("evaluation: unable to read the summary: %w", err)
	}
	people, err := s.dir.People(db, []string{p.UserID})
	if err != nil {
		return AwardSummary{}, err
	}
	return s.summaryView(row, map[string]string{p.UserID: people[p.UserID].Name})
}

// quoteWinner applies change to the winning tender's questions quoted in every other unsent
// summary of the opportunity.
func (s *Service) quoteWinner(tx *gorm.DB, opportunityID, winnerBidID string, change func(*AssessmentSummaryLot, *AssessmentSummaryQuestion)) error {
	rows, err := s.summaryRows(tx, opportunityID)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.BidID == winnerBidID || r.SentAt != nil {
			continue
		}
		sum, err := decodeSummary(r)
		if err != nil {
			return err
		}
		for li := range sum.Lots {
			for ci := range sum.Lots[li].Criteria {
				for qi := range sum.Lots[li].Criteria[ci].Questions {
					change(&sum.Lots[li], &sum.Lots[li].Criteria[ci].Questions[qi])
				}
			}
		}
		raw, err := json.Marshal(sum)
		if err != nil {
			return err
		}
		if err := tx.Model(&summaryRow{}).Where("bid_id = ?", r.BidID).Update("content", string(raw)).Error; err != nil {
			return fmt.Errorf("evaluation: unable to update a summary: %w", err)
		}
	}
	return nil
}

// SendSummaries sends every assessment summary at the same moment (inbox, email and the
// bidder's outcome page), records when, then publishes the contract award notice and starts the
// standstill period. Errors: not_found, forbidden, conflict (not approved, already sent, a
// summary not reviewed).
func (s *Service) SendSummaries(ctx context.Context, p *auth.Principal, opportunityID string) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	out, err := outcome(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	if out == nil || out.Status != AwardApproved {
		return AwardState{}, apperr.New(apperr.Conflict, "The summaries can be sent once, after the award is approved")
	}
	rows, err := s.summaryRows(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	waiting := 0
	for _, r := range rows {
		if r.ReviewedAt == nil {
			waiting++
		}
	}
	if waiting > 0 {
		return AwardState{}, apperr.New(apperr.Conflict, fmt.Sprintf("Review every assessment summary first: %d still to review", waiting))
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		ends := StandstillEnd(s.cal, now)
		q := tx.Model(&outcomeRow{}).Where("opportunity_id = ? AND status = ?", o.ID, AwardApproved).Updates(map[string]any{"status": AwardStandstill,
			"summaries_sent_at": now, "notice_at": now, "standstill_ends_at": ends, "updated_at": now})
		if q.Error != nil {
			return fmt.Errorf("evaluation: unable to record the sending: %w", q.Error)
		}
		if q.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "The summaries have already been sent")
		}
		if err := tx.Model(&summaryRow{}).Where("opportunity_id = ?", o.ID).Update("sent_at", now).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the sending: %w", err)
		}
		body := "Your assessment summary for " + o.Title + " is ready: your scores, the winning tender's scores, and feedback on each question. " +
			standstillText(ends, false) + "; you can ask a question about your feedback until then."
		if err := s.tellBidders(ctx, tx, o, rows, "outcome", "The outcome of your bid for "+o.Title, body); err != nil {
			return err
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "summaries_sent", AfterValue: fmt.Sprintf("%d summaries; standstill ends %s", len(rows), ends.Format(time.RFC3339)), At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.summaries_sent", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"summaries": len(rows), "standstillEnds": ends}})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

// tellBidders writes a notice (with email) to every member of every bidding organisation in
// rows, linking to their outcome page; what is the DedupeKey's prefix, so each event reaches
// each person once.
func (s *Service) tellBidders(ctx context.Context, tx *gorm.DB, o opportunities.OpportunityView, rows []summaryRow, what, title, body string) error {
	bidIDs := []string{}
	for _, r := range rows {
		bidIDs = append(bidIDs, r.BidID)
	}
	return s.tellBids(ctx, tx, o, bidIDs, what, title, body)
}

func (s *Service) tellBids(ctx context.Context, tx *gorm.DB, o opportunities.OpportunityView, bidIDs []string, what, title, body string) error {
	var bids []bidRow
	if err := tx.Where("bid_id IN ?", bidIDs).Find(&bids).Error; err != nil {
		return fmt.Errorf("evaluation: unable to read the bids: %w", err)
	}
	notices := []notifications.Notice{}
	stamp := s.stamp().Format(time.RFC3339Nano)
	for _, b := range bids {
		members, err := s.dir.MemberIDs(tx, []string{b.OrganisationID})
		if err != nil {
			return err
		}
		for _, u := range members {
			notices = append(notices, notifications.Notice{UserID: u, DedupeKey: what + ":" + b.BidID + ":" + stamp, Kind: notifications.KindDecision,
				OpportunityID: o.ID, Title: title, Body: body, Link: "/bids/" + b.BidID + "/outcome", Email: true})
		}
	}
	if len(notices) == 0 {
		return nil
	}
	return s.notify.NotifyTx(ctx, tx, notices)
}
