package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/opportunities"
	"gorm.io/gorm"
)

// ScoredQuestion is a question of the response form that evaluators mark.
type ScoredQuestion struct {
	ID            string `json:"id"`
	Number        int    `json:"number"`
	Title         string `json:"title"`
	Guidance      string `json:"guidance"`
	Criterion     string `json:"criterion"`
	CriterionKind string `json:"criterionKind" enum:"quality,social_value"`
	// WeightBP is its share of the whole evaluation: the criterion's weight × its share of it.
	WeightBP   int    `json:"weightBp" doc:"Its weight in the whole evaluation, in basis points (10000 = 100%)."`
	WeightText string `json:"weightText"`
	Prompt     string `json:"prompt" doc:"What the justification should refer to."`
}

// plan is what the evaluation of one opportunity works from: its opportunity, form, scored
// questions and price weight.
type plan struct {
	opp           opportunities.OpportunityView
	form          bids.BidForm
	questions     []ScoredQuestion
	passFail      []bids.BidFormQuestion
	priceWeightBP int
}

func (s *Service) plan(ctx context.Context, o opportunities.OpportunityView) (plan, error) {
	f, err := s.bids.Form(ctx, o.ID)
	if err != nil {
		return plan{}, err
	}
	pl := plan{opp: o, form: f, questions: []ScoredQuestion{}}
	weights, kinds := map[string]int{}, map[string]string{}
	for _, c := range o.Criteria {
		weights[c.Name], kinds[c.Name] = c.WeightBP, c.Kind
		if c.Kind == opportunities.KindPrice {
			pl.priceWeightBP += c.WeightBP
		}
	}
	for _, q := range f.Questions {
		switch {
		case q.Kind == bids.KindPassFail && q.RequiredAnswer != "":
			pl.passFail = append(pl.passFail, q)
		case q.Criterion != "" && q.Kind != bids.KindPrice && q.Kind != bids.KindPassFail && kinds[q.Criterion] != opportunities.KindPrice:
			w := weights[q.Criterion] * q.WeightShareBp / 10000
			pl.questions = append(pl.questions, ScoredQuestion{ID: q.ID, Number: q.Number, Title: q.Title, Guidance: q.Guidance, Criterion: q.Criterion,
				CriterionKind: kinds[q.Criterion], WeightBP: w, WeightText: opportunities.FormatPercent(w),
				Prompt: fmt.Sprintf("Say what in the bid's answer to question %d (%s) earns this mark, quoting or pointing to it.", q.Number, q.Title)})
		}
	}
	return pl, nil
}

// assigned are the questions an evaluator marks: those of their criteria, or all.
func (pl plan) assigned(seat panelRow) []ScoredQuestion {
	var criteria []string
	_ = json.Unmarshal([]byte(seat.Criteria), &criteria)
	if len(criteria) == 0 {
		return pl.questions
	}
	out := []ScoredQuestion{}
	for _, q := range pl.questions {
		if slices.Contains(criteria, q.Criterion) {
			out = append(out, q)
		}
	}
	return out
}

// evaluatorsOf maps each scored question to the evaluators who mark it.
func (pl plan) evaluatorsOf(seats []panelRow) map[string][]string {
	out := map[string][]string{}
	for _, seat := range seats {
		if seat.Role != RoleEvaluator {
			continue
		}
		for _, q := range pl.assigned(seat) {
			out[q.ID] = append(out[q.ID], seat.UserID)
		}
	}
	return out
}

// evaluationBids are the bids taken into the evaluation, by reference.
func evaluationBids(db *gorm.DB, opportunityID string) ([]bidRow, error) {
	var rows []bidRow
	if err := db.Where("opportunity_id = ?", opportunityID).Order("reference").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the bids: %w", err)
	}
	return rows, nil
}

func decodeLots(raw string) []string {
	out := []string{}
	_ = json.Unmarshal([]byte(raw), &out)
	return out
}
