package opportunities

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// PlannedProcurementInput is a planned procurement for the forward pipeline: public early, so suppliers can
// prepare and form consortia before the opportunity opens.
type PlannedProcurementInput struct {
	Title               string   `json:"title" maxLength:"200"`
	Summary             string   `json:"summary" maxLength:"1000" doc:"What the council expects to buy, in plain English."`
	ExpectedQuarter     string   `json:"expectedQuarter" maxLength:"7" doc:"When it is expected to be published: a calendar quarter such as 2027-Q2 (April to June 2027)."`
	EstimatedValuePence int64    `json:"estimatedValuePence" minimum:"0" doc:"In pence, without VAT."`
	CPVCodes            []string `json:"cpvCodes" maxItems:"50"`
	ContactEmail        string   `json:"contactEmail" maxLength:"254" doc:"Who suppliers can ask about it."`
	Procedure           string   `json:"procedure,omitempty" enum:"open_tender,quick_quote,dps_call,"`
	PlaceOfDelivery     string   `json:"placeOfDelivery,omitempty" maxLength:"9"`
	SuitableForSMEs     bool     `json:"suitableForSmes,omitempty"`
	SuitableForVCSEs    bool     `json:"suitableForVcses,omitempty"`
}

var quarterRE = regexp.MustCompile(`^([0-9]{4})-Q([1-4])$`)

var quarterMonths = [...]string{"", "January to March", "April to June", "July to September", "October to December"}

// quarterText writes 2027-Q2 as "April to June 2027".
func quarterText(q string) string {
	m := quarterRE.FindStringSubmatch(q)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[2])
	return quarterMonths[n] + " " + m[1]
}

// quarterEnd is the first moment after the quarter, in London.
func quarterEnd(q string) time.Time {
	m := quarterRE.FindStringSubmatch(q)
	y, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	return time.Date(y, time.Month(3*n+1), 1, 0, 0, 0, 0, london)
}

func (s *Service) checkPlan(in PlannedProcurementInput) (draft, error) {
	var f apperr.Fields
	d := draft{}
	o := &d.o
	o.Title, o.Summary = strings.TrimSpace(in.Title), strings.TrimSpace(in.Summary)
	o.ExpectedQuarter = strings.ToUpper(strings.TrimSpace(in.ExpectedQuarter))
	o.EstimatedValuePence, o.Procedure = in.EstimatedValuePence, in.Procedure
	o.ContactEmail = strings.ToLower(strings.TrimSpace(in.ContactEmail))
	o.PlaceOfDelivery = strings.ToUpper(strings.TrimSpace(in.PlaceOfDelivery))
	o.SuitableForSMEs, o.SuitableForVCSEs, o.Reserved = in.SuitableForSMEs, in.SuitableForVCSEs, ReservedNone
	if o.Title == "" {
		f.Add("title", "Enter a title that says what the council expects to buy")
	}
	if o.Summary == "" {
		f.Add("summary", "Enter a summary in plain English")
	}
	switch {
	case !quarterRE.MatchString(o.ExpectedQuarter):
		f.Add("expectedQuarter", "Enter the expected quarter like 2027-Q2 (April to June 2027)")
	case !quarterEnd(o.ExpectedQuarter).After(s.now()):
		f.Add("expectedQuarter", "The expected quarter has already passed")
	}
	if o.EstimatedValuePence <= 0 || o.EstimatedValuePence > MaxMoneyPence {
		f.Add("estimatedValuePence", "Enter the estimated value, without VAT")
	}
	d.cpv = checkCPVCodes(&f, "cpvCodes", in.CPVCodes)
	if len(in.CPVCodes) == 0 {
		f.Add("cpvCodes", "Add at least one CPV code so that suppliers interested in this kind of work can find it")
	}
	if !checkEmail(o.ContactEmail) {
		f.Add("contactEmail", "Enter an email address in the correct format, like procurement@example.gov.uk")
	}
	if o.PlaceOfDelivery != "" {
		if loc, err := suppliers.LocalityOf(s.councilCode, o.PlaceOfDelivery); err != nil {
			f.Add("placeOfDelivery", "Choose the place of delivery from the list of local authorities")
		} else {
			o.Locality = string(loc)
		}
	}
	return d, f.Err()
}

// CreatePlan adds a planned procurement to the public pipeline straight away.
// Errors: invalid.
func (s *Service) CreatePlan(ctx context.Context, p *auth.Principal, in PlannedProcurementInput) (OpportunityView, error) {
	d, err := s.checkPlan(in)
	if err != nil {
		return OpportunityView{}, err
	}
	now := s.stamp()
	var view OpportunityView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		ref, err := s.nextReference(tx, now)
		if err != nil {
			return err
		}
		o := d.o
		o.ID, o.Reference, o.Status, o.Version, o.CreatedBy, o.CreatedAt, o.UpdatedAt, o.PublishedAt = uuid.NewString(), ref, StatusPlanned, 1, p.UserID, now, now, &now
		if err := s.check(ctx, tx, Event{Kind: EventPlanned, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		if err := tx.Create(&o).Error; err != nil {
			return fmt.Errorf("opportunities: unable to create planned procurement: %w", err)
		}
		if err := s.replaceChildren(tx, o.ID, d); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.planned", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reference": ref, "quarter": o.ExpectedQuarter}}); err != nil {
			return err
		}
		if err := s.react(ctx, tx, Event{Kind: EventPlanned, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}

// UpdatePlan changes a planned procurement while it is still planned.
// Errors: invalid, not_found, conflict.
func (s *Service) UpdatePlan(ctx context.Context, p *auth.Principal, id string, in PlannedProcurementInput) (OpportunityView, error) {
	d, err := s.checkPlan(in)
	if err != nil {
		return OpportunityView{}, err
	}
	now := s.stamp()
	var view OpportunityView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		cur, err := s.load(tx, id, true)
		if err != nil {
			return err
		}
		if cur.Status != StatusPlanned {
			return apperr.New(apperr.Conflict, "This is not a planned procurement")
		}
		o := d.o
		o.ID, o.Reference, o.Status, o.Version, o.CreatedBy, o.CreatedAt, o.UpdatedAt, o.PublishedAt = cur.ID, cur.Reference, cur.Status, cur.Version+1, cur.CreatedBy, cur.CreatedAt, now, cur.PublishedAt
		if err := tx.Model(&Opportunity{}).Where("id = ?", cur.ID).Select("*").Updates(&o).Error; err != nil {
			return fmt.Errorf("opportunities: unable to save planned procurement: %w", err)
		}
		if err := s.replaceChildren(tx, o.ID, d); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.plan_updated", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"quarter": o.ExpectedQuarter}}); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}
