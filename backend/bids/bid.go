package bids

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// LotPrice is a price for one lot, in pence.
type LotPrice struct {
	LotID      string `json:"lotId" maxLength:"36"`
	PricePence int64  `json:"pricePence" minimum:"0" maximum:"10000000000000" doc:"Up to £100bn."`
}

// LinePrice is a unit price for one line of a pricing schedule, for one lot (empty when the
// opportunity has no lots).
type LinePrice struct {
	LineID         string `json:"lineId" maxLength:"36"`
	LotID          string `json:"lotId" maxLength:"36"`
	UnitPricePence int64  `json:"unitPricePence" minimum:"0" maximum:"10000000000" doc:"Up to £100m a unit."`
}

// Answer is one answer as the bidder gives it, and as it is sealed: its JSON encoding (fields
// in this order, empty ones left out) is the canonical plaintext a receipt hashes.
type Answer struct {
	QuestionID string      `json:"questionId" maxLength:"36"`
	PassFail   string      `json:"passFail,omitempty" enum:",yes,no" doc:"pass_fail questions: yes or no; empty clears the answer."`
	Text       string      `json:"text,omitempty" maxLength:"100000" doc:"text and social_value questions."`
	Prices     []LotPrice  `json:"prices,omitempty" doc:"price questions per lot."`
	Lines      []LinePrice `json:"lines,omitempty" doc:"price questions with a schedule."`
}

// BidAnswer is an answer as the bid page shows it.
type BidAnswer struct {
	QuestionID string      `json:"questionId"`
	PassFail   string      `json:"passFail" enum:",yes,no" doc:"Empty when not answered."`
	Text       string      `json:"text"`
	WordCount  int         `json:"wordCount"`
	Prices     []LotPrice  `json:"prices" nullable:"false"`
	Lines      []LinePrice `json:"lines" nullable:"false"`
	UpdatedBy  string      `json:"updatedBy" doc:"The name of who saved it last."`
	UpdatedAt  time.Time   `json:"updatedAt"`
}

// BidDocument is a file in a bid, as the server received it.
type BidDocument struct {
	ID          string    `json:"id"`
	QuestionID  string    `json:"questionId"`
	Filename    string    `json:"filename"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256" doc:"Of the file as uploaded, in hex: check it against your copy."`
	ContentType string    `json:"contentType"`
	UploadedAt  time.Time `json:"uploadedAt"`
	UploadedBy  string    `json:"uploadedBy" doc:"The name of who uploaded it."`
}

// Missing is something a bid needs before it can be submitted.
type Missing struct {
	QuestionID string `json:"questionId"`
	Field      string `json:"field" doc:"The field of the bid page to link to: lotIds, or questions[i].text, .passFail, .documents or .prices, i being the question's place in the form from 0."`
	Message    string `json:"message"`
}

// LotTotal is a bid's total price for one lot.
type LotTotal struct {
	LotID      string `json:"lotId"`
	TotalPence int64  `json:"totalPence"`
	TotalText  string `json:"totalText" doc:"e.g. £12,500.00"`
}

// LastChange says who changed what last.
type LastChange struct {
	By         string    `json:"by" doc:"Their name."`
	At         time.Time `json:"at"`
	QuestionID string    `json:"questionId" doc:"The question changed; empty for the lots."`
}

// BidView is a bid as its organisation (or, after opening, the council) sees it.
type BidView struct {
	ID                       string                  `json:"id"`
	Reference                string                  `json:"reference"`
	OpportunityID            string                  `json:"opportunityId"`
	OpportunityTitle         string                  `json:"opportunityTitle"`
	OrganisationID           string                  `json:"organisationId"`
	OrganisationName         string                  `json:"organisationName"`
	Status                   BidStatus               `json:"status" enum:"draft,submitted,withdrawn,opened"`
	StatusText               string                  `json:"statusText"`
	LotIDs                   []string                `json:"lotIds" nullable:"false"`
	Version                  int                     `json:"version"`
	Deadline                 *opportunities.Deadline `json:"deadline,omitempty"`
	Answers                  []BidAnswer             `json:"answers" nullable:"false"`
	Documents                []BidDocument           `json:"documents" nullable:"false"`
	Missing                  []Missing               `json:"missing" nullable:"false"`
	Totals                   []LotTotal              `json:"totals" nullable:"false"`
	LastChange               *LastChange             `json:"lastChange"`
	SubmittedAt              *time.Time              `json:"submittedAt,omitempty"`
	SubmittedVersion         *int                    `json:"submittedVersion,omitempty"`
	EarlierVersions          []int                   `json:"earlierVersions" nullable:"false" doc:"For the bidder: the versions submitted before the latest (submittedVersion), oldest first. Each keeps its own receipt (GET …/receipt?version=N); only the latest counts. Versions count every save, so they are not 1, 2, 3."`
	SubmittedBeforeAmendment *int                    `json:"submittedBeforeAmendment,omitempty" doc:"The opportunity was amended (this amendment) after the bid was submitted."`
	ReceiptHash              string                  `json:"receiptHash,omitempty"`
	StandsConfirmed          *StandsConfirmation     `json:"standsConfirmed,omitempty" doc:"The bidder confirmed that the submitted bid stands after an amendment."`
	// PricesSealed: in a two-stage opening, the council's view leaves out prices and totals
	// until the panel opens the price envelope.
	PricesSealed bool `json:"pricesSealed,omitempty" doc:"Two-stage opening: prices are left out of the council's view until the panel opens them (POST …/opening/prices)."`
}

// StandsConfirmation is a bidder's confirmation that a bid submitted before an amendment
// still stands.
type StandsConfirmation struct {
	AfterAmendment int       `json:"afterAmendment" doc:"The latest amendment when the bidder confirmed."`
	At             time.Time `json:"at"`
	By             string    `json:"by" doc:"The name of who confirmed."`
	Text           string    `json:"text" doc:"e.g. You confirmed on 3 March 2026 at 2pm that your bid stands after amendment 2"`
}

// StartInput starts a bid.
type StartInput struct {
	OrganisationID string   `json:"organisationId,omitempty" maxLength:"36" doc:"Which of your organisations bids; needed only if you belong to more than one."`
	LotIDs         []string `json:"lotIds,omitempty" maxItems:"100" doc:"The lots bid for; needed when the opportunity has lots."`
}

// UpdateInput changes a draft: only the answers given change.
type UpdateInput struct {
	LotIDs  *[]string `json:"lotIds,omitempty" maxItems:"100"`
	Answers []Answer  `json:"answers,omitempty" maxItems:"100"`
}

var errNoBids = apperr.New(apperr.Conflict, "This opportunity does not take bids through the portal. Follow its instructions on how to respond, or write to the council.")

// deadline is the opportunity's submission deadline as shown.
func deadline(o opportunities.OpportunityView) *opportunities.Deadline { return o.SubmissionDeadline }

// open reports whether o takes bids at now.
func open(o opportunities.OpportunityView, now time.Time) bool {
	return o.Status == opportunities.StatusOpen && o.SubmissionDeadline != nil && now.Before(o.SubmissionDeadline.At)
}

func closedErr(o opportunities.OpportunityView) error {
	if o.SubmissionDeadline != nil && o.Status != opportunities.StatusCancelled {
		return apperr.New(apperr.Conflict, "Bids for this opportunity closed at "+format.DateTime(o.SubmissionDeadline.At)+". Nothing was saved.")
	}
	return apperr.New(apperr.Conflict, "This opportunity is not open for bids. Nothing was saved.")
}

func checkLots(o opportunities.OpportunityView, ids []string, field string) ([]string, error) {
	if len(o.Lots) == 0 {
		return []string{}, nil
	}
	known := map[string]bool{}
	for _, l := range o.Lots {
		known[l.ID] = true
	}
	out := []string{}
	for _, id := range ids {
		if !known[id] {
			return nil, apperr.Field(field, "Choose lots of this opportunity")
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil, apperr.Field(field, "Choose at least one lot to bid for")
	}
	return out, nil
}

// Start makes a draft bid for the organisation p acts for: one per organisation per
// opportunity. Errors: not_found, forbidden, invalid (body.organisationId, body.lotIds), conflict
// (not taking bids, closed, already started).
func (s *Service) Start(ctx context.Context, p *auth.Principal, opportunityID string, in StartInput) (BidView, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return BidView{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	org, err := s.dir.ActsFor(db, p.UserID, in.OrganisationID, apperr.InBody)
	if err != nil {
		return BidView{}, err
	}
	ok, err := s.takesBids(db, o.ID)
	if err != nil {
		return BidView{}, err
	}
	if !ok {
		return BidView{}, errNoBids
	}
	lots, err := checkLots(o, in.LotIDs, "lotIds")
	if err != nil {
		return BidView{}, err
	}
	id := uuid.NewString()
	_, wrapped, err := s.keys.NewDataKey(keyLabel(id))
	if err != nil {
		return BidView{}, fmt.Errorf("bids: unable to make a data key: %w", err)
	}
	rawLots, _ := json.Marshal(lots)
	now := s.stamp()
	b := bid{ID: id, Reference: reference(), OpportunityID: o.ID, OrganisationID: org, Status: StatusDraft, LotIDs: string(rawLots), Version: 1,
		WrappedKey: wrapped, CreatedBy: p.UserID, CreatedAt: now, LastChangeBy: &p.UserID, LastChangeAt: &now}
	if !open(o, now) {
		return BidView{}, closedErr(o)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&b).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "Your organisation has already started a bid for this opportunity: carry on with it from Your bids")
			}
			return fmt.Errorf("bids: unable to start the bid: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.started", SubjectType: "bid", SubjectID: b.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"opportunity": o.ID, "organisation": org}})
	})
	if err != nil {
		return BidView{}, err
	}
	return s.view(ctx, b, o)
}

// loadBid reads a bid; it does not decide who may see it.
func loadBid(db *gorm.DB, id string) (bid, error) {
	var b bid
	if !isID(id) {
		return b, errNoBid
	}
	err := db.Take(&b, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return b, errNoBid
	} else if err != nil {
		return b, fmt.Errorf("bids: unable to read bid: %w", err)
	}
	return b, nil
}

// access is how p may see a bid: as a member of the bidding organisation, or (after opening
// only) as council staff, whose every read is audited.
type access int

const (
	asBidder access = iota + 1
	asCouncil
)

// readable loads a bid p may read. Before opening, council staff get not_found exactly as for a
// bid that does not exist, so nobody can learn whether an organisation has bid.
func (s *Service) readable(ctx context.Context, p *auth.Principal, id string) (bid, access, error) {
	db := s.db.Gorm.WithContext(ctx)
	b, err := loadBid(db, id)
	if err != nil {
		return b, 0, err
	}
	if p != nil && p.Role == auth.RoleSupplier {
		if _, err := s.dir.MemberRole(db, p.UserID, b.OrganisationID); err != nil {
			return bid{}, 0, errNoBid
		}
		return b, asBidder, nil
	}
	if isCouncil(p) {
		opened, err := s.opened(db, b.OpportunityID)
		if err != nil {
			return bid{}, 0, err
		}
		if opened && b.SubmittedVersion != nil {
			if err := s.checkReadGates(ctx, p, b.OpportunityID); err != nil {
				return bid{}, 0, err
			}
			return b, asCouncil, nil
		}
	}
	return bid{}, 0, errNoBid
}

// Get returns a bid: to its organisation at any time; to council staff only after opening, and
// then the version that counts, each read audited. Errors: not_found.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (BidView, error) {
	b, how, err := s.readable(ctx, p, id)
	if err != nil {
		return BidView{}, err
	}
	o, err := s.opps.GetOpportunity(ctx, nil, b.OpportunityID)
	if err != nil {
		return BidView{}, err
	}
	if how == asCouncil {
		if err := s.auditRead(ctx, p, b, "bids.read", nil); err != nil {
			return BidView{}, err
		}
		return s.submittedView(ctx, b, o)
	}
	return s.view(ctx, b, o)
}

func (s *Service) auditRead(ctx context.Context, p *auth.Principal, b bid, action string, details map[string]any) error {
	if details == nil {
		details = map[string]any{}
	}
	details["opportunity"] = b.OpportunityID
	// In a transaction of its own: the chain's lock holds only inside one.
	return s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: action, SubjectType: "bid", SubjectID: b.ID,
		ClientIP: audit.ClientIP(ctx), Details: details})
}

// editable loads a bid p's organisation may change now: before the deadline, not opened.
func (s *Service) editable(ctx context.Context, p *auth.Principal, id string) (bid, opportunities.OpportunityView, error) {
	b, how, err := s.readable(ctx, p, id)
	if err != nil {
		return b, opportunities.OpportunityView{}, err
	}
	if how != asBidder {
		return b, opportunities.OpportunityView{}, errNoBid
	}
	o, err := s.opps.GetOpportunity(ctx, nil, b.OpportunityID)
	if err != nil {
		return b, o, err
	}
	if b.Status == StatusOpened || !open(o, s.stamp()) {
		return b, o, closedErr(o)
	}
	return b, o, nil
}

// Update saves answers (only those given change) and the lots of a draft, if version is still
// the bid's. Errors: not_found, invalid (body.answers[i].…), conflict (closed),
// precondition_failed (someone else saved first).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, version int, in UpdateInput) (BidView, error) {
	b, o, err := s.editable(ctx, p, id)
	if err != nil {
		return BidView{}, err
	}
	_, qs, _, err := loadForm(s.db.Gorm.WithContext(ctx), o.ID)
	if err != nil {
		return BidView{}, err
	}
	lots := decodeLots(b.LotIDs)
	if in.LotIDs != nil {
		if lots, err = checkLots(o, *in.LotIDs, "lotIds"); err != nil {
			return BidView{}, err
		}
	}
	if err := checkAnswers(o, qs, lots, in.Answers); err != nil {
		return BidView{}, err
	}
	dk, err := s.key(b)
	if err != nil {
		return BidView{}, err
	}
	sealed := make([][]byte, len(in.Answers))
	for i, a := range in.Answers {
		raw, _ := json.Marshal(a)
		if sealed[i], err = dk.Seal(raw); err != nil {
			return BidView{}, fmt.Errorf("bids: unable to seal an answer: %w", err)
		}
	}
	now := s.stamp()
	changed := ""
	if n := len(in.Answers); n > 0 {
		changed = in.Answers[n-1].QuestionID
	}
	rawLots, _ := json.Marshal(lots)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&bid{}).Where("id = ? AND version = ?", b.ID, version).Updates(map[string]any{"version": version + 1, "lot_ids": string(rawLots),
			"last_change_by": p.UserID, "last_change_at": now, "last_change_question": changed})
		if res.Error != nil {
			return fmt.Errorf("bids: unable to save the bid: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return apperr.Stale("bid")
		}
		for i, a := range in.Answers {
			if err := tx.Where("bid_id = ? AND question_id = ?", b.ID, a.QuestionID).Delete(&answerRow{}).Error; err != nil {
				return fmt.Errorf("bids: unable to save an answer: %w", err)
			}
			if err := tx.Create(&answerRow{BidID: b.ID, QuestionID: a.QuestionID, Sealed: sealed[i], UpdatedBy: p.UserID, UpdatedAt: now}).Error; err != nil {
				return fmt.Errorf("bids: unable to save an answer: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return BidView{}, err
	}
	b, err = loadBid(s.db.Gorm.WithContext(ctx), b.ID)
	if err != nil {
		return BidView{}, err
	}
	return s.view(ctx, b, o)
}

func decodeLots(raw string) []string {
	out := []string{}
	_ = json.Unmarshal([]byte(raw), &out) // written by this package, always a JSON list
	return out
}

// checkAnswers checks answers against the form: each names a question once and fits its kind.
// An answer over its word limit is kept (the bidder may be cutting it down) and listed as missing.
func checkAnswers(o opportunities.OpportunityView, qs []BidFormQuestion, lots []string, in []Answer) error {
	byID := map[string]BidFormQuestion{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	var f apperr.Fields
	seen := map[string]bool{}
	for i, a := range in {
		at := func(field string) string { return fmt.Sprintf("answers[%d].%s", i, field) }
		q, ok := byID[a.QuestionID]
		if !ok || seen[a.QuestionID] {
			f.Add(at("questionId"), "Answer each question of the form once")
			continue
		}
		seen[a.QuestionID] = true
		switch q.Kind {
		case KindPassFail:
			if a.PassFail != "" && a.PassFail != "yes" && a.PassFail != "no" {
				f.Add(at("passFail"), "Answer yes or no")
			}
		case KindDocument:
			if a.Text != "" || a.PassFail != "" || len(a.Prices) > 0 || len(a.Lines) > 0 {
				f.Add(at("questionId"), "Upload files to answer this question")
			}
		case KindPrice:
			for j, pr := range a.Prices {
				if q.PriceMode != "per_lot" || (len(o.Lots) > 0 && !slices.Contains(lots, pr.LotID)) || (len(o.Lots) == 0 && pr.LotID != "") {
					f.Add(fmt.Sprintf("answers[%d].prices[%d].lotId", i, j), "Give a price for each lot you bid for")
				}
			}
			lines := map[string]bool{}
			for _, l := range q.ScheduleLines {
				lines[l.ID] = true
			}
			for j, l := range a.Lines {
				if !lines[l.LineID] {
					f.Add(fmt.Sprintf("answers[%d].lines[%d].lineId", i, j), "Price the lines of the schedule")
				}
				if (len(o.Lots) > 0 && !slices.Contains(lots, l.LotID)) || (len(o.Lots) == 0 && l.LotID != "") {
					f.Add(fmt.Sprintf("answers[%d].lines[%d].lotId", i, j), "Price each line for a lot you bid for")
				}
			}
		}
	}
	return f.Err()
}

// wordCount counts words as a reader would: runs of characters between spaces.
func wordCount(s string) int { return len(strings.Fields(s)) }
