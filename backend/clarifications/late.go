package clarifications

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// KindLate: a question was not answered by the time the council aims to, or was answered after it.
const KindLate = notifications.KindClarificationLate

// Decision is what the council decided when answers were late.
type Decision string

// Decisions.
const (
	Extended Decision = "extended"
	Declined Decision = "declined"
)

// lateDecision is a row of clarification_late_decisions: shown publicly with its reason.
type lateDecision struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Decision      Decision
	Reason        string
	DecidedBy     string
	DecidedAt     time.Time
}

func (lateDecision) TableName() string { return "clarification_late_decisions" }

// LateItem is one reason an extension is offered.
type LateItem struct {
	ThreadRef string     `json:"threadRef"`
	Subject   string     `json:"subject"`
	Kind      string     `json:"kind" enum:"unanswered,answered_late" doc:"unanswered: still waiting after the answer-by time; answered_late: answered after it."`
	AnswerBy  time.Time  `json:"answerBy"`
	Answered  *time.Time `json:"answeredAt,omitempty"`
}

// DecisionView is a decision on late answers, as everyone sees it.
type DecisionView struct {
	Decision      Decision `json:"decision" enum:"extended,declined"`
	Reason        string   `json:"reason"`
	DecidedOn     string   `json:"decidedOn" doc:"YYYY-MM-DD"`
	DecidedOnText string   `json:"decidedOnText"`
}

// LateAnswers is what the council is offered when answers are late: extend the submission
// deadline in one step, or decline with a reason shown publicly.
type LateAnswers struct {
	// Offered is true while something late has happened since the last decision.
	Offered   bool           `json:"offered"`
	Items     []LateItem     `json:"items" nullable:"false"`
	Decisions []DecisionView `json:"decisions" nullable:"false"`
	// SubmissionDeadline is the deadline an extension moves.
	SubmissionDeadline *opportunities.Deadline `json:"submissionDeadline,omitempty"`
}

// LateDecisionInput is the council's decision.
type LateDecisionInput struct {
	Decision           string `json:"decision" enum:"extend,decline"`
	SubmissionDeadline string `json:"submissionDeadline,omitempty" maxLength:"40" doc:"extend: the new, later deadline for bids (London time as YYYY-MM-DDTHH:MM, or RFC 3339)."`
	Reason             string `json:"reason" maxLength:"2000" doc:"Shown publicly: why the deadline moves, or why it does not."`
}

// late lists what is late on an opportunity at now, and the decisions taken.
func (s *Service) late(ctx context.Context, o opportunities.OpportunityView) (LateAnswers, error) {
	out := LateAnswers{Items: []LateItem{}, Decisions: []DecisionView{}, SubmissionDeadline: o.SubmissionDeadline}
	by := s.answerBy(o)
	db := s.db.Gorm.WithContext(ctx)
	var decisions []lateDecision
	if err := db.Where("opportunity_id = ?", o.ID).Order("decided_at").Find(&decisions).Error; err != nil {
		return out, fmt.Errorf("clarifications: unable to read decisions: %w", err)
	}
	var lastDecision time.Time
	for _, d := range decisions {
		out.Decisions = append(out.Decisions, DecisionView{Decision: d.Decision, Reason: d.Reason, DecidedOn: d.DecidedAt.In(format.London).Format(time.DateOnly),
			DecidedOnText: format.Date(d.DecidedAt)})
		lastDecision = d.DecidedAt
	}
	if by == nil {
		return out, nil
	}
	now := s.now()
	var qs []question
	if err := db.Where("opportunity_id = ? AND asked_at < ?", o.ID, *by).Order("asked_at").Find(&qs).Error; err != nil {
		return out, fmt.Errorf("clarifications: unable to read questions: %w", err)
	}
	for _, q := range qs {
		switch {
		case q.Status == StatusAwaiting && now.After(*by):
			out.Items = append(out.Items, LateItem{ThreadRef: q.ThreadRef, Subject: q.Subject, Kind: "unanswered", AnswerBy: *by})
			// Still waiting: offered until decided after it fell due.
			out.Offered = out.Offered || lastDecision.Before(*by)
		case q.ClosedAt != nil && q.ClosedAt.After(*by):
			out.Items = append(out.Items, LateItem{ThreadRef: q.ThreadRef, Subject: q.Subject, Kind: "answered_late", AnswerBy: *by, Answered: q.ClosedAt})
			out.Offered = out.Offered || lastDecision.Before(*q.ClosedAt)
		}
	}
	if o.Status != opportunities.StatusOpen {
		out.Offered = false
	}
	return out, nil
}

// LateAnswersFor returns what is late on an opportunity and the offer to extend.
// Errors: forbidden, not_found.
func (s *Service) LateAnswersFor(ctx context.Context, p *auth.Principal, opportunityID string) (LateAnswers, error) {
	if !isStaff(p) {
		return LateAnswers{}, apperr.New(apperr.Forbidden, "Only the council's buyers see this")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return LateAnswers{}, err
	}
	return s.late(ctx, o)
}

// PublicDecisions are the council's decisions on late answers for an opportunity, with their
// reasons, as everyone sees them. Errors: not_found.
func (s *Service) PublicDecisions(ctx context.Context, p *auth.Principal, opportunityID string) ([]DecisionView, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return nil, err
	}
	l, err := s.late(ctx, o)
	return l.Decisions, err
}

// DecideLate extends the submission deadline (an amendment, with the amendment rules and everyone
// told) or declines to, with a reason shown publicly. Errors: forbidden, not_found, invalid,
// conflict (nothing is late, or the opportunity is closed).
func (s *Service) DecideLate(ctx context.Context, p *auth.Principal, opportunityID string, in LateDecisionInput) (LateAnswers, error) {
	if !isStaff(p) {
		return LateAnswers{}, apperr.New(apperr.Forbidden, "Only the council's buyers decide this")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return LateAnswers{}, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	var f apperr.Fields
	if in.Reason == "" {
		f.Add("reason", "Give the reason: it is shown publicly")
	}
	switch in.Decision {
	case "extend":
		if strings.TrimSpace(in.SubmissionDeadline) == "" {
			f.Add("submissionDeadline", "Enter the new deadline for bids")
		}
	case "decline":
	default:
		f.Add("decision", "Choose whether to extend the deadline")
	}
	if err := f.Err(); err != nil {
		return LateAnswers{}, err
	}
	l, err := s.late(ctx, o)
	if err != nil {
		return LateAnswers{}, err
	}
	if !l.Offered {
		return LateAnswers{}, apperr.New(apperr.Conflict, "No answer is late on this opportunity now")
	}
	d := lateDecision{ID: uuid.NewString(), OpportunityID: o.ID, Decision: Declined, Reason: in.Reason, DecidedBy: p.UserID}
	if in.Decision == "extend" {
		d.Decision = Extended
		dl := in.SubmissionDeadline
		// The amendment's own rules apply: later only, enough time left, everyone told.
		if _, err := s.opps.Amend(ctx, p, o.ID, opportunities.AmendInput{Note: in.Reason, SubmissionDeadline: &dl}); err != nil {
			return LateAnswers{}, err
		}
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		d.DecidedAt = s.stamp()
		if err := tx.Create(&d).Error; err != nil {
			return fmt.Errorf("clarifications: unable to record the decision: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.late_" + string(d.Decision), SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reason": in.Reason}})
	})
	if err != nil {
		return LateAnswers{}, err
	}
	if o, err = s.opps.GetOpportunity(ctx, p, o.ID); err != nil {
		return LateAnswers{}, err
	}
	return s.late(ctx, o)
}

// WarnLate tells each opportunity's buyer, once per question, of questions still waiting after
// the time the council aims to answer by, offering the extension. It returns how many it told.
func (s *Service) WarnLate(ctx context.Context) (int64, error) {
	var qs []question
	if err := s.db.Gorm.WithContext(ctx).Where("status = ? AND opportunity_id IS NOT NULL", StatusAwaiting).Order("opportunity_id, asked_at").Find(&qs).Error; err != nil {
		return 0, fmt.Errorf("clarifications: unable to read waiting questions: %w", err)
	}
	now := s.now()
	var notices []notifications.Notice
	byOpp := map[string][]question{}
	for _, q := range qs {
		byOpp[string(q.OpportunityID)] = append(byOpp[string(q.OpportunityID)], q)
	}
	ids := make([]string, 0, len(byOpp))
	for id := range byOpp {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o, err := s.opps.GetOpportunity(ctx, nil, id)
		if err != nil {
			if apperr.CodeOf(err) == apperr.NotFound {
				continue
			}
			return 0, err
		}
		by := s.answerBy(o)
		if o.Status != opportunities.StatusOpen || by == nil || now.Before(*by) {
			continue
		}
		owner, err := s.opps.Owner(ctx, o.ID)
		if err != nil {
			return 0, err
		}
		for _, q := range byOpp[id] {
			if q.AskedAt.After(*by) {
				continue // asked after the answer-by time: not late yet by the rule
			}
			notices = append(notices, lateNotice(owner, o, q.ID, "Question "+q.ThreadRef+" on "+o.Title+" is not answered in time",
				"The council aimed to answer it by "+format.DateTime(*by)+"."))
		}
	}
	if len(notices) == 0 {
		return 0, nil
	}
	return s.notify.Notify(ctx, notices)
}

// HoldOpen is the strict rule (FAIRTENDER_CLARIFICATION_BLOCKS_CLOSE): bids do not close while a
// question asked in time is unanswered. Within the hour before an open opportunity's deadline for
// bids, with such a question waiting, it moves the deadline a day later as a public amendment
// (everyone working towards a bid is told), and again a day later if it is still waiting. It
// returns how many deadlines it moved; without the rule it does nothing.
func (s *Service) HoldOpen(ctx context.Context) (int, error) {
	if !s.cfg.ClarificationBlocksClose {
		return 0, nil
	}
	var ids []string
	if err := s.db.Gorm.WithContext(ctx).Model(&question{}).Where("status = ? AND opportunity_id IS NOT NULL", StatusAwaiting).Distinct("opportunity_id").Order("opportunity_id").
		Pluck("opportunity_id", &ids).Error; err != nil {
		return 0, fmt.Errorf("clarifications: unable to read waiting questions: %w", err)
	}
	now, moved := s.now(), 0
	for _, id := range ids {
		o, err := s.opps.GetOpportunity(ctx, nil, id)
		if apperr.CodeOf(err) == apperr.NotFound {
			continue
		} else if err != nil {
			return moved, err
		}
		if o.Status != opportunities.StatusOpen || o.SubmissionDeadline == nil || o.SubmissionDeadline.At.Sub(now) > time.Hour {
			continue
		}
		owner, err := s.opps.Owner(ctx, o.ID)
		if err != nil {
			return moved, err
		}
		later := o.SubmissionDeadline.At.Add(24 * time.Hour).UTC().Format(time.RFC3339)
		note := "A clarification question asked in time is still waiting for an answer, and the council's rule is that bids do not close " +
			"while one is, so the deadline for bids is a day later."
		// The amendment is recorded as the opportunity's buyer's (amendments name a person); the
		// audit says the portal made it, under the rule.
		if _, err := s.opps.Amend(ctx, &auth.Principal{UserID: owner, Role: auth.RoleBuyer, EmailVerified: true}, o.ID,
			opportunities.AmendInput{Note: note, SubmissionDeadline: &later}); err != nil {
			return moved, err
		}
		if err := s.audit.RecordNow(ctx, audit.Event{ActorID: "system", Action: "clarification.held_open", SubjectType: "opportunity", SubjectID: o.ID,
			Details: map[string]any{"from": o.SubmissionDeadline.At, "to": later}}); err != nil {
			return moved, err
		}
		moved++
	}
	return moved, nil
}

// lateNotice offers the buyer the extension.
func lateNotice(owner string, o opportunities.OpportunityView, key, title, body string) notifications.Notice {
	return notifications.Notice{UserID: owner, DedupeKey: "clarification-late:" + key, Kind: KindLate, OpportunityID: o.ID, Title: title,
		Body: body + " Extend the deadline for bids in one step, or record why not: suppliers see either.", Link: "/buying/questions",
		Email: true}
}
