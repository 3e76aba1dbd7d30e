package evaluation

import (
	"context"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// RecordEntry is one entry of the evaluation's record: a mark, a change, a decision, with the
// reason and who.
type RecordEntry struct {
	At         time.Time `json:"at"`
	Who        string    `json:"who" doc:"The name of the officer."`
	Action     string    `json:"action" doc:"e.g. panel_named, declared, started, excluded, marked, moderated, moderation_changed, prices_taken, price_accepted, price_excluded."`
	BidRef     string    `json:"bidRef" doc:"The bid's reference, when about a bid."`
	QuestionID string    `json:"questionId"`
	Before     string    `json:"before"`
	After      string    `json:"after"`
	Reason     string    `json:"reason"`
}

// EvaluationRecord is the whole record of an opportunity's evaluation, oldest first, as the
// council keeps it (Procurement Act 2023 s.98).
type EvaluationRecord struct {
	OpportunityID string        `json:"opportunityId"`
	Entries       []RecordEntry `json:"entries" nullable:"false"`
}

// Record returns the evaluation's record, for buyers who have declared their interests; the
// read is audited. Errors: not_found, forbidden.
func (s *Service) Record(ctx context.Context, p *auth.Principal, opportunityID string) (EvaluationRecord, error) {
	if !isBuyer(p) {
		return EvaluationRecord{}, apperr.New(apperr.Forbidden, "Only buyers can read the evaluation's record")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return EvaluationRecord{}, err
	}
	if err := s.ReadGate(ctx, p, o.ID); err != nil {
		return EvaluationRecord{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	var rows []historyRow
	if err := db.Where("opportunity_id = ?", o.ID).Order("at, id").Limit(100000).Find(&rows).Error; err != nil {
		return EvaluationRecord{}, fmt.Errorf("evaluation: unable to read the record: %w", err)
	}
	bidsIn, err := evaluationBids(db, o.ID)
	if err != nil {
		return EvaluationRecord{}, err
	}
	refs := map[string]string{}
	for _, b := range bidsIn {
		refs[b.BidID] = b.Reference
	}
	ids := []string{}
	for _, r := range rows {
		ids = append(ids, r.ActorID)
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return EvaluationRecord{}, err
	}
	out := EvaluationRecord{OpportunityID: o.ID, Entries: []RecordEntry{}}
	for _, r := range rows {
		e := RecordEntry{At: r.At, Who: people[r.ActorID].Name, Action: r.Action, QuestionID: r.QuestionID, Before: r.BeforeValue, After: r.AfterValue, Reason: r.Reason}
		if r.BidID != nil {
			e.BidRef = refs[*r.BidID]
		}
		out.Entries = append(out.Entries, e)
	}
	if err := s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: "evaluation.record_read", SubjectType: "opportunity", SubjectID: o.ID,
		ClientIP: audit.ClientIP(ctx), Details: map[string]any{"entries": len(rows)}}); err != nil {
		return EvaluationRecord{}, err
	}
	return out, nil
}
