package suppliers

// Bank details as the supplier's members use them: ask for a change, say "this wasn't us", see where a change stands.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// RequestBankChange records a request to set or change the organisation's bank details. Any member
// may ask; every owner is emailed at the address on file with a link to say "this wasn't us". The
// change is pending until an officer calls back and a second officer approves. A change of the
// organisation still pending or cooling off is superseded: the checks start again.
// Errors: invalid (accountName, sortCode, accountNumber), forbidden, conflict (a change is frozen).
func (s *Service) RequestBankChange(ctx context.Context, p *auth.Principal, orgID string, in BankChangeInput) (BankChangeView, error) {
	in.AccountName = strings.Join(strings.Fields(in.AccountName), " ")
	var f apperr.Fields
	switch {
	case in.AccountName == "":
		f.Add("accountName", "Enter the name on the account")
	case utf8.RuneCountInString(in.AccountName) > 140:
		f.Add("accountName", "The name on the account must be 140 characters or fewer")
	}
	sortCode, err := NormaliseSortCode(in.SortCode)
	if err != nil {
		f.Add("sortCode", err.Error())
	}
	account, err := NormaliseAccountNumber(in.AccountNumber)
	if err != nil {
		f.Add("accountNumber", err.Error())
	}
	if err := f.Err(); err != nil {
		return BankChangeView{}, err
	}
	if !isUUID(orgID) {
		return BankChangeView{}, errNotMember
	}
	now := s.bankNow()
	c := BankDetailChange{ID: uuid.NewString(), OrganisationID: orgID, AccountName: in.AccountName, SortCode: sortCode,
		AccountSealed: s.box.Seal([]byte(account)), AccountLast4: account[len(account)-4:], Status: BankPending,
		RequestedBy: p.UserID, RequestedAt: now}
	var view BankChangeView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.membership(tx, p.UserID, orgID); err != nil {
			return err
		}
		if err := s.db.LockForUpdate(tx, "bank:"+orgID); err != nil {
			return err
		}
		var frozen int64
		if err := tx.Model(&BankDetailChange{}).Where("organisation_id = ? AND status = ?", orgID, BankFrozen).Count(&frozen).Error; err != nil {
			return fmt.Errorf("suppliers: unable to read bank changes: %w", err)
		}
		if frozen > 0 {
			return apperr.New(apperr.Conflict, "A change to your bank details is frozen because an owner told us it was not them. "+
				"Contact the council: no new change can be made until they have looked into it.")
		}
		owners, err := s.owners(tx, orgID)
		if err != nil {
			return err
		}
		if len(owners) == 0 {
			return apperr.New(apperr.Conflict, "Your organisation has no owner we can email to confirm this change. Contact the council.")
		}
		var superseded []string
		if err := tx.Model(&BankDetailChange{}).Where("organisation_id = ? AND status IN ?", orgID, []BankStatus{BankPending, BankCoolingOff}).
			Order("requested_at").Pluck("id", &superseded).Error; err != nil {
			return fmt.Errorf("suppliers: unable to read bank changes: %w", err)
		}
		if len(superseded) > 0 {
			if err := tx.Model(&BankDetailChange{}).Where("id IN ?", superseded).Update("status", BankSuperseded).Error; err != nil {
				return fmt.Errorf("suppliers: unable to supersede bank changes: %w", err)
			}
		}
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("suppliers: unable to store bank change: %w", err)
		}
		org, requester, err := s.bankNames(tx, orgID, p.UserID)
		if err != nil {
			return err
		}
		first, err := s.firstBankDetails(tx, orgID)
		if err != nil {
			return err
		}
		for _, o := range owners {
			data := map[string]any{"Name": o.Name, "OrganisationName": org, "RequesterName": requester.Name, "RequesterEmail": requester.Email,
				"RequestedAt": format.DateTime(now), "AccountName": c.AccountName, "SortCode": formatSortCode(c.SortCode),
				"AccountLast4": c.AccountLast4, "CallbackDays": s.callbackDays(), "CoolingOffDays": s.cfg.BankCoolingOffWorkdays,
				"First": first, "CheckWorkdays": s.cfg.BankCheckWorkdays, "TotalWorkdays": s.usualWorkdays(),
				"Link": s.baseURL + "/bank-details/not-us?change=" + c.ID}
			if err := s.mail.Enqueue(ctx, tx, "bank-change-requested", o.Email, o.Name, data); err != nil {
				return err
			}
		}
		details := map[string]any{"organisationId": orgID, "accountLast4": c.AccountLast4, "ownersEmailed": len(owners)}
		if len(superseded) > 0 {
			details["supersedes"] = superseded
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bank.change_requested", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: details}); err != nil {
			return err
		}
		view = s.changeView(c, requester.Name, first)
		return nil
	})
	return view, err
}

// ReportNotUs freezes a change an owner says nobody at the organisation asked for. From then on no
// step can continue it. Reporting a change that is already frozen changes nothing.
// Errors: not_found (no such change in the caller's organisations), forbidden (not an owner),
// conflict (already in effect, rejected or replaced).
func (s *Service) ReportNotUs(ctx context.Context, p *auth.Principal, changeID string) (BankChangeView, error) {
	var view BankChangeView
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		c, err := s.lockBankChange(tx, changeID)
		if err != nil {
			return err
		}
		role, err := s.membership(tx, p.UserID, c.OrganisationID)
		if err != nil {
			// Members of other organisations learn nothing about the change.
			return errBankNotFound
		}
		if role != "owner" {
			return apperr.New(apperr.Forbidden, "Only an owner of the organisation can stop a change to its bank details. Ask an owner to do this.")
		}
		switch c.Status {
		case BankPending, BankCoolingOff:
		case BankFrozen:
			view, err = s.changeViewTx(tx, c)
			return err
		case BankActive:
			return apperr.New(apperr.Conflict, "This change has already taken effect. Contact the council straight away so they can stop payments to this account.")
		case BankSuperseded:
			return apperr.New(apperr.Conflict, "This change was replaced by a later one, which has its own checks. We emailed every owner about the later change: use the link in that email.")
		default:
			return apperr.New(apperr.Conflict, "This change will not go ahead: the council has already refused it.")
		}
		now := s.bankNow()
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ?", c.ID, c.Status).
			Updates(map[string]any{"status": BankFrozen, "frozen_at": now, "frozen_by": p.UserID})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to freeze bank change: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while being frozen", c.ID)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bank.change_frozen", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"organisationId": c.OrganisationID, "previousStatus": c.Status}}); err != nil {
			return err
		}
		c.Status, c.FrozenAt, c.FrozenBy = BankFrozen, &now, &p.UserID
		view, err = s.changeViewTx(tx, c)
		return err
	})
	return view, err
}

// BankDetails returns the organisation's bank details in use and any change on its way, each
// explained. Any member may see them.
// Errors: forbidden.
func (s *Service) BankDetails(ctx context.Context, p *auth.Principal, orgID string) (BankDetails, error) {
	if !isUUID(orgID) {
		return BankDetails{}, errNotMember
	}
	out := BankDetails{OrganisationID: orgID, Changes: []BankChangeView{}, CheckWorkdays: s.cfg.BankCheckWorkdays,
		CoolingOffWorkdays: s.cfg.BankCoolingOffWorkdays, CallbackDays: s.callbackDays()}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		role, err := s.membership(tx, p.UserID, orgID)
		if err != nil {
			return err
		}
		out.YourRole = role
		if out.OrganisationName, _, err = s.bankNames(tx, orgID, ""); err != nil {
			return err
		}
		var rows []BankDetailChange
		if err := tx.Omit("account_sealed").Where("organisation_id = ? AND status IN ?", orgID, append([]BankStatus{BankActive}, bankOpenStatuses...)).
			Order("requested_at DESC").Order("id").Find(&rows).Error; err != nil {
			return fmt.Errorf("suppliers: unable to read bank changes: %w", err)
		}
		var latest BankDetailChange
		if err := tx.Omit("account_sealed").Where("organisation_id = ?", orgID).Order("requested_at DESC").Order("id").Limit(1).Take(&latest).Error; err == nil {
			if latest.Status == BankRejected {
				rows = append(rows, latest)
			}
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("suppliers: unable to read bank changes: %w", err)
		}
		for _, c := range rows {
			v, err := s.changeViewTx(tx, c)
			if err != nil {
				return err
			}
			if c.Status == BankActive {
				out.Current = &v
			} else {
				out.Changes = append(out.Changes, v)
			}
		}
		return nil
	})
	return out, err
}
