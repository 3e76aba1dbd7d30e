package evaluation

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// FeedbackQuestionInput is a bidder's follow-up question about their feedback.
type FeedbackQuestionInput struct {
	Question string `json:"question" maxLength:"2000" doc:"What you would like explained about your feedback."`
}

// FeedbackAnswerInput is the council's private answer.
type FeedbackAnswerInput struct {
	Answer string `json:"answer" maxLength:"5000" doc:"Only the bidder who asked sees it."`
}

func (s *Service) feedbackQuestions(db *gorm.DB, opportunityID string) ([]feedbackQuestionRow, error) {
	var rows []feedbackQuestionRow
	err := db.Where("bid_id IN (?)", db.Model(&bidRow{}).Select("bid_id").Where("opportunity_id = ?", opportunityID)).Order("asked_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the feedback questions: %w", err)
	}
	return rows, nil
}

// AskFeedbackQuestion takes a bidder's question about their feedback, during the standstill
// period only; the buyers who proposed and approved the award are told. Errors: not_found,
// conflict (outside the standstill period), invalid.
func (s *Service) AskFeedbackQuestion(ctx context.Context, p *auth.Principal, bidID string, in FeedbackQuestionInput) (BidOutcome, error) {
	db := s.db.Gorm.WithContext(ctx)
	oppID, _, err := s.bidderBid(db, p, bidID)
	if err != nil {
		return BidOutcome{}, err
	}
	text := strings.TrimSpace(in.Question)
	if text == "" {
		return BidOutcome{}, apperr.Field("question", "Write your question")
	}
	out, err := outcome(db, oppID)
	if err != nil {
		return BidOutcome{}, err
	}
	var sent int64
	if err := db.Model(&summaryRow{}).Where("bid_id = ? AND sent_at IS NOT NULL", bidID).Count(&sent).Error; err != nil {
		return BidOutcome{}, fmt.Errorf("evaluation: unable to read the summary: %w", err)
	}
	if out == nil || sent == 0 || !canAsk(*out, s.now()) {
		return BidOutcome{}, apperr.New(apperr.Conflict, "Questions about your feedback can be asked only during the standstill period")
	}
	o, err := s.opps.GetOpportunity(ctx, nil, oppID)
	if err != nil {
		return BidOutcome{}, err
	}
	awards, err := awardRows(db, oppID)
	if err != nil {
		return BidOutcome{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		q := feedbackQuestionRow{ID: uuid.NewString(), BidID: bidID, AskedBy: p.UserID, Question: text, AskedAt: now}
		if err := tx.Create(&q).Error; err != nil {
			return fmt.Errorf("evaluation: unable to keep the question: %w", err)
		}
		told := map[string]bool{}
		notices := []notifications.Notice{}
		for _, a := range awards {
			for _, u := range []*string{&a.ProposedBy, a.ApprovedBy} {
				if u != nil && !told[*u] {
					told[*u] = true
					notices = append(notices, notifications.Notice{UserID: *u, DedupeKey: "feedback_question:" + q.ID, Kind: notifications.KindDecision,
						OpportunityID: oppID, Title: "A bidder has asked about their feedback on " + o.Title,
						Body: "Answer it privately on the award page before the standstill period ends.", Link: "/opportunities/" + oppID + "/award", Email: true})
				}
			}
		}
		if len(notices) > 0 {
			if err := s.notify.NotifyTx(ctx, tx, notices); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.feedback_question_asked", SubjectType: "bid", SubjectID: bidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"question": q.ID}})
	})
	if err != nil {
		return BidOutcome{}, err
	}
	return s.GetOutcome(ctx, p, bidID)
}

// AnswerFeedbackQuestion is the buyer's private answer to a bidder's question; the person who
// asked is told. Errors: not_found, forbidden, conflict (already answered), invalid.
func (s *Service) AnswerFeedbackQuestion(ctx context.Context, p *auth.Principal, questionID string, in FeedbackAnswerInput) (AwardFeedbackQuestion, error) {
	db := s.db.Gorm.WithContext(ctx)
	notFound := apperr.New(apperr.NotFound, "There is no such question")
	if !isID(questionID) {
		return AwardFeedbackQuestion{}, notFound
	}
	var q feedbackQuestionRow
	if err := db.Where("id = ?", questionID).Take(&q).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return AwardFeedbackQuestion{}, notFound
	} else if err != nil {
		return AwardFeedbackQuestion{}, fmt.Errorf("evaluation: unable to read the question: %w", err)
	}
	b, err := s.evaluationBid(ctx, q.BidID)
	if err != nil {
		return AwardFeedbackQuestion{}, err
	}
	o, err := s.awardBuyer(ctx, p, b.OpportunityID)
	if err != nil {
		return AwardFeedbackQuestion{}, err
	}
	answer := strings.TrimSpace(in.Answer)
	if answer == "" {
		return AwardFeedbackQuestion{}, apperr.Field("answer", "Write the answer")
	}
	if q.AnsweredAt != nil {
		return AwardFeedbackQuestion{}, apperr.New(apperr.Conflict, "This question has already been answered")
	}
	now := s.stamp()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		r := tx.Model(&feedbackQuestionRow{}).Where("id = ? AND answered_at IS NULL", q.ID).Updates(map[string]any{"answer": answer, "answered_by": p.UserID, "answered_at": now})
		if r.Error != nil {
			return fmt.Errorf("evaluation: unable to keep the answer: %w", r.Error)
		}
		if r.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "This question has already been answered")
		}
		if err := s.notify.NotifyTx(ctx, tx, []notifications.Notice{{UserID: q.AskedBy, DedupeKey: "feedback_answer:" + q.ID, Kind: notifications.KindYourQuestion,
			OpportunityID: o.ID, Title: "The council has answered your question about your feedback on " + o.Title,
			Body: "Read the answer on your bid's outcome page.", Link: "/bids/" + q.BidID + "/outcome", Email: true}}); err != nil {
			return err
		}
		bidID := q.BidID
		if err := s.record(tx, historyRow{OpportunityID: o.ID, BidID: &bidID, ActorID: p.UserID, Action: "feedback_answered", AfterValue: q.ID, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.feedback_answered", SubjectType: "bid", SubjectID: q.BidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"question": q.ID}})
	})
	if err != nil {
		return AwardFeedbackQuestion{}, err
	}
	names, err := s.dir.OrganisationNames(db, []string{b.OrganisationID})
	if err != nil {
		return AwardFeedbackQuestion{}, err
	}
	return AwardFeedbackQuestion{ID: q.ID, BidID: q.BidID, Reference: b.Reference, OrganisationName: names[b.OrganisationID], Question: q.Question,
		AskedAt: q.AskedAt, Answer: answer, AnsweredAt: &now}, nil
}
