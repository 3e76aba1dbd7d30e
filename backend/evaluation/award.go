package evaluation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"gorm.io/gorm"
)

// Where an award stands. The first three are worked out from the evaluation and the proposal;
// the rest are kept in evaluation_outcomes.
const (
	AwardNotReady        = "not_ready"        // the results are not complete
	AwardReady           = "ready"            // complete: the buyer may propose the award
	AwardProposed        = "proposed"         // proposed: a second officer approves
	AwardApproved        = "approved"         // approved: the assessment summaries are reviewed, then sent
	AwardStandstill      = "standstill"       // summaries sent, award notice published, standstill running
	AwardPaused          = "paused"           // standstill paused (a challenge, or re-evaluation)
	AwardStandstillEnded = "standstill_ended" // the contract may be entered
	AwardContract        = "contract_entered"
	AwardTerminated      = "terminated" // ended without award
)

var awardStatusText = map[string]string{
	AwardNotReady: "The evaluation is not finished yet", AwardReady: "Ready to propose the award",
	AwardProposed:   "Award proposed: a second officer must approve it",
	AwardApproved:   "Award approved: review each assessment summary, then send them all",
	AwardStandstill: "Assessment summaries sent and award notice published: standstill period running",
	AwardPaused:     "Standstill paused", AwardStandstillEnded: "Standstill ended: the contract may be entered",
	AwardContract: "Contract entered", AwardTerminated: "Ended without award",
}

// AwardCandidate is a bid in the running for a lot, as the buyer chooses between them.
type AwardCandidate struct {
	BidID            string  `json:"bidId"`
	Reference        string  `json:"reference"`
	OrganisationName string  `json:"organisationName"`
	Total            float64 `json:"total"`
	Rank             int     `json:"rank"`
}

// AwardLot is one lot's award ("" when the opportunity has no lots).
type AwardLot struct {
	LotID      string           `json:"lotId"`
	LotTitle   string           `json:"lotTitle"`
	Tied       bool             `json:"tied" doc:"The top bids are level after the tie-break: the award needs a recorded reason."`
	Candidates []AwardCandidate `json:"candidates" nullable:"false" doc:"The bids in the running, best first."`
	// Proposal is the bid proposed for the lot, if any.
	Proposal *AwardProposal `json:"proposal,omitempty"`
}

// AwardProposal is the bid proposed for a lot, and its approval.
type AwardProposal struct {
	BidID            string     `json:"bidId"`
	Reference        string     `json:"reference"`
	OrganisationName string     `json:"organisationName"`
	Total            float64    `json:"total"`
	Rank             int        `json:"rank"`
	Reason           string     `json:"reason" doc:"Why, when the bid is not the only one ranked first."`
	ProposedBy       string     `json:"proposedBy"`
	ProposedAt       time.Time  `json:"proposedAt"`
	ApprovedBy       string     `json:"approvedBy,omitempty"`
	ApprovedAt       *time.Time `json:"approvedAt,omitempty"`
}

// AwardOutcome is what happened after approval: the summaries, notice, standstill and contract.
type AwardOutcome struct {
	SummariesSentAt    *time.Time `json:"summariesSentAt,omitempty"`
	NoticeAt           *time.Time `json:"noticeAt,omitempty" doc:"When the contract award notice was published: after every assessment summary was sent."`
	StandstillEndsAt   *time.Time `json:"standstillEndsAt,omitempty"`
	StandstillEndsText string     `json:"standstillEndsText"`
	PausedAt           *time.Time `json:"pausedAt,omitempty"`
	PauseReason        string     `json:"pauseReason"`
	ContractEnteredAt  *time.Time `json:"contractEnteredAt,omitempty"`
	TerminatedAt       *time.Time `json:"terminatedAt,omitempty"`
	TerminationReason  string     `json:"terminationReason"`
}

// AwardFeedbackQuestion is a bidder's follow-up question, as the buyer sees it.
type AwardFeedbackQuestion struct {
	ID               string     `json:"id"`
	BidID            string     `json:"bidId"`
	Reference        string     `json:"reference"`
	OrganisationName string     `json:"organisationName"`
	Question         string     `json:"question"`
	AskedAt          time.Time  `json:"askedAt"`
	Answer           string     `json:"answer"`
	AnsweredAt       *time.Time `json:"answeredAt,omitempty"`
}

// AwardState is an opportunity's award, as the buyer sees it.
type AwardState struct {
	OpportunityID string `json:"opportunityId"`
	Reference     string `json:"reference"`
	Title         string `json:"title"`
	Status        string `json:"status" enum:"not_ready,ready,proposed,approved,standstill,paused,standstill_ended,contract_entered,terminated"`
	StatusText    string `json:"statusText"`
	// You may approve: a buyer or admin other than whoever proposed.
	CanApprove        bool                    `json:"canApprove"`
	Lots              []AwardLot              `json:"lots" nullable:"false"`
	Summaries         int                     `json:"summaries" doc:"Assessment summaries generated (one per assessed bidder)."`
	SummariesReviewed int                     `json:"summariesReviewed"`
	Outcome           AwardOutcome            `json:"outcome"`
	Questions         []AwardFeedbackQuestion `json:"questions" nullable:"false" doc:"Bidders' follow-up questions about their feedback, oldest first."`
}

// AwardLotInput is the buyer's choice for one lot.
type AwardLotInput struct {
	LotID  string `json:"lotId" maxLength:"36" doc:"Empty when the opportunity has no lots."`
	BidID  string `json:"bidId,omitempty" maxLength:"36" doc:"Leave out for the bid ranked first."`
	Reason string `json:"reason,omitempty" maxLength:"2000" doc:"Required when the bid is not ranked first, or the first place is tied."`
}

// AwardProposalInput is the buyer's proposed award; a lot left out gets its first-ranked bid.
type AwardProposalInput struct {
	Lots []AwardLotInput `json:"lots,omitempty" maxItems:"100"`
}

// awardBuyer checks p is a buyer (or admin) with a clear declaration for the opportunity: the
// award acts on the scores, which only the cleared may see.
func (s *Service) awardBuyer(ctx context.Context, p *auth.Principal, opportunityID string) (opportunities.OpportunityView, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return o, err
	}
	if !isBuyer(p) {
		return o, apperr.New(apperr.Forbidden, "Only buyers can act on an award")
	}
	return o, s.ReadGate(ctx, p, o.ID)
}

func awardRows(db *gorm.DB, opportunityID string) ([]awardRow, error) {
	var rows []awardRow
	if err := db.Where("opportunity_id = ?", opportunityID).Order("lot_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the award: %w", err)
	}
	return rows, nil
}

// outcome is the opportunity's outcome row, or nil before approval.
func outcome(db *gorm.DB, opportunityID string) (*outcomeRow, error) {
	var row outcomeRow
	err := db.Where("opportunity_id = ?", opportunityID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("evaluation: unable to read the outcome: %w", err)
	}
	return &row, nil
}

// GetAward returns the award page. Errors: not_found, forbidden.
func (s *Service) GetAward(ctx context.Context, p *auth.Principal, opportunityID string) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

func (s *Service) awardState(ctx context.Context, p *auth.Principal, o opportunities.OpportunityView) (AwardState, error) {
	db := s.db.Gorm.WithContext(ctx)
	res, err := s.results(ctx, db, o, "")
	if err != nil {
		return AwardState{}, err
	}
	awards, err := awardRows(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	out, err := outcome(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	v := AwardState{OpportunityID: o.ID, Reference: o.Reference, Title: o.Title, Lots: []AwardLot{}, Questions: []AwardFeedbackQuestion{}}
	ids := []string{}
	for _, a := range awards {
		ids = append(ids, a.ProposedBy)
		if a.ApprovedBy != nil {
			ids = append(ids, *a.ApprovedBy)
		}
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return AwardState{}, err
	}
	byLot := map[string]awardRow{}
	for _, a := range awards {
		byLot[a.LotID] = a
	}
	names := map[string]string{}
	refs := map[string]string{}
	for _, l := range res.Lots {
		al := AwardLot{LotID: l.LotID, LotTitle: l.LotTitle, Tied: l.Tied, Candidates: []AwardCandidate{}}
		for _, r := range l.Rows {
			names[r.BidID], refs[r.BidID] = r.OrganisationName, r.Reference
			if r.Excluded {
				continue
			}
			al.Candidates = append(al.Candidates, AwardCandidate{BidID: r.BidID, Reference: r.Reference, OrganisationName: r.OrganisationName, Total: r.Total, Rank: r.Rank})
		}
		if a, ok := byLot[l.LotID]; ok {
			pr := &AwardProposal{BidID: a.BidID, Reason: a.Reason, ProposedBy: people[a.ProposedBy].Name, ProposedAt: a.ProposedAt, ApprovedAt: a.ApprovedAt}
			if a.ApprovedBy != nil {
				pr.ApprovedBy = people[*a.ApprovedBy].Name
			}
			for _, r := range l.Rows {
				if r.BidID == a.BidID {
					pr.Reference, pr.OrganisationName, pr.Total, pr.Rank = r.Reference, r.OrganisationName, r.Total, r.Rank
				}
			}
			al.Proposal = pr
		}
		v.Lots = append(v.Lots, al)
	}
	switch {
	case out != nil:
		v.Status = out.Status
		if out.Status == AwardStandstill && out.StandstillEndsAt != nil && s.now().After(*out.StandstillEndsAt) {
			v.Status = AwardStandstillEnded
		}
		v.Outcome = outcomeView(*out)
	case len(awards) > 0:
		v.Status = AwardProposed
		v.CanApprove = isBuyer(p) && awards[0].ProposedBy != p.UserID
	case res.Complete:
		v.Status = AwardReady
	default:
		v.Status = AwardNotReady
	}
	v.StatusText = awardStatusText[v.Status]
	var sums []summaryRow
	if err := db.Select("bid_id, reviewed_at").Where("opportunity_id = ?", o.ID).Find(&sums).Error; err != nil {
		return AwardState{}, fmt.Errorf("evaluation: unable to read the summaries: %w", err)
	}
	v.Summaries = len(sums)
	for _, r := range sums {
		if r.ReviewedAt != nil {
			v.SummariesReviewed++
		}
	}
	qs, err := s.feedbackQuestions(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	for _, q := range qs {
		v.Questions = append(v.Questions, AwardFeedbackQuestion{ID: q.ID, BidID: q.BidID, Reference: refs[q.BidID], OrganisationName: names[q.BidID],
			Question: q.Question, AskedAt: q.AskedAt, Answer: q.Answer, AnsweredAt: q.AnsweredAt})
	}
	return v, nil
}

func outcomeView(o outcomeRow) AwardOutcome {
	v := AwardOutcome{SummariesSentAt: o.SummariesSentAt, NoticeAt: o.NoticeAt, StandstillEndsAt: o.StandstillEndsAt, PausedAt: o.PausedAt,
		PauseReason: o.PauseReason, ContractEnteredAt: o.ContractEnteredAt, TerminatedAt: o.TerminatedAt, TerminationReason: o.TerminationReason}
	if o.StandstillEndsAt != nil {
		v.StandstillEndsText = standstillText(*o.StandstillEndsAt, o.PausedAt != nil)
	}
	return v
}

func standstillText(ends time.Time, paused bool) string {
	if paused {
		return "The standstill period is paused; it had been due to end at " + format.Time(ends) + " on " + format.Date(ends)
	}
	return "The standstill period ends at " + format.Time(ends) + " on " + format.Date(ends)
}

// ProposeAward records the buyer's proposed award per lot: by default the bid ranked first; a
// different bid, or a first place still tied after the tie-break, needs a reason. It may be
// proposed again until approved. Errors: not_found, forbidden, conflict (results not complete,
// already approved, nothing to award), invalid.
func (s *Service) ProposeAward(ctx context.Context, p *auth.Principal, opportunityID string, in AwardProposalInput) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	if out, err := outcome(db, o.ID); err != nil || out != nil {
		return AwardState{}, joinErr(err, apperr.New(apperr.Conflict, "The award has already been approved"))
	}
	res, err := s.results(ctx, db, o, "")
	if err != nil {
		return AwardState{}, err
	}
	if !res.Complete {
		return AwardState{}, apperr.New(apperr.Conflict, "Finish the evaluation first: every mark moderated, every price scored and resolved")
	}
	chosen := map[string]AwardLotInput{}
	for i, l := range in.Lots {
		if !slices.ContainsFunc(res.Lots, func(r LotResult) bool { return r.LotID == l.LotID }) {
			return AwardState{}, apperr.Field(fmt.Sprintf("lots[%d].lotId", i), "This opportunity has no such lot")
		}
		if _, dup := chosen[l.LotID]; dup {
			return AwardState{}, apperr.Field(fmt.Sprintf("lots[%d].lotId", i), "Each lot once")
		}
		chosen[l.LotID] = l
	}
	now := s.stamp()
	rows := []awardRow{}
	for _, lr := range res.Lots {
		c := chosen[lr.LotID]
		field, reasonField := "lots", "lots"
		if i := slices.IndexFunc(in.Lots, func(l AwardLotInput) bool { return l.LotID == lr.LotID }); i >= 0 {
			field = fmt.Sprintf("lots[%d]", i)
			reasonField = field + ".reason"
		}
		if len(lr.Rows) == 0 || lr.Rows[0].Excluded {
			if c.BidID != "" {
				return AwardState{}, apperr.Field(field+".bidId", "No bid is in the running for this lot")
			}
			continue // nothing to award in this lot
		}
		bid := lr.Rows[0]
		if c.BidID != "" {
			i := slices.IndexFunc(lr.Rows, func(r ResultRow) bool { return r.BidID == c.BidID })
			if i < 0 || lr.Rows[i].Excluded {
				return AwardState{}, apperr.Field(field+".bidId", "Choose a bid in the running for this lot")
			}
			bid = lr.Rows[i]
		}
		reason := strings.TrimSpace(c.Reason)
		if reason == "" && (bid.Rank != 1 || lr.Tied) {
			msg := "Say why this bid, which is not ranked first"
			if lr.Tied && bid.Rank == 1 {
				msg = "First place is tied: say how the council decided between the tied bids"
			}
			return AwardState{}, apperr.Field(reasonField, msg)
		}
		rows = append(rows, awardRow{OpportunityID: o.ID, LotID: lr.LotID, BidID: bid.BidID, Reason: reason, ProposedBy: p.UserID, ProposedAt: now})
	}
	if len(rows) == 0 {
		return AwardState{}, apperr.New(apperr.Conflict, "No bid is in the running: end the procurement without award instead")
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("opportunity_id = ?", o.ID).Delete(&awardRow{}).Error; err != nil {
			return fmt.Errorf("evaluation: unable to replace the proposal: %w", err)
		}
		if err := tx.Create(&rows).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the proposal: %w", err)
		}
		for _, r := range rows {
			bidID := r.BidID
			if err := s.record(tx, historyRow{OpportunityID: o.ID, BidID: &bidID, ActorID: p.UserID, Action: "award_proposed", AfterValue: r.LotID, Reason: r.Reason, At: now}); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.award_proposed", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"lots": len(rows)}})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

// ApproveAward is the second officer's approval: a buyer or admin other than the one who
// proposed. Approval generates the assessment summaries, one per assessed bidder, for the buyer
// to review before they are sent. Errors: not_found, forbidden (the proposer), conflict (nothing
// proposed, already approved, results changed since).
func (s *Service) ApproveAward(ctx context.Context, p *auth.Principal, opportunityID string) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	awards, err := awardRows(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	if len(awards) == 0 {
		return AwardState{}, apperr.New(apperr.Conflict, "No award has been proposed yet")
	}
	if out, err := outcome(db, o.ID); err != nil || out != nil {
		return AwardState{}, joinErr(err, apperr.New(apperr.Conflict, "The award has already been approved"))
	}
	if awards[0].ProposedBy == p.UserID {
		return AwardState{}, apperr.New(apperr.Forbidden, "A second officer must approve the award: not the one who proposed it")
	}
	res, err := s.results(ctx, db, o, "")
	if err != nil {
		return AwardState{}, err
	}
	if !res.Complete {
		return AwardState{}, apperr.New(apperr.Conflict, "The evaluation has changed since the award was proposed: it is no longer complete")
	}
	sums, err := s.buildSummaries(ctx, db, o, res, awards)
	if err != nil {
		return AwardState{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		q := tx.Model(&awardRow{}).Where("opportunity_id = ? AND approved_at IS NULL", o.ID).Updates(map[string]any{"approved_by": p.UserID, "approved_at": now})
		if q.Error != nil {
			return fmt.Errorf("evaluation: unable to approve: %w", q.Error)
		}
		if q.RowsAffected != int64(len(awards)) {
			return apperr.New(apperr.Conflict, "The award has already been approved")
		}
		if err := tx.Create(&outcomeRow{OpportunityID: o.ID, Status: AwardApproved, UpdatedAt: now}).Error; err != nil {
			return fmt.Errorf("evaluation: unable to record the approval: %w", err)
		}
		for i := range sums {
			sums[i].GeneratedAt = now
		}
		if len(sums) > 0 {
			if err := tx.CreateInBatches(&sums, 100).Error; err != nil {
				return fmt.Errorf("evaluation: unable to keep the assessment summaries: %w", err)
			}
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "award_approved", AfterValue: fmt.Sprintf("%d summaries", len(sums)), At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.award_approved", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"lots": len(awards), "summaries": len(sums)}})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

// AwardedLot is the awarded bid of one lot, for the contracts register.
type AwardedLot struct {
	LotID            string `json:"lotId"`
	LotTitle         string `json:"lotTitle"`
	BidID            string `json:"bidId"`
	Reference        string `json:"reference"`
	OrganisationID   string `json:"organisationId"`
	OrganisationName string `json:"organisationName"`
	PricePence       *int64 `json:"pricePence,omitempty" doc:"The bid's price for the lot, when the opportunity asked for one."`
}

// AwardedContract is an opportunity's approved award and where its contract stands.
type AwardedContract struct {
	OpportunityID     string       `json:"opportunityId"`
	Lots              []AwardedLot `json:"lots" nullable:"false"`
	ApprovedAt        time.Time    `json:"approvedAt"`
	StandstillEndsAt  *time.Time   `json:"standstillEndsAt,omitempty"`
	ContractEnteredAt *time.Time   `json:"contractEnteredAt,omitempty" doc:"Empty until the contract is entered, after standstill."`
}

// Awarded is the contracts register's source: the approved award of an opportunity per lot
// (the bid, its organisation and price) and when the contract was entered. The register should
// create a contract only once ContractEnteredAt is set (EnterContract refuses before standstill
// ends), and take the supplier and value from the lots. It checks no access: the register
// decides who sees its contracts. Errors: not_found (no approved award, or ended without one).
func (s *Service) Awarded(ctx context.Context, opportunityID string) (AwardedContract, error) {
	db := s.db.Gorm.WithContext(ctx)
	if !isID(opportunityID) {
		return AwardedContract{}, apperr.New(apperr.NotFound, "There is no award for this opportunity")
	}
	out, err := outcome(db, opportunityID)
	if err != nil {
		return AwardedContract{}, err
	}
	if out == nil || out.Status == AwardTerminated {
		return AwardedContract{}, apperr.New(apperr.NotFound, "There is no award for this opportunity")
	}
	o, err := s.opps.GetOpportunity(ctx, nil, opportunityID)
	if err != nil {
		return AwardedContract{}, err
	}
	awards, err := awardRows(db, opportunityID)
	if err != nil {
		return AwardedContract{}, err
	}
	v := AwardedContract{OpportunityID: opportunityID, Lots: []AwardedLot{}, StandstillEndsAt: out.StandstillEndsAt, ContractEnteredAt: out.ContractEnteredAt}
	bidIDs := []string{}
	for _, a := range awards {
		bidIDs = append(bidIDs, a.BidID)
		if a.ApprovedAt != nil {
			v.ApprovedAt = *a.ApprovedAt
		}
	}
	var bids []bidRow
	if err := db.Where("bid_id IN ?", bidIDs).Find(&bids).Error; err != nil {
		return AwardedContract{}, fmt.Errorf("evaluation: unable to read the awarded bids: %w", err)
	}
	var prices []priceRow
	if err := db.Where("bid_id IN ?", bidIDs).Find(&prices).Error; err != nil {
		return AwardedContract{}, fmt.Errorf("evaluation: unable to read the awarded prices: %w", err)
	}
	orgs := []string{}
	for _, b := range bids {
		orgs = append(orgs, b.OrganisationID)
	}
	names, err := s.dir.OrganisationNames(db, orgs)
	if err != nil {
		return AwardedContract{}, err
	}
	for _, a := range awards {
		l := AwardedLot{LotID: a.LotID, BidID: a.BidID}
		for _, lot := range o.Lots {
			if lot.ID == a.LotID {
				l.LotTitle = lot.Title
			}
		}
		for _, b := range bids {
			if b.BidID == a.BidID {
				l.Reference, l.OrganisationID, l.OrganisationName = b.Reference, b.OrganisationID, names[b.OrganisationID]
			}
		}
		for _, pr := range prices {
			if pr.BidID == a.BidID && pr.LotID == a.LotID {
				price := pr.PricePence
				l.PricePence = &price
			}
		}
		v.Lots = append(v.Lots, l)
	}
	return v, nil
}
