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

// What the evaluation feature reads of bids, through this package: the bids that counted at
// opening, the pass/fail answers to check, the prices once open, and a gate on who on the
// council's side may read a bid (the evaluation panel, after declaring their interests).

// ReadGate may refuse a council officer's read of an opened bid of an opportunity (its answers,
// documents or prices): an error (apperr forbidden, saying what they must do first) refuses it.
// The evaluation feature registers one: only the panel, and only after declaring any conflict
// of interest (Procurement Act 2023 s.81–83).
type ReadGate func(ctx context.Context, p *auth.Principal, opportunityID string) error

// AddReadGate adds a check every council read of an opened bid must pass. Call it while wiring
// the app, before serving.
func (s *Service) AddReadGate(g ReadGate) { s.readGates = append(s.readGates, g) }

func (s *Service) checkReadGates(ctx context.Context, p *auth.Principal, opportunityID string) error {
	for _, g := range s.readGates {
		if err := g(ctx, p, opportunityID); err != nil {
			return err
		}
	}
	return nil
}

// OpenedBid is a bid that counted at opening, as evaluation lists it: who and which lots, none
// of what it says.
type OpenedBid struct {
	ID             string
	Reference      string
	OrganisationID string
	LotIDs         []string
}

// OpenedBids lists the bids that counted at opening, by reference; not_found before opening.
func (s *Service) OpenedBids(ctx context.Context, opportunityID string) ([]OpenedBid, error) {
	db := s.db.Gorm.WithContext(ctx)
	if done, err := s.opened(db, opportunityID); err != nil || !done {
		return nil, errors.Join(err, apperr.New(apperr.NotFound, "The bids are sealed until the opening panel opens them"))
	}
	var rows []bid
	if err := db.Where("opportunity_id = ? AND status = ?", opportunityID, StatusOpened).Order("reference").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read bids: %w", err)
	}
	out := make([]OpenedBid, 0, len(rows))
	for _, b := range rows {
		out = append(out, OpenedBid{ID: b.ID, Reference: b.Reference, OrganisationID: b.OrganisationID, LotIDs: decodeLots(b.LotIDs)})
	}
	return out, nil
}

// Form returns an opportunity's response form, for features that judge bids against it.
func (s *Service) Form(ctx context.Context, opportunityID string) (BidForm, error) {
	f, qs, found, err := loadForm(s.db.Gorm.WithContext(ctx), opportunityID)
	if err != nil {
		return BidForm{}, err
	}
	out := BidForm{OpportunityID: opportunityID, Questions: nonNil(qs)}
	if found {
		out.Version, out.TwoStage = f.Version, f.TwoStage
	}
	return out, nil
}

// PassFailAnswers opens the pass/fail answers of every opened bid of an opportunity (bid ID →
// question ID → yes, no or empty) so that evaluation can check them before scoring; p is the
// officer who asked, and the read is audited. Errors: not_found (not opened).
func (s *Service) PassFailAnswers(ctx context.Context, p *auth.Principal, opportunityID string) (map[string]map[string]string, error) {
	return s.openedAnswers(ctx, p, opportunityID, "bids.pass_fail_read", func(q BidFormQuestion) bool { return q.Kind == KindPassFail },
		func(a storedAnswer) string { return a.PassFail })
}

func (s *Service) openedAnswers(ctx context.Context, p *auth.Principal, opportunityID, action string, want func(BidFormQuestion) bool,
	value func(storedAnswer) string) (map[string]map[string]string, error) {
	db := s.db.Gorm.WithContext(ctx)
	if done, err := s.opened(db, opportunityID); err != nil || !done {
		return nil, errors.Join(err, apperr.New(apperr.NotFound, "The bids are sealed until the opening panel opens them"))
	}
	_, qs, _, err := loadForm(db, opportunityID)
	if err != nil {
		return nil, err
	}
	wanted := map[string]bool{}
	for _, q := range qs {
		wanted[q.ID] = want(q)
	}
	var rows []bid
	if err := db.Where("opportunity_id = ? AND status = ?", opportunityID, StatusOpened).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read bids: %w", err)
	}
	out := map[string]map[string]string{}
	for _, b := range rows {
		dk, err := s.key(b)
		if err != nil {
			return nil, err
		}
		snap, _, err := s.loadSnapshot(db, dk, b, *b.SubmittedVersion)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, a := range snap.Answers {
			if wanted[a.QuestionID] {
				m[a.QuestionID] = value(a)
			}
		}
		out[b.ID] = m
	}
	if err := s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: action, SubjectType: "opportunity", SubjectID: opportunityID,
		ClientIP: audit.ClientIP(ctx), Details: map[string]any{"bids": len(rows)}}); err != nil {
		return nil, err
	}
	return out, nil
}

// OpenedPrices returns every opened bid's total price per lot it bid for (bid ID → totals; lot
// "" when the opportunity has no lots), once the council may read prices: conflict while a
// two-stage opening's price envelope is still sealed, not_found before opening. p is the
// officer who asked; the read is audited.
func (s *Service) OpenedPrices(ctx context.Context, p *auth.Principal, opportunityID string) (map[string][]LotTotal, error) {
	db := s.db.Gorm.WithContext(ctx)
	if done, err := s.opened(db, opportunityID); err != nil || !done {
		return nil, errors.Join(err, apperr.New(apperr.NotFound, "The bids are sealed until the opening panel opens them"))
	}
	f, qs, _, err := loadForm(db, opportunityID)
	if err != nil {
		return nil, err
	}
	if open, err := pricesOpen(db, opportunityID, f.TwoStage); err != nil || !open {
		return nil, errors.Join(err, apperr.New(apperr.Conflict, "The prices are still sealed: the opening panel opens them after quality is moderated"))
	}
	o, err := s.opps.GetOpportunity(ctx, nil, opportunityID)
	if err != nil {
		return nil, err
	}
	var rows []bid
	if err := db.Where("opportunity_id = ? AND status = ?", opportunityID, StatusOpened).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read bids: %w", err)
	}
	out := map[string][]LotTotal{}
	for _, b := range rows {
		dk, err := s.key(b)
		if err != nil {
			return nil, err
		}
		snap, _, err := s.loadSnapshot(db, dk, b, *b.SubmittedVersion)
		if err != nil {
			return nil, err
		}
		byQ := map[string]storedAnswer{}
		for _, a := range snap.Answers {
			byQ[a.QuestionID] = a
		}
		out[b.ID] = totals(o, qs, snap.LotIDs, byQ)
	}
	if err := s.audit.RecordNow(ctx, audit.Event{ActorID: p.UserID, Action: "bids.prices_read", SubjectType: "opportunity", SubjectID: opportunityID,
		ClientIP: audit.ClientIP(ctx), Details: map[string]any{"bids": len(rows)}}); err != nil {
		return nil, err
	}
	return out, nil
}

// BidOpportunity returns the opportunity a bid belongs to and the organisation that made it,
// for features that act on a bid by its ID (not_found for no such bid).
func (s *Service) BidOpportunity(db *gorm.DB, bidID string) (opportunityID, organisationID string, err error) {
	b, err := loadBid(db, bidID)
	if err != nil {
		return "", "", err
	}
	return b.OpportunityID, b.OrganisationID, nil
}
