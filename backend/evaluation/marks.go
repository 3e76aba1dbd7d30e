package evaluation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OtherMark is another evaluator's mark, shown only once you have submitted your own.
type OtherMark struct {
	Evaluator     string     `json:"evaluator" doc:"Their name."`
	Mark          *int       `json:"mark,omitempty" doc:"Left out until they have submitted."`
	Justification string     `json:"justification"`
	SubmittedAt   *time.Time `json:"submittedAt,omitempty"`
}

// ModeratedMark is the mark the moderator agreed.
type ModeratedMark struct {
	Mark         int       `json:"mark"`
	Rationale    string    `json:"rationale"`
	Strengths    string    `json:"strengths" doc:"What the bid did well, for the bidder's feedback."`
	Improvements string    `json:"improvements" doc:"What would have scored higher, for the bidder's feedback."`
	ModeratedBy  string    `json:"moderatedBy"`
	ModeratedAt  time.Time `json:"moderatedAt"`
}

// QuestionMarks is one scored question of a bid, with the evaluator's mark.
type QuestionMarks struct {
	ScoredQuestion
	Mark          *int           `json:"mark,omitempty" doc:"Your mark; left out until you give one."`
	Justification string         `json:"justification"`
	Others        []OtherMark    `json:"others" nullable:"false" doc:"The other evaluators' marks: empty until you have submitted yours."`
	Moderated     *ModeratedMark `json:"moderated,omitempty"`
}

// BidMarks is an evaluator's marking page for one bid.
type BidMarks struct {
	BidID            string          `json:"bidId"`
	Reference        string          `json:"reference"`
	OpportunityID    string          `json:"opportunityId"`
	OpportunityTitle string          `json:"opportunityTitle"`
	ScaleMax         int             `json:"scaleMax"`
	Descriptors      []Descriptor    `json:"descriptors" nullable:"false"`
	MinJustification int             `json:"minJustification"`
	Questions        []QuestionMarks `json:"questions" nullable:"false" doc:"The questions you mark, in the form's order."`
	Submitted        bool            `json:"submitted"`
	SubmittedAt      *time.Time      `json:"submittedAt,omitempty"`
	NextBidID        string          `json:"nextBidId,omitempty" doc:"The next bid you have still to submit marks for."`
	Done             int             `json:"done" doc:"Bids you have submitted marks for."`
	Total            int             `json:"total" doc:"Bids you mark."`
}

// MarkInput is one mark as an evaluator gives it.
type MarkInput struct {
	QuestionID    string `json:"questionId" maxLength:"36"`
	Mark          *int   `json:"mark,omitempty" minimum:"0" maximum:"10"`
	Justification string `json:"justification" maxLength:"5000" doc:"Why, by reference to what the bid says."`
}

// MarksInput are marks to save (only the questions given change).
type MarksInput struct {
	Marks []MarkInput `json:"marks" nullable:"false" maxItems:"100"`
}

// markable is the bid an evaluator may mark: in the evaluation, not excluded; p on the panel as an
// evaluator, with a clear declaration.
type markable struct {
	bid  bidRow
	opp  opportunities.OpportunityView
	pl   plan
	seat panelRow
	qs   []ScoredQuestion
	m    EvaluationMethod
}

var errNoBid = apperr.New(apperr.NotFound, "There is no such bid in an evaluation")

func (s *Service) evaluationBid(ctx context.Context, bidID string) (bidRow, error) {
	var b bidRow
	if !isID(bidID) {
		return b, errNoBid
	}
	err := s.db.Gorm.WithContext(ctx).Take(&b, "bid_id = ?", bidID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return b, errNoBid
	} else if err != nil {
		return b, fmt.Errorf("evaluation: unable to read the bid: %w", err)
	}
	return b, nil
}

func (s *Service) markable(ctx context.Context, p *auth.Principal, bidID string) (markable, error) {
	b, err := s.evaluationBid(ctx, bidID)
	if err != nil {
		return markable{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	var seat panelRow
	if err := db.Take(&seat, "opportunity_id = ? AND user_id = ? AND role = ?", b.OpportunityID, p.UserID, RoleEvaluator).Error; err != nil {
		return markable{}, apperr.New(apperr.Forbidden, "Only the opportunity's evaluators can mark its bids")
	}
	if err := s.ReadGate(ctx, p, b.OpportunityID); err != nil {
		return markable{}, err
	}
	if b.Excluded {
		return markable{}, apperr.New(apperr.Conflict, "This bid was excluded at the pass/fail check: it is not marked")
	}
	o, err := s.opps.GetOpportunity(ctx, p, b.OpportunityID)
	if err != nil {
		return markable{}, err
	}
	pl, err := s.plan(ctx, o)
	if err != nil {
		return markable{}, err
	}
	m, err := s.method(db, o.ID)
	if err != nil {
		return markable{}, err
	}
	return markable{bid: b, opp: o, pl: pl, seat: seat, qs: pl.assigned(seat), m: m}, nil
}

// GetMarks returns an evaluator's marking page for a bid: their own marks, and the others' only
// once they have submitted theirs, so that each marks independently. Errors: not_found,
// forbidden, conflict (excluded).
func (s *Service) GetMarks(ctx context.Context, p *auth.Principal, bidID string) (BidMarks, error) {
	mk, err := s.markable(ctx, p, bidID)
	if err != nil {
		return BidMarks{}, err
	}
	return s.marksView(ctx, p, mk)
}

func (s *Service) marksView(ctx context.Context, p *auth.Principal, mk markable) (BidMarks, error) {
	db := s.db.Gorm.WithContext(ctx)
	var rows []markRow
	if err := db.Where("bid_id = ?", mk.bid.BidID).Order("evaluator_id").Find(&rows).Error; err != nil {
		return BidMarks{}, fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	var mods []moderationRow
	if err := db.Where("bid_id = ?", mk.bid.BidID).Find(&mods).Error; err != nil {
		return BidMarks{}, fmt.Errorf("evaluation: unable to read moderation: %w", err)
	}
	ids := []string{}
	for _, r := range rows {
		ids = append(ids, r.EvaluatorID)
	}
	for _, m := range mods {
		ids = append(ids, m.ModeratedBy)
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return BidMarks{}, err
	}
	v := BidMarks{BidID: mk.bid.BidID, Reference: mk.bid.Reference, OpportunityID: mk.opp.ID, OpportunityTitle: mk.opp.Title, ScaleMax: mk.m.ScaleMax,
		Descriptors: mk.m.Descriptors, MinJustification: mk.m.MinJustification, Questions: []QuestionMarks{}}
	mine := map[string]markRow{}
	for _, r := range rows {
		if r.EvaluatorID == p.UserID {
			mine[r.QuestionID] = r
			if r.SubmittedAt != nil {
				v.Submitted, v.SubmittedAt = true, r.SubmittedAt
			}
		}
	}
	modBy := map[string]moderationRow{}
	for _, m := range mods {
		modBy[m.QuestionID] = m
	}
	for _, q := range mk.qs {
		qm := QuestionMarks{ScoredQuestion: q, Others: []OtherMark{}}
		if r, ok := mine[q.ID]; ok {
			mark := r.Mark
			qm.Mark, qm.Justification = &mark, r.Justification
		}
		if v.Submitted {
			for _, r := range rows {
				if r.QuestionID != q.ID || r.EvaluatorID == p.UserID {
					continue
				}
				om := OtherMark{Evaluator: people[r.EvaluatorID].Name, SubmittedAt: r.SubmittedAt}
				if r.SubmittedAt != nil {
					mark := r.Mark
					om.Mark, om.Justification = &mark, r.Justification
				}
				qm.Others = append(qm.Others, om)
			}
			if m, ok := modBy[q.ID]; ok {
				qm.Moderated = &ModeratedMark{Mark: m.Mark, Rationale: m.Rationale, Strengths: m.Strengths, Improvements: m.Improvements,
					ModeratedBy: people[m.ModeratedBy].Name, ModeratedAt: m.ModeratedAt}
			}
		}
		v.Questions = append(v.Questions, qm)
	}
	// The next bid: the first by reference, after this one and then from the start, not yet submitted.
	all, err := evaluationBids(db, mk.bid.OpportunityID)
	if err != nil {
		return BidMarks{}, err
	}
	var done []string
	if err := db.Model(&markRow{}).Distinct("bid_id").Where("evaluator_id = ? AND submitted_at IS NOT NULL AND bid_id IN (?)", p.UserID,
		db.Model(&bidRow{}).Select("bid_id").Where("opportunity_id = ?", mk.bid.OpportunityID)).Pluck("bid_id", &done).Error; err != nil {
		return BidMarks{}, fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	isDone := map[string]bool{}
	for _, id := range done {
		isDone[id] = true
	}
	var in []bidRow
	at := 0
	for _, b := range all {
		if b.Excluded {
			continue
		}
		if b.BidID == mk.bid.BidID {
			at = len(in)
		}
		in = append(in, b)
		if isDone[b.BidID] {
			v.Done++
		}
	}
	v.Total = len(in)
	for i := 1; i <= len(in); i++ {
		b := in[(at+i)%len(in)]
		if !isDone[b.BidID] && b.BidID != mk.bid.BidID {
			v.NextBidID = b.BidID
			break
		}
	}
	return v, nil
}

// SaveMarks saves an evaluator's marks for a bid as they go (only the questions given change),
// until they submit. Errors: not_found, forbidden, conflict (submitted, excluded), invalid.
func (s *Service) SaveMarks(ctx context.Context, p *auth.Principal, bidID string, in MarksInput) (BidMarks, error) {
	mk, err := s.markable(ctx, p, bidID)
	if err != nil {
		return BidMarks{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	if n, err := count(db.Model(&markRow{}).Where("bid_id = ? AND evaluator_id = ? AND submitted_at IS NOT NULL", mk.bid.BidID, p.UserID)); err != nil || n > 0 {
		return BidMarks{}, joinErr(err, apperr.New(apperr.Conflict, "EvaluationYou have submitted your marks for this bid: they cannot change"))
	}
	mine := map[string]bool{}
	for _, q := range mk.qs {
		mine[q.ID] = true
	}
	var f apperr.Fields
	rows := []markRow{}
	now := s.stamp()
	for i, m := range in.Marks {
		at := fmt.Sprintf("marks[%d]", i)
		switch {
		case !mine[m.QuestionID]:
			f.Add(at+".questionId", "Choose a question you mark")
		case m.Mark == nil:
			f.Add(at+".mark", "Choose a mark")
		case *m.Mark < 0 || *m.Mark > mk.m.ScaleMax:
			f.Add(at+".mark", fmt.Sprintf("Choose a mark from 0 to %d", mk.m.ScaleMax))
		default:
			rows = append(rows, markRow{BidID: mk.bid.BidID, QuestionID: m.QuestionID, EvaluatorID: p.UserID, Mark: *m.Mark,
				Justification: strings.TrimSpace(m.Justification), SavedAt: now})
		}
	}
	if err := f.Err(); err != nil {
		return BidMarks{}, err
	}
	if len(rows) > 0 {
		err = s.db.Tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "bid_id"}, {Name: "question_id"}, {Name: "evaluator_id"}},
				DoUpdates: clause.AssignmentColumns([]string{"mark", "justification", "saved_at"})}).Create(&rows).Error; err != nil {
				return fmt.Errorf("evaluation: unable to save marks: %w", err)
			}
			return nil
		})
		if err != nil {
			return BidMarks{}, err
		}
	}
	return s.marksView(ctx, p, mk)
}

// SubmitMarks submits an evaluator's marks for a bid: every question they mark needs a mark and
// a justification of at least the method's length. Then they are fixed, kept in the record, and
// the evaluator sees the others' marks. Errors: not_found, forbidden, conflict (already), invalid
// (body.marks[i]… naming each question still to do).
func (s *Service) SubmitMarks(ctx context.Context, p *auth.Principal, bidID string) (BidMarks, error) {
	mk, err := s.markable(ctx, p, bidID)
	if err != nil {
		return BidMarks{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	var rows []markRow
	if err := db.Where("bid_id = ? AND evaluator_id = ?", mk.bid.BidID, p.UserID).Find(&rows).Error; err != nil {
		return BidMarks{}, fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	byQ := map[string]markRow{}
	for _, r := range rows {
		if r.SubmittedAt != nil {
			return BidMarks{}, apperr.New(apperr.Conflict, "EvaluationYou have already submitted your marks for this bid")
		}
		byQ[r.QuestionID] = r
	}
	var f apperr.Fields
	for i, q := range mk.qs {
		r, ok := byQ[q.ID]
		switch {
		case !ok:
			f.Add(fmt.Sprintf("marks[%d].mark", i), fmt.Sprintf("Question %d: choose a mark", q.Number))
		case utf8.RuneCountInString(r.Justification) < mk.m.MinJustification:
			f.Add(fmt.Sprintf("marks[%d].justification", i), fmt.Sprintf("Question %d: justify the mark by what the bid says, in at least %d characters", q.Number, mk.m.MinJustification))
		}
	}
	if err := f.Err(); err != nil {
		return BidMarks{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		res := tx.Model(&markRow{}).Where("bid_id = ? AND evaluator_id = ? AND submitted_at IS NULL", mk.bid.BidID, p.UserID).Update("submitted_at", now)
		if res.Error != nil {
			return fmt.Errorf("evaluation: unable to submit marks: %w", res.Error)
		}
		bidID := mk.bid.BidID
		for _, q := range mk.qs {
			r := byQ[q.ID]
			if err := s.record(tx, historyRow{OpportunityID: mk.opp.ID, BidID: &bidID, QuestionID: q.ID, ActorID: p.UserID, Action: "marked",
				AfterValue: fmt.Sprint(r.Mark), Reason: r.Justification, At: now}); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.marks_submitted", SubjectType: "bid", SubjectID: mk.bid.BidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": mk.opp.ID, "questions": len(mk.qs)}})
	})
	if err != nil {
		return BidMarks{}, err
	}
	return s.marksView(ctx, p, mk)
}
