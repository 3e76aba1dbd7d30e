package clarifications

import (
	"context"
	"errors"
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
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Notice kinds this feature writes, named where the inbox lists them.
const (
	// KindAnswer: a new answer to everyone on an opportunity someone is working towards.
	KindAnswer = notifications.KindClarification
	// KindYourQuestion: what became of a question you asked.
	KindYourQuestion = notifications.KindYourQuestion
)

// AnswerQuestionInput is the council's answer to a question.
type AnswerQuestionInput struct {
	Visibility Visibility `json:"visibility" enum:"everyone,private" doc:"everyone: published on the opportunity for all; private: to the asker's organisation only, when they asked for it."`
	// Question is the question as everyone will read it, with anything that would identify the
	// asker taken out; empty keeps it as asked. The question as asked is kept for the record.
	Question      string `json:"question,omitempty" maxLength:"5000" doc:"The question as everyone will read it, edited to remove anything that identifies the asker; empty to publish it as asked."`
	Answer        string `json:"answer" maxLength:"20000"`
	PrivateReason string `json:"privateReason,omitempty" maxLength:"2000" doc:"private only: why the answer need not go to everyone."`
	// CorrectsNumber links the answer to an earlier one it corrects: published answers are never
	// deleted.
	CorrectsNumber int `json:"correctsNumber,omitempty" minimum:"0" doc:"The number of an earlier answer this one corrects."`
	// DocumentIDs attach documents uploaded for the opportunity (POST /api/v1/clarification-uploads/{id}).
	DocumentIDs []string `json:"documentIds,omitempty" maxItems:"10" doc:"Documents to attach, uploaded first to /api/v1/clarification-uploads/{opportunityId}."`
}

// ClarificationInput is a clarification the council publishes without being asked.
type ClarificationInput struct {
	Subject        string `json:"subject" maxLength:"200"`
	Question       string `json:"question,omitempty" maxLength:"5000" doc:"What it clarifies, as a question, if that reads better."`
	Answer         string `json:"answer" maxLength:"20000"`
	CorrectsNumber int    `json:"correctsNumber,omitempty" minimum:"0" doc:"The number of an earlier answer this one corrects."`
	// DocumentIDs attach documents uploaded for the opportunity.
	DocumentIDs []string `json:"documentIds,omitempty" maxItems:"10" doc:"Documents to attach, uploaded first to /api/v1/clarification-uploads/{opportunityId}."`
}

// CouncilQuestion is a question as the council sees it: with who asked, the question as asked,
// and when it should be answered by.
type CouncilQuestion struct {
	SupplierQuestion
	// OrganisationName is who asked: for the council's eyes only, never published.
	OrganisationName string `json:"organisationName,omitempty" doc:"Who asked. Only the council sees this; it is never published."`
	Overdue          bool   `json:"overdue" doc:"Still waiting after the time the council aims to answer by."`
	TimeLeftText     string `json:"timeLeftText,omitempty" doc:"e.g. 3 days to answer."`
	PrivateReason    string `json:"privateReason,omitempty" doc:"Why the asker asked for a private answer."`
	// Answered lists the opportunity's answered threads, to merge this question with one.
	Answered []PublishedAnswer `json:"answered,omitempty"`
}

// Queue lists questions for the council across opportunities and DPSs (optionally one of them): waiting ones first, soonest "answer
// by" first, then the most recently closed. Errors: forbidden.
func (s *Service) Queue(ctx context.Context, p *auth.Principal, opportunityID, dpsID string, waitingOnly bool) ([]CouncilQuestion, error) {
	if !isStaff(p) {
		return nil, apperr.New(apperr.Forbidden, "Only the council's buyers see questions")
	}
	db := s.db.Gorm.WithContext(ctx)
	q := db.Model(&question{})
	if opportunityID != "" && !isID(opportunityID) {
		return []CouncilQuestion{}, nil
	}
	if opportunityID != "" {
		q = q.Where("opportunity_id = ?", opportunityID)
	}
	if dpsID != "" && !isID(dpsID) {
		return []CouncilQuestion{}, nil
	}
	if dpsID != "" {
		q = q.Where("dps_id = ?", dpsID)
	}
	if waitingOnly {
		q = q.Where("status = ?", StatusAwaiting)
	}
	var rows []question
	if err := q.Order("asked_at").Limit(1000).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("clarifications: unable to read the queue: %w", err)
	}
	views, err := s.views(ctx, db, rows)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]CouncilQuestion, 0, len(views))
	for i, v := range views {
		out = append(out, s.council(v, rows[i], now))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Status == StatusAwaiting) != (b.Status == StatusAwaiting) {
			return a.Status == StatusAwaiting
		}
		if a.Status == StatusAwaiting {
			return before(a.AnswerBy, b.AnswerBy)
		}
		return a.AskedAt.After(b.AskedAt)
	})
	return out, nil
}

func before(a, b *time.Time) bool {
	switch {
	case a == nil:
		return false
	case b == nil:
		return true
	}
	return a.Before(*b)
}

// council adds what only the council sees to a question's view.
func (s *Service) council(v SupplierQuestion, q question, now time.Time) CouncilQuestion {
	c := CouncilQuestion{SupplierQuestion: v, PrivateReason: q.PrivateReason}
	if q.Status == StatusAwaiting && v.AnswerBy != nil {
		left := v.AnswerBy.Sub(now)
		c.Overdue = left <= 0
		switch days := int(left.Hours() / 24); {
		case left <= 0:
			c.TimeLeftText = "Overdue"
		case days == 0:
			c.TimeLeftText = "Less than a day to answer"
		case days == 1:
			c.TimeLeftText = "1 day to answer"
		default:
			c.TimeLeftText = fmt.Sprintf("%d days to answer", days)
		}
	}
	return c
}

// GetForCouncil returns one question with who asked, for the council to answer; reading who asked
// is audited. Errors: forbidden, not_found.
func (s *Service) GetForCouncil(ctx context.Context, p *auth.Principal, id string) (CouncilQuestion, error) {
	if !isStaff(p) {
		return CouncilQuestion{}, apperr.New(apperr.Forbidden, "Only the council's buyers see questions")
	}
	if !isID(id) {
		return CouncilQuestion{}, errNoQuestion
	}
	db := s.db.Gorm.WithContext(ctx)
	var q question
	if err := db.Where("id = ?", id).Take(&q).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return CouncilQuestion{}, errNoQuestion
		}
		return CouncilQuestion{}, fmt.Errorf("clarifications: unable to read the question: %w", err)
	}
	views, err := s.views(ctx, db, []question{q})
	if err != nil {
		return CouncilQuestion{}, err
	}
	c := s.council(views[0], q, s.now())
	names, err := s.orgs.OrganisationNames(ctx, []string{q.OrganisationID})
	if err != nil {
		return CouncilQuestion{}, err
	}
	c.OrganisationName = names[q.OrganisationID]
	t, err := s.topicOf(ctx, q.OpportunityID, q.DPSID)
	if err != nil {
		return CouncilQuestion{}, err
	}
	if c.Answered, err = s.published(ctx, t); err != nil {
		return CouncilQuestion{}, err
	}
	err = s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: "clarification.asker_read", SubjectType: "clarification_question", SubjectID: q.ID,
		ClientIP: audit.ClientIP(ctx)})
	return c, err
}

// loadForChange reads a waiting question for the council to act on, locking its opportunity's
// answers so that two buyers cannot answer it at once or take the same number.
// Errors: forbidden, not_found, conflict (already dealt with).
func (s *Service) loadForChange(tx *gorm.DB, p *auth.Principal, id string) (question, error) {
	if !isStaff(p) {
		return question{}, apperr.New(apperr.Forbidden, "Only the council's buyers answer questions")
	}
	if !isID(id) {
		return question{}, errNoQuestion
	}
	var q question
	if err := tx.Where("id = ?", id).Take(&q).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return question{}, errNoQuestion
		}
		return question{}, fmt.Errorf("clarifications: unable to read the question: %w", err)
	}
	_, about := q.about()
	if err := s.db.LockForUpdate(tx, "clarifications:"+about); err != nil {
		return question{}, err
	}
	// Read again under the lock: another buyer may have dealt with it a moment ago.
	if err := tx.Where("id = ?", id).Take(&q).Error; err != nil {
		return question{}, fmt.Errorf("clarifications: unable to read the question: %w", err)
	}
	if q.Status != StatusAwaiting {
		return question{}, apperr.New(apperr.Conflict, "This question has already been dealt with: "+strings.ToLower(statusText[q.Status]))
	}
	return q, nil
}

// nextNumber is the next public number on an opportunity or DPS (column names which, id is it);
// the caller holds its lock.
func nextNumber(tx *gorm.DB, column, id string) (int, error) {
	var n *int
	if err := tx.Model(&answer{}).Where(column+" = ?", id).Select("MAX(number)").Scan(&n).Error; err != nil {
		return 0, fmt.Errorf("clarifications: unable to number the answer: %w", err)
	}
	if n == nil {
		return 1, nil
	}
	return *n + 1, nil
}

// corrects finds the answer numbered n on the opportunity or DPS, for a correction to link to.
func corrects(tx *gorm.DB, column, id string, n int) (*string, error) {
	if n == 0 {
		return nil, nil
	}
	var a answer
	err := tx.Where(column+" = ? AND number = ?", id, n).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.Field("correctsNumber", fmt.Sprintf("There is no answer %d here", n))
	}
	if err != nil {
		return nil, fmt.Errorf("clarifications: unable to read the answer corrected: %w", err)
	}
	return &a.ID, nil
}

// Answer answers a waiting question: to everyone (published on the opportunity, everyone working
// towards a bid is told) or privately (only when the asker asked, with the council's reason).
// Errors: forbidden, not_found, conflict (already dealt with), invalid (field).
func (s *Service) Answer(ctx context.Context, p *auth.Principal, id string, in AnswerQuestionInput) (CouncilQuestion, error) {
	in.Question, in.Answer, in.PrivateReason = strings.TrimSpace(in.Question), strings.TrimSpace(in.Answer), strings.TrimSpace(in.PrivateReason)
	// What the answer needs of the opportunity is read first: on SQLite a read on another
	// connection would wait for this transaction's write lock.
	t, owner, err := s.topicOfQuestion(ctx, p, id)
	if err != nil {
		return CouncilQuestion{}, err
	}
	var q question
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if q, err = s.loadForChange(tx, p, id); err != nil {
			return err
		}
		var f apperr.Fields
		if in.Answer == "" {
			f.Add("answer", "Enter the answer")
		}
		switch in.Visibility {
		case Everyone:
		case Private:
			if !q.PrivateRequested {
				f.Add("visibility", "The supplier did not ask for a private answer: answer everyone")
			} else if in.PrivateReason == "" {
				f.Add("privateReason", "Say why the answer need not go to everyone")
			}
		default:
			f.Add("visibility", "Choose who the answer is for")
		}
		if q.DPSID != "" && len(in.DocumentIDs) > 0 {
			f.Add("documentIds", "Documents can be attached to answers about opportunities only: put what they say in the answer")
		}
		if err := f.Err(); err != nil {
			return err
		}
		a := answer{ID: uuid.NewString(), OpportunityID: q.OpportunityID, DPSID: q.DPSID, QuestionID: &q.ID, ThreadRef: q.ThreadRef, Visibility: in.Visibility,
			Subject: q.Subject, Question: q.Question, Answer: in.Answer, AnsweredBy: p.UserID, PublishedAt: s.stamp()}
		status := StatusAnsweredPrivately
		if in.Visibility == Everyone {
			status = StatusAnswered
			if in.Question != "" {
				a.Question = in.Question
			}
			column, about := q.about()
			n, err := nextNumber(tx, column, about)
			if err != nil {
				return err
			}
			a.Number = &n
			if a.CorrectsID, err = corrects(tx, column, about, in.CorrectsNumber); err != nil {
				return err
			}
		} else {
			a.PrivateReason = in.PrivateReason
		}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("clarifications: unable to save the answer: %w", err)
		}
		if err := attach(tx, a, in.DocumentIDs); err != nil {
			return err
		}
		q.Status, q.AnswerID, q.ClosedAt = status, &a.ID, &a.PublishedAt
		if err := tx.Model(&question{}).Where("id = ?", q.ID).Updates(map[string]any{"status": q.Status, "answer_id": a.ID, "closed_at": a.PublishedAt}).Error; err != nil {
			return fmt.Errorf("clarifications: unable to record the answer: %w", err)
		}
		details := q.aboutDetails()
		details["visibility"], details["threadRef"] = in.Visibility, q.ThreadRef
		if a.Question != q.Question {
			// What was edited out is kept for the record: the audit is the council's, never published.
			details["questionAsAsked"], details["questionAsPublished"] = q.Question, a.Question
		}
		if in.Visibility == Private {
			details["privateReason"] = in.PrivateReason
		}
		if err := s.warnAnsweredLate(ctx, tx, t, owner, q, a); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.answered", SubjectType: "clarification_question", SubjectID: q.ID,
			ClientIP: audit.ClientIP(ctx), Details: details}); err != nil {
			return err
		}
		return jobs.InsertTx(ctx, s.jobs(), tx, TellArgs{AnswerID: a.ID})
	})
	if err != nil {
		return CouncilQuestion{}, err
	}
	return s.GetForCouncil(ctx, p, q.ID)
}

// PublishClarification publishes a clarification nobody asked for, to everyone.
// Errors: forbidden, not_found, conflict (not published), invalid (field).
func (s *Service) PublishClarification(ctx context.Context, p *auth.Principal, opportunityID string, in ClarificationInput) (PublishedAnswer, error) {
	if !isStaff(p) {
		return PublishedAnswer{}, apperr.New(apperr.Forbidden, "Only the council's buyers publish clarifications")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return PublishedAnswer{}, err
	}
	if o.Status != opportunities.StatusOpen && o.Status != opportunities.StatusClosed {
		return PublishedAnswer{}, apperr.New(apperr.Conflict, "Publish the opportunity before publishing clarifications")
	}
	in.Subject, in.Question, in.Answer = strings.TrimSpace(in.Subject), strings.TrimSpace(in.Question), strings.TrimSpace(in.Answer)
	var f apperr.Fields
	if in.Subject == "" {
		f.Add("subject", "Enter what the clarification is about")
	}
	if in.Answer == "" {
		f.Add("answer", "Enter the clarification")
	}
	if err := f.Err(); err != nil {
		return PublishedAnswer{}, err
	}
	a := answer{ID: uuid.NewString(), OpportunityID: nullID(o.ID), ThreadRef: threadRef(), Visibility: Everyone, Subject: in.Subject, Question: in.Question,
		Answer: in.Answer, AnsweredBy: p.UserID}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.db.LockForUpdate(tx, "clarifications:"+o.ID); err != nil {
			return err
		}
		n, err := nextNumber(tx, "opportunity_id", o.ID)
		if err != nil {
			return err
		}
		a.Number, a.PublishedAt = &n, s.stamp()
		if a.CorrectsID, err = corrects(tx, "opportunity_id", o.ID, in.CorrectsNumber); err != nil {
			return err
		}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("clarifications: unable to save the clarification: %w", err)
		}
		if err := attach(tx, a, in.DocumentIDs); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.published", SubjectType: "clarification_answer", SubjectID: a.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": o.ID, "number": n}}); err != nil {
			return err
		}
		return jobs.InsertTx(ctx, s.jobs(), tx, TellArgs{AnswerID: a.ID})
	})
	if err != nil {
		return PublishedAnswer{}, err
	}
	docs, err := documentsFor(s.db.Gorm.WithContext(ctx), []string{a.ID})
	if err != nil {
		return PublishedAnswer{}, err
	}
	return publishedAnswer(a, map[string]int{}, docs), nil
}

// Decline closes a question without an answer, with a reason the asker is told.
// Errors: forbidden, not_found, conflict, invalid (reason).
func (s *Service) Decline(ctx context.Context, p *auth.Principal, id, reason string) (CouncilQuestion, error) {
	reason = strings.TrimSpace(reason)
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		q, err := s.loadForChange(tx, p, id)
		if err != nil {
			return err
		}
		if reason == "" {
			return apperr.Field("reason", "Say why the question will not be answered: the supplier is told")
		}
		now := s.stamp()
		if err := tx.Model(&question{}).Where("id = ?", q.ID).Updates(map[string]any{"status": StatusDeclined, "decline_reason": reason, "closed_at": now}).Error; err != nil {
			return fmt.Errorf("clarifications: unable to record the decision: %w", err)
		}
		details := q.aboutDetails()
		details["reason"] = reason
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.declined", SubjectType: "clarification_question", SubjectID: q.ID,
			ClientIP: audit.ClientIP(ctx), Details: details}); err != nil {
			return err
		}
		return s.notify.NotifyTx(ctx, tx, []notifications.Notice{{UserID: q.AskedBy, DedupeKey: "question-closed:" + q.ID, Kind: KindYourQuestion,
			OpportunityID: string(q.OpportunityID), Title: "The council will not answer your question " + q.ThreadRef, Body: "Their reason: " + reason,
			Link: "/supplier/questions", Email: true}})
	})
	if err != nil {
		return CouncilQuestion{}, err
	}
	return s.GetForCouncil(ctx, p, id)
}

// Merge answers a question with the published answer to an earlier one on the same opportunity;
// the asker is told where the answer is. Errors: forbidden, not_found, conflict, invalid (into).
func (s *Service) Merge(ctx context.Context, p *auth.Principal, id, intoThread string) (CouncilQuestion, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		q, err := s.loadForChange(tx, p, id)
		if err != nil {
			return err
		}
		var into answer
		column, about := q.about()
		err = tx.Where(column+" = ? AND thread_ref = ? AND visibility = ?", about, strings.TrimSpace(intoThread), Everyone).Take(&into).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.Field("intoThreadRef", "Choose a question about the same opportunity or DPS that has been answered to everyone")
		}
		if err != nil {
			return fmt.Errorf("clarifications: unable to read the answer: %w", err)
		}
		now := s.stamp()
		if err := tx.Model(&question{}).Where("id = ?", q.ID).Updates(map[string]any{"status": StatusMerged, "merged_into": into.QuestionID,
			"answer_id": into.ID, "closed_at": now}).Error; err != nil {
			return fmt.Errorf("clarifications: unable to record the merge: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "clarification.merged", SubjectType: "clarification_question", SubjectID: q.ID,
			ClientIP: audit.ClientIP(ctx), Details: mergeDetails(q, into)}); err != nil {
			return err
		}
		where, link := "on the opportunity", "/opportunities/"+about+"#questions"
		if q.DPSID != "" {
			where, link = "on the DPS's page", "/dps/"+about+"#questions"
		}
		return s.notify.NotifyTx(ctx, tx, []notifications.Notice{{UserID: q.AskedBy, DedupeKey: "question-closed:" + q.ID, Kind: KindYourQuestion,
			OpportunityID: string(q.OpportunityID), Title: "Your question " + q.ThreadRef + " is answered by answer " + fmt.Sprint(*into.Number),
			Body: "The council answered an earlier question that asked the same: see answer " + fmt.Sprint(*into.Number) + " " + where + ".",
			Link: link, Email: true}})
	})
	if err != nil {
		return CouncilQuestion{}, err
	}
	return s.GetForCouncil(ctx, p, id)
}

// mergeDetails is what the audit records of merging q into an earlier answer.
func mergeDetails(q question, into answer) map[string]any {
	d := q.aboutDetails()
	d["into"] = into.ThreadRef
	return d
}

// Tell tells everyone concerned of an answer, once each however often it runs: for an answer to
// everyone, everyone working towards a bid (notifications' audience), or for a DPS everyone who
// applied to join; and the asker, whichever way it was answered. It returns how many notices it
// wrote.
func (s *Service) Tell(ctx context.Context, answerID string) (int64, error) {
	db := s.db.Gorm.WithContext(ctx)
	var a answer
	if err := db.Where("id = ?", answerID).Take(&a).Error; err != nil {
		return 0, fmt.Errorf("clarifications: unable to read answer %s: %w", answerID, err)
	}
	t, err := s.topicOf(ctx, a.OpportunityID, a.DPSID)
	if err != nil {
		return 0, err
	}
	var told int64
	if a.Visibility == Everyone {
		var except []string
		if a.QuestionID != nil {
			// The asker is told below, in words of their own question.
			if err := db.Model(&question{}).Where("id = ?", *a.QuestionID).Pluck("asked_by", &except).Error; err != nil {
				return 0, fmt.Errorf("clarifications: unable to read the question: %w", err)
			}
		}
		var n int64
		if t.isDPS() {
			n, err = s.tellDPS(ctx, t, a, except)
		} else {
			n, err = s.notify.TellWorkingTowards(ctx, t.ID, except, KindAnswer, "clarification:"+a.ID,
				fmt.Sprintf("New answer to a question on %s", t.Title),
				fmt.Sprintf("Answer %d: %s. Read it on the opportunity's page; everyone bidding sees the same answer.", *a.Number, a.Subject))
		}
		if err != nil {
			return 0, err
		}
		told += n
	}
	if a.QuestionID != nil {
		var q question
		if err := db.Where("id = ?", *a.QuestionID).Take(&q).Error; err != nil {
			return told, fmt.Errorf("clarifications: unable to read the question: %w", err)
		}
		title, link := "Your question "+q.ThreadRef+" has been answered to everyone", t.page()
		if a.Visibility == Private {
			title, link = "Your question "+q.ThreadRef+" has been answered to you privately", "/supplier/questions"
		}
		n, err := s.notify.Notify(ctx, []notifications.Notice{{UserID: q.AskedBy, DedupeKey: "question-closed:" + q.ID, Kind: KindYourQuestion,
			OpportunityID: string(a.OpportunityID), Title: title, Body: q.Subject + " on " + t.Title + ".", Link: link, Email: true}})
		if err != nil {
			return told, err
		}
		told += n
	}
	return told, nil
}

// topicOfQuestion reads what question id is about, and for an opportunity its owner.
// Errors: forbidden, not_found.
func (s *Service) topicOfQuestion(ctx context.Context, p *auth.Principal, id string) (topic, string, error) {
	if !isStaff(p) {
		return topic{}, "", apperr.New(apperr.Forbidden, "Only the council's buyers answer questions")
	}
	if !isID(id) {
		return topic{}, "", errNoQuestion
	}
	var qs []question
	if err := s.db.Gorm.WithContext(ctx).Select("opportunity_id, dps_id").Where("id = ?", id).Find(&qs).Error; err != nil {
		return topic{}, "", fmt.Errorf("clarifications: unable to read the question: %w", err)
	}
	if len(qs) == 0 {
		return topic{}, "", errNoQuestion
	}
	t, err := s.topicOf(ctx, qs[0].OpportunityID, qs[0].DPSID)
	if err != nil || t.isDPS() {
		return t, "", err
	}
	owner, err := s.opps.Owner(ctx, t.ID)
	return t, owner, err
}

// warnAnsweredLate tells the buyer, with the answer, when it comes after the time the council aims
// to answer by, offering the extension.
func (s *Service) warnAnsweredLate(ctx context.Context, tx *gorm.DB, t topic, owner string, q question, a answer) error {
	if t.isDPS() {
		return nil // a DPS has no deadline for bids to extend
	}
	o := t.opp
	by := s.answerBy(o)
	if by == nil || !a.PublishedAt.After(*by) || q.AskedAt.After(*by) || o.Status != opportunities.StatusOpen {
		return nil
	}
	return s.notify.NotifyTx(ctx, tx, []notifications.Notice{lateNotice(owner, o, "answer:"+a.ID,
		"Question "+q.ThreadRef+" on "+o.Title+" was answered late", "The council aimed to answer it by "+format.DateTime(*by)+".")})
}
