package notifications

import (
	"context"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
)

// OpenMatch is an opportunity open now that an alert matches.
type OpenMatch struct {
	ID                 string    `json:"id"`
	Reference          string    `json:"reference"`
	Title              string    `json:"title"`
	SubmissionDeadline time.Time `json:"submissionDeadline"`
	DeadlineText       string    `json:"deadlineText" doc:"The deadline for bids in London time, in words."`
}

// OpenMatches is what an alert would have told of, had it existed: the opportunities open now.
type OpenMatches struct {
	Total int         `json:"total"`
	Items []OpenMatch `json:"items" nullable:"false" doc:"Closing soonest first; at most 20."`
}

// openMatchesShown is how many open matches are listed: enough to start on, few enough to read.
const openMatchesShown = 20

// OpenMatchesOf lists the published opportunities still open to bids that one of the person's
// alerts matches, by the same rules as the alert itself: a new alert tells only of what is
// published after it, so the work already open would otherwise be missed. Errors: not_found.
func (s *Service) OpenMatchesOf(ctx context.Context, p *auth.Principal, alertID string) (OpenMatches, error) {
	db := s.db.Gorm.WithContext(ctx)
	a, err := s.alert(db, p, alertID)
	if err != nil {
		return OpenMatches{}, err
	}
	now := s.now().UTC()
	open, err := s.opportunities.ClosingBetween(db, now, now.AddDate(100, 0, 0))
	if err != nil {
		return OpenMatches{}, err
	}
	m := compile(a)
	out := OpenMatches{Items: []OpenMatch{}}
	for _, o := range open {
		t, err := s.target(ctx, o)
		if err != nil {
			return OpenMatches{}, err
		}
		if !m.Matches(t) || o.SubmissionDeadline == nil {
			continue
		}
		out.Items = append(out.Items, OpenMatch{ID: o.ID, Reference: o.Reference, Title: o.Title, SubmissionDeadline: *o.SubmissionDeadline,
			DeadlineText: format.DateTime(*o.SubmissionDeadline)})
	}
	slices.SortFunc(out.Items, func(x, y OpenMatch) int { return x.SubmissionDeadline.Compare(y.SubmissionDeadline) })
	out.Total = len(out.Items)
	out.Items = out.Items[:min(len(out.Items), openMatchesShown)]
	return out, nil
}
