package suppliers

// Bank details, safe from mandate fraud. A fraudster who gets into a supplier's account (or
// pretends to be the supplier) asks the council to pay "the new account". So a change never takes
// effect at once: every owner is emailed and can freeze it; an officer calls the supplier back on a
// number that was on the record before the fraud could have started; a second officer approves;
// and a cooling-off period gives everyone time to notice. Each step is its own use case below,
// each one transaction with its audit entry.
//
// Decisions:
//   - Any member of the organisation may ask for a change (members often run the accounts), but
//     every owner is told, at the address on file, and only owners may say "this wasn't us".
//   - Council officers with the buyer or admin role run the queue: they are the staff who deal with
//     suppliers and payments. Evaluators and case officers do not.
//   - A new request replaces (supersedes) any change still pending or cooling off, so the checks
//     start again for the new details. While a change is frozen, no new change can be asked for:
//     the council must look into it first and clear it by rejecting it.
//   - The full account number is sealed (secretbox, key derived from the secret key) and never
//     leaves this file in clear: responses, emails, audit entries and logs carry the last 4 digits.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// BankChangeInput is a request to set or change an organisation's bank details.
type BankChangeInput struct {
	AccountName   string
	SortCode      string
	AccountNumber string
}

// BankChangeView is a bank-detail change as its organisation's members see it.
type BankChangeView struct {
	ID              string     `json:"id"`
	OrganisationID  string     `json:"organisationId"`
	AccountName     string     `json:"accountName"`
	SortCode        string     `json:"sortCode" doc:"Shown as 12-34-56."`
	AccountLast4    string     `json:"accountLast4" doc:"The last 4 digits of the account number: the whole number is never shown after entry."`
	Status          string     `json:"status" enum:"pending,frozen,cooling_off,active,superseded,rejected"`
	RequestedAt     time.Time  `json:"requestedAt"`
	RequestedBy     string     `json:"requestedBy" doc:"Name of the person who asked for the change."`
	CallbackDone    bool       `json:"callbackDone" doc:"Whether a council officer has called the organisation back."`
	ApprovedAt      *time.Time `json:"approvedAt,omitempty"`
	CoolingOffUntil *time.Time `json:"coolingOffUntil,omitempty" doc:"When the change takes effect, once approved."`
	EffectiveAt     *time.Time `json:"effectiveAt,omitempty"`
	FrozenAt        *time.Time `json:"frozenAt,omitempty"`
	RejectReason    string     `json:"rejectReason,omitempty"`
	Explanation     string     `json:"explanation" doc:"Where the change stands and what happens next, in plain English."`
}

// BankDetails is an organisation's bank details: those in use and any change on its way.
type BankDetails struct {
	OrganisationID   string `json:"organisationId"`
	OrganisationName string `json:"organisationName"`
	// YourRole lets the page offer "this wasn't us" to owners only.
	YourRole string `json:"yourRole" enum:"owner,member"`
	// Current is the change in effect; absent when the council holds no bank details yet.
	Current *BankChangeView `json:"current,omitempty"`
	// Changes are those not yet in effect (pending, frozen, cooling off), newest first, and the
	// latest change when it was rejected, so the supplier learns why.
	Changes []BankChangeView `json:"changes" nullable:"false"`
}

// BankPerson names a person involved in a change.
type BankPerson struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// BankCallback is the call-back an officer recorded.
type BankCallback struct {
	By    BankPerson `json:"by"`
	At    time.Time  `json:"at"`
	Phone string     `json:"phone"`
	Note  string     `json:"note"`
}

// BankCallbackNumber is a number an officer may call: it has been on the organisation's record long
// enough that a fraudster is unlikely to have put it there.
type BankCallbackNumber struct {
	ContactName   string    `json:"contactName"`
	JobTitle      string    `json:"jobTitle"`
	Phone         string    `json:"phone"`
	OnRecordSince time.Time `json:"onRecordSince"`
}

// BankQueueItem is a change as council officers see it in their queue.
type BankQueueItem struct {
	ID               string        `json:"id"`
	OrganisationID   string        `json:"organisationId"`
	OrganisationName string        `json:"organisationName"`
	Status           string        `json:"status" enum:"pending,frozen,cooling_off,active,superseded,rejected"`
	Frozen           bool          `json:"frozen" doc:"An owner said the change was not made by them: it cannot go ahead."`
	AccountName      string        `json:"accountName"`
	SortCode         string        `json:"sortCode"`
	AccountLast4     string        `json:"accountLast4"`
	RequestedAt      time.Time     `json:"requestedAt"`
	RequestedBy      BankPerson    `json:"requestedBy"`
	FrozenAt         *time.Time    `json:"frozenAt,omitempty"`
	Callback         *BankCallback `json:"callback,omitempty"`
	ApprovedBy       *BankPerson   `json:"approvedBy,omitempty"`
	ApprovedAt       *time.Time    `json:"approvedAt,omitempty"`
	CoolingOffUntil  *time.Time    `json:"coolingOffUntil,omitempty"`
	EffectiveAt      *time.Time    `json:"effectiveAt,omitempty"`
	RejectReason     string        `json:"rejectReason,omitempty"`
	// CallbackNumbers are the organisation's contact numbers held long enough to be called.
	CallbackNumbers []BankCallbackNumber `json:"callbackNumbers" nullable:"false"`
	NextStep        string               `json:"nextStep" doc:"What an officer should do next, in plain English."`
}

// BankQueue is one page of the officers' queue.
type BankQueue struct {
	Items    []BankQueueItem `json:"items" nullable:"false"`
	Total    int64           `json:"total"`
	Page     int             `json:"page"`
	PageSize int             `json:"pageSize"`
}

// ActivateBankChangeArgs is the job that puts an approved change into effect when its cooling-off
// period ends. It carries only the change's ID: the worker reads and re-checks everything.
type ActivateBankChangeArgs struct {
	ChangeID string `json:"changeId"`
}

// Kind names the job for River.
func (ActivateBankChangeArgs) Kind() string { return "activate_bank_change" }

// Queue statuses: changes that are not yet in effect and may still need an officer.
var bankOpenStatuses = []string{BankPending, BankFrozen, BankCoolingOff}

// bankOfficerRoles run the bank-change queue.
var bankOfficerRoles = []auth.Role{auth.RoleBuyer, auth.RoleAdmin}

// BankOfficerAccess is who may work the bank-change queue.
var BankOfficerAccess = auth.Only(bankOfficerRoles...)

var (
	errBankNotFound      = apperr.New(apperr.NotFound, "There is no such bank details change")
	errBankNotOfficer    = apperr.New(apperr.Forbidden, "Only council buyers and administrators can check bank detail changes")
	errBankFrozen        = apperr.New(apperr.Conflict, "This change is frozen because an owner of the organisation told us it was not them. It cannot go ahead.")
	errBankSecondOfficer = apperr.New(apperr.Forbidden, "A second officer must approve this change: you recorded the call-back")
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London") // tzdata is embedded by platform/workdays
	if err != nil {
		panic("suppliers: unable to load Europe/London: " + err.Error())
	}
	return loc
}()

func bankDate(t time.Time) string { return t.In(london).Format("2 January 2006") }

func bankDateTime(t time.Time) string {
	lt := t.In(london)
	return lt.Format("2 January 2006") + " at " + strings.ToLower(lt.Format("3:04PM"))
}

// formatSortCode shows six digits as 12-34-56.
func formatSortCode(s string) string {
	if len(s) != 6 {
		return s
	}
	return s[:2] + "-" + s[2:4] + "-" + s[4:]
}

func (s *Service) bankNow() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) callbackDays() int { return int(s.cfg.CallbackPhoneMinAge / (24 * time.Hour)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isUUID reports whether s is a UUID in the one form both databases compare: 36 characters with
// dashes (uuid.Parse also takes braces and URNs, which PostgreSQL refuses).
func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func isBankOfficer(p *auth.Principal) bool {
	return p != nil && slices.Contains(bankOfficerRoles, p.Role)
}

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
		if err := tx.Model(&BankDetailChange{}).Where("organisation_id = ? AND status IN ?", orgID, []string{BankPending, BankCoolingOff}).
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
		for _, o := range owners {
			data := map[string]any{"Name": o.Name, "OrganisationName": org, "RequesterName": requester.Name, "RequesterEmail": requester.Email,
				"RequestedAt": bankDateTime(now), "AccountName": c.AccountName, "SortCode": formatSortCode(c.SortCode),
				"AccountLast4": c.AccountLast4, "CallbackDays": s.callbackDays(), "CoolingOffDays": s.cfg.BankCoolingOffWorkdays,
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
		view = s.changeView(c, requester.Name)
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

// RecordCallback records that officer called the organisation back, on a number that has been on
// its record for at least the configured time (30 days by default), and confirmed the change.
// Errors: forbidden, not_found, invalid (phone, note), conflict (not pending, or already called back).
func (s *Service) RecordCallback(ctx context.Context, officer *auth.Principal, changeID, phone, note string) (BankQueueItem, error) {
	if !isBankOfficer(officer) {
		return BankQueueItem{}, errBankNotOfficer
	}
	note = strings.TrimSpace(note)
	var f apperr.Fields
	normal, err := NormaliseUKPhone(phone)
	if err != nil {
		f.Add("phone", err.Error())
	}
	if utf8.RuneCountInString(note) > 2000 {
		f.Add("note", "The note must be 2,000 characters or fewer")
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
		if !known {
			return apperr.Field("phone", "This number is not on the supplier's record. "+msg)
		}
		if !eligible {
			return apperr.Field("phone", msg)
		}
		res := tx.Model(&BankDetailChange{}).Where("id = ? AND status = ? AND callback_by IS NULL", c.ID, BankPending).
			Updates(map[string]any{"callback_by": officer.UserID, "callback_at": now, "callback_phone": normal, "callback_note": note})
		if res.Error != nil {
			return fmt.Errorf("suppliers: unable to record call-back: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("suppliers: bank change %s changed while recording the call-back", c.ID)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: officer.UserID, Action: "bank.callback_recorded", SubjectType: "bank_detail_change",
			SubjectID: c.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"organisationId": c.OrganisationID, "phone": normal}}); err != nil {
			return err
		}
		c.CallbackBy, c.CallbackAt, c.CallbackPhone, c.CallbackNote = &officer.UserID, &now, normal, note
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
				"AccountLast4": c.AccountLast4, "RequestedAt": bankDate(c.RequestedAt), "EffectiveAt": bankDateTime(now),
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

// BankDetails returns the organisation's bank details in use and any change on its way, each
// explained. Any member may see them.
// Errors: forbidden.
func (s *Service) BankDetails(ctx context.Context, p *auth.Principal, orgID string) (BankDetails, error) {
	if !isUUID(orgID) {
		return BankDetails{}, errNotMember
	}
	out := BankDetails{OrganisationID: orgID, Changes: []BankChangeView{}}
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
		if err := tx.Omit("account_sealed").Where("organisation_id = ? AND status IN ?", orgID, append([]string{BankActive}, bankOpenStatuses...)).
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

// BankChangeQueue is the officers' queue: changes not yet in effect (pending, frozen and cooling
// off), oldest first, each with the organisation's numbers an officer may call back. status, when
// given, keeps only changes in that state.
// Errors: forbidden, invalid (status).
func (s *Service) BankChangeQueue(ctx context.Context, officer *auth.Principal, status string, page, pageSize int) (BankQueue, error) {
	if !isBankOfficer(officer) {
		return BankQueue{}, errBankNotOfficer
	}
	statuses := bankOpenStatuses
	if status != "" {
		if !slices.Contains(bankOpenStatuses, status) {
			return BankQueue{}, apperr.Field("status", "Choose pending, frozen or cooling_off")
		}
		statuses = []string{status}
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

// lockBankChange reads a change for update (PostgreSQL locks the row; SQLite has one writer).
func (s *Service) lockBankChange(tx *gorm.DB, id string) (BankDetailChange, error) {
	var c BankDetailChange
	if !isUUID(id) {
		return c, errBankNotFound
	}
	err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).Omit("account_sealed").Take(&c, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, errBankNotFound
	} else if err != nil {
		return c, fmt.Errorf("suppliers: unable to read bank change: %w", err)
	}
	return c, nil
}

func bankMustBePending(c BankDetailChange) error {
	switch c.Status {
	case BankPending:
		return nil
	case BankFrozen:
		return errBankFrozen
	}
	return apperr.New(apperr.Conflict, "This change is no longer waiting for checks: it "+bankStatusWords(c.Status)+".")
}

func bankStatusWords(status string) string {
	switch status {
	case BankCoolingOff:
		return "has been approved and is cooling off"
	case BankActive:
		return "has taken effect"
	case BankSuperseded:
		return "was replaced by a later change"
	case BankRejected:
		return "was refused"
	case BankFrozen:
		return "is frozen"
	}
	return "is waiting for checks"
}

type bankUser struct{ ID, Name, Email string }

// bankNames returns the organisation's name and, when userID is given, that person.
func (s *Service) bankNames(tx *gorm.DB, orgID, userID string) (string, bankUser, error) {
	org, err := s.accounts.OrganisationName(tx, orgID)
	if err != nil {
		return "", bankUser{}, err
	}
	var u bankUser
	if userID != "" {
		users, err := s.bankUsers(tx, []string{userID})
		if err != nil {
			return "", u, err
		}
		u = users[userID]
	}
	return org, u, nil
}

func (s *Service) bankUsers(tx *gorm.DB, ids []string) (map[string]bankUser, error) {
	out := map[string]bankUser{}
	if len(ids) == 0 {
		return out, nil
	}
	people, err := s.accounts.People(tx, ids)
	if err != nil {
		return nil, err
	}
	for id, u := range people {
		out[id] = bankUser{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return out, nil
}

func (s *Service) bankContacts(tx *gorm.DB, orgIDs []string) ([]Contact, error) {
	var out []Contact
	if len(orgIDs) == 0 {
		return out, nil
	}
	if err := tx.Where("organisation_id IN ? AND phone <> ''", orgIDs).Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to read contacts: %w", err)
	}
	return out, nil
}

// phoneOldEnough reports whether the contact's number has been on record long enough to be
// trusted for a call-back.
func (s *Service) phoneOldEnough(c Contact, now time.Time) bool {
	return !c.PhoneSince.IsZero() && !c.PhoneSince.After(now.Add(-s.cfg.CallbackPhoneMinAge))
}

func (s *Service) changeViewTx(tx *gorm.DB, c BankDetailChange) (BankChangeView, error) {
	users, err := s.bankUsers(tx, []string{c.RequestedBy})
	if err != nil {
		return BankChangeView{}, err
	}
	return s.changeView(c, users[c.RequestedBy].Name), nil
}

func (s *Service) changeView(c BankDetailChange, requester string) BankChangeView {
	v := BankChangeView{ID: c.ID, OrganisationID: c.OrganisationID, AccountName: c.AccountName, SortCode: formatSortCode(c.SortCode),
		AccountLast4: c.AccountLast4, Status: c.Status, RequestedAt: c.RequestedAt, RequestedBy: requester, CallbackDone: c.CallbackBy != nil,
		ApprovedAt: c.ApprovedAt, CoolingOffUntil: c.CoolingOffUntil, EffectiveAt: c.EffectiveAt, FrozenAt: c.FrozenAt, RejectReason: c.RejectReason}
	v.Explanation = s.explain(c)
	return v
}

// explain says, for the supplier, where a change stands and what happens next.
func (s *Service) explain(c BankDetailChange) string {
	cooling := plural(s.cfg.BankCoolingOffWorkdays, "working day", "working days")
	switch c.Status {
	case BankPending:
		if c.CallbackBy == nil {
			return fmt.Sprintf("Waiting for a council officer to call you back on a number you gave us at least %s ago, to check the change was made by you. "+
				"We have emailed every owner of your organisation about it. Your bank details do not change until every check is done.",
				plural(s.callbackDays(), "day", "days"))
		}
		return fmt.Sprintf("A council officer called you back on %s. The change is now waiting for approval by a second officer. "+
			"After that there is a cooling-off period of %s before it takes effect.", bankDate(*c.CallbackAt), cooling)
	case BankCoolingOff:
		if c.ApprovedAt != nil && c.CoolingOffUntil != nil {
			return fmt.Sprintf("Approved on %s. It takes effect on %s, after a cooling-off period of %s. "+
				"If nobody at your organisation asked for this change, an owner can still stop it until then.",
				bankDate(*c.ApprovedAt), bankDate(*c.CoolingOffUntil), cooling)
		}
		return "Approved. It takes effect after a cooling-off period of " + cooling + "."
	case BankFrozen:
		on := ""
		if c.FrozenAt != nil {
			on = " on " + bankDate(*c.FrozenAt)
		}
		return "Frozen" + on + " because an owner told us this change was not made by your organisation. It will not take effect. " +
			"Contact the council: no new change can be made until they have looked into it."
	case BankActive:
		if c.EffectiveAt != nil {
			return "In use since " + bankDate(*c.EffectiveAt) + ". We pay your organisation into this account."
		}
		return "In use. We pay your organisation into this account."
	case BankRejected:
		return "The council did not accept this change: " + sentence(c.RejectReason) + " Your bank details have not changed. " +
			"You can ask for a change again."
	case BankSuperseded:
		return "Replaced by a later change."
	}
	return ""
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}

// queueItems builds the officers' view of changes, with each organisation's numbers eligible for a
// call-back.
func (s *Service) queueItems(tx *gorm.DB, rows []BankDetailChange, now time.Time) ([]BankQueueItem, error) {
	out := make([]BankQueueItem, 0, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	var orgIDs, userIDs []string
	for _, c := range rows {
		orgIDs = append(orgIDs, c.OrganisationID)
		userIDs = append(userIDs, c.RequestedBy)
		for _, id := range []*string{c.CallbackBy, c.ApprovedBy} {
			if id != nil {
				userIDs = append(userIDs, *id)
			}
		}
	}
	slices.Sort(orgIDs)
	orgIDs = slices.Compact(orgIDs)
	slices.Sort(userIDs)
	userIDs = slices.Compact(userIDs)
	orgName, err := s.accounts.OrganisationNames(tx, orgIDs)
	if err != nil {
		return nil, err
	}
	users, err := s.bankUsers(tx, userIDs)
	if err != nil {
		return nil, err
	}
	contacts, err := s.bankContacts(tx, orgIDs)
	if err != nil {
		return nil, err
	}
	numbers := map[string][]BankCallbackNumber{}
	for _, ct := range contacts {
		if s.phoneOldEnough(ct, now) {
			numbers[ct.OrganisationID] = append(numbers[ct.OrganisationID], BankCallbackNumber{ContactName: ct.Name, JobTitle: ct.JobTitle,
				Phone: ct.Phone, OnRecordSince: ct.PhoneSince})
		}
	}
	person := func(id string) BankPerson { u := users[id]; return BankPerson{ID: id, Name: u.Name, Email: u.Email} }
	for _, c := range rows {
		it := BankQueueItem{ID: c.ID, OrganisationID: c.OrganisationID, OrganisationName: orgName[c.OrganisationID], Status: c.Status,
			Frozen: c.Status == BankFrozen, AccountName: c.AccountName, SortCode: formatSortCode(c.SortCode), AccountLast4: c.AccountLast4,
			RequestedAt: c.RequestedAt, RequestedBy: person(c.RequestedBy), FrozenAt: c.FrozenAt, ApprovedAt: c.ApprovedAt,
			CoolingOffUntil: c.CoolingOffUntil, EffectiveAt: c.EffectiveAt, RejectReason: c.RejectReason,
			CallbackNumbers: numbers[c.OrganisationID]}
		if it.CallbackNumbers == nil {
			it.CallbackNumbers = []BankCallbackNumber{}
		}
		if c.CallbackBy != nil && c.CallbackAt != nil {
			it.Callback = &BankCallback{By: person(*c.CallbackBy), At: *c.CallbackAt, Phone: c.CallbackPhone, Note: c.CallbackNote}
		}
		if c.ApprovedBy != nil {
			p := person(*c.ApprovedBy)
			it.ApprovedBy = &p
		}
		it.NextStep = s.nextStep(c, it)
		out = append(out, it)
	}
	return out, nil
}

// nextStep tells an officer what the change needs.
func (s *Service) nextStep(c BankDetailChange, it BankQueueItem) string {
	switch c.Status {
	case BankPending:
		if it.Callback == nil {
			if len(it.CallbackNumbers) == 0 {
				return fmt.Sprintf("The supplier has no phone number that has been on their record for at least %s. "+
					"Do not call a newer number: refuse the change and ask the supplier to contact the council.", plural(s.callbackDays(), "day", "days"))
			}
			return "Call the supplier back on one of the numbers listed, never on a number given in the request, and confirm they asked for this change. Then record the call-back."
		}
		return "Waiting for approval by an officer other than " + it.Callback.By.Name + ", who recorded the call-back."
	case BankFrozen:
		return "An owner told us this change was not made by them. Look into it as possible fraud, then refuse the change to clear it."
	case BankCoolingOff:
		if c.CoolingOffUntil != nil {
			return "Approved. It takes effect on " + bankDate(*c.CoolingOffUntil) + " unless an owner stops it or an officer refuses it."
		}
		return "Approved and cooling off."
	}
	return "Nothing to do: the change " + bankStatusWords(c.Status) + "."
}
