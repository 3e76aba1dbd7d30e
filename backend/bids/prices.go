package bids

import (
	"context"
	"errors"
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// PriceGate may keep a two-stage opening's price envelope shut: it runs before each officer's
// confirmation of the second step, and an error (apperr conflict, its message saying what is
// still to be done, such as "Moderate the quality scores first") refuses it. The evaluation
// feature registers one: only after the quality scores are moderated.
type PriceGate func(ctx context.Context, db *gorm.DB, opportunityID string) error

type namedGate struct {
	name string
	gate PriceGate
}

// AddPriceGate adds a check that must pass before a two-stage opening's prices may be opened.
// Call it while wiring the app, before serving; name says whose check it is in logs.
func (s *Service) AddPriceGate(name string, g PriceGate) {
	s.priceGates = append(s.priceGates, namedGate{name: name, gate: g})
}

// pricesOpen reports whether the council may read an opportunity's price answers: once the
// bids are opened in a one-stage opening, and after the second step in a two-stage one.
func pricesOpen(db *gorm.DB, opportunityID string, twoStage bool) (bool, error) {
	var row openingRow
	err := db.Take(&row, "opportunity_id = ?", opportunityID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("bids: unable to read the opening: %w", err)
	}
	return !twoStage || row.PricesOpenedAt != nil, nil
}

// ConfirmPrices records one panel member's confirmation, with their password and a current
// two-step code, that a two-stage opening's price envelope may be opened; when a quorum of
// different members has confirmed (and every PriceGate passes), the prices are opened, recorded
// in the audit chain with who and when. Errors: not_found, forbidden (not on the panel, or a
// member of a bidder), conflict (one-stage, bids not yet opened, prices already open, a gate
// refusing), invalid (password, code), too_many_requests.
func (s *Service) ConfirmPrices(ctx context.Context, p *auth.Principal, opportunityID string, in OpeningInput) (Opening, error) {
	o, err := s.panelOpportunity(ctx, p, opportunityID)
	if err != nil {
		return Opening{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	f, _, _, err := loadForm(db, o.ID)
	if err != nil {
		return Opening{}, err
	}
	if !f.TwoStage {
		return Opening{}, apperr.New(apperr.Conflict, "This opportunity has a one-stage opening: its prices were opened with the bids")
	}
	if done, err := s.opened(db, o.ID); err != nil || !done {
		return Opening{}, errors.Join(err, apperr.New(apperr.Conflict, "Open the bids first: the prices are opened after the quality answers"))
	}
	if open, err := pricesOpen(db, o.ID, true); err != nil || open {
		return Opening{}, errors.Join(err, apperr.New(apperr.Conflict, "The prices have already been opened"))
	}
	for _, g := range s.priceGates {
		if err := g.gate(ctx, db, o.ID); err != nil {
			s.log.InfoContext(ctx, "a price gate keeps the prices sealed", "gate", g.name, "opportunity", o.ID)
			return Opening{}, err
		}
	}
	if err := s.checkOfficer(ctx, p, o.ID, in); err != nil {
		return Opening{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		officers, err := s.recordConfirmation(ctx, tx, priceConfirmationRow{}.TableName(), "bids.price_opening_confirmed", o.ID, p.UserID, now)
		if err != nil || len(officers) < s.quorum() {
			return err
		}
		res := tx.Model(&openingRow{}).Where("opportunity_id = ? AND prices_opened_at IS NULL", o.ID).Update("prices_opened_at", now)
		if res.Error != nil {
			return fmt.Errorf("bids: unable to open the prices: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.Conflict, "The prices have already been opened")
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.prices_opened", SubjectType: "opportunity", SubjectID: o.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"officers": officers, "openedAt": now}})
	})
	if err != nil {
		return Opening{}, err
	}
	return s.opening(db, o)
}
