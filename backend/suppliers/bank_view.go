package suppliers

// How a bank-detail change is shown: the supplier's explanation and the officer's next step.

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/fairtender/fairtender/backend/platform/format"
)

func bankStatusWords(status BankStatus) string {
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

func (s *Service) changeViewTx(tx *gorm.DB, c BankDetailChange) (BankChangeView, error) {
	users, err := s.bankUsers(tx, []string{c.RequestedBy})
	if err != nil {
		return BankChangeView{}, err
	}
	first := false
	if c.Status == BankPending {
		if first, err = s.firstBankDetails(tx, c.OrganisationID); err != nil {
			return BankChangeView{}, err
		}
	}
	return s.changeView(c, users[c.RequestedBy].Name, first), nil
}

// changeView is the supplier's view of change c; first says it would be the organisation's
// first bank details, which may be checked on a number the council finds (see RecordCallback).
func (s *Service) changeView(c BankDetailChange, requester string, first bool) BankChangeView {
	v := BankChangeView{ID: c.ID, OrganisationID: c.OrganisationID, AccountName: c.AccountName, SortCode: formatSortCode(c.SortCode),
		AccountLast4: c.AccountLast4, Status: c.Status, RequestedAt: c.RequestedAt, RequestedBy: requester, CallbackDone: c.CallbackBy != nil,
		ApprovedAt: c.ApprovedAt, CoolingOffUntil: c.CoolingOffUntil, EffectiveAt: c.EffectiveAt, FrozenAt: c.FrozenAt, RejectReason: c.RejectReason}
	v.First = first
	v.Explanation = s.explain(c, first)
	return v
}

// explain says, for the supplier, where a change stands and what happens next.
func (s *Service) explain(c BankDetailChange, first bool) string {
	cooling := plural(s.cfg.BankCoolingOffWorkdays, "working day", "working days")
	switch c.Status {
	case BankPending:
		if c.CallbackBy == nil {
			if first {
				// "A number you gave us 30 days ago" would tell a supplier who registered this
				// month that it can never happen.
				return fmt.Sprintf("Waiting for a council officer to call you back, to check these first bank details were given by you. "+
					"They call a number you gave us at least %s ago or, if you are newer than that, one they find themselves, "+
					"such as the number on your Companies House or charity register record or your website, so make sure it is answered. "+
					"A second officer then approves them, and they take effect after a cooling-off period of %s: about %s in all. "+
					"We have emailed every owner of your organisation about it.",
					plural(s.callbackDays(), "day", "days"), cooling, plural(s.usualWorkdays(), "working day", "working days"))
			}
			return fmt.Sprintf("Waiting for a council officer to call you back on a number you gave us at least %s ago, to check the change was made by you. "+
				"We have emailed every owner of your organisation about it. Your bank details do not change until every check is done.",
				plural(s.callbackDays(), "day", "days"))
		}
		return fmt.Sprintf("A council officer called you back on %s. The change is now waiting for approval by a second officer. "+
			"After that there is a cooling-off period of %s before it takes effect.", format.Date(*c.CallbackAt), cooling)
	case BankCoolingOff:
		if c.ApprovedAt != nil && c.CoolingOffUntil != nil {
			return fmt.Sprintf("Approved on %s. It takes effect on %s, after a cooling-off period of %s. "+
				"If nobody at your organisation asked for this change, an owner can still stop it until then.",
				format.Date(*c.ApprovedAt), format.Date(*c.CoolingOffUntil), cooling)
		}
		return "Approved. It takes effect after a cooling-off period of " + cooling + "."
	case BankFrozen:
		on := ""
		if c.FrozenAt != nil {
			on = " on " + format.Date(*c.FrozenAt)
		}
		return "Frozen" + on + " because an owner told us this change was not made by your organisation. It will not take effect. " +
			"Contact the council: no new change can be made until they have looked into it."
	case BankActive:
		if c.EffectiveAt != nil {
			return "In use since " + format.Date(*c.EffectiveAt) + ". We pay your organisation into this account."
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
			it.Callback = &BankCallback{By: person(*c.CallbackBy), At: *c.CallbackAt, Phone: c.CallbackPhone, Note: c.CallbackNote, Source: c.CallbackSource}
		}
		if c.ApprovedBy != nil {
			p := person(*c.ApprovedBy)
			it.ApprovedBy = &p
		}
		if c.Status == BankPending {
			if it.First, err = s.firstBankDetails(tx, c.OrganisationID); err != nil {
				return nil, err
			}
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
			if len(it.CallbackNumbers) == 0 && it.First {
				return fmt.Sprintf("These are the supplier's first bank details, and no number of theirs has been on their record for %s. "+
					"Find their number in a source they do not control (their Companies House or charity register record, or their website), "+
					"call it, confirm they asked for these details, and record the call-back with where you found the number.", plural(s.callbackDays(), "day", "days"))
			}
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
			return "Approved. It takes effect on " + format.Date(*c.CoolingOffUntil) + " unless an owner stops it or an officer refuses it."
		}
		return "Approved and cooling off."
	}
	return "Nothing to do: the change " + bankStatusWords(c.Status) + "."
}
