package dps

import (
	"context"
	"fmt"
	"slices"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// CallInput links a call for competition (an opportunity with the dps_call procedure) to a DPS
// and some of its categories.
type CallInput struct {
	DPSID       string   `json:"dpsId" maxLength:"36"`
	CategoryIDs []string `json:"categoryIds" minItems:"1" maxItems:"100"`
}

// CallView is the DPS and categories a call is for.
type CallView struct {
	OpportunityID string   `json:"opportunityId"`
	DPSID         string   `json:"dpsId"`
	DPSTitle      string   `json:"dpsTitle"`
	CategoryIDs   []string `json:"categoryIds" nullable:"false"`
	Categories    []string `json:"categories" nullable:"false" doc:"Their names."`
	// Warnings are not errors: a buyer may still publish, but nobody would be invited.
	Warnings []string `json:"warnings" nullable:"false"`
	Invited  int      `json:"invited" doc:"Suppliers invited, once published."`
}

var errNoCall = apperr.New(apperr.NotFound, "This opportunity is not a call for competition under a DPS")

// LinkCall makes a draft opportunity a call for competition under a DPS's categories.
func (s *Service) LinkCall(ctx context.Context, p *auth.Principal, opportunityID string, in CallInput) (CallView, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.opportunities.Load(tx, opportunityID)
		if err != nil {
			return err
		}
		if o.Status != opportunities.StatusDraft {
			return apperr.New(apperr.Conflict, "Only a draft can be made a call for competition")
		}
		if o.Procedure != opportunities.ProcedureDPSCall {
			return apperr.Field("procedure", "Choose \"call for competition under a DPS\" as the procedure first")
		}
		d, err := s.load(tx, p, in.DPSID)
		if err != nil {
			return apperr.Field("dpsId", "Choose a published DPS")
		}
		if d.Status != StatusPublished {
			return apperr.Field("dpsId", "Publish the DPS before calling for competition under it")
		}
		var cats []string
		if err := tx.Table("dps_categories").Where("dps_id = ?", d.ID).Pluck("id", &cats).Error; err != nil {
			return fmt.Errorf("dps: unable to read categories: %w", err)
		}
		var errs apperr.Fields
		for i, c := range in.CategoryIDs {
			if !slices.Contains(cats, c) {
				errs.Add(fmt.Sprintf("categoryIds[%d]", i), "Choose categories of this DPS")
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Where("opportunity_id = ?", o.ID).Delete(&Call{}).Error; err != nil {
			return fmt.Errorf("dps: unable to link call: %w", err)
		}
		for _, c := range slices.Compact(slices.Sorted(slices.Values(in.CategoryIDs))) {
			if err := tx.Create(&Call{OpportunityID: o.ID, DPSID: d.ID, CategoryID: c}).Error; err != nil {
				return fmt.Errorf("dps: unable to link call: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return CallView{}, err
	}
	return s.GetCall(ctx, opportunityID)
}

// GetCall says which DPS and categories a call is for, with a warning for any category nobody is
// admitted to yet.
func (s *Service) GetCall(ctx context.Context, opportunityID string) (CallView, error) {
	db := s.db.Gorm.WithContext(ctx)
	var calls []Call
	if _, err := uuid.Parse(opportunityID); err != nil {
		return CallView{}, errNoCall
	}
	if err := db.Where("opportunity_id = ?", opportunityID).Find(&calls).Error; err != nil {
		return CallView{}, fmt.Errorf("dps: unable to read call: %w", err)
	}
	if len(calls) == 0 {
		return CallView{}, errNoCall
	}
	v := CallView{OpportunityID: opportunityID, DPSID: calls[0].DPSID, CategoryIDs: []string{}, Categories: []string{}, Warnings: []string{}}
	var titles []string
	if err := db.Table("dps").Where("id = ?", v.DPSID).Pluck("title", &titles).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read the DPS: %w", err)
	}
	if len(titles) > 0 {
		v.DPSTitle = titles[0]
	}
	for _, c := range calls {
		var cat Category
		if err := db.Take(&cat, "id = ?", c.CategoryID).Error; err != nil {
			return v, fmt.Errorf("dps: unable to read category: %w", err)
		}
		v.CategoryIDs, v.Categories = append(v.CategoryIDs, cat.ID), append(v.Categories, cat.Name)
		var n int64
		if err := db.Table("dps_application_categories").Where("category_id = ? AND status = ?", cat.ID, CatAdmitted).Count(&n).Error; err != nil {
			return v, fmt.Errorf("dps: unable to count members: %w", err)
		}
		if n == 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("Nobody is admitted to %q yet, so nobody would be invited to bid.", cat.Name))
		}
	}
	var invited int64
	if err := db.Table("dps_invitations").Where("opportunity_id = ?", opportunityID).Count(&invited).Error; err != nil {
		return v, fmt.Errorf("dps: unable to count invitations: %w", err)
	}
	v.Invited = int(invited)
	return v, nil
}

// CheckOpportunityChange refuses to publish a call for competition that has no DPS and categories,
// whose DPS is not open, or (under the 2015 Regulations) that comes too soon after the DPS was
// published (opportunities.Check).
// Errors: conflict.
func (s *Service) CheckOpportunityChange(ctx context.Context, tx *gorm.DB, e opportunities.Event) error {
	if e.Kind != opportunities.EventPublished {
		return nil
	}
	o, err := s.opportunities.Load(tx, e.OpportunityID)
	if err != nil {
		return err
	}
	var calls []Call
	if err := tx.Where("opportunity_id = ?", o.ID).Find(&calls).Error; err != nil {
		return fmt.Errorf("dps: unable to read call: %w", err)
	}
	if len(calls) == 0 {
		if o.Procedure == opportunities.ProcedureDPSCall {
			return apperr.New(apperr.Conflict, "Choose the DPS and categories this call for competition is for before publishing it")
		}
		return nil
	}
	var d DPS
	if err := tx.Take(&d, "id = ?", calls[0].DPSID).Error; err != nil {
		return fmt.Errorf("dps: unable to read: %w", err)
	}
	if st := s.status(d); st != PhaseOpen {
		return apperr.New(apperr.Conflict, "The DPS this call is under is not open")
	}
	if d.Regime == RegimePCR2015 && e.At.Before(d.PublishedAt.AddDate(0, 0, firstCallDaysPCR)) {
		return apperr.New(apperr.Conflict, fmt.Sprintf("Under the 2015 Regulations no call for competition can be published until 30 days after the DPS was: from %s",
			format.Date(d.PublishedAt.AddDate(0, 0, firstCallDaysPCR))))
	}
	return nil
}

// OpportunityChanged queues the invitations to a published call for competition in the
// publishing transaction (opportunities.Reaction).
func (s *Service) OpportunityChanged(ctx context.Context, tx *gorm.DB, e opportunities.Event) error {
	if e.Kind != opportunities.EventPublished {
		return nil
	}
	var n int64
	if err := tx.Model(&Call{}).Where("opportunity_id = ?", e.OpportunityID).Count(&n).Error; err != nil {
		return fmt.Errorf("dps: unable to read call: %w", err)
	}
	if n == 0 {
		return nil
	}
	return jobs.InsertTx(ctx, s.jobs(), tx, InviteArgs{OpportunityID: e.OpportunityID})
}

// Invite invites to a published call every supplier admitted to its categories when it was
// published (and only them), by inbox and email. Run again, it invites nobody twice.
func (s *Service) Invite(ctx context.Context, opportunityID string) (int64, error) {
	o, err := s.opportunities.Load(s.db.Gorm.WithContext(ctx), opportunityID)
	if opportunities.IsNotFound(err) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if o.Status != opportunities.StatusPublished || o.PublishedAt == nil {
		return 0, nil
	}
	var invited int64
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO dps_invitations (opportunity_id, organisation_id, invited_at)
			SELECT c.opportunity_id, a.organisation_id, ? FROM dps_calls c
			JOIN dps_application_categories ac ON ac.category_id = c.category_id
			JOIN dps_applications a ON a.id = ac.application_id
			WHERE c.opportunity_id = ? AND ac.status = ? AND ac.decided_at <= ?
			GROUP BY c.opportunity_id, a.organisation_id
			ON CONFLICT (opportunity_id, organisation_id) DO NOTHING`, s.stamp(), o.ID, CatAdmitted, *o.PublishedAt)
		if res.Error != nil {
			return fmt.Errorf("dps: unable to invite: %w", res.Error)
		}
		invited = res.RowsAffected
		var orgs []string
		if err := tx.Table("dps_invitations").Where("opportunity_id = ?", o.ID).Order("organisation_id").Pluck("organisation_id", &orgs).Error; err != nil {
			return fmt.Errorf("dps: unable to read invited organisations: %w", err)
		}
		users, err := s.accounts.MemberIDs(tx, orgs)
		if err != nil {
			return err
		}
		notices := make([]notifications.Notice, 0, len(users))
		deadline := ""
		if o.SubmissionDeadline != nil {
			deadline = " Bids are due by " + format.DateTime(*o.SubmissionDeadline) + "."
		}
		for _, u := range users {
			notices = append(notices, notifications.Notice{UserID: u, DedupeKey: "invited:" + o.ID, Kind: notifications.KindInvited, OpportunityID: o.ID,
				Title: "You are invited to bid: " + o.Title, Body: "As a member of the DPS, you are invited to this call for competition." + deadline,
				Link: "/opportunities/" + o.ID, Email: true})
		}
		return s.notify.NotifyTx(ctx, tx, notices)
	})
	return invited, err
}

// DocumentsHidden: a call's documents are for suppliers admitted to one of its categories.
func (s *Service) DocumentsHidden(ctx context.Context, p *auth.Principal, opportunityID string) (bool, string, error) {
	db := s.db.Gorm.WithContext(ctx)
	var cats []string
	if err := db.Table("dps_calls").Where("opportunity_id = ?", opportunityID).Pluck("category_id", &cats).Error; err != nil {
		return false, "", fmt.Errorf("dps: unable to read call: %w", err)
	}
	if len(cats) == 0 {
		return false, "", nil
	}
	const why = "This is a call for competition under a DPS: only suppliers admitted to its categories can see the documents and bid. Apply to join the DPS to take part in later calls."
	if p == nil || p.Role != auth.RoleSupplier {
		return true, why, nil
	}
	orgs, err := s.accounts.OrganisationsOf(db, p.UserID)
	if err != nil || len(orgs) == 0 {
		return true, why, err
	}
	var n int64
	if err := db.Table("dps_application_categories ac").Joins("JOIN dps_applications a ON a.id = ac.application_id").
		Where("ac.category_id IN ? AND ac.status = ? AND a.organisation_id IN ?", cats, CatAdmitted, orgs).
		Count(&n).Error; err != nil {
		return false, "", fmt.Errorf("dps: unable to check membership: %w", err)
	}
	return n == 0, why, nil
}

// Audience names the users of every organisation invited to the call for competition
// opportunityID and still admitted to one of its categories, so that those invited to bid hear of
// its amendments, its cancellation and its nearing deadline whether or not they registered
// interest (notifications.Audience). A member suspended or removed since may not bid, and is left
// out; for an opportunity that is not a call, nobody.
func (s *Service) Audience(ctx context.Context, db *gorm.DB, opportunityID string) ([]string, error) {
	db = db.WithContext(ctx)
	var orgs []string
	err := db.Raw(`SELECT i.organisation_id FROM dps_invitations i
		WHERE i.opportunity_id = ? AND EXISTS (SELECT 1 FROM dps_calls c
			JOIN dps_application_categories ac ON ac.category_id = c.category_id
			JOIN dps_applications a ON a.id = ac.application_id
			WHERE c.opportunity_id = i.opportunity_id AND a.organisation_id = i.organisation_id AND ac.status = ?)
		ORDER BY i.organisation_id`, opportunityID, CatAdmitted).Scan(&orgs).Error
	if err != nil {
		return nil, fmt.Errorf("dps: unable to read who is invited: %w", err)
	}
	return s.accounts.MemberIDs(db, orgs)
}
