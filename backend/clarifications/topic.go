package clarifications

import (
	"context"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/dps"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
)

// DPSs is what the service needs of dynamic purchasing systems, through their owner.
type DPSs interface {
	Get(ctx context.Context, p *auth.Principal, id string) (dps.View, error)
	// Applicants is who hears of a published answer about joining: everyone in an organisation that
	// applied and has not withdrawn.
	Applicants(ctx context.Context, dpsID string) ([]string, error)
}

// topic is what a question is about: a published opportunity, or a DPS (about joining it). The
// rules of asking and answering are the same for both; what differs is read here once.
type topic struct {
	// column names the topic in the questions' and answers' tables.
	column               string
	ID, Title, Reference string
	// Closes is when questions close; Open says whether they may be asked at all.
	Closes *time.Time
	Open   bool
	// AnswerBy is when the council aims to answer, if it has a time.
	AnswerBy *time.Time
	Contact  string
	// noun is how messages name it; sayWhen, whether the refusal may say when questions closed
	// (not for a cancelled opportunity, whose dates no longer stand).
	noun    string
	sayWhen bool
	// opp is the opportunity, for an opportunity's question.
	opp opportunities.OpportunityView
}

func (t topic) isDPS() bool { return t.column == "dps_id" }

// page is where the topic's answers are shown, in the portal.
func (t topic) page() string {
	if t.isDPS() {
		return "/dps/" + t.ID + "#questions"
	}
	return "/opportunities/" + t.ID + "#questions"
}

func (s *Service) opportunityTopic(o opportunities.OpportunityView) topic {
	contact := o.ContactEmail
	if contact == "" {
		contact = s.cfg.ProcurementEmail
	}
	return topic{column: "opportunity_id", ID: o.ID, Title: o.Title, Reference: o.Reference, Closes: questionsClose(o),
		Open: o.Status == opportunities.StatusOpen, AnswerBy: s.answerBy(o), Contact: contact, noun: "opportunity", opp: o,
		sayWhen: o.Status != opportunities.StatusCancelled && o.Status != opportunities.StatusDraft}
}

// dpsTopic is a DPS as questions about joining it see it: open to questions from publication
// until it stops taking applications. There is no submission deadline, so no "answer by" time.
func (s *Service) dpsTopic(v dps.View) (topic, error) {
	closes, err := dps.ApplicationsClose(v)
	if err != nil {
		return topic{}, err
	}
	return topic{column: "dps_id", ID: v.ID, Title: v.Title, Reference: v.Reference, Closes: &closes,
		Open: v.Status != dps.PhaseDraft, Contact: s.cfg.ProcurementEmail, noun: "DPS", sayWhen: true}, nil
}

// topicOf reads what a stored question or answer is about, as anyone may see it.
// Errors: not_found (no longer published).
func (s *Service) topicOf(ctx context.Context, opportunityID, dpsID nullID) (topic, error) {
	if dpsID != "" {
		v, err := s.dps.Get(ctx, nil, string(dpsID))
		if err != nil {
			return topic{}, err
		}
		return s.dpsTopic(v)
	}
	o, err := s.opps.GetOpportunity(ctx, nil, string(opportunityID))
	if err != nil {
		return topic{}, err
	}
	return s.opportunityTopic(o), nil
}

// about is the column and ID of what q is about.
func (q question) about() (string, string) {
	if q.DPSID != "" {
		return "dps_id", string(q.DPSID)
	}
	return "opportunity_id", string(q.OpportunityID)
}

// aboutDetails names what q is about, for the audit.
func (q question) aboutDetails() map[string]any {
	if q.DPSID != "" {
		return map[string]any{"dps": string(q.DPSID)}
	}
	return map[string]any{"opportunity": string(q.OpportunityID)}
}

// closedErr says when questions closed and who to contact.
func (s *Service) closedErr(t topic) error {
	msg := "Questions on this " + t.noun + " are closed"
	if t.Closes != nil && t.sayWhen {
		msg = "Questions on this " + t.noun + " closed at " + format.DateTime(*t.Closes)
	}
	return apperr.New(apperr.Conflict, msg+". If you need to ask something now, write to "+t.Contact)
}

// AskAboutDPS records a question about joining a DPS from the organisation p acts for, until the
// DPS stops taking applications (decided by the server's clock as the request completes).
// Errors: not_found (no such published DPS), invalid (field), conflict (questions closed),
// too_many_requests (hourly limit), forbidden (not a member of the organisation).
func (s *Service) AskAboutDPS(ctx context.Context, p *auth.Principal, dpsID string, in AskInput) (SupplierQuestion, error) {
	v, err := s.dps.Get(ctx, nil, dpsID)
	if err != nil {
		return SupplierQuestion{}, err
	}
	t, err := s.dpsTopic(v)
	if err != nil {
		return SupplierQuestion{}, err
	}
	return s.ask(ctx, p, t, in, func(f *apperr.Fields) {
		if in.LotID != "" {
			f.Add("lotId", "A question about joining a DPS is not about a lot: leave it out")
		}
		if in.DocumentID != "" {
			f.Add("documentId", "A question about joining a DPS is not about an opportunity's document: leave it out")
		}
	})
}

// ListPublishedDPS returns the answers to everyone about joining a DPS, newest first: what anyone,
// signed in or not, may read. Errors: not_found.
func (s *Service) ListPublishedDPS(ctx context.Context, p *auth.Principal, dpsID string) ([]PublishedAnswer, error) {
	v, err := s.dps.Get(ctx, p, dpsID)
	if err != nil {
		return nil, err
	}
	t, err := s.dpsTopic(v)
	if err != nil {
		return nil, err
	}
	return s.published(ctx, t)
}

// tellDPS tells everyone who applied to the DPS of an answer to everyone, except the asker.
func (s *Service) tellDPS(ctx context.Context, t topic, a answer, except []string) (int64, error) {
	users, err := s.dps.Applicants(ctx, t.ID)
	if err != nil {
		return 0, err
	}
	skip := map[string]bool{}
	for _, u := range except {
		skip[u] = true
	}
	notices := make([]notifications.Notice, 0, len(users))
	for _, u := range users {
		if skip[u] {
			continue
		}
		notices = append(notices, notifications.Notice{UserID: u, DedupeKey: "clarification:" + a.ID, Kind: KindAnswer,
			Title: fmt.Sprintf("New answer to a question on %s", t.Title),
			Body:  fmt.Sprintf("Answer %d: %s. Read it on the DPS's page; every supplier sees the same answer.", *a.Number, a.Subject),
			Link:  t.page(), Email: true})
	}
	if len(notices) == 0 {
		return 0, nil
	}
	return s.notify.Notify(ctx, notices)
}
