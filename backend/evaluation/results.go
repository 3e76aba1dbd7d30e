package evaluation

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"gorm.io/gorm"
)

// Price resolutions of an abnormally low price.
const (
	PriceAccepted = "accepted"
	PriceExcluded = "excluded"
)

// QuestionScore is a bid's moderated mark for one question, with the feedback written for it.
type QuestionScore struct {
	QuestionID   string  `json:"questionId"`
	Number       int     `json:"number"`
	Title        string  `json:"title"`
	Mark         int     `json:"mark"`
	ScaleMax     int     `json:"scaleMax"`
	Points       float64 `json:"points" doc:"Percentage points of the whole evaluation."`
	MaxPoints    float64 `json:"maxPoints"`
	Rationale    string  `json:"rationale"`
	Strengths    string  `json:"strengths"`
	Improvements string  `json:"improvements"`
}

// CriterionScore is a bid's score under one published criterion.
type CriterionScore struct {
	Criterion string          `json:"criterion"`
	Kind      string          `json:"kind" enum:"price,quality,social_value"`
	Points    float64         `json:"points" doc:"Percentage points of the whole evaluation."`
	MaxPoints float64         `json:"maxPoints" doc:"The criterion's weight, in percentage points."`
	Questions []QuestionScore `json:"questions" nullable:"false"`
}

// ResultRow is one bid's result in one lot.
type ResultRow struct {
	BidID                 string           `json:"bidId"`
	Reference             string           `json:"reference"`
	OrganisationID        string           `json:"organisationId"`
	OrganisationName      string           `json:"organisationName"`
	QualityPoints         float64          `json:"qualityPoints" doc:"Everything but price, in percentage points."`
	PricePence            *int64           `json:"pricePence,omitempty" doc:"Left out until the prices are open."`
	PriceText             string           `json:"priceText"`
	PricePoints           float64          `json:"pricePoints"`
	Total                 float64          `json:"total" doc:"Out of 100."`
	Rank                  int              `json:"rank" doc:"1 is the most advantageous tender; 0 for a bid out of the running."`
	AbnormallyLow         bool             `json:"abnormallyLow"`
	PriceResolution       string           `json:"priceResolution" enum:",accepted,excluded" doc:"How the council resolved an abnormally low price; empty while it is to be resolved."`
	PriceResolutionReason string           `json:"priceResolutionReason"`
	Excluded              bool             `json:"excluded"`
	ExcludedReason        string           `json:"excludedReason"`
	Criteria              []CriterionScore `json:"criteria" nullable:"false"`
}

// LotResult is the ranking of one lot ("" when the opportunity has no lots).
type LotResult struct {
	LotID    string      `json:"lotId"`
	LotTitle string      `json:"lotTitle"`
	Rows     []ResultRow `json:"rows" nullable:"false" doc:"Ranked, best first; bids out of the running last."`
	Tied     bool        `json:"tied" doc:"The top two are level even after the tie-break: the council decides, recording why, with the award."`
}

// EvaluationResults are the totals and ranking of an opportunity's evaluation.
type EvaluationResults struct {
	OpportunityID   string      `json:"opportunityId"`
	PriceMethod     string      `json:"priceMethod" enum:"lowest,budget,ranking"`
	PriceMethodText string      `json:"priceMethodText"`
	TieBreak        string      `json:"tieBreak"`
	PricesOpen      bool        `json:"pricesOpen"`
	PricesTaken     bool        `json:"pricesTaken" doc:"The prices have been taken into the evaluation (POST …/evaluation/prices)."`
	ToResolve       int         `json:"toResolve" doc:"Abnormally low prices still to be resolved."`
	Complete        bool        `json:"complete" doc:"Every mark moderated and every price scored and resolved: ready to award."`
	Lots            []LotResult `json:"lots" nullable:"false"`
}

// PriceReviewInput is the buyer's decision on an abnormally low price.
type PriceReviewInput struct {
	LotID    string `json:"lotId,omitempty" maxLength:"36" doc:"Empty when the opportunity has no lots."`
	Decision string `json:"decision" enum:"accepted,excluded"`
	Reason   string `json:"reason" maxLength:"2000" doc:"What the council asked the bidder and why it accepts or rejects the price."`
}

// scorer checks p may see prices and scores: the price scorer, or a buyer; either with a clear
// declaration.
func (s *Service) scorer(ctx context.Context, p *auth.Principal, opportunityID string) error {
	roles, err := s.rolesOf(s.db.Gorm.WithContext(ctx), opportunityID, p.UserID)
	if err != nil {
		return err
	}
	if !slices.Contains(roles, RolePrice) && !isBuyer(p) {
		return apperr.New(apperr.Forbidden, "Only the buyer and whoever scores price can see the prices and totals")
	}
	return s.ReadGate(ctx, p, opportunityID)
}

// TakePrices takes the opened prices into the evaluation, once the council may read them (after
// moderation in a two-stage opening). Errors: not_found, forbidden, conflict (sealed, not
// started, already taken).
func (s *Service) TakePrices(ctx context.Context, p *auth.Principal, opportunityID string) (EvaluationResults, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return EvaluationResults{}, err
	}
	if err := s.scorer(ctx, p, o.ID); err != nil {
		return EvaluationResults{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	rows, err := evaluationBids(db, o.ID)
	if err != nil {
		return EvaluationResults{}, err
	}
	if len(rows) == 0 {
		return EvaluationResults{}, apperr.New(apperr.Conflict, "Start the evaluation first")
	}
	if n, err := count(db.Model(&priceRow{}).Where("opportunity_id = ?", o.ID)); err != nil || n > 0 {
		return EvaluationResults{}, joinErr(err, apperr.New(apperr.Conflict, "The prices have already been taken into the evaluation"))
	}
	prices, err := s.bids.OpenedPrices(ctx, p, o.ID)
	if err != nil {
		return EvaluationResults{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		out := []priceRow{}
		for _, b := range rows {
			for _, t := range prices[b.BidID] {
				out = append(out, priceRow{BidID: b.BidID, LotID: t.LotID, OpportunityID: o.ID, PricePence: t.TotalPence})
			}
		}
		if len(out) > 0 {
			if err := tx.Create(&out).Error; err != nil {
				return fmt.Errorf("evaluation: unable to take the prices: %w", err)
			}
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "prices_taken", AfterValue: fmt.Sprintf("%d prices", len(out))}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.prices_taken", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"prices": len(out)}})
	})
	if err != nil {
		return EvaluationResults{}, err
	}
	return s.GetResults(ctx, p, o.ID, "")
}

// ReviewPrice records the buyer's decision on an abnormally low price: accepted (with what the
// bidder said) or the bid excluded from that lot, each with a reason kept in the record.
// Errors: not_found, forbidden, conflict (not abnormally low), invalid.
func (s *Service) ReviewPrice(ctx context.Context, p *auth.Principal, bidID string, in PriceReviewInput) (EvaluationResults, error) {
	b, err := s.evaluationBid(ctx, bidID)
	if err != nil {
		return EvaluationResults{}, err
	}
	if !isBuyer(p) {
		return EvaluationResults{}, apperr.New(apperr.Forbidden, "Only buyers can resolve an abnormally low price")
	}
	if err := s.ReadGate(ctx, p, b.OpportunityID); err != nil {
		return EvaluationResults{}, err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return EvaluationResults{}, apperr.Field("reason", "Say what the council found and why it decided this")
	}
	res, err := s.GetResults(ctx, p, b.OpportunityID, "")
	if err != nil {
		return EvaluationResults{}, err
	}
	abnormal := false
	for _, l := range res.Lots {
		for _, r := range l.Rows {
			abnormal = abnormal || (l.LotID == in.LotID && r.BidID == b.BidID && r.AbnormallyLow)
		}
	}
	if !abnormal {
		return EvaluationResults{}, apperr.New(apperr.Conflict, "This price is not abnormally low: there is nothing to resolve")
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		if err := tx.Model(&priceRow{}).Where("bid_id = ? AND lot_id = ?", b.BidID, in.LotID).Updates(map[string]any{"resolution": in.Decision,
			"resolution_reason": reason, "resolved_by": p.UserID, "resolved_at": now}).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the decision: %w", err)
		}
		bidID := b.BidID
		if err := s.record(tx, historyRow{OpportunityID: b.OpportunityID, BidID: &bidID, ActorID: p.UserID, Action: "price_" + in.Decision,
			AfterValue: in.LotID, Reason: reason, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.price_reviewed", SubjectType: "bid", SubjectID: b.BidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": b.OpportunityID, "lot": in.LotID, "decision": in.Decision}})
	})
	if err != nil {
		return EvaluationResults{}, err
	}
	return s.GetResults(ctx, p, b.OpportunityID, "")
}

// GetResults returns the totals and ranking, by the published price method or (a preview) by
// another. Errors: not_found, forbidden, invalid (method).
func (s *Service) GetResults(ctx context.Context, p *auth.Principal, opportunityID, previewMethod string) (EvaluationResults, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return EvaluationResults{}, err
	}
	if err := s.scorer(ctx, p, o.ID); err != nil {
		return EvaluationResults{}, err
	}
	return s.results(ctx, s.db.Gorm.WithContext(ctx), o, previewMethod)
}

// EvaluationResults computes the totals and ranking for features after evaluation (award, summaries) with
// no access check of its own: callers check who may see them.
func (s *Service) results(ctx context.Context, db *gorm.DB, o opportunities.OpportunityView, previewMethod string) (EvaluationResults, error) {
	pl, err := s.plan(ctx, o)
	if err != nil {
		return EvaluationResults{}, err
	}
	m, err := s.method(db, o.ID)
	if err != nil {
		return EvaluationResults{}, err
	}
	if previewMethod != "" {
		m.PriceMethod, m.PriceMethodText = previewMethod, priceMethodText(previewMethod, m.BudgetPence)
	}
	opening, err := s.bids.GetOpening(ctx, nil, o.ID)
	if err != nil {
		return EvaluationResults{}, err
	}
	out := EvaluationResults{OpportunityID: o.ID, PriceMethod: m.PriceMethod, PriceMethodText: m.PriceMethodText, TieBreak: TieBreak, PricesOpen: opening.PricesOpen, Lots: []LotResult{}}
	rows, err := evaluationBids(db, o.ID)
	if err != nil {
		return EvaluationResults{}, err
	}
	orgs := []string{}
	for _, b := range rows {
		orgs = append(orgs, b.OrganisationID)
	}
	names, err := s.dir.OrganisationNames(db, orgs)
	if err != nil {
		return EvaluationResults{}, err
	}
	var mods []moderationRow
	if err := db.Where("opportunity_id = ?", o.ID).Find(&mods).Error; err != nil {
		return EvaluationResults{}, fmt.Errorf("evaluation: unable to read moderation: %w", err)
	}
	type key struct{ bid, q string }
	modBy := map[key]moderationRow{}
	for _, r := range mods {
		modBy[key{r.BidID, r.QuestionID}] = r
	}
	var prices []priceRow
	if err := db.Where("opportunity_id = ?", o.ID).Find(&prices).Error; err != nil {
		return EvaluationResults{}, fmt.Errorf("evaluation: unable to read prices: %w", err)
	}
	out.PricesTaken = len(prices) > 0
	type lk struct{ bid, lot string }
	priceOf := map[lk]priceRow{}
	for _, r := range prices {
		priceOf[lk{r.BidID, r.LotID}] = r
	}
	moderated := true
	quality := map[string][]CriterionScore{}
	qualityPoints := map[string]float64{}
	for _, b := range rows {
		if b.Excluded {
			continue
		}
		cs, total := []CriterionScore{}, 0.0
		idx := map[string]int{}
		for _, c := range o.Criteria {
			if c.Kind == opportunities.KindPrice {
				continue
			}
			idx[c.Name] = len(cs)
			cs = append(cs, CriterionScore{Criterion: c.Name, Kind: c.Kind, MaxPoints: float64(c.WeightBP) / 100, Questions: []QuestionScore{}})
		}
		for _, q := range pl.questions {
			r, ok := modBy[key{b.BidID, q.ID}]
			if !ok {
				moderated = false
				continue
			}
			pts := float64(r.Mark) / float64(m.ScaleMax) * float64(q.WeightBP) / 100
			i, ok := idx[q.Criterion]
			if !ok {
				continue
			}
			cs[i].Points += pts
			total += pts
			cs[i].Questions = append(cs[i].Questions, QuestionScore{QuestionID: q.ID, Number: q.Number, Title: q.Title, Mark: r.Mark, ScaleMax: m.ScaleMax,
				Points: round2(pts), MaxPoints: round2(float64(q.WeightBP) / 100), Rationale: r.Rationale, Strengths: r.Strengths, Improvements: r.Improvements})
		}
		for i := range cs {
			cs[i].Points = round2(cs[i].Points)
		}
		quality[b.BidID], qualityPoints[b.BidID] = cs, total
	}
	toResolve := 0
	lots := []opportunities.OpportunityLot{{ID: ""}}
	if len(o.Lots) > 0 {
		lots = o.Lots
	}
	for _, lot := range lots {
		lr := LotResult{LotID: lot.ID, LotTitle: lot.Title, Rows: []ResultRow{}}
		var running []int
		var runningPrices []int64
		for _, b := range rows {
			if lot.ID != "" && !slices.Contains(decodeLots(b.LotIDs), lot.ID) {
				continue
			}
			r := ResultRow{BidID: b.BidID, Reference: b.Reference, OrganisationID: b.OrganisationID, OrganisationName: names[b.OrganisationID],
				Excluded: b.Excluded, ExcludedReason: b.ExcludedReason, QualityPoints: round2(qualityPoints[b.BidID]), Criteria: nonNil(quality[b.BidID])}
			if pr, ok := priceOf[lk{b.BidID, lot.ID}]; ok && out.PricesOpen {
				price := pr.PricePence
				r.PricePence, r.PriceText = &price, format.Money(price)
				r.PriceResolution, r.PriceResolutionReason = pr.Resolution, pr.ResolutionReason
				if pr.Resolution == PriceExcluded {
					r.Excluded, r.ExcludedReason = true, "The price was rejected as abnormally low: "+pr.ResolutionReason
				}
			}
			if !r.Excluded {
				running = append(running, len(lr.Rows))
				if r.PricePence != nil {
					runningPrices = append(runningPrices, *r.PricePence)
				}
			}
			lr.Rows = append(lr.Rows, r)
		}
		if out.PricesTaken && out.PricesOpen && len(runningPrices) == len(running) && pl.priceWeightBP > 0 {
			budget := int64(0)
			if m.BudgetPence != nil {
				budget = *m.BudgetPence
			}
			scores := ScorePrices(m.PriceMethod, budget, m.AbnormalPct, runningPrices)
			for k, i := range running {
				r := &lr.Rows[i]
				r.PricePoints = round2(scores[k].Score * float64(pl.priceWeightBP) / 100)
				r.AbnormallyLow = scores[k].Abnormal
				if r.AbnormallyLow && r.PriceResolution == "" {
					toResolve++
				}
				r.Criteria = append(slices.Clone(r.Criteria), CriterionScore{Criterion: "Price", Kind: opportunities.KindPrice, Points: r.PricePoints,
					MaxPoints: float64(pl.priceWeightBP) / 100, Questions: []QuestionScore{}})
			}
			// A rejected price's row still shows its flag.
			for i := range lr.Rows {
				if lr.Rows[i].PriceResolution == PriceExcluded {
					lr.Rows[i].AbnormallyLow = true
				}
			}
		}
		for _, i := range running {
			r := &lr.Rows[i]
			r.Total = round2(qualityPoints[r.BidID] + r.PricePoints)
		}
		lr.Tied = rank(&lr)
		out.Lots = append(out.Lots, lr)
	}
	out.ToResolve = toResolve
	out.Complete = moderated && len(rows) > 0 && toResolve == 0 && (pl.priceWeightBP == 0 || (out.PricesTaken && out.PricesOpen))
	return out, nil
}

// rank orders a lot's rows by the published rule: total, then quality, then lower price; bids
// out of the running last. It reports whether the top two are still level.
func rank(lr *LotResult) bool {
	price := func(r ResultRow) int64 {
		if r.PricePence == nil {
			return 0
		}
		return *r.PricePence
	}
	slices.SortStableFunc(lr.Rows, func(a, b ResultRow) int {
		switch {
		case a.Excluded != b.Excluded:
			if a.Excluded {
				return 1
			}
			return -1
		case a.Total != b.Total:
			if a.Total > b.Total {
				return -1
			}
			return 1
		case a.QualityPoints != b.QualityPoints:
			if a.QualityPoints > b.QualityPoints {
				return -1
			}
			return 1
		case price(a) != price(b):
			if price(a) < price(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Reference, b.Reference)
	})
	tied := false
	for i := range lr.Rows {
		r := &lr.Rows[i]
		if r.Excluded {
			r.Rank = 0
			continue
		}
		r.Rank = i + 1
		if i > 0 {
			prev := lr.Rows[i-1]
			if !prev.Excluded && prev.Total == r.Total && prev.QualityPoints == r.QualityPoints && price(prev) == price(*r) {
				r.Rank = prev.Rank
				if prev.Rank == 1 {
					tied = true
				}
			}
		}
	}
	return tied
}

// pricesScored reports whether prices are taken and every abnormally low one is resolved.
func (s *Service) pricesScored(db *gorm.DB, pl plan) (bool, error) {
	if pl.priceWeightBP == 0 {
		return true, nil
	}
	res, err := s.results(db.Statement.Context, db, pl.opp, "")
	if err != nil {
		return false, err
	}
	return res.Complete, nil
}
