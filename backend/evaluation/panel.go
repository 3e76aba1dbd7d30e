package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Panel roles.
const (
	RoleEvaluator = "evaluator"
	RoleModerator = "moderator"
	RolePrice     = "price"
)

// panelRoles may sit on an evaluation panel.
var panelRoles = []string{string(auth.RoleBuyer), string(auth.RoleEvaluator), string(auth.RoleAdmin)}

// EvaluationPanelSeat is one person's place on the panel.
type EvaluationPanelSeat struct {
	UserID   string   `json:"userId"`
	Name     string   `json:"name"`
	Role     string   `json:"role" enum:"evaluator,moderator,price"`
	Criteria []string `json:"criteria" nullable:"false" doc:"Evaluators: the criteria they score; empty for all."`
}

// InterestDeclaration is one declaration of interests, as kept.
type InterestDeclaration struct {
	ID          string     `json:"id"`
	UserID      string     `json:"userId"`
	Name        string     `json:"name"`
	Conflict    bool       `json:"conflict"`
	Details     string     `json:"details"`
	DeclaredAt  time.Time  `json:"declaredAt"`
	Mitigation  string     `json:"mitigation"`
	MitigatedBy string     `json:"mitigatedBy,omitempty" doc:"The name of the buyer who recorded the mitigation."`
	MitigatedAt *time.Time `json:"mitigatedAt,omitempty"`
	// Cleared: this declaration lets them read bids (no conflict, or one mitigated).
	Cleared bool `json:"cleared"`
}

// EvaluationPanelSeatInput is one seat as the buyer names it.
type EvaluationPanelSeatInput struct {
	UserID   string   `json:"userId" maxLength:"36"`
	Role     string   `json:"role" enum:"evaluator,moderator,price"`
	Criteria []string `json:"criteria,omitempty" maxItems:"20" doc:"Evaluators only: the criteria (by name) they score; leave out for all."`
}

// EvaluationPanelInput names the whole evaluation panel.
type EvaluationPanelInput struct {
	Seats []EvaluationPanelSeatInput `json:"seats" nullable:"false" maxItems:"40" doc:"At least one evaluator, exactly one moderator, and at least one person who scores price when the opportunity has a price criterion."`
}

// InterestDeclarationInput is a panel member's declaration of interests.
type InterestDeclarationInput struct {
	Conflict bool   `json:"conflict" doc:"Whether they have any conflict of interest with a bidder."`
	Details  string `json:"details,omitempty" maxLength:"2000" doc:"What the conflict is; required when conflict is true."`
}

// MitigationInput is how the buyer says a declared conflict is managed.
type MitigationInput struct {
	Mitigation string `json:"mitigation" maxLength:"2000" doc:"How the conflict is managed so the person can still evaluate."`
}

func (s *Service) seats(db *gorm.DB, opportunityID string) ([]panelRow, error) {
	var rows []panelRow
	if err := db.Where("opportunity_id = ?", opportunityID).Order("position").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the panel: %w", err)
	}
	return rows, nil
}

// rolesOf are p's roles on an opportunity's panel.
func (s *Service) rolesOf(db *gorm.DB, opportunityID, userID string) ([]string, error) {
	var roles []string
	if err := db.Model(&panelRow{}).Where("opportunity_id = ? AND user_id = ?", opportunityID, userID).Pluck("role", &roles).Error; err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the panel: %w", err)
	}
	return roles, nil
}

// latestDeclaration is a person's latest declaration on an opportunity, if any.
func latestDeclaration(db *gorm.DB, opportunityID, userID string) (*declarationRow, error) {
	var row declarationRow
	err := db.Where("opportunity_id = ? AND user_id = ?", opportunityID, userID).Order("declared_at DESC, id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("evaluation: unable to read declarations: %w", err)
	}
	return &row, nil
}

func cleared(d *declarationRow) bool { return d != nil && (!d.Conflict || d.MitigatedAt != nil) }

// ReadGate is bids' gate on council reads of an opened bid (bids.ReadGate): only someone on the
// evaluation panel, or a buyer, whose latest declaration of interests is clear (no conflict, or
// a conflict the buyer has recorded as mitigated).
func (s *Service) ReadGate(ctx context.Context, p *auth.Principal, opportunityID string) error {
	db := s.db.Gorm.WithContext(ctx)
	roles, err := s.rolesOf(db, opportunityID, p.UserID)
	if err != nil {
		return err
	}
	if len(roles) == 0 && !isBuyer(p) {
		return apperr.New(apperr.Forbidden, "Only the evaluation panel can read the bids: ask the buyer to add you to it")
	}
	d, err := latestDeclaration(db, opportunityID, p.UserID)
	if err != nil {
		return err
	}
	switch {
	case d == nil:
		return apperr.New(apperr.Forbidden, "Declare any conflict of interest with the bidders before reading a bid")
	case !cleared(d):
		return apperr.New(apperr.Forbidden, "EvaluationYou declared a conflict of interest: you cannot read the bids unless the buyer records how it is managed")
	}
	return nil
}

// SetPanel names the evaluation panel, replacing any before. Only until scoring starts: a
// panel changed after marks are in would change whose marks count. Errors: not_found,
// forbidden, invalid (body.seats[i]…), conflict.
func (s *Service) SetPanel(ctx context.Context, p *auth.Principal, opportunityID string, in EvaluationPanelInput) (Evaluation, error) {
	if !isBuyer(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Only buyers can name the evaluation panel")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Evaluation{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	var marks int64
	if err := db.Model(&markRow{}).Joins("JOIN evaluation_bids eb ON eb.bid_id = evaluation_marks.bid_id").
		Where("eb.opportunity_id = ? AND evaluation_marks.submitted_at IS NOT NULL", o.ID).Count(&marks).Error; err != nil {
		return Evaluation{}, fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	if marks > 0 {
		return Evaluation{}, apperr.New(apperr.Conflict, "Marks have been submitted: the panel can no longer change")
	}
	criteria := map[string]bool{}
	hasPrice := false
	for _, c := range o.Criteria {
		criteria[c.Name] = true
		hasPrice = hasPrice || c.Kind == "price"
	}
	ids := []string{}
	for _, seat := range in.Seats {
		ids = append(ids, seat.UserID)
	}
	people, err := s.dir.People(db, validIDs(ids))
	if err != nil {
		return Evaluation{}, err
	}
	var f apperr.Fields
	count := map[string]int{}
	type key struct{ user, role string }
	seen := map[key]bool{}
	rows := []panelRow{}
	for i, seat := range in.Seats {
		at := fmt.Sprintf("seats[%d]", i)
		person, ok := people[seat.UserID]
		switch {
		case !ok || !slices.Contains(panelRoles, person.Role):
			f.Add(at+".userId", "Choose a buyer, evaluator or admin on the council's staff")
			continue
		case seen[key{seat.UserID, seat.Role}]:
			f.Add(at+".role", person.Name+" is named twice in the same role")
			continue
		}
		seen[key{seat.UserID, seat.Role}] = true
		if seat.Role != RoleEvaluator && len(seat.Criteria) > 0 {
			f.Add(at+".criteria", "Only evaluators score particular criteria")
		}
		for _, c := range seat.Criteria {
			if !criteria[strings.TrimSpace(c)] {
				f.Add(at+".criteria", "Choose criteria the opportunity publishes")
				break
			}
		}
		count[seat.Role]++
		raw, _ := json.Marshal(nonNil(seat.Criteria))
		rows = append(rows, panelRow{OpportunityID: o.ID, UserID: seat.UserID, Role: seat.Role, Criteria: string(raw), Position: i})
	}
	if count[RoleEvaluator] == 0 {
		f.Add("seats", "Name at least one evaluator")
	}
	if count[RoleModerator] != 1 {
		f.Add("seats", "Name exactly one moderator")
	}
	if hasPrice && count[RolePrice] == 0 {
		f.Add("seats", "Name who scores price")
	}
	if err := f.Err(); err != nil {
		return Evaluation{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("opportunity_id = ?", o.ID).Delete(&panelRow{}).Error; err != nil {
			return fmt.Errorf("evaluation: unable to replace the panel: %w", err)
		}
		if err := tx.Create(&rows).Error; err != nil {
			return fmt.Errorf("evaluation: unable to save the panel: %w", err)
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "panel_named", AfterValue: fmt.Sprintf("%d seats", len(rows))}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.panel_named", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"seats": len(rows)}})
	})
	if err != nil {
		return Evaluation{}, err
	}
	return s.Get(ctx, p, o.ID)
}

// Declare records p's declaration of interests on an opportunity they are on the panel of (or
// run, as a buyer). Every declaration is kept; the latest counts. Errors: not_found, forbidden,
// invalid.
func (s *Service) Declare(ctx context.Context, p *auth.Principal, opportunityID string, in InterestDeclarationInput) (Evaluation, error) {
	if !isCouncil(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Only council staff declare interests")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Evaluation{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	roles, err := s.rolesOf(db, o.ID, p.UserID)
	if err != nil {
		return Evaluation{}, err
	}
	if len(roles) == 0 && !isBuyer(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "EvaluationYou are not on this opportunity's evaluation panel")
	}
	details := strings.TrimSpace(in.Details)
	if in.Conflict && details == "" {
		return Evaluation{}, apperr.Field("details", "Say what the conflict of interest is")
	}
	if !in.Conflict {
		details = ""
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		row := declarationRow{ID: uuid.NewString(), OpportunityID: o.ID, UserID: p.UserID, Conflict: in.Conflict, Details: details, DeclaredAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the declaration: %w", err)
		}
		after := "no conflict"
		if in.Conflict {
			after = "conflict: " + details
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "declared", AfterValue: after, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.declared", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"conflict": in.Conflict}})
	})
	if err != nil {
		return Evaluation{}, err
	}
	return s.Get(ctx, p, o.ID)
}

// Mitigate records how a declared conflict is managed, so the person may evaluate after all.
// Errors: not_found, forbidden (not a buyer; their own declaration), conflict (no conflict, or
// not their latest).
func (s *Service) Mitigate(ctx context.Context, p *auth.Principal, opportunityID, declarationID string, in MitigationInput) (Evaluation, error) {
	if !isBuyer(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Only buyers can record how a conflict of interest is managed")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Evaluation{}, err
	}
	text := strings.TrimSpace(in.Mitigation)
	if text == "" {
		return Evaluation{}, apperr.Field("mitigation", "Say how the conflict of interest is managed")
	}
	db := s.db.Gorm.WithContext(ctx)
	var row declarationRow
	if !isID(declarationID) || db.Take(&row, "id = ? AND opportunity_id = ?", declarationID, o.ID).Error != nil {
		return Evaluation{}, apperr.New(apperr.NotFound, "There is no such declaration")
	}
	if row.UserID == p.UserID {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Someone else must decide how your own conflict of interest is managed")
	}
	latest, err := latestDeclaration(db, o.ID, row.UserID)
	if err != nil {
		return Evaluation{}, err
	}
	if !row.Conflict || latest == nil || latest.ID != row.ID || row.MitigatedAt != nil {
		return Evaluation{}, apperr.New(apperr.Conflict, "Only the latest declaration of a conflict, not yet managed, can be mitigated")
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		if err := tx.Model(&declarationRow{}).Where("id = ?", row.ID).Updates(map[string]any{"mitigation": text, "mitigated_by": p.UserID, "mitigated_at": now}).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the mitigation: %w", err)
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "conflict_mitigated", BeforeValue: row.Details, AfterValue: text, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.conflict_mitigated", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"declaration": row.ID, "person": row.UserID}})
	})
	if err != nil {
		return Evaluation{}, err
	}
	return s.Get(ctx, p, o.ID)
}

func validIDs(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if isID(id) {
			out = append(out, id)
		}
	}
	return out
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
