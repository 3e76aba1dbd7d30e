package accounts

import (
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"gorm.io/gorm"
)

// InvitationWindow is the period the per-hour invitation limits count over.
const InvitationWindow = time.Hour

// InvitationLimits cap the invitations that go out by email, so that one account (stolen or
// careless) cannot use the portal to mail strangers in bulk. Staff invitations and invitations to
// join a supplier organisation both obey them; for staff the "organisation" is the council.
type InvitationLimits struct {
	// PerInviter is how many invitations one person may send in an InvitationWindow.
	PerInviter int
	// PerOrganisation is how many an organisation may send in an InvitationWindow, whoever sends them.
	PerOrganisation int
	// Pending is how many may wait to be accepted at once.
	Pending int
}

// InvitationCounts is what an inviter and their organisation have sent within the window, the
// earliest of those (to say when the limit lifts), and how many are still waiting.
type InvitationCounts struct {
	ByInviter, ByOrganisation           int64
	FirstByInviter, FirstByOrganisation time.Time
	Pending                             int64
}

// Check refuses one more invitation when a limit is reached. The per-hour limits answer
// too_many_requests with when to try again; the cap on waiting invitations is an invalid email
// field, since waiting longer does not lift it, withdrawing or accepting does.
// Errors: too_many_requests, invalid (email).
func (l InvitationLimits) Check(c InvitationCounts, now time.Time) error {
	if l.Pending > 0 && c.Pending >= int64(l.Pending) {
		return apperr.Field("email", fmt.Sprintf("There are already %d invitations waiting to be accepted, the most allowed at once. Wait for some to be accepted or to expire before inviting anyone else.", c.Pending))
	}
	wait := func(first time.Time) time.Duration { return max(first.Add(InvitationWindow).Sub(now), time.Second) }
	if l.PerInviter > 0 && c.ByInviter >= int64(l.PerInviter) {
		w := wait(c.FirstByInviter)
		return &apperr.Error{Code: apperr.TooManyRequests, RetryAfter: w,
			Message: fmt.Sprintf("You have sent %d invitations in the last hour, the most allowed. Wait %s, then try again.", c.ByInviter, humanWait(w))}
	}
	if l.PerOrganisation > 0 && c.ByOrganisation >= int64(l.PerOrganisation) {
		w := wait(c.FirstByOrganisation)
		return &apperr.Error{Code: apperr.TooManyRequests, RetryAfter: w,
			Message: fmt.Sprintf("Your organisation has sent %d invitations in the last hour, the most allowed. Wait %s, then try again.", c.ByOrganisation, humanWait(w))}
	}
	return nil
}

// CountSince counts the rows of q created after since (a created_at column) and finds the
// earliest of them, for InvitationCounts.
func CountSince(q *gorm.DB, since time.Time) (n int64, first time.Time, err error) {
	q = q.Where("created_at > ?", since)
	if err := q.Session(&gorm.Session{}).Count(&n).Error; err != nil {
		return 0, first, fmt.Errorf("accounts: unable to count invitations: %w", err)
	}
	if n == 0 {
		return 0, first, nil
	}
	// The column itself, not MIN(), so that SQLite hands back a time rather than text.
	var times []time.Time
	if err := q.Session(&gorm.Session{}).Order("created_at").Limit(1).Pluck("created_at", &times).Error; err != nil {
		return 0, first, fmt.Errorf("accounts: unable to read invitations: %w", err)
	}
	if len(times) > 0 {
		first = times[0]
	}
	return n, first, nil
}

// staffInvitationCounts counts the staff invitations an admin and the whole council have sent
// within the window, and those still waiting.
func (s *Service) staffInvitationCounts(tx *gorm.DB, adminID string, now time.Time) (InvitationCounts, error) {
	var c InvitationCounts
	var err error
	invitations := func() *gorm.DB { return tx.Model(&oneTimeToken{}).Where("purpose = ?", purposeInvitation) }
	since := now.Add(-InvitationWindow)
	if c.ByInviter, c.FirstByInviter, err = CountSince(invitations().Where("created_by = ?", adminID), since); err != nil {
		return c, err
	}
	if c.ByOrganisation, c.FirstByOrganisation, err = CountSince(invitations(), since); err != nil {
		return c, err
	}
	if err := invitations().Where("used_at IS NULL AND expires_at > ?", now).Count(&c.Pending).Error; err != nil {
		return c, fmt.Errorf("accounts: unable to count waiting invitations: %w", err)
	}
	return c, nil
}
