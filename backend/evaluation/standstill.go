package evaluation

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"gorm.io/gorm"
)

// StandstillDays is the Procurement Act 2023 s.51 minimum standstill, in working days.
const StandstillDays = 8

// StandstillEnd is when a standstill that starts with an award notice at notice ends: at the
// end (23:59:59, Europe/London) of the 8th working day after the notice's day, weekends and
// England and Wales bank holidays skipped. A notice on a non-working day counts from that day,
// so a Saturday notice's first working day is the Monday.
func StandstillEnd(cal *workdays.Calendar, notice time.Time) time.Time {
	return endOfDay(cal.AddWorkingDays(notice, StandstillDays))
}

// endOfDay is the last second of t's Europe/London date, in UTC.
func endOfDay(t time.Time) time.Time {
	l := t.In(format.London)
	return time.Date(l.Year(), l.Month(), l.Day(), 23, 59, 59, 0, format.London).UTC()
}

// AwardReasonInput is why the buyer pauses or resumes the standstill, or ends the procurement.
type AwardReasonInput struct {
	Reason string `json:"reason" maxLength:"5000" doc:"Bidders are told this."`
}

func (in AwardReasonInput) reason() (string, error) {
	r := strings.TrimSpace(in.Reason)
	if r == "" {
		return "", apperr.Field("reason", "Say why: the bidders are told")
	}
	return r, nil
}

// PauseStandstill pauses a running standstill (a challenge, or a decision to re-evaluate); the
// bidders are told why. Errors: not_found, forbidden, conflict (not in standstill), invalid.
func (s *Service) PauseStandstill(ctx context.Context, p *auth.Principal, opportunityID string, in AwardReasonInput) (AwardState, error) {
	return s.standstillChange(ctx, p, opportunityID, in, true)
}

// ResumeStandstill resumes a paused standstill: the working days that were left after the day
// it was paused run again after the day it resumes, so bidders lose none. Errors: not_found,
// forbidden, conflict (not paused), invalid.
func (s *Service) ResumeStandstill(ctx context.Context, p *auth.Principal, opportunityID string, in AwardReasonInput) (AwardState, error) {
	return s.standstillChange(ctx, p, opportunityID, in, false)
}

func (s *Service) standstillChange(ctx context.Context, p *auth.Principal, opportunityID string, in AwardReasonInput, pause bool) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	reason, err := in.reason()
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	out, err := outcome(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	now := s.stamp()
	from, to := AwardStandstill, AwardPaused
	if !pause {
		from, to = AwardPaused, AwardStandstill
	}
	if out == nil || out.Status != from || out.StandstillEndsAt == nil {
		if pause {
			return AwardState{}, apperr.New(apperr.Conflict, "Only a running standstill period can be paused")
		}
		return AwardState{}, apperr.New(apperr.Conflict, "The standstill period is not paused")
	}
	if pause && now.After(*out.StandstillEndsAt) {
		return AwardState{}, apperr.New(apperr.Conflict, "The standstill period has already ended")
	}
	changes := map[string]any{"status": to, "updated_at": now}
	var title, body, action string
	if pause {
		changes["paused_at"], changes["pause_reason"] = now, reason
		title, action = "The standstill period for "+o.Title+" is paused", "standstill_paused"
		body = "The council has paused the standstill period: " + reason + " The contract will not be entered while it is paused; we will tell you when it resumes."
	} else {
		left := s.cal.WorkingDaysBetween(*out.PausedAt, *out.StandstillEndsAt)
		ends := endOfDay(s.cal.AddWorkingDays(now, left))
		if left == 0 {
			ends = endOfDay(now)
		}
		changes["paused_at"], changes["standstill_ends_at"] = nil, ends
		title, action = "The standstill period for "+o.Title+" has resumed", "standstill_resumed"
		body = "The council has resumed the standstill period: " + reason + " " + standstillText(ends, false) + "."
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&outcomeRow{}).Where("opportunity_id = ? AND status = ?", o.ID, from).Updates(changes)
		if q.Error != nil {
			return fmt.Errorf("evaluation: unable to change the standstill: %w", q.Error)
		}
		if q.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "The standstill period has changed meanwhile: reload the page")
		}
		rows, err := s.summaryRows(tx, o.ID)
		if err != nil {
			return err
		}
		if err := s.tellBidders(ctx, tx, o, rows, action, title, body); err != nil {
			return err
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: action, Reason: reason, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation." + action, SubjectType: "opportunity", SubjectID: o.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

// EnterContract records that the council has entered the contract: only after the standstill
// period has ended, and not while it is paused. The contracts register takes it from there
// (Awarded). Errors: not_found, forbidden, conflict.
func (s *Service) EnterContract(ctx context.Context, p *auth.Principal, opportunityID string) (AwardState, error) {
	o, err := s.awardBuyer(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	out, err := outcome(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	now := s.stamp()
	switch {
	case out == nil || out.StandstillEndsAt == nil || out.Status == AwardApproved:
		return AwardState{}, apperr.New(apperr.Conflict, "Send the assessment summaries first: the standstill period starts with the award notice")
	case out.Status == AwardPaused:
		return AwardState{}, apperr.New(apperr.Conflict, "The standstill period is paused: the contract cannot be entered until it resumes and ends")
	case out.Status != AwardStandstill:
		return AwardState{}, apperr.New(apperr.Conflict, "The contract has already been entered, or the procurement ended")
	case !now.After(*out.StandstillEndsAt):
		return AwardState{}, apperr.New(apperr.Conflict, "The contract cannot be entered before the standstill period ends: "+standstillText(*out.StandstillEndsAt, false))
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&outcomeRow{}).Where("opportunity_id = ? AND status = ?", o.ID, AwardStandstill).Updates(map[string]any{"status": AwardContract,
			"contract_entered_at": now, "updated_at": now})
		if q.Error != nil {
			return fmt.Errorf("evaluation: unable to record the contract: %w", q.Error)
		}
		if q.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "The standstill period has changed meanwhile: reload the page")
		}
		rows, err := s.summaryRows(tx, o.ID)
		if err != nil {
			return err
		}
		if err := s.tellBidders(ctx, tx, o, rows, "contract", "The contract for "+o.Title+" has been entered",
			"The standstill period has ended and the council has entered the contract with the winning supplier."); err != nil {
			return err
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "contract_entered", At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.contract_entered", SubjectType: "opportunity", SubjectID: o.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}

// Terminate ends the procurement without award, at any point before the contract is entered;
// every bidder in the evaluation is told why. Errors: not_found, forbidden, conflict, invalid.
func (s *Service) Terminate(ctx context.Context, p *auth.Principal, opportunityID string, in AwardReasonInput) (AwardState, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return AwardState{}, err
	}
	if !isBuyer(p) {
		return AwardState{}, apperr.New(apperr.Forbidden, "Only buyers can end a procurement")
	}
	reason, err := in.reason()
	if err != nil {
		return AwardState{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	out, err := outcome(db, o.ID)
	if err != nil {
		return AwardState{}, err
	}
	if out != nil && (out.Status == AwardContract || out.Status == AwardTerminated) {
		return AwardState{}, apperr.New(apperr.Conflict, "The contract has already been entered, or the procurement ended")
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		if out == nil {
			if err := tx.Create(&outcomeRow{OpportunityID: o.ID, Status: AwardTerminated, TerminatedAt: &now, TerminationReason: reason, UpdatedAt: now}).Error; err != nil {
				return fmt.Errorf("evaluation: unable to record the termination: %w", err)
			}
		} else {
			q := tx.Model(&outcomeRow{}).Where("opportunity_id = ? AND status = ?", o.ID, out.Status).Updates(map[string]any{"status": AwardTerminated,
				"terminated_at": now, "termination_reason": reason, "paused_at": nil, "updated_at": now})
			if q.Error != nil {
				return fmt.Errorf("evaluation: unable to record the termination: %w", q.Error)
			}
			if q.RowsAffected == 0 {
				return apperr.New(apperr.Conflict, "The award has changed meanwhile: reload the page")
			}
		}
		bids, err := evaluationBids(tx, o.ID)
		if err != nil {
			return err
		}
		ids := []string{}
		for _, b := range bids {
			ids = append(ids, b.BidID)
		}
		if err := s.tellBids(ctx, tx, o, ids, "terminated", o.Title+" has ended without an award",
			"The council has ended this procurement without awarding a contract: "+reason); err != nil {
			return err
		}
		if err := s.record(tx, historyRow{OpportunityID: o.ID, ActorID: p.UserID, Action: "terminated", Reason: reason, At: now}); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "evaluation.terminated", SubjectType: "opportunity", SubjectID: o.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AwardState{}, err
	}
	return s.awardState(ctx, p, o)
}
