package bids

import (
	"context"
	"fmt"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// PanelMember is an officer on an opening panel.
type PanelMember struct {
	UserID string `json:"userId"`
	Name   string `json:"name"`
}

// PanelCandidate is someone the buyer may put on an opening panel.
type PanelCandidate struct {
	UserID string `json:"userId"`
	Name   string `json:"name"`
	Role   string `json:"role" enum:"buyer,evaluator,admin"`
}

// OpeningPanel is who opens an opportunity's bids together.
type OpeningPanel struct {
	Members []PanelMember `json:"members" nullable:"false"`
	Quorum  int           `json:"quorum" doc:"How many different members must each confirm the opening."`
	// Candidates saves the buyer's page a call to the admins' account list, which buyers may not read.
	Candidates []PanelCandidate `json:"candidates" nullable:"false" doc:"The council staff (buyers, evaluators, admins; active accounts only) who may be put on the panel, by name."`
}

// openerRoles are the roles that may sit on an opening panel.
var openerRoles = []string{string(auth.RoleBuyer), string(auth.RoleEvaluator), string(auth.RoleAdmin)}

// maxCandidates bounds the candidates listed; a council has far fewer staff.
const maxCandidates = 500

// PanelInput names the whole panel.
type PanelInput struct {
	UserIDs []string `json:"userIds" nullable:"false" maxItems:"20" doc:"Council staff (buyers, evaluators or admins); at least the quorum."`
}

func (s *Service) quorum() int { return max(2, s.cfg.OpeningQuorum) }

// panelIDs are the panel's user IDs in the order named.
func panelIDs(db *gorm.DB, opportunityID string) ([]string, error) {
	var ids []string
	if err := db.Model(&panelRow{}).Where("opportunity_id = ?", opportunityID).Order("position").Pluck("user_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read the opening panel: %w", err)
	}
	return ids, nil
}

// GetPanel returns an opportunity's opening panel, for council staff.
// Errors: not_found, forbidden.
func (s *Service) GetPanel(ctx context.Context, p *auth.Principal, opportunityID string) (OpeningPanel, error) {
	if !isBuyer(p) {
		return OpeningPanel{}, apperr.New(apperr.Forbidden, "Only council buyers can see the opening panel")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return OpeningPanel{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	ids, err := panelIDs(db, o.ID)
	if err != nil {
		return OpeningPanel{}, err
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return OpeningPanel{}, err
	}
	staff, err := s.dir.Staff(db, openerRoles, maxCandidates)
	if err != nil {
		return OpeningPanel{}, err
	}
	out := OpeningPanel{Members: []PanelMember{}, Quorum: s.quorum(), Candidates: make([]PanelCandidate, 0, len(staff))}
	for _, id := range ids {
		out.Members = append(out.Members, PanelMember{UserID: id, Name: people[id].Name})
	}
	for _, c := range staff {
		out.Candidates = append(out.Candidates, PanelCandidate{UserID: c.ID, Name: c.Name, Role: c.Role})
	}
	return out, nil
}

// PutPanel names a draft opportunity's opening panel: council staff who may open bids (buyers,
// evaluators, admins), each once, at least the quorum.
// Errors: not_found, forbidden, conflict (published), invalid (body.userIds).
func (s *Service) PutPanel(ctx context.Context, p *auth.Principal, opportunityID string, in PanelInput) (OpeningPanel, error) {
	if !isBuyer(p) {
		return OpeningPanel{}, apperr.New(apperr.Forbidden, "Only council buyers can name the opening panel")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return OpeningPanel{}, err
	}
	if o.Status != opportunities.StatusDraft {
		return OpeningPanel{}, errNotDraft
	}
	db := s.db.Gorm.WithContext(ctx)
	var f apperr.Fields
	// The candidates GetPanel offers, and only they: a switched-off account could never open.
	staff, err := s.dir.Staff(db, openerRoles, maxCandidates)
	if err != nil {
		return OpeningPanel{}, err
	}
	candidate := map[string]bool{}
	for _, c := range staff {
		candidate[c.ID] = true
	}
	seen := map[string]bool{}
	valid := make([]string, 0, len(in.UserIDs))
	for i, id := range in.UserIDs {
		switch {
		case !candidate[id]:
			f.Add(fmt.Sprintf("userIds[%d]", i), "Choose a council buyer, evaluator or admin whose account is active")
		case seen[id]:
			f.Add(fmt.Sprintf("userIds[%d]", i), "Name each officer once")
		default:
			valid = append(valid, id)
		}
		seen[id] = true
	}
	if len(valid) < s.quorum() {
		f.Add("userIds", fmt.Sprintf("Name at least %d officers: opening needs %d of them", s.quorum(), s.quorum()))
	}
	if err := f.Err(); err != nil {
		return OpeningPanel{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("opportunity_id = ?", o.ID).Delete(&panelRow{}).Error; err != nil {
			return fmt.Errorf("bids: unable to change the opening panel: %w", err)
		}
		rows := make([]panelRow, 0, len(valid))
		for i, id := range valid {
			rows = append(rows, panelRow{OpportunityID: o.ID, UserID: id, Position: i})
		}
		if err := tx.Create(&rows).Error; err != nil {
			return fmt.Errorf("bids: unable to save the opening panel: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.panel_named", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"members": valid}})
	})
	if err != nil {
		return OpeningPanel{}, err
	}
	return s.GetPanel(ctx, p, o.ID)
}

// takesBids reports whether an opportunity has both a response form and a full panel: only then
// may suppliers bid through the portal.
func (s *Service) takesBids(db *gorm.DB, opportunityID string) (bool, error) {
	_, _, hasForm, err := loadForm(db, opportunityID)
	if err != nil {
		return false, err
	}
	ids, err := panelIDs(db, opportunityID)
	if err != nil {
		return false, err
	}
	return hasForm && len(ids) >= s.quorum(), nil
}

// CheckOpportunityChange refuses to publish an opportunity with a response form but no full
// opening panel, or a panel but no form: bids that nobody could open, or a panel with nothing to
// open (opportunities.Check). An opportunity with neither is published as before and takes no
// bids in the portal. Errors: conflict.
func (s *Service) CheckOpportunityChange(ctx context.Context, tx *gorm.DB, e opportunities.Event) error {
	if e.Kind != opportunities.EventPublished {
		return nil
	}
	_, _, hasForm, err := loadForm(tx, e.OpportunityID)
	if err != nil {
		return err
	}
	ids, err := panelIDs(tx, e.OpportunityID)
	if err != nil {
		return err
	}
	switch {
	case hasForm && len(ids) < s.quorum():
		return apperr.New(apperr.Conflict, fmt.Sprintf("Name an opening panel of at least %d officers before publishing: nobody could open the bids without one", s.quorum()))
	case !hasForm && len(ids) > 0:
		return apperr.New(apperr.Conflict, "Set up the response form before publishing: the opening panel has no bids to open without one")
	}
	return nil
}
