package opportunities

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// AmendInput is a change to a published opportunity. Fields left out are not changed; the note
// says why, and is shown publicly with the before and after.
type AmendInput struct {
	Note                  string  `json:"note" maxLength:"2000" doc:"What changed and why, for suppliers."`
	Title                 *string `json:"title,omitempty" maxLength:"200"`
	Summary               *string `json:"summary,omitempty" maxLength:"1000"`
	Description           *string `json:"description,omitempty" maxLength:"20000"`
	SubmissionDeadline    *string `json:"submissionDeadline,omitempty" maxLength:"40" doc:"A later deadline only. London time as YYYY-MM-DDTHH:MM, or RFC 3339."`
	ClarificationDeadline *string `json:"clarificationDeadline,omitempty" maxLength:"40" doc:"A later deadline only, still before the deadline for bids."`
	ExpectedAwardOn       *string `json:"expectedAwardOn,omitempty" maxLength:"10" doc:"YYYY-MM-DD"`
}

// changeOrder is the order fields are listed in an amendment; fieldLabels their names for people.
var changeOrder = []string{"title", "summary", "description", "submissionDeadline", "clarificationDeadline", "expectedAwardOn", "document", "status"}

var fieldLabels = map[string]string{
	"title": "Title", "summary": "Summary", "description": "Description", "submissionDeadline": "Deadline for bids",
	"clarificationDeadline": "Deadline for clarification questions", "expectedAwardOn": "Expected award date", "document": "Document",
	"status": "Status",
}

// errNotAmendable explains why an opportunity cannot be changed now; the answer is 409.
func errNotAmendable(status Status) error {
	switch status {
	case StatusDraft:
		return apperr.New(apperr.Conflict, "This opportunity is still a draft: edit the draft instead")
	case StatusPlanned:
		return apperr.New(apperr.Conflict, "This is a planned procurement: edit it in the pipeline instead")
	case StatusClosed:
		return apperr.New(apperr.Conflict, "This opportunity has closed to bids, so it can no longer be amended")
	case StatusCancelled:
		return apperr.New(apperr.Conflict, "This opportunity has been cancelled, so it can no longer be amended")
	}
	return apperr.New(apperr.Conflict, "This opportunity cannot be amended")
}

// Amend changes a published, open opportunity and records the change with the earlier values
// and the buyer's note, all shown on the public page. Deadlines may only move later. A closed or
// cancelled opportunity cannot be amended.
// Errors: invalid, not_found, conflict.
func (s *Service) Amend(ctx context.Context, p *auth.Principal, id string, in AmendInput) (OpportunityView, error) {
	note := strings.TrimSpace(in.Note)
	var view OpportunityView
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.load(tx, id, true)
		if err != nil {
			return err
		}
		now := s.stamp()
		if st := publicStatus(o, now); st != StatusOpen {
			return errNotAmendable(st)
		}
		var f apperr.Fields
		if note == "" {
			f.Add("note", "Say what changed and why: suppliers see this note with the change")
		}
		before, after := map[string]string{}, map[string]string{}
		updates := map[string]any{}
		kind := "text"
		text := func(field, column string, v *string, cur string) {
			if v == nil {
				return
			}
			nv := strings.TrimSpace(*v)
			if nv == cur {
				return
			}
			if nv == "" && field == "title" {
				f.Add(field, "Enter a title")
				return
			}
			before[field], after[field], updates[column] = cur, nv, nv
		}
		text("title", "title", in.Title, o.Title)
		text("summary", "summary", in.Summary, o.Summary)
		text("description", "description", in.Description, o.Description)
		sub, clar := o.SubmissionDeadline, o.ClarificationDeadline
		moment := func(field string, v *string, cur *time.Time) *time.Time {
			if v == nil || strings.TrimSpace(*v) == "" {
				return cur
			}
			t, err := parseLondonTime(strings.TrimSpace(*v))
			if err != nil {
				f.Add(field, "Enter the deadline as a date and a time in London, for example 2026-07-01T12:00")
				return cur
			}
			if cur != nil && t.Equal(*cur) {
				return cur
			}
			if cur != nil && t.Before(*cur) {
				f.Add(field, "A deadline can only move later once published: suppliers may already be working to "+format.DateTime(*cur))
				return cur
			}
			if cur != nil {
				before[field] = format.DateTime(*cur)
			}
			after[field] = format.DateTime(t)
			kind = "deadline"
			return &t
		}
		sub = moment("submissionDeadline", in.SubmissionDeadline, sub)
		clar = moment("clarificationDeadline", in.ClarificationDeadline, clar)
		if sub != nil && clar != nil && !clar.Before(*sub) {
			f.Add("clarificationDeadline", "The deadline for clarification questions must be before the deadline for bids")
		}
		if in.ExpectedAwardOn != nil && strings.TrimSpace(*in.ExpectedAwardOn) != o.ExpectedAwardOn {
			if t, err := parseDate(strings.TrimSpace(*in.ExpectedAwardOn)); err != nil {
				f.Add("expectedAwardOn", "Enter the expected award date as a real date, for example 2026-09-30")
			} else if sub != nil && t.Format("2006-01-02") < sub.In(london).Format("2006-01-02") {
				f.Add("expectedAwardOn", "The expected award date must be after the deadline for bids")
			} else {
				before["expectedAwardOn"], after["expectedAwardOn"], updates["expected_award_on"] = o.ExpectedAwardOn, t.Format("2006-01-02"), t.Format("2006-01-02")
			}
		}
		if len(after) == 0 && len(f) == 0 {
			f.Add("note", "Nothing has changed: change a field, or upload a document with a note")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if _, ok := after["submissionDeadline"]; ok {
			updates["submission_deadline"] = *sub
		}
		if _, ok := after["clarificationDeadline"]; ok {
			updates["clarification_deadline"] = *clar
		}
		o, err = s.commitAmendment(ctx, tx, amendment{opp: o, by: p, kind: kind, note: note, before: before, after: after, updates: updates, now: now,
			audit: audit.Event{ActorID: p.UserID, Action: "opportunity.amended", ClientIP: audit.ClientIP(ctx), Details: map[string]any{"fields": keys(after)}}})
		if err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}

// amendment is one change to a published opportunity, whether a buyer made it (Amend) or the
// portal did (a deadline moved for an outage): both are applied by commitAmendment, so suppliers
// are told, features react and deadlines are rescheduled the same way whoever made the change.
type amendment struct {
	opp           Opportunity // as loaded under its row lock
	by            *auth.Principal
	kind, note    string
	before, after map[string]string
	updates       map[string]any // the columns that change
	audit         audit.Event    // its subject and the amendment's number are added
	now           time.Time
}

// commitAmendment applies a in tx: features may refuse it (AddCheck), it is numbered and
// recorded, the opportunity changes and gets a new version, the audit chain records it, features
// react in the same transaction (AddReaction: bids are marked, people told), and the deadlines'
// jobs follow the new dates. It returns the opportunity as changed.
func (s *Service) commitAmendment(ctx context.Context, tx *gorm.DB, a amendment) (Opportunity, error) {
	o := a.opp
	if err := s.check(ctx, tx, Event{Kind: EventAmended, OpportunityID: o.ID, At: a.now}); err != nil {
		return Opportunity{}, err
	}
	am, err := s.recordAmendment(tx, a.by, o.ID, a.kind, a.note, a.before, a.after, a.now)
	if err != nil {
		return Opportunity{}, err
	}
	a.updates["updated_at"], a.updates["version"] = a.now, o.Version+1
	if err := tx.Model(&Opportunity{}).Where("id = ?", o.ID).Updates(a.updates).Error; err != nil {
		return Opportunity{}, fmt.Errorf("opportunities: unable to amend: %w", err)
	}
	ev := a.audit
	ev.SubjectType, ev.SubjectID = "opportunity", o.ID
	ev.Details = maps.Clone(ev.Details)
	if ev.Details == nil {
		ev.Details = map[string]any{}
	}
	ev.Details["amendment"] = am.Number
	if err := s.audit.Record(tx, ev); err != nil {
		return Opportunity{}, err
	}
	if err := s.react(ctx, tx, Event{Kind: EventAmended, OpportunityID: o.ID, AmendmentID: am.ID, At: a.now}); err != nil {
		return Opportunity{}, err
	}
	o, err = s.load(tx, o.ID, false)
	if err != nil {
		return Opportunity{}, err
	}
	return o, s.scheduleDeadlines(ctx, tx, o)
}

// recordAmendment numbers and stores an amendment. The number is unique per opportunity, and the
// caller holds the opportunity's row lock, so numbers do not collide.
func (s *Service) recordAmendment(tx *gorm.DB, p *auth.Principal, oppID, kind, note string, before, after map[string]string, now time.Time) (Amendment, error) {
	var last int
	if err := tx.Model(&Amendment{}).Where("opportunity_id = ?", oppID).Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
		return Amendment{}, fmt.Errorf("opportunities: unable to number amendment: %w", err)
	}
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	row := Amendment{ID: uuid.NewString(), OpportunityID: oppID, Number: last + 1, Kind: kind, Note: note, BeforeValues: string(b), AfterValues: string(a),
		CreatedBy: p.UserID, CreatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		return Amendment{}, fmt.Errorf("opportunities: unable to record amendment: %w", err)
	}
	return row, nil
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, k := range changeOrder {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// Cancel withdraws a published opportunity or a planned procurement. The reason is required and
// shown publicly, recorded as the last amendment.
// Errors: invalid, not_found, conflict.
func (s *Service) Cancel(ctx context.Context, p *auth.Principal, id, reason string) (OpportunityView, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return OpportunityView{}, apperr.Field("reason", "Say why the opportunity is cancelled: suppliers see the reason")
	}
	var view OpportunityView
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.load(tx, id, true)
		if err != nil {
			return err
		}
		switch o.Status {
		case StatusDraft:
			return apperr.New(apperr.Conflict, "A draft is not public, so there is nothing to cancel")
		case StatusCancelled:
			return apperr.New(apperr.Conflict, "This opportunity is already cancelled")
		}
		now := s.stamp()
		prev := statusText[publicStatus(o, now)]
		if err := s.check(ctx, tx, Event{Kind: EventCancelled, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		if _, err := s.recordAmendment(tx, p, o.ID, "cancellation", reason, map[string]string{"status": prev}, map[string]string{"status": "Cancelled"}, now); err != nil {
			return err
		}
		if err := tx.Model(&Opportunity{}).Where("id = ?", o.ID).Updates(map[string]any{"status": StatusCancelled, "cancel_reason": reason,
			"cancelled_at": now, "updated_at": now, "version": o.Version + 1}).Error; err != nil {
			return fmt.Errorf("opportunities: unable to cancel: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.cancelled", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reference": o.Reference}}); err != nil {
			return err
		}
		if err := s.react(ctx, tx, Event{Kind: EventCancelled, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		if o, err = s.load(tx, o.ID, false); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}
