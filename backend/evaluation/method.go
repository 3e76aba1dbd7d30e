package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Price methods: how a price becomes a score from 0 to 1.
const (
	// PriceLowest: the lowest price ÷ this price. The common default.
	PriceLowest = "lowest"
	// PriceBudget: a price at or under the budget scores in full; above it, budget ÷ price, so
	// quality decides between bids the council can afford.
	PriceBudget = "budget"
	// PriceRanking: the lowest price scores in full, the highest nothing, the others by rank
	// in equal steps; equal prices share a rank.
	PriceRanking = "ranking"
)

// Defaults of a method nobody has set.
const (
	defaultScaleMax         = 5
	defaultAbnormalPct      = 70
	defaultMinJustification = 60
)

// TieBreak is the published rule for equal totals.
const TieBreak = "If two bids have the same total, the one with the higher quality score wins. If they are still level, the lower price wins. If they are still level, the council decides and records why."

// Descriptor says what a mark means, as published to bidders and shown to evaluators.
type Descriptor struct {
	Mark int    `json:"mark" minimum:"0" maximum:"10"`
	Text string `json:"text" maxLength:"300"`
}

// defaultDescriptors are the published meanings of the default 0–5 scale.
func defaultDescriptors() []Descriptor {
	return []Descriptor{
		{0, "No answer, or the answer does not show how the requirement will be met"},
		{1, "Poor: meets few of the requirements, with major gaps or risks"},
		{2, "Partly meets the requirements, with some gaps or risks"},
		{3, "Meets the requirements"},
		{4, "Fully meets the requirements, with good detail and evidence"},
		{5, "Fully meets the requirements with added value"},
	}
}

// EvaluationMethod is how an opportunity's bids are judged, published with it.
type EvaluationMethod struct {
	OpportunityID    string       `json:"opportunityId"`
	ScaleMax         int          `json:"scaleMax" doc:"Marks run from 0 to this."`
	Descriptors      []Descriptor `json:"descriptors" nullable:"false" doc:"What each mark means, one per mark from 0 to scaleMax."`
	PriceMethod      string       `json:"priceMethod" enum:"lowest,budget,ranking"`
	PriceMethodText  string       `json:"priceMethodText" doc:"The price formula in words."`
	BudgetPence      *int64       `json:"budgetPence,omitempty" doc:"The budget the budget method scores against."`
	AbnormalPct      int          `json:"abnormalPct" doc:"A price under this percentage of the median is flagged as abnormally low, and the council must look into it."`
	MinJustification int          `json:"minJustification" doc:"The fewest characters an evaluator's justification of a mark may have."`
	TieBreak         string       `json:"tieBreak"`
	Set              bool         `json:"set" doc:"False when the buyer has not changed the defaults."`
}

// EvaluationMethodInput is a method as the buyer sets it.
type EvaluationMethodInput struct {
	ScaleMax         int          `json:"scaleMax,omitempty" minimum:"0" maximum:"10" doc:"Default 5."`
	Descriptors      []Descriptor `json:"descriptors,omitempty" maxItems:"11" doc:"One per mark from 0 to scaleMax; default descriptors for the 0–5 scale when left out."`
	PriceMethod      string       `json:"priceMethod,omitempty" enum:"lowest,budget,ranking" doc:"Default lowest."`
	BudgetPence      *int64       `json:"budgetPence,omitempty" minimum:"1" maximum:"10000000000000"`
	AbnormalPct      int          `json:"abnormalPct,omitempty" minimum:"0" maximum:"100" doc:"Default 70."`
	MinJustification int          `json:"minJustification,omitempty" minimum:"0" maximum:"2000" doc:"Default 60 characters."`
}

func priceMethodText(m string, budget *int64) string {
	switch m {
	case PriceBudget:
		b := "the budget"
		if budget != nil {
			b = "the budget of " + format.Money(*budget)
		}
		return "A price at or under " + b + " gets the full price score. A price above it scores the budget divided by the price."
	case PriceRanking:
		return "Prices are ranked: the lowest gets the full price score, the highest none, and the others score in equal steps between. Equal prices share a rank."
	}
	return "The lowest price gets the full price score. Every other price scores the lowest price divided by its price, times the full price score."
}

func defaultMethod(opportunityID string) EvaluationMethod {
	return EvaluationMethod{OpportunityID: opportunityID, ScaleMax: defaultScaleMax, Descriptors: defaultDescriptors(), PriceMethod: PriceLowest,
		PriceMethodText: priceMethodText(PriceLowest, nil), AbnormalPct: defaultAbnormalPct, MinJustification: defaultMinJustification, TieBreak: TieBreak}
}

// method reads an opportunity's method, or the defaults.
func (s *Service) method(db *gorm.DB, opportunityID string) (EvaluationMethod, error) {
	var row methodRow
	err := db.Take(&row, "opportunity_id = ?", opportunityID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return defaultMethod(opportunityID), nil
	} else if err != nil {
		return EvaluationMethod{}, fmt.Errorf("evaluation: unable to read the method: %w", err)
	}
	m := EvaluationMethod{OpportunityID: opportunityID, ScaleMax: row.ScaleMax, PriceMethod: row.PriceMethod, BudgetPence: row.BudgetPence,
		PriceMethodText: priceMethodText(row.PriceMethod, row.BudgetPence), AbnormalPct: row.AbnormalPct, MinJustification: row.MinJustification,
		TieBreak: TieBreak, Set: true}
	if err := json.Unmarshal([]byte(row.Descriptors), &m.Descriptors); err != nil {
		return EvaluationMethod{}, fmt.Errorf("evaluation: unable to read the descriptors: %w", err)
	}
	return m, nil
}

// GetMethod returns how an opportunity's bids will be judged: anyone may read it once the
// opportunity is published. Errors: not_found.
func (s *Service) GetMethod(ctx context.Context, p *auth.Principal, opportunityID string) (EvaluationMethod, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return EvaluationMethod{}, err
	}
	return s.method(s.db.Gorm.WithContext(ctx), o.ID)
}

// PutMethod sets how an opportunity's bids will be judged, while it is a draft: once published,
// the method is what bidders were told and cannot change. Errors: not_found, forbidden,
// conflict (published), invalid.
func (s *Service) PutMethod(ctx context.Context, p *auth.Principal, opportunityID string, in EvaluationMethodInput) (EvaluationMethod, error) {
	if !isBuyer(p) {
		return EvaluationMethod{}, apperr.New(apperr.Forbidden, "Only buyers can set how bids are judged")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return EvaluationMethod{}, err
	}
	if o.Status != opportunities.StatusDraft {
		return EvaluationMethod{}, apperr.New(apperr.Conflict, "The opportunity is published: how bids are judged is what bidders were told, and cannot change")
	}
	m := defaultMethod(o.ID)
	var f apperr.Fields
	if in.ScaleMax != 0 {
		if in.ScaleMax < 2 {
			f.Add("scaleMax", "Use a scale of at least 0 to 2")
		}
		m.ScaleMax = in.ScaleMax
	}
	if len(in.Descriptors) > 0 || m.ScaleMax != defaultScaleMax {
		if len(in.Descriptors) != m.ScaleMax+1 {
			f.Add("descriptors", fmt.Sprintf("Say what each mark from 0 to %d means: %d descriptors", m.ScaleMax, m.ScaleMax+1))
		}
		seen := map[int]bool{}
		for i, d := range in.Descriptors {
			d.Text = strings.TrimSpace(d.Text)
			switch {
			case d.Mark < 0 || d.Mark > m.ScaleMax || seen[d.Mark]:
				f.Add(fmt.Sprintf("descriptors[%d].mark", i), fmt.Sprintf("Give each mark from 0 to %d once", m.ScaleMax))
			case d.Text == "":
				f.Add(fmt.Sprintf("descriptors[%d].text", i), fmt.Sprintf("Say what a mark of %d means", d.Mark))
			}
			seen[d.Mark] = true
			in.Descriptors[i] = d
		}
		m.Descriptors = in.Descriptors
	}
	if in.PriceMethod != "" {
		m.PriceMethod = in.PriceMethod
	}
	if m.PriceMethod == PriceBudget && in.BudgetPence == nil {
		f.Add("budgetPence", "Enter the budget the prices are scored against")
	}
	if m.PriceMethod == PriceBudget {
		m.BudgetPence = in.BudgetPence
	}
	if in.AbnormalPct != 0 {
		m.AbnormalPct = in.AbnormalPct
	}
	if in.MinJustification != 0 {
		m.MinJustification = in.MinJustification
	}
	if err := f.Err(); err != nil {
		return EvaluationMethod{}, err
	}
	m.PriceMethodText, m.Set = priceMethodText(m.PriceMethod, m.BudgetPence), true
	raw, _ := json.Marshal(m.Descriptors)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		row := methodRow{OpportunityID: o.ID, ScaleMax: m.ScaleMax, Descriptors: string(raw), PriceMethod: m.PriceMethod, BudgetPence: m.BudgetPence,
			AbnormalPct: m.AbnormalPct, MinJustification: m.MinJustification, UpdatedBy: p.UserID, UpdatedAt: s.stamp()}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "opportunity_id"}}, UpdateAll: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("evaluation: unable to save the method: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.method_set", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"scaleMax": m.ScaleMax, "priceMethod": m.PriceMethod}})
	})
	if err != nil {
		return EvaluationMethod{}, err
	}
	return m, nil
}
