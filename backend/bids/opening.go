package bids

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"gorm.io/gorm"
)

// OpeningStatus is where an opportunity's box of bids stands.
type OpeningStatus string

// Opening statuses.
const (
	OpeningSealed OpeningStatus = "sealed" // before the deadline
	OpeningReady  OpeningStatus = "ready"  // the deadline has passed; waiting for the panel
	OpeningOpened OpeningStatus = "opened"
)

// Opening is the public state of an opportunity's bids: nothing about them before opening but
// when they may be opened.
type Opening struct {
	Status        OpeningStatus           `json:"status" enum:"sealed,ready,opened"`
	SealedUntil   *opportunities.Deadline `json:"sealedUntil,omitempty" doc:"The submission deadline: nobody can open the bids before it."`
	Quorum        int                     `json:"quorum"`
	Confirmations int                     `json:"confirmations" doc:"Panel members who have confirmed so far."`
	OpenedAt      *time.Time              `json:"openedAt,omitempty"`
	ReceiptHashes []string                `json:"receiptHashes" nullable:"false" doc:"After opening: the receipt hash of every bid that counted, so each bidder can see theirs was in the box, unchanged."`
	// The price envelope of a two-stage opening.
	TwoStage           bool       `json:"twoStage" doc:"Prices are opened in a second step, after the quality answers."`
	PricesOpen         bool       `json:"pricesOpen" doc:"Whether the council can read the prices: after opening in a one-stage opening; after the second step in a two-stage one."`
	PriceConfirmations int        `json:"priceConfirmations" doc:"Two-stage: panel members who have confirmed opening the prices so far."`
	PricesOpenedAt     *time.Time `json:"pricesOpenedAt,omitempty"`
}

// OpeningInput is one officer's confirmation.
type OpeningInput struct {
	Password string `json:"password" maxLength:"1000"`
	Code     string `json:"code" maxLength:"20" doc:"The current code from their authenticator app."`
}

// opened reports whether the opportunity's bids have been opened.
func (s *Service) opened(db *gorm.DB, opportunityID string) (bool, error) {
	var n int64
	if err := db.Model(&openingRow{}).Where("opportunity_id = ?", opportunityID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("bids: unable to read the opening: %w", err)
	}
	return n > 0, nil
}

// GetOpening returns the public state of an opportunity's opening. Errors: not_found.
func (s *Service) GetOpening(ctx context.Context, p *auth.Principal, opportunityID string) (Opening, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Opening{}, err
	}
	return s.opening(s.db.Gorm.WithContext(ctx), o)
}

func (s *Service) opening(db *gorm.DB, o opportunities.OpportunityView) (Opening, error) {
	out := Opening{Status: OpeningSealed, SealedUntil: o.SubmissionDeadline, Quorum: s.quorum(), ReceiptHashes: []string{}}
	var n int64
	if err := db.Model(&confirmationRow{}).Where("opportunity_id = ?", o.ID).Count(&n).Error; err != nil {
		return out, fmt.Errorf("bids: unable to read confirmations: %w", err)
	}
	out.Confirmations = int(n)
	var row openingRow
	err := db.Take(&row, "opportunity_id = ?", o.ID).Error
	switch {
	case err == nil:
		out.Status, out.OpenedAt = OpeningOpened, &row.OpenedAt
		if err := json.Unmarshal([]byte(row.ReceiptHashes), &out.ReceiptHashes); err != nil {
			return out, fmt.Errorf("bids: unable to read the opening: %w", err)
		}
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return out, fmt.Errorf("bids: unable to read the opening: %w", err)
	case o.SubmissionDeadline != nil && !s.stamp().Before(o.SubmissionDeadline.At):
		out.Status = OpeningReady
	}
	f, _, _, err := loadForm(db, o.ID)
	if err != nil {
		return out, err
	}
	out.TwoStage = f.TwoStage
	if err := db.Model(&priceConfirmationRow{}).Where("opportunity_id = ?", o.ID).Count(&n).Error; err != nil {
		return out, fmt.Errorf("bids: unable to read confirmations: %w", err)
	}
	out.PriceConfirmations = int(n)
	out.PricesOpenedAt = row.PricesOpenedAt
	out.PricesOpen = out.Status == OpeningOpened && (!f.TwoStage || row.PricesOpenedAt != nil)
	return out, nil
}

// Confirm records one panel member's confirmation that the bids may be opened, after checking
// their password and a current two-step code; when a quorum of different members has
// confirmed, the bids are opened: recorded in the audit chain with who, when and every receipt
// hash, which are then published. Nobody who belongs to a bidding organisation may confirm.
// Errors: not_found, forbidden (not on the panel, or a member of a bidder), conflict (before the
// deadline, already opened, two-step verification off), invalid (password, code),
// too_many_requests.
func (s *Service) Confirm(ctx context.Context, p *auth.Principal, opportunityID string, in OpeningInput) (Opening, error) {
	o, err := s.panelOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Opening{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	if o.SubmissionDeadline == nil || s.stamp().Before(o.SubmissionDeadline.At) {
		return Opening{}, apperr.New(apperr.Conflict, "The bids are sealed until the deadline has passed")
	}
	if done, err := s.opened(db, o.ID); err != nil || done {
		return Opening{}, errors.Join(err, apperr.New(apperr.Conflict, "The bids have already been opened"))
	}
	if err := s.checkOfficer(ctx, p, o.ID, in); err != nil {
		return Opening{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		officers, err := s.recordConfirmation(ctx, tx, confirmationRow{}.TableName(), "bids.opening_confirmed", o.ID, p.UserID, now)
		if err != nil || len(officers) < s.quorum() {
			return err
		}
		var hashes []string
		if err := tx.Model(&bid{}).Where("opportunity_id = ? AND status = ?", o.ID, StatusSubmitted).Order("receipt_hash").Pluck("receipt_hash", &hashes).Error; err != nil {
			return fmt.Errorf("bids: unable to read receipt hashes: %w", err)
		}
		hashes = nonNil(hashes)
		raw, _ := json.Marshal(hashes)
		if err := tx.Create(&openingRow{OpportunityID: o.ID, OpenedAt: now, ReceiptHashes: string(raw)}).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "The bids have already been opened")
			}
			return fmt.Errorf("bids: unable to record the opening: %w", err)
		}
		if err := tx.Model(&bid{}).Where("opportunity_id = ? AND status = ?", o.ID, StatusSubmitted).Update("status", StatusOpened).Error; err != nil {
			return fmt.Errorf("bids: unable to open the bids: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.opened", SubjectType: "opportunity", SubjectID: o.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"officers": officers, "openedAt": now, "receiptHashes": hashes}})
	})
	if err != nil {
		return Opening{}, err
	}
	return s.opening(db, o)
}

// panelOpportunity reads the opportunity whose bids p, on its opening panel, is opening.
// Errors: not_found, forbidden (not on the panel).
func (s *Service) panelOpportunity(ctx context.Context, p *auth.Principal, opportunityID string) (opportunities.OpportunityView, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return o, err
	}
	panel, err := panelIDs(s.db.Gorm.WithContext(ctx), o.ID)
	if err != nil {
		return o, err
	}
	if !slices.Contains(panel, p.UserID) {
		return o, apperr.New(apperr.Forbidden, "Only the officers on this opportunity's opening panel can open its bids")
	}
	return o, nil
}

// recordConfirmation records, in tx, one officer's confirmation of an opening step (a row of
// table, once per officer however often they confirm, each time audited as action) and returns
// every officer who has confirmed that step, first first. Two officers confirming at once must
// not each count only themselves and leave the box shut: confirmations of one step of one
// opportunity take turns (SQLite has one writer anyway).
func (s *Service) recordConfirmation(ctx context.Context, tx *gorm.DB, table, action, opportunityID, userID string, now time.Time) ([]string, error) {
	if err := s.db.LockForUpdate(tx, table+":"+opportunityID); err != nil {
		return nil, err
	}
	var n int64
	if err := tx.Table(table).Where("opportunity_id = ? AND user_id = ?", opportunityID, userID).Count(&n).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read confirmations: %w", err)
	}
	if n == 0 {
		if err := tx.Table(table).Create(map[string]any{"opportunity_id": opportunityID, "user_id": userID, "confirmed_at": now}).Error; err != nil {
			return nil, fmt.Errorf("bids: unable to record the confirmation: %w", err)
		}
	}
	if err := s.audit.Record(tx, audit.Event{ActorID: userID, Action: action, SubjectType: "opportunity", SubjectID: opportunityID,
		ClientIP: audit.ClientIP(ctx)}); err != nil {
		return nil, err
	}
	var who []string
	if err := tx.Table(table).Where("opportunity_id = ?", opportunityID).Order("confirmed_at, user_id").Pluck("user_id", &who).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read confirmations: %w", err)
	}
	return who, nil
}

// checkOfficer checks what every opening step asks of a panel member once they are known to be
// on the panel: that they belong to no bidding organisation, their password and a current
// two-step code. Errors: forbidden, invalid (password, code), conflict, too_many_requests.
func (s *Service) checkOfficer(ctx context.Context, p *auth.Principal, opportunityID string, in OpeningInput) error {
	db := s.db.Gorm.WithContext(ctx)
	var bidders []string
	if err := db.Model(&bid{}).Where("opportunity_id = ?", opportunityID).Pluck("organisation_id", &bidders).Error; err != nil {
		return fmt.Errorf("bids: unable to read bidders: %w", err)
	}
	mine, err := s.dir.OrganisationsOf(db, p.UserID)
	if err != nil {
		return err
	}
	for _, org := range mine {
		if slices.Contains(bidders, org) {
			return apperr.New(apperr.Forbidden, "You belong to an organisation that bid: someone else on the panel must open the bids")
		}
	}
	if err := s.accounts().CheckPassword(ctx, p.UserID, in.Password); err != nil {
		return err
	}
	if in.Code == "" {
		return apperr.Field("code", "Enter the code from your authenticator app")
	}
	return s.accounts().VerifySecondFactor(ctx, p.UserID, p.SessionID, in.Code)
}

// BidSummary is a bid in a list.
type BidSummary struct {
	ID               string                  `json:"id"`
	Reference        string                  `json:"reference"`
	OpportunityID    string                  `json:"opportunityId"`
	OpportunityTitle string                  `json:"opportunityTitle"`
	OrganisationName string                  `json:"organisationName"`
	Status           BidStatus               `json:"status" enum:"draft,submitted,withdrawn,opened"`
	StatusText       string                  `json:"statusText"`
	Deadline         *opportunities.Deadline `json:"deadline,omitempty"`
	SubmittedAt      *time.Time              `json:"submittedAt,omitempty"`
	ReceiptHash      string                  `json:"receiptHash,omitempty"`
}

func (s *Service) summaries(ctx context.Context, db *gorm.DB, rows []bid) ([]BidSummary, error) {
	orgs := make([]string, 0, len(rows))
	for _, b := range rows {
		orgs = append(orgs, b.OrganisationID)
	}
	names, err := s.dir.OrganisationNames(db, orgs)
	if err != nil {
		return nil, err
	}
	opps := map[string]opportunities.OpportunityView{}
	out := make([]BidSummary, 0, len(rows))
	for _, b := range rows {
		o, ok := opps[b.OpportunityID]
		if !ok {
			if o, err = s.opps.GetOpportunity(ctx, nil, b.OpportunityID); err != nil && apperr.CodeOf(err) != apperr.NotFound {
				return nil, err
			}
			opps[b.OpportunityID] = o
		}
		out = append(out, BidSummary{ID: b.ID, Reference: b.Reference, OpportunityID: b.OpportunityID, OpportunityTitle: o.Title,
			OrganisationName: names[b.OrganisationID], Status: b.Status, StatusText: statusText[b.Status], Deadline: deadline(o),
			SubmittedAt: b.SubmittedAt, ReceiptHash: b.ReceiptHash})
	}
	return out, nil
}

// ListMine returns the bids of the organisation p acts for (every organisation of theirs when
// orgID is empty), newest first. Errors: forbidden.
func (s *Service) ListMine(ctx context.Context, p *auth.Principal, orgID string) ([]BidSummary, error) {
	db := s.db.Gorm.WithContext(ctx)
	var orgs []string
	if orgID != "" {
		org, err := s.dir.ActsFor(db, p.UserID, orgID, apperr.InQuery)
		if err != nil {
			return nil, err
		}
		orgs = []string{org}
	} else {
		var err error
		if orgs, err = s.dir.OrganisationsOf(db, p.UserID); err != nil {
			return nil, err
		}
	}
	var rows []bid
	if len(orgs) > 0 {
		if err := db.Where("organisation_id IN ?", orgs).Order("created_at DESC").Limit(500).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("bids: unable to read bids: %w", err)
		}
	}
	return s.summaries(ctx, db, rows)
}

// ListForOpportunity returns the bids that counted at opening, for council staff, only after
// opening (before it, not_found: nobody on the council's side may learn how many there are).
// The read is audited. Errors: not_found, forbidden.
func (s *Service) ListForOpportunity(ctx context.Context, p *auth.Principal, opportunityID string) ([]BidSummary, error) {
	if !isCouncil(p) {
		return nil, apperr.New(apperr.Forbidden, "Only council staff can list an opportunity's bids")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return nil, err
	}
	db := s.db.Gorm.WithContext(ctx)
	done, err := s.opened(db, o.ID)
	if err != nil {
		return nil, err
	}
	if !done {
		return nil, apperr.New(apperr.NotFound, "The bids are sealed until the opening panel opens them")
	}
	var rows []bid
	if err := db.Where("opportunity_id = ? AND status = ?", o.ID, StatusOpened).Order("reference").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read bids: %w", err)
	}
	if err := s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: "bids.listed", SubjectType: "opportunity", SubjectID: o.ID,
		ClientIP: audit.ClientIP(ctx), Details: map[string]any{"bids": len(rows)}}); err != nil {
		return nil, err
	}
	return s.summaries(ctx, db, rows)
}
