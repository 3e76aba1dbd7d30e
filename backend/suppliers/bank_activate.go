package suppliers

// Bank details take effect: the job at the end of the cooling-off period, and the sweep behind it.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// ActivateDue puts into effect every approved change whose cooling-off period has ended and
// returns how many it activated. The scheduled job does the same for one change; this sweep exists
// for the command line, tests and as a safety net.
func (s *Service) ActivateDue(ctx context.Context) (int, error) {
	var cooling []BankDetailChange
	if err := s.db.Gorm.WithContext(ctx).Select("id", "cooling_off_until").Where("status = ?", BankCoolingOff).Find(&cooling).Error; err != nil {
		return 0, fmt.Errorf("suppliers: unable to read cooling-off bank changes: %w", err)
	}
	now := s.now()
	n := 0
	for _, c := range cooling {
		// Times are compared here, not in SQL: SQLite keeps them as text.
		if c.CoolingOffUntil == nil || now.Before(*c.CoolingOffUntil) {
			continue
		}
		done, _, err := s.activateBankChange(ctx, c.ID)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

// activateBankChange puts one change into effect if, read afresh under lock, it is still cooling
// off, not frozen, and its period has ended. It is idempotent: a change already active, or no
// longer cooling off, is left alone. wait is how long until the change is due, when it is not yet.
func (s *Service) activateBankChange(ctx context.Context, id string) (done bool, wait time.Duration, err error) {
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The organisation's lock comes before the row's, in the order RequestBankChange takes them.
		var orgID string
		if isUUID(id) {
			err := tx.Model(&BankDetailChange{}).Select("organisation_id").Where("id = ?", id).Take(&orgID).Error
			if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("suppliers: unable to read bank change: %w", err)
			}
		}
		if orgID == "" {
			return nil // no such change: its organisation was deleted
		}
		if err := s.db.LockForUpdate(tx, "bank:"+orgID); err != nil {
			return err
		}
		c, err := s.lockBankChange(tx, id)
		if err != nil {
			return err
		}
		if c.Status != BankCoolingOff || c.FrozenAt != nil || c.ApprovedBy == nil || c.CallbackBy == nil || c.CoolingOffUntil == nil {
			return nil
		}
		now := s.bankNow()
		if now.Before(*c.CoolingOffUntil) {
			wait = c.CoolingOffUntil.Sub(now)
			return nil
		}
		var previous []string
		if err := tx.Model(&BankDetailChange{}).Where("organisation_id = ? AND status = ? AND id <> ?", c.OrganisationID, BankActive, c.ID).
			Pluck("id", &previous).Error; err != nil {
			return fmt.Errorf("suppliers: unable to read active bank details: %w", err)
		}
		if len(previous) > 0 {
			if err := tx.Model(&BankDetailChange{}).Where("id IN ?", previous).Update("status", BankSuperseded).Error; err != nil {
				return fmt.Errorf("suppliers: unable to supersede bank details: %w", err)
			}
		}
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ?", c.ID, BankCoolingOff).
			Updates(map[string]any{"status": BankActive, "effective_at": now})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to activate bank change: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while being activated", c.ID)
		}
		owners, err := s.owners(tx, c.OrganisationID)
		if err != nil {
			return err
		}
		org, _, err := s.bankNames(tx, c.OrganisationID, "")
		if err != nil {
			return err
		}
		for _, o := range owners {
			data := map[string]any{"Name": o.Name, "OrganisationName": org, "AccountName": c.AccountName, "SortCode": formatSortCode(c.SortCode),
				"AccountLast4": c.AccountLast4, "RequestedAt": format.Date(c.RequestedAt), "EffectiveAt": format.DateTime(now),
				"Link": s.baseURL + "/bank-details"}
			if err := s.mail.Enqueue(ctx, tx, "bank-change-active", o.Email, o.Name, data); err != nil {
				return err
			}
		}
		details := map[string]any{"organisationId": c.OrganisationID, "accountLast4": c.AccountLast4}
		if len(previous) > 0 {
			details["supersedes"] = previous
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: "system", Action: "bank.change_activated", SubjectType: "bank_detail_change",
			SubjectID: c.ID, Details: details}); err != nil {
			return err
		}
		done = true
		return nil
	})
	return done, wait, err
}

// ActivateBankChangeWorker is the River worker for ActivateBankChangeArgs.
func (s *Service) ActivateBankChangeWorker() river.Worker[ActivateBankChangeArgs] {
	return &activateBankChangeWorker{svc: s}
}

type activateBankChangeWorker struct {
	river.WorkerDefaults[ActivateBankChangeArgs]
	svc *Service
}

// Work re-checks the change from scratch: it may have been frozen, rejected or replaced since the
// job was scheduled, and then nothing happens. A job that runs early (clocks differ) waits.
func (w *activateBankChangeWorker) Work(ctx context.Context, job *river.Job[ActivateBankChangeArgs]) error {
	_, wait, err := w.svc.activateBankChange(ctx, job.Args.ChangeID)
	if err != nil {
		return fmt.Errorf("activate bank change %s: %w", job.Args.ChangeID, err)
	}
	if wait > 0 {
		return river.JobSnooze(wait)
	}
	return nil
}

// insertJobAt inserts a job to run at a given time inside the gorm transaction tx.
// jobs.InsertTx takes no options, and a job's InsertOpts method cannot carry a time known only at
// insert.
func (s *Service) insertJobAt(ctx context.Context, tx *gorm.DB, args river.JobArgs, at time.Time) error {
	sqlTx, err := database.SQLTx(tx)
	if err != nil {
		return fmt.Errorf("suppliers: %w", err)
	}
	if _, err := s.jobs().InsertTx(ctx, sqlTx, args, &river.InsertOpts{ScheduledAt: at}); err != nil {
		return fmt.Errorf("suppliers: unable to insert %s job: %w", args.Kind(), err)
	}
	return nil
}
