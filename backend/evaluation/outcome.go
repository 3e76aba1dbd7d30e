package evaluation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// Where a bid stands, as its bidder sees it.
const (
	OutcomeSubmitted  = "submitted"
	OutcomeOpened     = "opened"
	OutcomeEvaluating = "being_evaluated"
	OutcomeSent       = "outcome" // the assessment summary is sent; standstill running
	OutcomePaused     = "standstill_paused"
	OutcomeEnded      = "standstill_ended"
	OutcomeContract   = "contract_entered"
	OutcomeTerminated = "terminated"
)

var outcomeStageText = map[string]string{
	OutcomeSubmitted: "Submitted: the bids are sealed until the deadline", OutcomeOpened: "Opened after the deadline",
	OutcomeEvaluating: "Being evaluated", OutcomeSent: "Outcome sent: the standstill period is running",
	OutcomePaused: "Outcome sent: the standstill period is paused", OutcomeEnded: "The standstill period has ended",
	OutcomeContract: "The contract has been entered", OutcomeTerminated: "Ended without an award",
}

// OutcomeStep is one step of a bid's timeline.
type OutcomeStep struct {
	Step  string     `json:"step" enum:"submitted,opened,being_evaluated,outcome,standstill_ends,contract,terminated"`
	Label string     `json:"label"`
	At    *time.Time `json:"at,omitempty" doc:"When it happened (or, for standstill_ends, will)."`
	Done  bool       `json:"done"`
}

// OutcomeQuestion is one of the bidder's follow-up questions about their feedback.
type OutcomeQuestion struct {
	ID         string     `json:"id"`
	Question   string     `json:"question"`
	AskedAt    time.Time  `json:"askedAt"`
	Answer     string     `json:"answer" doc:"Empty until the council answers."`
	AnsweredAt *time.Time `json:"answeredAt,omitempty"`
}

// BidOutcome is what a bidder sees of their bid after the deadline: the timeline and, once the
// summaries are sent, their assessment summary (their marks against the winner's, what they did
// well and what would have scored higher), the standstill period and the contract.
type BidOutcome struct {
	BidID            string        `json:"bidId"`
	Reference        string        `json:"reference"`
	OpportunityID    string        `json:"opportunityId"`
	OpportunityTitle string        `json:"opportunityTitle"`
	Stage            string        `json:"stage" enum:"submitted,opened,being_evaluated,outcome,standstill_paused,standstill_ended,contract_entered,terminated"`
	StageText        string        `json:"stageText"`
	Timeline         []OutcomeStep `json:"timeline" nullable:"false"`
	// Summary is the bidder's assessment summary, once sent.
	Summary            *AssessmentSummary `json:"summary,omitempty"`
	StandstillEndsAt   *time.Time         `json:"standstillEndsAt,omitempty"`
	StandstillEndsText string             `json:"standstillEndsText"`
	PauseReason        string             `json:"pauseReason"`
	ContractEnteredAt  *time.Time         `json:"contractEnteredAt,omitempty"`
	TerminationReason  string             `json:"terminationReason"`
	CanAsk             bool               `json:"canAsk" doc:"A follow-up question about the feedback may be asked: during the standstill period."`
	Questions          []OutcomeQuestion  `json:"questions" nullable:"false"`
}

// bidderBid checks p belongs to the organisation that made bidID; anyone else (council staff
// included) is told there is no such bid, so that a bid's existence does not leak.
func (s *Service) bidderBid(db *gorm.DB, p *auth.Principal, bidID string) (opportunityID, organisationID string, err error) {
	notFound := apperr.New(apperr.NotFound, "There is no such bid")
	if p == nil || p.Role != auth.RoleSupplier || !isID(bidID) {
		return "", "", notFound
	}
	oppID, orgID, err := s.bids.BidOpportunity(db, bidID)
	if err != nil {
		return "", "", err
	}
	if _, err := s.dir.MemberRole(db, p.UserID, orgID); err != nil {
		if apperr.CodeOf(err) == apperr.Forbidden {
			return "", "", notFound
		}
		return "", "", err
	}
	return oppID, orgID, nil
}

// GetOutcome returns a bid's outcome page for a member of the bidding organisation. It shows
// their own assessment summary only, and only once every summary has been sent. Errors:
// not_found (no such bid, or not theirs).
func (s *Service) GetOutcome(ctx context.Context, p *auth.Principal, bidID string) (BidOutcome, error) {
	db := s.db.Gorm.WithContext(ctx)
	oppID, _, err := s.bidderBid(db, p, bidID)
	if err != nil {
		return BidOutcome{}, err
	}
	bv, err := s.bids.Get(ctx, p, bidID)
	if err != nil {
		return BidOutcome{}, err
	}
	v := BidOutcome{BidID: bidID, Reference: bv.Reference, OpportunityID: oppID, OpportunityTitle: bv.OpportunityTitle, Timeline: []OutcomeStep{}, Questions: []OutcomeQuestion{}}
	v.Stage = OutcomeSubmitted
	v.Timeline = append(v.Timeline, OutcomeStep{Step: "submitted", Label: "Bid submitted", At: bv.SubmittedAt, Done: bv.SubmittedAt != nil})
	opening, err := s.bids.GetOpening(ctx, nil, oppID)
	if err != nil {
		return BidOutcome{}, err
	}
	v.Timeline = append(v.Timeline, OutcomeStep{Step: "opened", Label: "Bids opened", At: opening.OpenedAt, Done: opening.OpenedAt != nil})
	if opening.OpenedAt != nil {
		v.Stage = OutcomeOpened
	}
	var b bidRow
	evaluating := false
	if err := db.Where("bid_id = ?", bidID).Take(&b).Error; err == nil {
		evaluating = true
		v.Stage = OutcomeEvaluating
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return BidOutcome{}, fmt.Errorf("evaluation: unable to read the bid: %w", err)
	}
	step := OutcomeStep{Step: "being_evaluated", Label: "Being evaluated", Done: evaluating}
	if evaluating {
		at := b.CheckedAt
		step.At = &at
	}
	v.Timeline = append(v.Timeline, step)
	out, err := outcome(db, oppID)
	if err != nil {
		return BidOutcome{}, err
	}
	if out != nil && out.Status == AwardTerminated {
		v.Stage, v.TerminationReason = OutcomeTerminated, out.TerminationReason
		v.Timeline = append(v.Timeline, OutcomeStep{Step: "terminated", Label: "Ended without an award", At: out.TerminatedAt, Done: true})
	}
	if out == nil || out.SummariesSentAt == nil {
		v.StageText = outcomeStageText[v.Stage]
		return v, nil
	}
	var row summaryRow
	if err := db.Where("bid_id = ? AND sent_at IS NOT NULL", bidID).Take(&row).Error; err == nil {
		sum, err := decodeSummary(row)
		if err != nil {
			return BidOutcome{}, err
		}
		v.Summary = &sum
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return BidOutcome{}, fmt.Errorf("evaluation: unable to read the summary: %w", err)
	}
	now := s.now()
	v.Timeline = append(v.Timeline, OutcomeStep{Step: "outcome", Label: "Outcome and feedback sent", At: out.SummariesSentAt, Done: true})
	if out.StandstillEndsAt != nil {
		ends := *out.StandstillEndsAt
		v.StandstillEndsAt = &ends
		v.StandstillEndsText = standstillText(ends, out.PausedAt != nil)
		v.Timeline = append(v.Timeline, OutcomeStep{Step: "standstill_ends", Label: "Standstill period ends", At: &ends, Done: now.After(ends) && out.PausedAt == nil})
	}
	v.Timeline = append(v.Timeline, OutcomeStep{Step: "contract", Label: "Contract entered", At: out.ContractEnteredAt, Done: out.ContractEnteredAt != nil})
	v.PauseReason, v.ContractEnteredAt = out.PauseReason, out.ContractEnteredAt
	switch out.Status {
	case AwardStandstill:
		v.Stage = OutcomeSent
		if out.StandstillEndsAt != nil && now.After(*out.StandstillEndsAt) {
			v.Stage = OutcomeEnded
		}
	case AwardPaused:
		v.Stage = OutcomePaused
	case AwardContract:
		v.Stage = OutcomeContract
	}
	if out.Status != AwardPaused {
		v.PauseReason = ""
	}
	v.CanAsk = v.Summary != nil && canAsk(*out, now)
	var qs []feedbackQuestionRow
	if err := db.Where("bid_id = ?", bidID).Order("asked_at, id").Find(&qs).Error; err != nil {
		return BidOutcome{}, fmt.Errorf("evaluation: unable to read the questions: %w", err)
	}
	for _, q := range qs {
		v.Questions = append(v.Questions, OutcomeQuestion{ID: q.ID, Question: q.Question, AskedAt: q.AskedAt, Answer: q.Answer, AnsweredAt: q.AnsweredAt})
	}
	v.StageText = outcomeStageText[v.Stage]
	return v, nil
}

// canAsk: follow-up questions are taken during the standstill period, paused or not.
func canAsk(o outcomeRow, now time.Time) bool {
	switch o.Status {
	case AwardPaused:
		return true
	case AwardStandstill:
		return o.StandstillEndsAt != nil && !now.After(*o.StandstillEndsAt)
	}
	return false
}
