package opportunities

import (
	"time"

	"gorm.io/gorm"
)

// Brief is an opportunity as a supplier's own lists show it (the opportunities they registered
// interest in): enough to recognise it and see how long is left. Its deadlines are the columns
// as they are now, so an amendment or an outage extension shows at once.
type Brief struct {
	ID                    string    `json:"id"`
	Reference             string    `json:"reference"`
	Title                 string    `json:"title"`
	Status                Status    `json:"status" enum:"draft,planned,open,closed,cancelled" doc:"planned, open, closed or cancelled (a draft is never listed)."`
	SubmissionDeadline    *Deadline `json:"submissionDeadline,omitempty" doc:"The deadline for bids now, after any amendment."`
	ClarificationDeadline *Deadline `json:"clarificationDeadline,omitempty" doc:"The deadline for questions now, after any amendment."`
	ExpectedQuarterText   string    `json:"expectedQuarterText,omitempty" doc:"For a planned procurement, when the council expects to publish it."`
}

// Briefs returns, by ID, the briefs of those of ids that suppliers can see (drafts are left out,
// as are IDs of none), with the status a supplier sees at the service's clock now.
func (s *Service) Briefs(db *gorm.DB, ids []string) (map[string]Brief, error) {
	rows, err := s.ByIDs(db, ids)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make(map[string]Brief, len(rows))
	for id, o := range rows {
		if o.Status == StatusDraft {
			continue
		}
		out[id] = briefOf(o, now)
	}
	return out, nil
}

func briefOf(o Opportunity, now time.Time) Brief {
	return Brief{ID: o.ID, Reference: o.Reference, Title: o.Title, Status: publicStatus(o, now),
		SubmissionDeadline: deadlineView(o.SubmissionDeadline), ClarificationDeadline: deadlineView(o.ClarificationDeadline),
		ExpectedQuarterText: quarterText(o.ExpectedQuarter)}
}
