package notifications

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// InterestedOrganisation is one organisation whose people registered interest in an opportunity.
type InterestedOrganisation struct {
	OrganisationID   string    `json:"organisationId"`
	OrganisationName string    `json:"organisationName"`
	People           int       `json:"people" doc:"How many of its people registered interest."`
	Since            time.Time `json:"since" doc:"When the first of them did."`
}

// Interested is who registered interest in an opportunity, for the council's officers: the
// manage page shows how much interest there is while the opportunity is open, long before any
// bid can be counted.
type Interested struct {
	Organisations int                      `json:"organisations" doc:"How many organisations registered interest."`
	People        int                      `json:"people" doc:"How many people, across them and on their own."`
	Items         []InterestedOrganisation `json:"items" nullable:"false" doc:"Earliest first."`
}

// InterestedIn lists who registered interest in the opportunity, for a buyer or an admin.
// Interest is not a bid: knowing who is interested does not break the seal on bids, and it is
// what a buyer needs to judge whether the market has noticed. Errors: forbidden, not_found.
func (s *Service) InterestedIn(ctx context.Context, p *auth.Principal, opportunityID string) (Interested, error) {
	if p == nil || (p.Role != auth.RoleBuyer && p.Role != auth.RoleAdmin) {
		return Interested{}, apperr.New(apperr.Forbidden, "Only council buyers can see who registered interest")
	}
	db := s.db.Gorm.WithContext(ctx)
	if _, err := s.opportunities.Load(db, opportunityID); opportunities.IsNotFound(err) {
		return Interested{}, apperr.New(apperr.NotFound, "There is no such opportunity")
	} else if err != nil {
		return Interested{}, err
	}
	var rows []Interest
	if err := db.Where("opportunity_id = ?", opportunityID).Order("created_at, id").Find(&rows).Error; err != nil {
		return Interested{}, fmt.Errorf("notifications: unable to read interest: %w", err)
	}
	out := Interested{People: len(rows), Items: []InterestedOrganisation{}}
	at := map[string]int{}
	var ids []string
	for _, r := range rows {
		if r.OrganisationID == nil {
			continue // a person acting for no organisation: counted among the people only
		}
		if i, ok := at[*r.OrganisationID]; ok {
			out.Items[i].People++
			continue
		}
		at[*r.OrganisationID] = len(out.Items)
		ids = append(ids, *r.OrganisationID)
		out.Items = append(out.Items, InterestedOrganisation{OrganisationID: *r.OrganisationID, People: 1, Since: r.CreatedAt})
	}
	names, err := s.accounts.OrganisationNames(db, ids)
	if err != nil {
		return Interested{}, err
	}
	for i := range out.Items {
		out.Items[i].OrganisationName = names[out.Items[i].OrganisationID]
	}
	slices.SortStableFunc(out.Items, func(a, b InterestedOrganisation) int { return a.Since.Compare(b.Since) })
	out.Organisations = len(out.Items)
	return out, nil
}
