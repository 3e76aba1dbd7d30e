package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SpreadMark is one evaluator's submitted mark, as the moderator sees it and as kept with the
// moderated mark.
type SpreadMark struct {
	EvaluatorID   string `json:"evaluatorId"`
	Evaluator     string `json:"evaluator"`
	Mark          int    `json:"mark"`
	Justification string `json:"justification"`
}

// QuestionSpread is one bid's marks for one question.
type QuestionSpread struct {
	QuestionID string         `json:"questionId"`
	Marks      []SpreadMark   `json:"marks" nullable:"false" doc:"The evaluators' submitted marks."`
	Waiting    int            `json:"waiting" doc:"Evaluators who have still to submit."`
	Lowest     *int           `json:"lowest,omitempty"`
	Highest    *int           `json:"highest,omitempty"`
	Moderated  *ModeratedMark `json:"moderated,omitempty"`
	Ready      bool           `json:"ready" doc:"Every evaluator has submitted: the moderator may moderate."`
}

// BidSpread is one bid on the moderation page.
type BidSpread struct {
	BidID     string           `json:"bidId"`
	Reference string           `json:"reference"`
	Questions []QuestionSpread `json:"questions" nullable:"false"`
}

// ModerationPage is the moderator's page: the spread per bid and question.
type ModerationPage struct {
	OpportunityID string           `json:"opportunityId"`
	ScaleMax      int              `json:"scaleMax"`
	Descriptors   []Descriptor     `json:"descriptors" nullable:"false"`
	Questions     []ScoredQuestion `json:"questions" nullable:"false"`
	Bids          []BidSpread      `json:"bids" nullable:"false" doc:"This page of the bids being scored, by reference."`
	Total         int              `json:"total" doc:"Bids being scored (not excluded), on every page."`
	Page          int              `json:"page"`
	PageSize      int              `json:"pageSize"`
}

// ModerationQuery picks which bids the moderation page shows: a page of them, or one bid.
type ModerationQuery struct {
	Page, PageSize int
	BidID          string
}

// ModerateInput is the moderated mark for one question of one bid.
type ModerateInput struct {
	Mark         *int   `json:"mark" minimum:"0" maximum:"10"`
	Rationale    string `json:"rationale" maxLength:"5000" doc:"Why this mark, given the evaluators' marks."`
	Strengths    string `json:"strengths,omitempty" maxLength:"5000" doc:"What the bid did well, in plain English: the bidder reads it."`
	Improvements string `json:"improvements,omitempty" maxLength:"5000" doc:"What would have scored higher, in plain English: the bidder reads it."`
	Reason       string `json:"reason,omitempty" maxLength:"2000" doc:"Why the moderated mark changes: required when changing one."`
}

// moderator checks p is the opportunity's moderator with a clear declaration.
func (s *Service) moderator(ctx context.Context, p *auth.Principal, opportunityID string) error {
	roles, err := s.rolesOf(s.db.Gorm.WithContext(ctx), opportunityID, p.UserID)
	if err != nil {
		return err
	}
	if !slices.Contains(roles, RoleModerator) {
		return apperr.New(apperr.Forbidden, "Only the opportunity's moderator can moderate its marks")
	}
	return s.ReadGate(ctx, p, opportunityID)
}

// GetModeration returns the moderation page: for every bid being scored and every question, the
// evaluators' submitted marks and their spread, and the moderated mark. For the moderator, and
// for buyers (read only). Errors: not_found, forbidden.
func (s *Service) GetModeration(ctx context.Context, p *auth.Principal, opportunityID string, mq ModerationQuery) (ModerationPage, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return ModerationPage{}, err
	}
	if err := s.moderator(ctx, p, o.ID); err != nil {
		if !isBuyer(p) || apperr.CodeOf(err) != apperr.Forbidden {
			return ModerationPage{}, err
		}
		if err := s.ReadGate(ctx, p, o.ID); err != nil {
			return ModerationPage{}, err
		}
	}
	db := s.db.Gorm.WithContext(ctx)
	pl, err := s.plan(ctx, o)
	if err != nil {
		return ModerationPage{}, err
	}
	m, err := s.method(db, o.ID)
	if err != nil {
		return ModerationPage{}, err
	}
	seats, err := s.seats(db, o.ID)
	if err != nil {
		return ModerationPage{}, err
	}
	all, err := evaluationBids(db, o.ID)
	if err != nil {
		return ModerationPage{}, err
	}
	if mq.PageSize <= 0 {
		mq.PageSize = 25
	}
	mq.Page, mq.PageSize = max(mq.Page, 1), min(mq.PageSize, 200)
	var rows []bidRow
	for _, b := range all {
		if !b.Excluded && (mq.BidID == "" || b.BidID == mq.BidID) {
			rows = append(rows, b)
		}
	}
	total := len(rows)
	rows = rows[min(len(rows), (mq.Page-1)*mq.PageSize):min(len(rows), mq.Page*mq.PageSize)]
	ids := []string{}
	for _, b := range rows {
		ids = append(ids, b.BidID)
	}
	var marks []markRow
	if err := db.Where("bid_id IN ? AND submitted_at IS NOT NULL", ids).Order("evaluator_id").Find(&marks).Error; err != nil {
		return ModerationPage{}, fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	var mods []moderationRow
	if err := db.Where("bid_id IN ?", ids).Find(&mods).Error; err != nil {
		return ModerationPage{}, fmt.Errorf("evaluation: unable to read moderation: %w", err)
	}
	ids = []string{}
	for _, seat := range seats {
		ids = append(ids, seat.UserID)
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return ModerationPage{}, err
	}
	type key struct{ bid, q string }
	byKey := map[key][]SpreadMark{}
	for _, r := range marks {
		k := key{r.BidID, r.QuestionID}
		byKey[k] = append(byKey[k], SpreadMark{EvaluatorID: r.EvaluatorID, Evaluator: people[r.EvaluatorID].Name, Mark: r.Mark, Justification: r.Justification})
	}
	modBy := map[key]moderationRow{}
	for _, r := range mods {
		modBy[key{r.BidID, r.QuestionID}] = r
	}
	evaluators := pl.evaluatorsOf(seats)
	out := ModerationPage{OpportunityID: o.ID, ScaleMax: m.ScaleMax, Descriptors: m.Descriptors, Questions: pl.questions, Bids: []BidSpread{},
		Total: total, Page: mq.Page, PageSize: mq.PageSize}
	for _, b := range rows {
		bs := BidSpread{BidID: b.BidID, Reference: b.Reference, Questions: []QuestionSpread{}}
		for _, q := range pl.questions {
			k := key{b.BidID, q.ID}
			qs := QuestionSpread{QuestionID: q.ID, Marks: nonNil(byKey[k])}
			qs.Waiting = len(evaluators[q.ID]) - len(qs.Marks)
			qs.Ready = qs.Waiting <= 0 && len(qs.Marks) > 0
			for _, sm := range qs.Marks {
				mark := sm.Mark
				if qs.Lowest == nil || mark < *qs.Lowest {
					qs.Lowest = &mark
				}
				if qs.Highest == nil || mark > *qs.Highest {
					qs.Highest = &mark
				}
			}
			if r, ok := modBy[k]; ok {
				qs.Moderated = &ModeratedMark{Mark: r.Mark, Rationale: r.Rationale, Strengths: r.Strengths, Improvements: r.Improvements,
					ModeratedBy: people[r.ModeratedBy].Name, ModeratedAt: r.ModeratedAt}
			}
			bs.Questions = append(bs.Questions, qs)
		}
		out.Bids = append(out.Bids, bs)
	}
	return out, nil
}

// Moderate records the moderated mark for one question of one bid, once every evaluator who
// marks it has submitted: with a rationale, keeping the spread as it was; changing a moderated
// mark needs a reason, and both are kept. Errors: not_found, forbidden, conflict (evaluators
// still marking, excluded bid), invalid.
func (s *Service) Moderate(ctx context.Context, p *auth.Principal, bidID, questionID string, in ModerateInput) (QuestionSpread, error) {
	b, err := s.evaluationBid(ctx, bidID)
	if err != nil {
		return QuestionSpread{}, err
	}
	if err := s.moderator(ctx, p, b.OpportunityID); err != nil {
		return QuestionSpread{}, err
	}
	if b.Excluded {
		return QuestionSpread{}, apperr.New(apperr.Conflict, "This bid was excluded at the pass/fail check: it is not marked")
	}
	mod, err := s.GetModeration(ctx, p, b.OpportunityID, ModerationQuery{BidID: b.BidID})
	if err != nil {
		return QuestionSpread{}, err
	}
	var spread *QuestionSpread
	for _, bs := range mod.Bids {
		if bs.BidID != b.BidID {
			continue
		}
		for i := range bs.Questions {
			if bs.Questions[i].QuestionID == questionID {
				spread = &bs.Questions[i]
			}
		}
	}
	if spread == nil {
		return QuestionSpread{}, apperr.New(apperr.NotFound, "There is no such scored question")
	}
	if !spread.Ready {
		return QuestionSpread{}, apperr.New(apperr.Conflict, fmt.Sprintf("%d evaluators have still to submit their marks for this question", spread.Waiting))
	}
	var f apperr.Fields
	rationale, reason := strings.TrimSpace(in.Rationale), strings.TrimSpace(in.Reason)
	switch {
	case in.Mark == nil:
		f.Add("mark", "Choose the moderated mark")
	case *in.Mark < 0 || *in.Mark > mod.ScaleMax:
		f.Add("mark", fmt.Sprintf("Choose a mark from 0 to %d", mod.ScaleMax))
	}
	if rationale == "" {
		f.Add("rationale", "Say why this is the agreed mark, given the evaluators' marks")
	}
	if spread.Moderated != nil && reason == "" {
		f.Add("reason", "Say why the moderated mark changes")
	}
	if err := f.Err(); err != nil {
		return QuestionSpread{}, err
	}
	raw, _ := json.Marshal(spread.Marks)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		row := moderationRow{BidID: b.BidID, QuestionID: questionID, OpportunityID: b.OpportunityID, Mark: *in.Mark, Rationale: rationale,
			Strengths: strings.TrimSpace(in.Strengths), Improvements: strings.TrimSpace(in.Improvements), Spread: string(raw), ModeratedBy: p.UserID, ModeratedAt: now}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "bid_id"}, {Name: "question_id"}}, UpdateAll: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("evaluation: unable to save the moderated mark: %w", err)
		}
		before, action := "", "moderated"
		if spread.Moderated != nil {
			before, action = fmt.Sprint(spread.Moderated.Mark), "moderation_changed"
		}
		bidID := b.BidID
		if err := s.record(tx, historyRow{OpportunityID: b.OpportunityID, BidID: &bidID, QuestionID: questionID, ActorID: p.UserID, Action: action,
			BeforeValue: before, AfterValue: fmt.Sprint(*in.Mark), Reason: joinReason(rationale, reason), At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation." + action, SubjectType: "bid", SubjectID: b.BidID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": b.OpportunityID, "question": questionID, "mark": *in.Mark}})
	})
	if err != nil {
		return QuestionSpread{}, err
	}
	mod, err = s.GetModeration(ctx, p, b.OpportunityID, ModerationQuery{BidID: b.BidID})
	if err != nil {
		return QuestionSpread{}, err
	}
	for _, bs := range mod.Bids {
		for _, q := range bs.Questions {
			if bs.BidID == b.BidID && q.QuestionID == questionID {
				return q, nil
			}
		}
	}
	return QuestionSpread{}, errors.New("evaluation: the moderated mark vanished")
}

func joinReason(rationale, reason string) string {
	if reason == "" {
		return rationale
	}
	return "Changed because: " + reason + " — " + rationale
}

// QualityModerated is bids' PriceGate: a two-stage opening's prices stay sealed until every
// scored question of every bid still in the evaluation has a moderated mark.
func (s *Service) QualityModerated(ctx context.Context, db *gorm.DB, opportunityID string) error {
	rows, err := evaluationBids(db, opportunityID)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return apperr.New(apperr.Conflict, "Moderate the quality scores first: the evaluation has not started")
	}
	o, err := s.opps.GetOpportunity(ctx, nil, opportunityID)
	if err != nil {
		return err
	}
	pl, err := s.plan(ctx, o)
	if err != nil {
		return err
	}
	in := 0
	for _, b := range rows {
		if !b.Excluded {
			in++
		}
	}
	n, err := count(db.Model(&moderationRow{}).Where("opportunity_id = ? AND bid_id IN (?)", opportunityID,
		db.Session(&gorm.Session{NewDB: true}).Model(&bidRow{}).Select("bid_id").Where("opportunity_id = ? AND NOT excluded", opportunityID)))
	if err != nil {
		return err
	}
	if want := in * len(pl.questions); int(n) < want {
		return apperr.New(apperr.Conflict, fmt.Sprintf("Moderate the quality scores first: %d of %d marks are moderated", n, want))
	}
	return nil
}
