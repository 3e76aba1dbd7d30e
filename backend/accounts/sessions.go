package accounts

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Tokens are what a successful sign-in or refresh hands back. After a password that must be
// followed by a second factor, only Next and Pending are set: Pending is the short-lived "half
// sign-in" token that only the two-step operations accept, and no session exists yet.
type Tokens struct {
	Access  string
	Refresh string
	UserID  string
	// Next says what the person must do before they are signed in; NextSignedIn when nothing.
	Next SignInStep
	// Pending is the half sign-in token, when Next is not NextSignedIn.
	Pending string
}

// ErrBadCredentials is the one answer for a wrong email or password, so neither is revealed.
var ErrBadCredentials = apperr.New(apperr.Unauthorized, "Email address or password is not right")

var errSessionEnded = apperr.New(apperr.Unauthorized, "Your session has ended. Sign in again.")

// ErrDeactivated answers a right password for an account an admin has switched off. It is given
// only after the password is checked, so it tells a stranger nothing sign-in did not already.
var ErrDeactivated = apperr.New(apperr.Forbidden, "Your account has been switched off, so you cannot sign in. If you think this is wrong, contact the council.")

// Sign-in throttling: each key allows a number of failures within the window, then makes the
// caller wait, doubling each time up to the cap. Keys are per account-and-address (so a stranger
// elsewhere cannot lock the owner out), per address (password spraying) and per account with a
// high threshold (attacks from many addresses). Every wait ends; a password reset clears them.
var throttles = []struct {
	prefix    string
	threshold int
	base, max time.Duration
}{
	{"acctip", 5, 30 * time.Second, 15 * time.Minute},
	{"ip", 30, time.Minute, 15 * time.Minute},
	{"acct", 100, time.Minute, 5 * time.Minute},
}

const throttleWindow = 15 * time.Minute

func throttleKeys(email, ip string) []string {
	return []string{"acctip:" + email + "|" + ip, "ip:" + ip, "acct:" + email}
}

// Login signs a person in with email and password.
// Errors: unauthorized, forbidden (switched off), too_many_requests.
func (s *Service) Login(ctx context.Context, email, password string) (Tokens, error) {
	email = normaliseEmail(email)
	ip := audit.ClientIP(ctx)
	keys := throttleKeys(email, ip)
	now := s.now().UTC()
	if wait, err := s.blocked(ctx, keys, now); err != nil {
		return Tokens{}, err
	} else if wait > 0 {
		return Tokens{}, &apperr.Error{Code: apperr.TooManyRequests, RetryAfter: wait,
			Message: fmt.Sprintf("Too many attempts to sign in. Wait %s, then try again, or reset your password.", humanWait(wait))}
	}
	u, err := findUserByEmail(s.db.Gorm.WithContext(ctx), email)
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return Tokens{}, err
	}
	hash := ""
	if u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	if !auth.VerifyPassword(hash, password) {
		if err := s.recordFailure(ctx, keys, now, u.ID, email); err != nil {
			return Tokens{}, err
		}
		return Tokens{}, ErrBadCredentials
	}
	if u.DeactivatedAt != nil {
		return Tokens{}, s.refuseDeactivated(ctx, u.ID)
	}
	next, err := s.stepAfterPassword(ctx, u)
	if err != nil {
		return Tokens{}, err
	}
	var toks Tokens
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("key IN ?", keys[:1]).Delete(&loginThrottle{}).Error; err != nil {
			return fmt.Errorf("accounts: unable to clear throttle: %w", err)
		}
		if next != NextSignedIn {
			toks, err = s.startPending(ctx, tx, u, next)
			return err
		}
		toks, err = s.startSession(ctx, tx, u.ID, nil)
		return err
	})
	return toks, err
}

// startSession creates a session for the user and issues its first tokens, recording when it
// proved a second factor (nil when it did not).
func (s *Service) startSession(ctx context.Context, tx *gorm.DB, userID string, secondFactorAt *time.Time) (Tokens, error) {
	now := s.now().UTC()
	sess := session{ID: uuid.NewString(), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(s.refreshTTL), SecondFactorAt: secondFactorAt,
		UserAgent: truncate(audit.UserAgent(ctx), 500)}
	if err := tx.Create(&sess).Error; err != nil {
		return Tokens{}, fmt.Errorf("accounts: unable to create session: %w", err)
	}
	toks, err := s.issue(tx, userID, sess.ID, now)
	if err != nil {
		return Tokens{}, err
	}
	toks.Next = NextSignedIn
	return toks, s.audit.Record(tx, audit.Event{ActorID: userID, Action: "auth.signed_in", SubjectType: "session", SubjectID: sess.ID,
		ClientIP: audit.ClientIP(ctx), Details: map[string]any{"secondFactor": secondFactorAt != nil}})
}

func (s *Service) issue(tx *gorm.DB, userID, sessionID string, now time.Time) (Tokens, error) {
	refresh, hash := auth.NewToken()
	if err := tx.Create(&refreshToken{ID: uuid.NewString(), SessionID: sessionID, TokenHash: hash, ExpiresAt: now.Add(s.refreshTTL), CreatedAt: now}).Error; err != nil {
		return Tokens{}, fmt.Errorf("accounts: unable to store refresh token: %w", err)
	}
	access, err := s.signer.Issue(userID, sessionID)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{Access: access, Refresh: refresh, UserID: userID}, nil
}

func (s *Service) blocked(ctx context.Context, keys []string, now time.Time) (time.Duration, error) {
	var rows []loginThrottle
	if err := s.db.Gorm.WithContext(ctx).Where("key IN ?", keys).Find(&rows).Error; err != nil {
		return 0, fmt.Errorf("accounts: unable to read throttles: %w", err)
	}
	var wait time.Duration
	for _, r := range rows {
		if r.BlockedUntil != nil && r.BlockedUntil.After(now) {
			wait = max(wait, r.BlockedUntil.Sub(now))
		}
	}
	return wait, nil
}

func (s *Service) recordFailure(ctx context.Context, keys []string, now time.Time, userID, email string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		for i, key := range keys {
			th := throttles[i]
			var r loginThrottle
			err := tx.Take(&r, "key = ?", key).Error
			switch {
			case errors.Is(err, gorm.ErrRecordNotFound):
				r = loginThrottle{Key: key, Failures: 1, FirstFailureAt: now}
				if err := tx.Create(&r).Error; err != nil {
					return fmt.Errorf("accounts: unable to record failure: %w", err)
				}
				continue
			case err != nil:
				return fmt.Errorf("accounts: unable to read throttle: %w", err)
			}
			if now.Sub(r.FirstFailureAt) > throttleWindow && (r.BlockedUntil == nil || !r.BlockedUntil.After(now)) {
				r.Failures, r.FirstFailureAt, r.BlockedUntil = 0, now, nil
			}
			r.Failures++
			if r.Failures >= th.threshold {
				wait := th.base << min(r.Failures-th.threshold, 10)
				until := now.Add(min(wait, th.max))
				r.BlockedUntil = &until
			}
			if err := tx.Model(&loginThrottle{}).Where("key = ?", key).
				Updates(map[string]any{"failures": r.Failures, "first_failure_at": r.FirstFailureAt, "blocked_until": r.BlockedUntil}).Error; err != nil {
				return fmt.Errorf("accounts: unable to record failure: %w", err)
			}
		}
		// An email with no account is often someone's other address or a typo of it: the audit log
		// keeps only a keyed hash, enough to see the same address tried again and again.
		subject, details := userID, map[string]any(nil)
		if subject == "" {
			subject, details = "unknown", map[string]any{"emailHash": s.emailHash(email)}
		}
		return s.audit.Record(tx, audit.Event{ActorID: "anonymous", Action: "auth.sign_in_failed", SubjectType: "user", SubjectID: subject,
			ClientIP: audit.ClientIP(ctx), Details: details})
	})
}

// emailHash stands for an email address in the audit log: keyed, so that nobody holding the log
// alone can test guesses of the address.
func (s *Service) emailHash(email string) string {
	m := hmac.New(sha256.New, s.auditKey)
	m.Write([]byte(email))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// refuseDeactivated records a sign-in refused because the account is switched off.
func (s *Service) refuseDeactivated(ctx context.Context, userID string) error {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		return s.audit.Record(tx, audit.Event{ActorID: "anonymous", Action: "auth.sign_in_refused_deactivated", SubjectType: "user", SubjectID: userID,
			ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return err
	}
	return ErrDeactivated
}

func humanWait(d time.Duration) string {
	if d <= time.Minute {
		return "a minute"
	}
	return fmt.Sprintf("%d minutes", int(d.Minutes()+0.999))
}

// Refresh swaps a refresh token for a new pair. A refresh token that was already swapped is a
// sign it was stolen: the whole session is revoked and both holders must sign in again.
// Errors: unauthorized.
func (s *Service) Refresh(ctx context.Context, token string) (Tokens, error) {
	if token == "" {
		return Tokens{}, errSessionEnded
	}
	now := s.now().UTC()
	var toks Tokens
	reused := false
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var rt refreshToken
		if err := tx.Take(&rt, "token_hash = ?", auth.HashToken(token)).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return errSessionEnded
		} else if err != nil {
			return fmt.Errorf("accounts: unable to read refresh token: %w", err)
		}
		var sess session
		if err := tx.Take(&sess, "id = ?", rt.SessionID).Error; err != nil {
			return fmt.Errorf("accounts: unable to read session: %w", err)
		}
		if sess.RevokedAt != nil || !now.Before(sess.ExpiresAt) || !now.Before(rt.ExpiresAt) {
			return errSessionEnded
		}
		if rt.ReplacedAt != nil {
			reused = true
			if err := tx.Model(&session{}).Where("id = ?", sess.ID).Update("revoked_at", now).Error; err != nil {
				return fmt.Errorf("accounts: unable to revoke session: %w", err)
			}
			return s.audit.Record(tx, audit.Event{ActorID: sess.UserID, Action: "auth.refresh_token_reused", SubjectType: "session", SubjectID: sess.ID, ClientIP: audit.ClientIP(ctx)})
		}
		res := tx.Model(&refreshToken{}).Where("id = ? AND replaced_at IS NULL", rt.ID).Update("replaced_at", now)
		if res.Error != nil {
			return fmt.Errorf("accounts: unable to rotate refresh token: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return errSessionEnded
		}
		if err := tx.Model(&session{}).Where("id = ?", sess.ID).Updates(map[string]any{"expires_at": now.Add(s.refreshTTL), "last_used_at": now}).Error; err != nil {
			return fmt.Errorf("accounts: unable to extend session: %w", err)
		}
		var err error
		toks, err = s.issue(tx, sess.UserID, sess.ID, now)
		return err
	})
	if err == nil && reused {
		return Tokens{}, errSessionEnded
	}
	return toks, err
}

// Logout ends the session identified by sessionID or, when that is empty, by the refresh token.
// Ending a session that is already over is not an error.
func (s *Service) Logout(ctx context.Context, sessionID, refresh string) error {
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if sessionID == "" && refresh != "" {
			var rt refreshToken
			if err := tx.Take(&rt, "token_hash = ?", auth.HashToken(refresh)).Error; err == nil {
				sessionID = rt.SessionID
			}
		}
		if sessionID == "" {
			return nil
		}
		var sess session
		if err := tx.Take(&sess, "id = ?", sessionID).Error; err != nil {
			return nil
		}
		if err := tx.Model(&session{}).Where("id = ? AND revoked_at IS NULL", sessionID).Update("revoked_at", now).Error; err != nil {
			return fmt.Errorf("accounts: unable to end session: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: sess.UserID, Action: "auth.signed_out", SubjectType: "session", SubjectID: sessionID, ClientIP: audit.ClientIP(ctx)})
	})
}

// Resolve returns the signed-in person for a valid access token's user and session, or nil when
// the session was ended or the account switched off, so sign-out, password resets and
// deactivation take effect at once.
func (s *Service) Resolve(ctx context.Context, userID, sessionID string) (*auth.Principal, error) {
	var row struct {
		Role            string
		EmailVerifiedAt *time.Time
		RevokedAt       *time.Time
		DeactivatedAt   *time.Time
	}
	err := s.db.Gorm.WithContext(ctx).Table("sessions s").
		Select("u.role, u.email_verified_at, s.revoked_at, u.deactivated_at").
		Joins("JOIN users u ON u.id = s.user_id").
		Where("s.id = ? AND s.user_id = ?", sessionID, userID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("accounts: unable to resolve session: %w", err)
	}
	if row.RevokedAt != nil || row.DeactivatedAt != nil {
		return nil, nil
	}
	return &auth.Principal{UserID: userID, SessionID: sessionID, Role: auth.Role(row.Role), EmailVerified: row.EmailVerifiedAt != nil}, nil
}
