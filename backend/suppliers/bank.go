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
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
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
	Status          BankStatus `json:"status" enum:"pending,frozen,cooling_off,active,superseded,rejected"`
	RequestedAt     time.Time  `json:"requestedAt"`
	RequestedBy     string     `json:"requestedBy" doc:"Name of the person who asked for the change."`
	CallbackDone    bool       `json:"callbackDone" doc:"Whether a council officer has called the organisation back."`
	ApprovedAt      *time.Time `json:"approvedAt,omitempty"`
	CoolingOffUntil *time.Time `json:"coolingOffUntil,omitempty" doc:"When the change takes effect, once approved."`
	EffectiveAt     *time.Time `json:"effectiveAt,omitempty"`
	FrozenAt        *time.Time `json:"frozenAt,omitempty"`
	RejectReason    string     `json:"rejectReason,omitempty"`
	Explanation     string     `json:"explanation" doc:"Where the change stands and what happens next, in plain English."`
	First           bool       `json:"first" doc:"Waiting to become the organisation's first bank details."`
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
	// CheckWorkdays and CoolingOffWorkdays let the pages say how long a change takes before
	// it is sent, from the council's settings.
	CheckWorkdays      int `json:"checkWorkdays" doc:"Working days the call-back and second officer's approval usually take."`
	CoolingOffWorkdays int `json:"coolingOffWorkdays" doc:"Working days an approved change waits before it takes effect."`
	CallbackDays       int `json:"callbackDays" doc:"Days a phone number must have been on the profile before the council calls it back."`
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
	// Source is where the number came from, when it was not on the supplier's record long enough.
	Source string `json:"source,omitempty" doc:"First details only: where the officer found the number called, in a source the supplier does not control."`
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
	Status           BankStatus    `json:"status" enum:"pending,frozen,cooling_off,active,superseded,rejected"`
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
	// First is set when the organisation has no bank details in use yet.
	First    bool   `json:"first" doc:"The organisation's first bank details: with no number held long enough, the officer may call one found in an independent source and record where."`
	NextStep string `json:"nextStep" doc:"What an officer should do next, in plain English."`
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
var bankOpenStatuses = []BankStatus{BankPending, BankFrozen, BankCoolingOff}

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

// london is the council's time zone, loaded once for every feature by platform/format.
var london = format.London

// formatSortCode shows six digits as 12-34-56.
func formatSortCode(s string) string {
	if len(s) != 6 {
		return s
	}
	return s[:2] + "-" + s[2:4] + "-" + s[4:]
}

func (s *Service) bankNow() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) callbackDays() int { return int(s.cfg.CallbackPhoneMinAge / (24 * time.Hour)) }

// usualWorkdays is how long a change usually takes from sending to taking effect: the checks,
// then cooling off.
func (s *Service) usualWorkdays() int { return s.cfg.BankCheckWorkdays + s.cfg.BankCoolingOffWorkdays }

// FirstDetailsSentMessage is what a supplier is told once their first bank details are sent:
// what happens to them and how long it usually takes.
func (s *Service) FirstDetailsSentMessage() string {
	return fmt.Sprintf("We have sent your first bank details to the council. A council officer will call you back to check they were given by you, "+
		"and a second officer will approve them. This usually takes about %s. We have emailed every owner of your organisation.",
		plural(s.usualWorkdays(), "working day", "working days"))
}

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

// lockBankChange reads a change for update (PostgreSQL locks the row; SQLite has one writer).
// firstBankDetails says whether the organisation has no bank details in use yet, so that a
// change waiting for checks would be its first.
func (s *Service) firstBankDetails(tx *gorm.DB, orgID string) (bool, error) {
	var n int64
	if err := tx.Model(&BankDetailChange{}).Where("organisation_id = ? AND status = ?", orgID, BankActive).Count(&n).Error; err != nil {
		return false, fmt.Errorf("suppliers: unable to read bank details: %w", err)
	}
	return n == 0, nil
}

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
