package notifications

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
)

// InterestedOpportunity is one opportunity that someone in the organisation registered interest
// in, with its deadlines as they are now.
type InterestedOpportunity struct {
	opportunities.Brief
	// RegisteredAt is when the first person in the organisation registered interest.
	RegisteredAt time.Time `json:"registeredAt"`
	// RegisteredByYou says the caller is among them: only they can withdraw their own interest.
	RegisteredByYou bool `json:"registeredByYou" doc:"You registered interest yourself (others in your organisation may have too)."`
}

// InterestList is one page of the opportunities an organisation registered interest in.
type InterestList struct {
	Items    []InterestedOpportunity `json:"items" nullable:"false"`
	Total    int64                   `json:"total"`
	Page     int                     `json:"page"`
	PageSize int                     `json:"pageSize"`
}

// interestCap bounds how many interests one list reads: the order (open ones soonest first)
// depends on each opportunity's state now, so the list is sorted here rather than in SQL.
const interestCap = 1000

// ListInterests returns a page of the opportunities that anyone in the organisation the person
// acts for (accounts' one rule: orgID if named, else their only one) registered interest in:
// open ones first, soonest deadline first, then planned ones, then closed (latest first) and
// cancelled. Errors: forbidden (not a supplier, or not in orgID), invalid (in several
// organisations and none named).
func (s *Service) ListInterests(ctx context.Context, p *auth.Principal, orgID string, page, pageSize int) (InterestList, error) {
	out := InterestList{Items: []InterestedOpportunity{}, Page: page, PageSize: pageSize}
	if err := supplierOnly(p); err != nil {
		return out, err
	}
	db := s.db.Gorm.WithContext(ctx)
	org, err := s.actsFor(db, p, orgID)
	if err != nil {
		return out, err
	}
	q := db.Model(&Interest{})
	if org != nil {
		q = q.Where("organisation_id = ?", *org)
	} else { // someone in no organisation sees only what they registered themselves
		q = q.Where("organisation_id IS NULL AND user_id = ?", p.UserID)
	}
	var rows []Interest
	if err := q.Order("created_at, id").Limit(interestCap).Find(&rows).Error; err != nil {
		return out, fmt.Errorf("notifications: unable to read interests: %w", err)
	}
	byOpp := map[string]*InterestedOpportunity{}
	var ids []string
	for _, r := range rows {
		v, ok := byOpp[r.OpportunityID]
		if !ok {
			v = &InterestedOpportunity{RegisteredAt: r.CreatedAt}
			byOpp[r.OpportunityID] = v
			ids = append(ids, r.OpportunityID)
		}
		v.RegisteredByYou = v.RegisteredByYou || r.UserID == p.UserID
	}
	briefs, err := s.opportunities.Briefs(db, ids)
	if err != nil {
		return out, err
	}
	all := make([]InterestedOpportunity, 0, len(briefs))
	for _, id := range ids {
		if b, ok := briefs[id]; ok {
			v := byOpp[id]
			v.Brief = b
			all = append(all, *v)
		}
	}
	slices.SortStableFunc(all, soonestFirst)
	out.Total = int64(len(all))
	from := min(database.Offset(page, pageSize), len(all))
	out.Items = append(out.Items, all[from:min(from+pageSize, len(all))]...)
	return out, nil
}

// interestRank orders the states: what can still be bid for first, what is over last.
var interestRank = map[opportunities.Status]int{opportunities.StatusOpen: 0, opportunities.StatusPlanned: 1, opportunities.StatusClosed: 2, opportunities.StatusCancelled: 3}

func soonestFirst(a, b InterestedOpportunity) int {
	if c := cmp.Compare(interestRank[a.Status], interestRank[b.Status]); c != 0 {
		return c
	}
	at := func(v InterestedOpportunity) int64 {
		if v.SubmissionDeadline == nil {
			return 0
		}
		return v.SubmissionDeadline.At.UnixNano()
	}
	switch a.Status {
	case opportunities.StatusOpen:
		return cmp.Compare(at(a), at(b))
	case opportunities.StatusClosed:
		return cmp.Compare(at(b), at(a)) // the one that closed most recently first
	}
	return b.RegisteredAt.Compare(a.RegisteredAt)
}
