package suppliers

// Bank details as council officers check them: the queue, the call-back, the second officer's approval, refusal.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"gorm.io/gorm"
)

// RecordCallback records that officer called the organisation back, on a number that has been on
// its record for at least the configured time (30 days by default), and confirmed the change. A
// supplier's first bank details may have no such number (it registered this month): the officer
// may then call a number found in a source the supplier does not control and say where (source).
// A fraudster who registered the organisation controls its record, not its Companies House entry.
// Errors: forbidden, not_found, invalid (phone, note, source), conflict (not pending, or already called back).
func (s *Service) RecordCallback(ctx context.Context, officer *auth.Principal, changeID, phone, note, source string) (BankQueueItem, error) {
	if !isBankOfficer(officer) {
		return BankQueueItem{}, errBankNotOfficer
	}
	note, source = strings.TrimSpace(note), strings.TrimSpace(source)
	var f apperr.Fields
	normal, err := NormaliseUKPhone(phone)
	if err != nil {
		f.Add("phone", err.Error())
	}
	if utf8.RuneCountInString(note) > 2000 {
		f.Add("note", "The note must be 2,000 characters or fewer")
	}
	if utf8.RuneCountInString(source) > 500 {
		f.Add("source", "Where you found the number must be 500 characters or fewer")
	}
	if err := f.Err(); err != nil {
		return BankQueueItem{}, err
	}
	var item BankQueueItem
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockBankChange(tx, changeID)
		if err != nil {
			return err
		}
		if err := bankMustBePending(c); err != nil {
			return err
		}
		if c.CallbackBy != nil {
			return apperr.New(apperr.Conflict, "A call-back has already been recorded for this change. It now needs approval by a different officer.")
		}
		now := s.bankNow()
		contacts, err := s.bankContacts(tx, []string{c.OrganisationID})
		if err != nil {
			return err
		}
		known, eligible := false, false
		for _, ct := range contacts {
			if n, err := NormaliseUKPhone(ct.Phone); err == nil && n == normal {
				known = true
				if s.phoneOldEnough(ct, now) {
					eligible = true
				}
			}
		}
		msg := fmt.Sprintf("Call a number that has been on the supplier's record for at least %s. Numbers added recently could have been added by a fraudster.",
			plural(s.callbackDays(), "day", "days"))
		first, err := s.firstBankDetails(tx, c.OrganisationID)
		if err != nil {
			return err
		}
		if eligible {
			source = "" // the supplier's own record vouches for the number
		} else if first && source != "" {
			eligible = true // first details, on a number from a source the supplier does not control
		} else if first {
			msg += " As these are their first bank details, you may instead call a number you found in a source they do not control, and say where you found it."
		}
		if !known && !eligible {
			return apperr.Field("phone", "This number is not on the supplier's record. "+msg)
		}
		if !eligible {
			return apperr.Field("phone", msg)
		}
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ? AND callback_by IS NULL", c.ID, BankPending).
			Updates(map[string]any{"callback_by": officer.UserID, "callback_at": now, "callback_phone": normal, "callback_note": note, "callback_source": source})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to record call-back: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while recording the call-back", c.ID)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: officer.UserID, Action: "bank.callback_recorded", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"organisationId": c.OrganisationID, "phone": normal, "source": source}}); err != nil {
			return err
		}
		c.CallbackBy, c.CallbackAt, c.CallbackPhone, c.CallbackNote, c.CallbackSource = &officer.UserID, &now, normal, note, source
		items, err := s.queueItems(tx, []BankDetailChange{c}, now)
		if err != nil {
			return err
		}
		item = items[0]
		return nil
	})
	return item, err
}

// ApproveBankChange is the second officer's approval of a change someone else called back on. The
// change then cools off for the configured working days (3 by default) and takes effect through a
// job scheduled, in the same transaction, for the end of that period.
// Errors: forbidden (not an officer, or the officer who called back), not_found, conflict (frozen,
// not pending, or no call-back yet).
func (s *Service) ApproveBankChange(ctx context.Context, officer *auth.Principal, changeID string) (BankQueueItem, error) {
	if !isBankOfficer(officer) {
		return BankQueueItem{}, errBankNotOfficer
	}
	var item BankQueueItem
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockBankChange(tx, changeID)
		if err != nil {
			return err
		}
		if err := bankMustBePending(c); err != nil {
			return err
		}
		if c.CallbackBy == nil {
			return apperr.New(apperr.Conflict, "Call the supplier back on a number from their record and record the call-back before this change can be approved.")
		}
		if *c.CallbackBy == officer.UserID {
			return errBankSecondOfficer
		}
		now := s.bankNow()
		until := s.cal.AddWorkingDays(now, s.cfg.BankCoolingOffWorkdays).UTC()
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ?", c.ID, BankPending).
			Updates(map[string]any{"status": BankCoolingOff, "approved_by": officer.UserID, "approved_at": now, "cooling_off_until": until})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to approve bank change: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while being approved", c.ID)
		}
		if err := s.insertJobAt(ctx, tx, ActivateBankChangeArgs{ChangeID: c.ID}, until); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: officer.UserID, Action: "bank.change_approved", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"organisationId": c.OrganisationID,
				"calledBackBy": *c.CallbackBy, "coolingOffUntil": until.Format(time.RFC3339)}}); err != nil {
			return err
		}
		c.Status, c.ApprovedBy, c.ApprovedAt, c.CoolingOffUntil = BankCoolingOff, &officer.UserID, &now, &until
		items, err := s.queueItems(tx, []BankDetailChange{c}, now)
		if err != nil {
			return err
		}
		item = items[0]
		return nil
	})
	return item, err
}

// RejectBankChange refuses a change that is pending, frozen or cooling off, with the reason the
// organisation is shown. Rejecting a frozen change is how the council clears it after looking into
// it, so the organisation can ask for a change again.
// Errors: forbidden, not_found, invalid (reason), conflict (already in effect, replaced or rejected).
func (s *Service) RejectBankChange(ctx context.Context, officer *auth.Principal, changeID, reason string) (BankQueueItem, error) {
	if !isBankOfficer(officer) {
		return BankQueueItem{}, errBankNotOfficer
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return BankQueueItem{}, apperr.Field("reason", "Enter why the change is refused. The supplier will see it.")
	case utf8.RuneCountInString(reason) > 1000:
		return BankQueueItem{}, apperr.Field("reason", "The reason must be 1,000 characters or fewer")
	}
	var item BankQueueItem
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockBankChange(tx, changeID)
		if err != nil {
			return err
		}
		if !slices.Contains(bankOpenStatuses, c.Status) {
			return apperr.New(apperr.Conflict, "This change can no longer be refused: it "+bankStatusWords(c.Status)+".")
		}
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ?", c.ID, c.Status).
			Updates(map[string]any{"status": BankRejected, "reject_reason": reason})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to reject bank change: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while being rejected", c.ID)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: officer.UserID, Action: "bank.change_rejected", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"organisationId": c.OrganisationID, "previousStatus": c.Status}}); err != nil {
			return err
		}
		c.Status, c.RejectReason = BankRejected, reason
		items, err := s.queueItems(tx, []BankDetailChange{c}, s.bankNow())
		if err != nil {
			return err
		}
		item = items[0]
		return nil
	})
	return item, err
}

// BankChangeQueue is the officers' queue: changes not yet in effect (pending, frozen and cooling
// off), oldest first, each with the organisation's numbers an officer may call back. status, when
// given, keeps only changes in that state.
// Errors: forbidden, invalid (status).
func (s *Service) BankChangeQueue(ctx context.Context, officer *auth.Principal, status BankStatus, page, pageSize int) (BankQueue, error) {
	if !isBankOfficer(officer) {
		return BankQueue{}, errBankNotOfficer
	}
	statuses := bankOpenStatuses
	if status != "" {
		if !slices.Contains(bankOpenStatuses, status) {
			return BankQueue{}, apperr.Field("status", "Choose pending, frozen or cooling_off")
		}
		statuses = []BankStatus{status}
	}
	if page < 1 {
		page = 1
	}
	if pageSize < 1 || pageSize > 100 {
		pageSize = 20
	}
	out := BankQueue{Items: []BankQueueItem{}, Page: page, PageSize: pageSize}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&BankDetailChange{}).Where("status IN ?", statuses)
		if err := q.Count(&out.Total).Error; err != nil {
			return fmt.Errorf("suppliers: unable to count bank changes: %w", err)
		}
		var rows []BankDetailChange
		if err := tx.Omit("account_sealed").Where("status IN ?", statuses).Order("requested_at").Order("id").
			Offset(database.Offset(page, pageSize)).Limit(pageSize).Find(&rows).Error; err != nil {
			return fmt.Errorf("suppliers: unable to read bank changes: %w", err)
		}
		items, err := s.queueItems(tx, rows, s.bankNow())
		if err != nil {
			return err
		}
		out.Items = items
		return nil
	})
	return out, err
}
