package bids

import (
	"context"
	"fmt"

	"github.com/fairtender/fairtender/backend/opportunities"
	"gorm.io/gorm"
)

// Audience names the members of every organisation with a bid on the opportunity that has not
// been opened, so that those working towards a bid hear of its amendments, of answers to
// questions and of its nearing deadline whether or not they registered interest
// (notifications.Audience). It is read only to send suppliers notifications: the council never
// sees it, as it would say who is bidding.
func (s *Service) Audience(ctx context.Context, db *gorm.DB, opportunityID string) ([]string, error) {
	var orgs []string
	if err := db.WithContext(ctx).Model(&bid{}).Where("opportunity_id = ? AND status <> ?", opportunityID, StatusOpened).
		Order("organisation_id").Pluck("organisation_id", &orgs).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read who is bidding: %w", err)
	}
	return s.dir.MemberIDs(db, orgs)
}

// OpportunityChanged marks every bid submitted before an amendment "submitted before amendment
// N", in the amendment's transaction, so the bidder and (after opening) the evaluators see it;
// submitting again clears the mark, and so does confirming that the bid stands (ConfirmStands),
// which evaluators still see as such (opportunities.Reaction).
func (s *Service) OpportunityChanged(ctx context.Context, tx *gorm.DB, e opportunities.Event) error {
	if e.Kind != opportunities.EventAmended || e.AmendmentID == "" {
		return nil
	}
	am, err := s.opps.LoadAmendment(tx, e.AmendmentID)
	if err != nil {
		return err
	}
	for _, column := range []string{"before_amendment", "first_before_amendment"} {
		err = tx.Model(&bid{}).Where("opportunity_id = ? AND status = ? AND "+column+" IS NULL", e.OpportunityID, StatusSubmitted).
			Update(column, am.Number).Error
		if err != nil {
			return fmt.Errorf("bids: unable to mark bids submitted before amendment %d: %w", am.Number, err)
		}
	}
	return nil
}
