// Package clarifications runs clarification questions: any verified supplier asks the council about
// a published opportunity until its clarification deadline; the council answers everyone at once
// (or, where the asker asked and the council records why, the asker alone), merges a question with
// an earlier one or declines it with a reason. Everyone sees the same published answers, numbered,
// and nothing they see names or hints at who asked (Procurement Act 2023 s.12, equal treatment).
package clarifications

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Limits on asking, per organisation: enough for a careful bidder, not for flooding a council.
const (
	questionsPerHour        = 20
	questionsPerOpportunity = 200
)

// Opportunities is what the service needs of opportunities, through their owner.
type Opportunities interface {
	GetOpportunity(ctx context.Context, p *auth.Principal, idOrRef string) (opportunities.OpportunityView, error)
	// Owner is the buyer who created the opportunity, told when answers are late.
	Owner(ctx context.Context, idOrRef string) (string, error)
	// Amend extends the deadline for bids when answers are late, with the amendment's rules.
	Amend(ctx context.Context, p *auth.Principal, id string, in opportunities.AmendInput) (opportunities.OpportunityView, error)
}

// Organisations is what the service needs of organisations, through their owner.
type Organisations interface {
	// ActsFor is the supplier organisation p acts for: orgID when p belongs to it, their only one
	// when orgID is empty; in says where orgID came from, for the error that names it.
	// Errors: invalid (several, none chosen), forbidden.
	ActsFor(ctx context.Context, p *auth.Principal, orgID string, in apperr.In) (string, error)
	// OrganisationNames maps organisation IDs to their names, for the council's eyes only.
	OrganisationNames(ctx context.Context, ids []string) (map[string]string, error)
}

// Service holds the clarification use cases.
type Service struct {
	db     *database.DB
	audit  *audit.Log
	jobs   func() *jobs.Client
	notify *notifications.Service
	opps   Opportunities
	dps    DPSs
	orgs   Organisations
	blobs  blobstore.Store
	now    func() time.Time
	cfg    config.Config
	log    *slog.Logger
}

// Deps are what the service needs.
type Deps struct {
	DB            *database.DB
	Audit         *audit.Log
	Jobs          func() *jobs.Client
	Notifications *notifications.Service
	Opportunities Opportunities
	DPS           DPSs
	Organisations Organisations
	Blobs         blobstore.Store // documents attached to answers
	Now           func() time.Time
	Config        config.Config
	Log           *slog.Logger
}

// NewService returns the clarifications service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, audit: d.Audit, jobs: d.Jobs, notify: d.Notifications, opps: d.Opportunities, dps: d.DPS, orgs: d.Organisations, blobs: d.Blobs,
		now: d.Now, cfg: d.Config, log: d.Log}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

var errNoQuestion = apperr.New(apperr.NotFound, "There is no such question")

// isID reports whether s could be an ID: PostgreSQL refuses to compare anything else with a uuid.
func isID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func isStaff(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && (p.Role == auth.RoleBuyer || p.Role == auth.RoleAdmin)
}

// AskInput is a question as a supplier asks it.
type AskInput struct {
	Subject    string `json:"subject" maxLength:"200" doc:"A few words saying what it is about."`
	Question   string `json:"question" maxLength:"5000"`
	LotID      string `json:"lotId,omitempty" maxLength:"36" doc:"The lot it is about, if one."`
	DocumentID string `json:"documentId,omitempty" maxLength:"36" doc:"The document it is about, if one."`
	Section    string `json:"section,omitempty" maxLength:"200" doc:"The section or paragraph of the document."`
	// AnswerPrivately asks the council to answer only the asker, because the question would
	// reveal their approach; the council decides.
	AnswerPrivately bool   `json:"answerPrivately,omitempty" doc:"Please answer only us: the question would reveal our approach. The council decides."`
	PrivateReason   string `json:"privateReason,omitempty" maxLength:"2000" doc:"Why, when answerPrivately is set."`
	OrganisationID  string `json:"organisationId,omitempty" maxLength:"36" doc:"Which of your organisations asks; needed only if you belong to more than one."`
}

// SupplierQuestion is a question as its asker's organisation sees it.
type SupplierQuestion struct {
	ID                string           `json:"id"`
	ThreadRef         string           `json:"threadRef" doc:"The question's reference, shown with its published answer in place of who asked."`
	OpportunityID     string           `json:"opportunityId"`
	OpportunityTitle  string           `json:"opportunityTitle"`
	OpportunityRef    string           `json:"opportunityReference"`
	DPSID             string           `json:"dpsId,omitempty" doc:"Set instead of the opportunity for a question about joining a DPS."`
	DPSTitle          string           `json:"dpsTitle,omitempty"`
	DPSRef            string           `json:"dpsReference,omitempty"`
	Subject           string           `json:"subject"`
	Question          string           `json:"question"`
	LotID             string           `json:"lotId,omitempty"`
	DocumentID        string           `json:"documentId,omitempty"`
	Section           string           `json:"section,omitempty"`
	AnswerPrivately   bool             `json:"answerPrivately"`
	Status            QuestionStatus   `json:"status" enum:"awaiting_answer,answered,answered_privately,merged,declined"`
	StatusText        string           `json:"statusText"`
	AskedAt           time.Time        `json:"askedAt"`
	AnswerBy          *time.Time       `json:"answerBy,omitempty" doc:"When the council aims to answer by."`
	AnswerByText      string           `json:"answerByText,omitempty"`
	Answer            *PublishedAnswer `json:"answer,omitempty" doc:"The answer, to everyone or to you alone."`
	DeclineReason     string           `json:"declineReason,omitempty"`
	MergedIntoThread  string           `json:"mergedIntoThreadRef,omitempty" doc:"Answered with this earlier question: its answer is yours."`
	QuestionsCloseAt  *time.Time       `json:"questionsCloseAt,omitempty"`
	QuestionsCloseTxt string           `json:"questionsCloseText,omitempty"`
}

// PublishedAnswer is an answer as shown: to everyone, it names no asker, only the thread.
type PublishedAnswer struct {
	Number          int        `json:"number,omitempty" doc:"Its number among the answers to everyone; none for a private answer."`
	ThreadRef       string     `json:"threadRef"`
	Visibility      Visibility `json:"visibility" enum:"everyone,private"`
	Subject         string     `json:"subject"`
	Question        string     `json:"question" doc:"As published: the council may have removed what would identify the asker."`
	Answer          string     `json:"answer"`
	PublishedOn     string     `json:"publishedOn" doc:"The day, YYYY-MM-DD (no time, so it cannot be matched to a visit)."`
	PublishedOnText string     `json:"publishedOnText" doc:"e.g. 2 December 2026."`
	CorrectsNumber  int        `json:"correctsNumber,omitempty" doc:"The earlier answer this one corrects."`
	CorrectedBy     int        `json:"correctedByNumber,omitempty" doc:"The later answer that corrects this one."`
	// Documents are attached to the answer.
	Documents []ClarificationDocument `json:"documents" nullable:"false"`
}

var statusText = map[QuestionStatus]string{
	StatusAwaiting: "Waiting for an answer", StatusAnswered: "Answered to everyone", StatusAnsweredPrivately: "Answered to you",
	StatusMerged: "Answered with another question", StatusDeclined: "Not answered",
}

// questionsClose is when questions on o close: its clarification deadline, or its submission
// deadline when it has none.
func questionsClose(o opportunities.OpportunityView) *time.Time {
	if o.ClarificationDeadline != nil {
		return &o.ClarificationDeadline.At
	}
	if o.SubmissionDeadline != nil {
		return &o.SubmissionDeadline.At
	}
	return nil
}

// answerBy is when the council aims to answer: the configured number of days before bids close.
func (s *Service) answerBy(o opportunities.OpportunityView) *time.Time {
	if o.SubmissionDeadline == nil {
		return nil
	}
	t := o.SubmissionDeadline.At.AddDate(0, 0, -s.cfg.ClarificationAnswerDays)
	return &t
}

// Ask records a question from the organisation p acts for. The clarification deadline is decided
// by the server's clock as the request completes: a question saved a moment after it is refused.
// Errors: not_found (no such published opportunity), invalid (field), conflict (questions closed),
// too_many_requests (hourly limit), forbidden (not a member of the organisation).
func (s *Service) Ask(ctx context.Context, p *auth.Principal, opportunityID string, in AskInput) (SupplierQuestion, error) {
	o, err := s.opps.GetOpportunity(ctx, nil, opportunityID)
	if err != nil {
		return SupplierQuestion{}, err
	}
	return s.ask(ctx, p, s.opportunityTopic(o), in, func(f *apperr.Fields) {
		if in.LotID != "" && !hasLot(o, in.LotID) {
			f.Add("lotId", "Choose a lot of this opportunity")
		}
		if in.DocumentID != "" && !hasDocument(o, in.DocumentID) {
			f.Add("documentId", "Choose a document of this opportunity")
		}
	})
}

// ask records a question about t; check adds what is wrong with the fields particular to t.
func (s *Service) ask(ctx context.Context, p *auth.Principal, t topic, in AskInput, check func(*apperr.Fields)) (SupplierQuestion, error) {
	var f apperr.Fields
	in.Subject, in.Question, in.Section, in.PrivateReason = strings.TrimSpace(in.Subject), strings.TrimSpace(in.Question),
		strings.TrimSpace(in.Section), strings.TrimSpace(in.PrivateReason)
	if in.Subject == "" {
		f.Add("subject", "Enter what your question is about")
	}
	if in.Question == "" {
		f.Add("question", "Enter your question")
	}
	check(&f)
	if in.AnswerPrivately && in.PrivateReason == "" {
		f.Add("privateReason", "Say why the answer should go only to you")
	}
	if !in.AnswerPrivately {
		in.PrivateReason = ""
	}
	if err := f.Err(); err != nil {
		return SupplierQuestion{}, err
	}
	org, err := s.orgs.ActsFor(ctx, p, in.OrganisationID, apperr.InBody)
	if err != nil {
		return SupplierQuestion{}, err
	}
	if !t.Open || t.Closes == nil {
		return SupplierQuestion{}, s.closedErr(t)
	}
	q := question{ID: uuid.NewString(), ThreadRef: threadRef(), OrganisationID: org, AskedBy: p.UserID,
		Subject: in.Subject, Question: in.Question, LotID: in.LotID, DocumentID: in.DocumentID, Section: in.Section,
		PrivateRequested: in.AnswerPrivately, PrivateReason: in.PrivateReason, Status: StatusAwaiting}
	if t.isDPS() {
		q.DPSID = nullID(t.ID)
	} else {
		q.OpportunityID = nullID(t.ID)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var lastHour, onThis int64
		if err := tx.Model(&question{}).Where("organisation_id = ? AND asked_at > ?", org, s.stamp().Add(-time.Hour)).Count(&lastHour).Error; err != nil {
			return fmt.Errorf("clarifications: unable to count recent questions: %w", err)
		}
		if lastHour >= questionsPerHour {
			return apperr.New(apperr.TooManyRequests, fmt.Sprintf("Your organisation has asked %d questions in the last hour: please wait before asking another", questionsPerHour))
		}
		if err := tx.Model(&question{}).Where("organisation_id = ? AND "+t.column+" = ?", org, t.ID).Count(&onThis).Error; err != nil {
			return fmt.Errorf("clarifications: unable to count questions: %w", err)
		}
		if onThis >= questionsPerOpportunity {
			return apperr.Field("question", fmt.Sprintf("Your organisation has asked %d questions about this %s, the most it may", questionsPerOpportunity, t.noun))
		}
		// The clock is read last, as the request completes: the deadline is the server's.
		q.AskedAt = s.stamp()
		if !q.AskedAt.Before(*t.Closes) {
			return s.closedErr(t)
		}
		if err := tx.Create(&q).Error; err != nil {
			return fmt.Errorf("clarifications: unable to save the question: %w", err)
		}
		details := q.aboutDetails()
		details["organisation"], details["threadRef"] = org, q.ThreadRef
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.asked", SubjectType: "clarification_question", SubjectID: q.ID,
			ClientIP: audit.ClientIP(ctx), Details: details})
	})
	if err != nil {
		return SupplierQuestion{}, err
	}
	return s.view(q, t, nil, "", nil), nil
}

func hasLot(o opportunities.OpportunityView, id string) bool {
	for _, l := range o.Lots {
		if l.ID == id {
			return true
		}
	}
	return false
}

func hasDocument(o opportunities.OpportunityView, id string) bool {
	for _, d := range o.Documents {
		if d.ID == id {
			return true
		}
	}
	return false
}

// threadRef is a question's public reference: random, so it says nothing of who asked or when.
func threadRef() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "Q-" + string(b)
}

// view is q as its asker's organisation sees it; a is its answer, if any, and mergedInto the
// thread whose answer is its answer.
func (s *Service) view(q question, t topic, a *answer, mergedInto string, docs map[string][]ClarificationDocument) SupplierQuestion {
	v := SupplierQuestion{ID: q.ID, ThreadRef: q.ThreadRef, OpportunityID: string(q.OpportunityID),
		Subject: q.Subject, Question: q.Question, LotID: q.LotID, DocumentID: q.DocumentID, Section: q.Section, AnswerPrivately: q.PrivateRequested,
		Status: q.Status, StatusText: statusText[q.Status], AskedAt: q.AskedAt, DeclineReason: q.DeclineReason, MergedIntoThread: mergedInto}
	if t.isDPS() {
		v.DPSID, v.DPSTitle, v.DPSRef = t.ID, t.Title, t.Reference
	} else {
		v.OpportunityTitle, v.OpportunityRef = t.Title, t.Reference
	}
	if by := t.AnswerBy; by != nil {
		v.AnswerBy, v.AnswerByText = by, format.DateTime(*by)
	}
	if c := t.Closes; c != nil {
		v.QuestionsCloseAt, v.QuestionsCloseTxt = c, format.DateTime(*c)
	}
	if a != nil {
		av := publishedAnswer(*a, nil, docs)
		v.Answer = &av
	}
	return v
}

// answerView is a as shown; numbers maps answer IDs to their public numbers, for corrections.
func publishedAnswer(a answer, numbers map[string]int, docs map[string][]ClarificationDocument) PublishedAnswer {
	v := PublishedAnswer{Documents: append([]ClarificationDocument{}, docs[a.ID]...), ThreadRef: a.ThreadRef, Visibility: a.Visibility, Subject: a.Subject, Question: a.Question, Answer: a.Answer,
		PublishedOn: a.PublishedAt.In(format.London).Format(time.DateOnly), PublishedOnText: format.Date(a.PublishedAt)}
	if a.Number != nil {
		v.Number = *a.Number
	}
	if a.CorrectsID != nil {
		v.CorrectsNumber = numbers[*a.CorrectsID]
	}
	return v
}

// ListPublished returns the answers to everyone on an opportunity, newest first: what anyone,
// signed in or not, may read. Errors: not_found.
func (s *Service) ListPublished(ctx context.Context, p *auth.Principal, opportunityID string) ([]PublishedAnswer, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return nil, err
	}
	return s.published(ctx, s.opportunityTopic(o))
}

// published returns the answers to everyone about t, newest first, each with the number of the
// later answer correcting it.
func (s *Service) published(ctx context.Context, t topic) ([]PublishedAnswer, error) {
	var rows []answer
	if err := s.db.Gorm.WithContext(ctx).Where(t.column+" = ? AND visibility = ?", t.ID, Everyone).Order("number DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("clarifications: unable to read answers: %w", err)
	}
	numbers := make(map[string]int, len(rows))
	ids := make([]string, 0, len(rows))
	for _, a := range rows {
		numbers[a.ID] = *a.Number
		ids = append(ids, a.ID)
	}
	docs, err := documentsFor(s.db.Gorm.WithContext(ctx), ids)
	if err != nil {
		return nil, err
	}
	out := make([]PublishedAnswer, 0, len(rows))
	for _, a := range rows {
		out = append(out, publishedAnswer(a, numbers, docs))
	}
	corrected := map[int]int{}
	for _, v := range out {
		if v.CorrectsNumber != 0 {
			corrected[v.CorrectsNumber] = max(corrected[v.CorrectsNumber], v.Number)
		}
	}
	for i := range out {
		out[i].CorrectedBy = corrected[out[i].Number]
	}
	return out, nil
}

// ListMine returns the questions of the organisation p acts for, newest first, optionally on one
// opportunity only. Errors: invalid (several organisations, none chosen), forbidden.
func (s *Service) ListMine(ctx context.Context, p *auth.Principal, orgID, opportunityID string) ([]SupplierQuestion, error) {
	org, err := s.orgs.ActsFor(ctx, p, orgID, apperr.InQuery)
	if err != nil {
		return nil, err
	}
	db := s.db.Gorm.WithContext(ctx)
	q := db.Where("organisation_id = ?", org)
	if opportunityID != "" && !isID(opportunityID) {
		return []SupplierQuestion{}, nil
	}
	if opportunityID != "" {
		q = q.Where("opportunity_id = ?", opportunityID)
	}
	var rows []question
	if err := q.Order("asked_at DESC").Limit(500).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("clarifications: unable to read questions: %w", err)
	}
	return s.views(ctx, db, rows)
}

// views shows questions with their answers and opportunities, reading each opportunity once.
func (s *Service) views(ctx context.Context, db *gorm.DB, rows []question) ([]SupplierQuestion, error) {
	var answerIDs, mergedIDs []string
	for _, q := range rows {
		if q.AnswerID != nil {
			answerIDs = append(answerIDs, *q.AnswerID)
		}
		if q.MergedInto != nil {
			mergedIDs = append(mergedIDs, *q.MergedInto)
		}
	}
	answers := map[string]answer{}
	if len(answerIDs) > 0 {
		var as []answer
		if err := db.Where("id IN ?", answerIDs).Find(&as).Error; err != nil {
			return nil, fmt.Errorf("clarifications: unable to read answers: %w", err)
		}
		for _, a := range as {
			answers[a.ID] = a
		}
	}
	docs, err := documentsFor(db, answerIDs)
	if err != nil {
		return nil, err
	}
	threads := map[string]string{}
	if len(mergedIDs) > 0 {
		var qs []question
		if err := db.Select("id, thread_ref").Where("id IN ?", mergedIDs).Find(&qs).Error; err != nil {
			return nil, fmt.Errorf("clarifications: unable to read questions: %w", err)
		}
		for _, q := range qs {
			threads[q.ID] = q.ThreadRef
		}
	}
	topics := map[string]topic{}
	out := make([]SupplierQuestion, 0, len(rows))
	for _, q := range rows {
		column, id := q.about()
		t, ok := topics[column+id]
		if !ok {
			var err error
			// Questions are asked only on published opportunities and DPSs, which anyone may read.
			t, err = s.topicOf(ctx, q.OpportunityID, q.DPSID)
			if err != nil && apperr.CodeOf(err) != apperr.NotFound {
				return nil, err
			}
			topics[column+id] = t
		}
		var a *answer
		if q.AnswerID != nil {
			if v, ok := answers[*q.AnswerID]; ok {
				a = &v
			}
		}
		mergedInto := ""
		if q.MergedInto != nil {
			mergedInto = threads[*q.MergedInto]
		}
		out = append(out, s.view(q, t, a, mergedInto, docs))
	}
	return out, nil
}
