package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// Stages of an evaluation.
const (
	StageSealed     = "sealed"      // the bids are not opened yet
	StageNotStarted = "not_started" // opened; the pass/fail check has not been run
	StageScoring    = "scoring"     // evaluators are marking, or the moderator moderating
	StageModerated  = "moderated"   // every mark is moderated; prices next
	StageScored     = "scored"      // prices scored too: ready to award
)

// EvaluationBid is one bid in the evaluation, with how far its marking has got.
type EvaluationBid struct {
	ID               string   `json:"id"`
	Reference        string   `json:"reference"`
	OrganisationName string   `json:"organisationName"`
	LotIDs           []string `json:"lotIds" nullable:"false"`
	Excluded         bool     `json:"excluded"`
	ExcludedReason   string   `json:"excludedReason"`
	// MarksSubmitted counts the evaluators who have submitted their marks for this bid.
	MarksSubmitted int    `json:"marksSubmitted"`
	MarksExpected  int    `json:"marksExpected"`
	Moderated      int    `json:"moderated" doc:"Questions with a moderated mark."`
	YourMarks      string `json:"yourMarks" enum:"none,not_started,draft,submitted" doc:"For an evaluator: where their own marks stand; none for others."`
}

// EvaluationYou says where the person asking stands on this evaluation.
type EvaluationYou struct {
	Roles    []string `json:"roles" nullable:"false" doc:"Their seats on the panel: evaluator, moderator, price."`
	Declared bool     `json:"declared"`
	Cleared  bool     `json:"cleared" doc:"They may read the bids: declared no conflict, or one the buyer has recorded as managed."`
	// InterestDeclaration is their latest declaration.
	InterestDeclaration *InterestDeclaration `json:"declaration,omitempty"`
}

// EvaluationProgress counts how far the whole evaluation has got.
type EvaluationProgress struct {
	Bids               int `json:"bids"`
	Excluded           int `json:"excluded"`
	MarksSubmitted     int `json:"marksSubmitted" doc:"Evaluator × bid marks submitted."`
	MarksExpected      int `json:"marksExpected"`
	Moderated          int `json:"moderated" doc:"Bid × question marks moderated."`
	ModerationExpected int `json:"moderationExpected"`
}

// Evaluation is an opportunity's evaluation as council staff see it.
type Evaluation struct {
	OpportunityID string                `json:"opportunityId"`
	Reference     string                `json:"reference"`
	Title         string                `json:"title"`
	Stage         string                `json:"stage" enum:"sealed,not_started,scoring,moderated,scored"`
	StageText     string                `json:"stageText"`
	TwoStage      bool                  `json:"twoStage"`
	PricesOpen    bool                  `json:"pricesOpen"`
	Method        EvaluationMethod      `json:"method"`
	Panel         []EvaluationPanelSeat `json:"panel" nullable:"false"`
	Declarations  []InterestDeclaration `json:"declarations" nullable:"false" doc:"Every declaration, oldest first (for buyers); their own (for others)."`
	You           EvaluationYou         `json:"you"`
	Questions     []ScoredQuestion      `json:"questions" nullable:"false"`
	Bids          []EvaluationBid       `json:"bids" nullable:"false" doc:"The bids being evaluated, by reference: only after the pass/fail check has run."`
	Progress      EvaluationProgress    `json:"progress"`
	// Candidates saves the buyer's page a call to the admins' account list, which buyers may not read.
	Candidates []EvaluationPanelSeat `json:"candidates" nullable:"false" doc:"For buyers: the council staff who may sit on the panel (role left empty)."`
}

var stageText = map[string]string{
	StageSealed: "The bids are sealed until the opening panel opens them", StageNotStarted: "Opened: check the pass/fail questions to start",
	StageScoring: "Being scored", StageModerated: "Quality moderated: score the prices next", StageScored: "Scored: ready to award",
}

// Get returns an opportunity's evaluation for council staff. Errors: not_found, forbidden.
func (s *Service) Get(ctx context.Context, p *auth.Principal, opportunityID string) (Evaluation, error) {
	if !isCouncil(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Only council staff can see an evaluation")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Evaluation{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	pl, err := s.plan(ctx, o)
	if err != nil {
		return Evaluation{}, err
	}
	m, err := s.method(db, o.ID)
	if err != nil {
		return Evaluation{}, err
	}
	opening, err := s.bids.GetOpening(ctx, p, o.ID)
	if err != nil {
		return Evaluation{}, err
	}
	v := Evaluation{OpportunityID: o.ID, Reference: o.Reference, Title: o.Title, Method: m, TwoStage: pl.form.TwoStage, PricesOpen: opening.PricesOpen,
		Panel: []EvaluationPanelSeat{}, Declarations: []InterestDeclaration{}, Questions: pl.questions, Bids: []EvaluationBid{}, Candidates: []EvaluationPanelSeat{},
		You: EvaluationYou{Roles: []string{}}}
	seats, err := s.seats(db, o.ID)
	if err != nil {
		return Evaluation{}, err
	}
	var decls []declarationRow
	q := db.Where("opportunity_id = ?", o.ID)
	if !isBuyer(p) {
		q = q.Where("user_id = ?", p.UserID)
	}
	if err := q.Order("declared_at, id").Find(&decls).Error; err != nil {
		return Evaluation{}, fmt.Errorf("evaluation: unable to read declarations: %w", err)
	}
	ids := []string{}
	for _, seat := range seats {
		ids = append(ids, seat.UserID)
	}
	for _, d := range decls {
		ids = append(ids, d.UserID)
		if d.MitigatedBy != nil {
			ids = append(ids, *d.MitigatedBy)
		}
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return Evaluation{}, err
	}
	for _, seat := range seats {
		var criteria []string
		_ = json.Unmarshal([]byte(seat.Criteria), &criteria)
		v.Panel = append(v.Panel, EvaluationPanelSeat{UserID: seat.UserID, Name: people[seat.UserID].Name, Role: seat.Role, Criteria: nonNil(criteria)})
		if seat.UserID == p.UserID {
			v.You.Roles = append(v.You.Roles, seat.Role)
		}
	}
	for _, d := range decls {
		dv := declarationView(d, people)
		v.Declarations = append(v.Declarations, dv)
		if d.UserID == p.UserID {
			v.You.Declared, v.You.Cleared, v.You.InterestDeclaration = true, dv.Cleared, &dv
		}
	}
	if isBuyer(p) {
		staff, err := s.dir.Staff(db, panelRoles, 500)
		if err != nil {
			return Evaluation{}, err
		}
		for _, st := range staff {
			v.Candidates = append(v.Candidates, EvaluationPanelSeat{UserID: st.ID, Name: st.Name, Criteria: []string{}})
		}
	}
	v.Stage = StageSealed
	if opening.Status == "opened" {
		v.Stage = StageNotStarted
	}
	rows, err := evaluationBids(db, o.ID)
	if err != nil {
		return Evaluation{}, err
	}
	if len(rows) > 0 {
		if err := s.progress(ctx, db, p, pl, seats, rows, &v); err != nil {
			return Evaluation{}, err
		}
	}
	v.StageText = stageText[v.Stage]
	return v, nil
}

func declarationView(d declarationRow, people map[string]accounts.Person) InterestDeclaration {
	dv := InterestDeclaration{ID: d.ID, UserID: d.UserID, Name: people[d.UserID].Name, Conflict: d.Conflict, Details: d.Details, DeclaredAt: d.DeclaredAt,
		Mitigation: d.Mitigation, MitigatedAt: d.MitigatedAt, Cleared: cleared(&d)}
	if d.MitigatedBy != nil {
		dv.MitigatedBy = people[*d.MitigatedBy].Name
	}
	return dv
}

// progress fills in the bids and how far their marking has got, and the stage.
func (s *Service) progress(ctx context.Context, db *gorm.DB, p *auth.Principal, pl plan, seats []panelRow, rows []bidRow, v *Evaluation) error {
	orgs := []string{}
	bidIDs := []string{}
	for _, b := range rows {
		orgs, bidIDs = append(orgs, b.OrganisationID), append(bidIDs, b.BidID)
	}
	names, err := s.dir.OrganisationNames(db, orgs)
	if err != nil {
		return err
	}
	type done struct{ bid, evaluator string }
	var marks []markRow
	if err := db.Select("bid_id, evaluator_id, submitted_at").Where("bid_id IN ?", bidIDs).Find(&marks).Error; err != nil {
		return fmt.Errorf("evaluation: unable to read marks: %w", err)
	}
	submitted, started := map[done]bool{}, map[done]bool{}
	for _, m := range marks {
		started[done{m.BidID, m.EvaluatorID}] = true
		if m.SubmittedAt != nil {
			submitted[done{m.BidID, m.EvaluatorID}] = true
		}
	}
	var moderated []struct {
		BidID string
		N     int
	}
	if err := db.Model(&moderationRow{}).Select("bid_id, count(*) AS n").Where("opportunity_id = ?", pl.opp.ID).Group("bid_id").Scan(&moderated).Error; err != nil {
		return fmt.Errorf("evaluation: unable to read moderation: %w", err)
	}
	modCount := map[string]int{}
	for _, m := range moderated {
		modCount[m.BidID] = m.N
	}
	evaluators := []string{}
	for _, seat := range seats {
		if seat.Role == RoleEvaluator && len(pl.assigned(seat)) > 0 {
			evaluators = append(evaluators, seat.UserID)
		}
	}
	isEvaluator := slices.Contains(evaluators, p.UserID)
	for _, b := range rows {
		eb := EvaluationBid{ID: b.BidID, Reference: b.Reference, OrganisationName: names[b.OrganisationID], LotIDs: decodeLots(b.LotIDs),
			Excluded: b.Excluded, ExcludedReason: b.ExcludedReason, MarksExpected: len(evaluators), Moderated: modCount[b.BidID], YourMarks: "none"}
		for _, e := range evaluators {
			if submitted[done{b.BidID, e}] {
				eb.MarksSubmitted++
			}
		}
		if isEvaluator {
			switch {
			case submitted[done{b.BidID, p.UserID}]:
				eb.YourMarks = "submitted"
			case started[done{b.BidID, p.UserID}]:
				eb.YourMarks = "draft"
			default:
				eb.YourMarks = "not_started"
			}
		}
		v.Progress.Bids++
		if b.Excluded {
			v.Progress.Excluded++
		} else {
			v.Progress.MarksSubmitted += eb.MarksSubmitted
			v.Progress.MarksExpected += eb.MarksExpected
			v.Progress.Moderated += eb.Moderated
			v.Progress.ModerationExpected += len(pl.questions)
		}
		v.Bids = append(v.Bids, eb)
	}
	v.Stage = StageScoring
	if v.Progress.Moderated >= v.Progress.ModerationExpected {
		v.Stage = StageModerated
		if v.PricesOpen {
			scored, err := s.pricesScored(db, pl)
			if err != nil {
				return err
			}
			if scored {
				v.Stage = StageScored
			}
		}
	}
	return nil
}

// Start takes the opened bids into the evaluation and checks every pass/fail question first: a
// bid that gave the wrong answer (or none) to one is excluded, with a reason its bidder will see.
// Errors: not_found, forbidden, conflict (not opened, already started).
func (s *Service) Start(ctx context.Context, p *auth.Principal, opportunityID string) (Evaluation, error) {
	if !isBuyer(p) {
		return Evaluation{}, apperr.New(apperr.Forbidden, "Only buyers can start an evaluation")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Evaluation{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	if n, err := count(db.Model(&bidRow{}).Where("opportunity_id = ?", o.ID)); err != nil || n > 0 {
		return Evaluation{}, joinErr(err, apperr.New(apperr.Conflict, "The evaluation has already started"))
	}
	seats, err := s.seats(db, o.ID)
	if err != nil {
		return Evaluation{}, err
	}
	if len(seats) == 0 {
		return Evaluation{}, apperr.New(apperr.Conflict, "Name the evaluation panel first")
	}
	opened, err := s.bids.OpenedBids(ctx, o.ID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return Evaluation{}, apperr.New(apperr.Conflict, "The bids have not been opened yet")
	} else if err != nil {
		return Evaluation{}, err
	}
	pl, err := s.plan(ctx, o)
	if err != nil {
		return Evaluation{}, err
	}
	answers := map[string]map[string]string{}
	if len(pl.passFail) > 0 {
		if answers, err = s.bids.PassFailAnswers(ctx, p, o.ID); err != nil {
			return Evaluation{}, err
		}
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		excluded := 0
		for _, b := range opened {
			raw, _ := json.Marshal(nonNil(b.LotIDs))
			row := bidRow{BidID: b.ID, OpportunityID: o.ID, OrganisationID: b.OrganisationID, Reference: b.Reference, LotIDs: string(raw), CheckedAt: now}
			row.ExcludedReason = failedReason(pl, answers[b.ID])
			row.Excluded = row.ExcludedReason != ""
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("evaluation: unable to take a bid into the evaluation: %w", err)
			}
			if row.Excluded {
				excluded++
				bidID := b.ID
				if err := s.record(tx, historyRow{OpportunityID: o.ID, BidID: &bidID, ActorID: p.UserID, Action: "excluded", Reason: row.ExcludedReason, At: now}); err != nil {
					return err
				}
			}
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "started", AfterValue: fmt.Sprintf("%d bids, %d excluded", len(opened), excluded), At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.started", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"bids": len(opened), "excluded": excluded}})
	})
	if err != nil {
		return Evaluation{}, err
	}
	return s.Get(ctx, p, o.ID)
}

// failedReason says which pass/fail questions a bid failed, in words its bidder will read, or
// "" when it passed them all.
func failedReason(pl plan, answers map[string]string) string {
	reason := ""
	for _, q := range pl.passFail {
		got := answers[q.ID]
		if got == q.RequiredAnswer {
			continue
		}
		said := "did not answer it"
		if got != "" {
			said = "answered " + got
		}
		if reason != "" {
			reason += " "
		}
		reason += fmt.Sprintf("Question %d (%s) needed the answer %s to go further; the bid %s.", q.Number, q.Title, q.RequiredAnswer, said)
	}
	return reason
}

func count(q *gorm.DB) (int64, error) {
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("evaluation: unable to count: %w", err)
	}
	return n, nil
}

func joinErr(err error, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
