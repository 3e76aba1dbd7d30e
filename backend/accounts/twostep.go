package accounts

// Two-step verification: a time-based code from an authenticator app (RFC 6238, through
// github.com/pquerna/otp) or a single-use recovery code, after the password.
//
// Who must use it is a policy per staff role that an admin changes at run time (two_step_policies);
// suppliers may turn it on for themselves. A person who must use it and has not set it up gets no
// session at all until they have: their password earns only a half sign-in token (a one-time
// token with its own purpose, short-lived) that only the two-step set-up operations accept.
//
// For features that need a recent second factor (opening sealed bids), this file is the API:
// HasSecondFactor, RecentSecondFactor and VerifySecondFactor.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"
)

// SignInStep is what a person must do after the right password before they are signed in.
type SignInStep string

// The steps after a password.
const (
	// NextSignedIn: nothing; the session has started.
	NextSignedIn SignInStep = "signed_in"
	// NextTwoStepCode: enter a code from the authenticator app, or a recovery code.
	NextTwoStepCode SignInStep = "two_step_code"
	// NextTwoStepSetup: the person's role must use two-step verification and they have not set it
	// up; they must, before they get a session.
	NextTwoStepSetup SignInStep = "two_step_setup"
)

const (
	// TwoStepPendingTTL is how long a half sign-in lasts: long enough to find a phone, or to set
	// up an app for the first time.
	TwoStepPendingTTL = 15 * time.Minute
	// RecoveryCodeCount is how many recovery codes a person is given at a time.
	RecoveryCodeCount = 10
	// totpPeriod is the seconds each code lasts (RFC 6238's default, which every app uses).
	totpPeriod = 30
)

// Two-step problems, in words that say what to do next.
var (
	errPendingEnded  = apperr.New(apperr.Unauthorized, "Your sign-in has timed out. Sign in again.")
	errWrongCode     = apperr.Field("code", "The code is not right. Enter the code your authenticator app shows now: it changes every 30 seconds")
	errCodeUsed      = apperr.Field("code", "That code has already been used. Wait for your authenticator app to show a new code, then enter it")
	errWrongRecovery = apperr.Field("recoveryCode", "The recovery code is not right, or it has already been used")
	errWrongPassword = apperr.Field("password", "Your password is not right")
	errTwoStepOn     = apperr.New(apperr.Conflict, "Two-step verification is already turned on for your account.")
	errTwoStepOff    = apperr.New(apperr.Conflict, "Two-step verification is not turned on for your account.")
	errNoSetup       = apperr.Field("code", "Your set-up has timed out. Start again to get a new QR code")
)

// stepAfterPassword decides what a person whose password was right must do next.
func (s *Service) stepAfterPassword(ctx context.Context, u User) (SignInStep, error) {
	on, err := s.HasSecondFactor(ctx, u.ID)
	if err != nil {
		return "", err
	}
	if on {
		return NextTwoStepCode, nil
	}
	required, err := s.RoleRequiresTwoStep(ctx, auth.Role(u.Role))
	if err != nil {
		return "", err
	}
	if required {
		return NextTwoStepSetup, nil
	}
	return NextSignedIn, nil
}

// startPending issues a half sign-in token for the step that must follow the password.
func (s *Service) startPending(ctx context.Context, tx *gorm.DB, u User, next SignInStep) (Tokens, error) {
	purpose := purposeTwoStep
	if next == NextTwoStepSetup {
		purpose = purposeTwoStepSetup
	}
	token, hash := auth.NewToken()
	now := s.now().UTC()
	if err := tx.Create(&oneTimeToken{ID: uuid.NewString(), UserID: u.ID, Purpose: purpose, TokenHash: hash,
		ExpiresAt: now.Add(TwoStepPendingTTL), CreatedAt: now}).Error; err != nil {
		return Tokens{}, fmt.Errorf("accounts: unable to store half sign-in: %w", err)
	}
	return Tokens{UserID: u.ID, Next: next, Pending: token}, s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "auth.password_accepted",
		SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"next": string(next)}})
}

// pendingUser returns the unused, unexpired half sign-in token for purpose and its person,
// without using it up: a mistyped code may be tried again.
func (s *Service) pendingUser(tx *gorm.DB, token, purpose string) (oneTimeToken, User, error) {
	var t oneTimeToken
	var u User
	if token == "" {
		return t, u, errPendingEnded
	}
	err := tx.Where("token_hash = ? AND purpose = ?", auth.HashToken(token), purpose).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, u, errPendingEnded
	} else if err != nil {
		return t, u, fmt.Errorf("accounts: unable to read half sign-in: %w", err)
	}
	if t.UsedAt != nil || !s.now().UTC().Before(t.ExpiresAt) {
		return t, u, errPendingEnded
	}
	if err := tx.Take(&u, "id = ?", t.UserID).Error; err != nil {
		return t, u, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	return t, u, nil
}

// usePending marks a half sign-in token used, so it starts one session only.
func usePending(tx *gorm.DB, t oneTimeToken, now time.Time) error {
	res := tx.Model(&oneTimeToken{}).Where("id = ? AND used_at IS NULL", t.ID).Update("used_at", now)
	if res.Error != nil {
		return fmt.Errorf("accounts: unable to use half sign-in: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return errPendingEnded
	}
	return nil
}

// tooMany is the answer while a throttle key is blocked.
func (s *Service) tooMany(ctx context.Context, keys []string, now time.Time) error {
	wait, err := s.blocked(ctx, keys, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &apperr.Error{Code: apperr.TooManyRequests, RetryAfter: wait,
			Message: fmt.Sprintf("Too many attempts to sign in. Wait %s, then try again.", humanWait(wait))}
	}
	return nil
}

// guessed reports whether err is a wrong code, recovery code or password: a guess that counts
// towards the sign-in throttles, as a wrong password does.
func guessed(err error) bool {
	return err == errWrongCode || err == errCodeUsed || err == errWrongRecovery || err == errWrongPassword
}

// TwoStepSignIn is a finished two-step sign-in.
type TwoStepSignIn struct {
	Tokens
	// RecoveryCodesLeft is how many unused recovery codes remain, when one was used; -1 otherwise.
	RecoveryCodesLeft int
}

// CompleteTwoStepSignIn finishes a sign-in whose password was right with a code from the
// authenticator app (within one 30-second step either way, and not one already used) or, when
// recovery is true, a recovery code, which is then gone. Wrong codes count towards the same
// throttles as wrong passwords.
// Errors: unauthorized (half sign-in ended), invalid (code, recoveryCode), too_many_requests.
func (s *Service) CompleteTwoStepSignIn(ctx context.Context, pending, code string, recovery bool) (TwoStepSignIn, error) {
	out := TwoStepSignIn{RecoveryCodesLeft: -1}
	_, u, err := s.pendingUser(s.db.Gorm.WithContext(ctx), pending, purposeTwoStep)
	if err != nil {
		return out, err
	}
	now := s.now().UTC()
	keys := throttleKeys(u.Email, audit.ClientIP(ctx))
	if err := s.tooMany(ctx, keys, now); err != nil {
		return out, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		t, _, err := s.pendingUser(tx, pending, purposeTwoStep)
		if err != nil {
			return err
		}
		if recovery {
			if out.RecoveryCodesLeft, err = s.useRecoveryCode(tx, u.ID, code, now); err != nil {
				return err
			}
			if err := s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "auth.recovery_code_used", SubjectType: "user", SubjectID: u.ID,
				ClientIP: audit.ClientIP(ctx), Details: map[string]any{"left": out.RecoveryCodesLeft}}); err != nil {
				return err
			}
		} else if _, err := s.useCode(tx, u.ID, code, now); err != nil {
			return err
		}
		if err := usePending(tx, t, now); err != nil {
			return err
		}
		if err := tx.Where("key IN ?", keys[:1]).Delete(&loginThrottle{}).Error; err != nil {
			return fmt.Errorf("accounts: unable to clear throttle: %w", err)
		}
		out.Tokens, err = s.startSession(ctx, tx, u.ID, &now)
		return err
	})
	if guessed(err) {
		if ferr := s.recordFailure(ctx, keys, now, u.ID, u.Email); ferr != nil {
			return out, ferr
		}
	}
	return out, err
}

// normaliseCode drops the spaces and hyphens people type or paste inside codes.
func normaliseCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, code)
}

// checkCodeFormat refuses an empty or malformed authenticator code before it is compared.
func checkCodeFormat(code string) error {
	if code == "" {
		return apperr.Field("code", "Enter the 6-digit code from your authenticator app")
	}
	if len(code) != 6 || strings.ContainsFunc(code, func(r rune) bool { return r < '0' || r > '9' }) {
		return apperr.Field("code", "The code must be 6 digits, like 123456")
	}
	return nil
}

// matchStep returns the 30-second step whose code is code, trying the current step and one either
// side for clocks that drift.
func matchStep(secret, code string, now time.Time) (int64, bool) {
	step := now.Unix() / totpPeriod
	for _, d := range []int64{0, -1, 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix((step+d)*totpPeriod, 0),
			totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step + d, true
		}
	}
	return 0, false
}

// loadFactor returns the person's second factor, confirmed or not; found is false when none.
func loadFactor(tx *gorm.DB, userID string) (f secondFactor, found bool, err error) {
	err = tx.Take(&f, "user_id = ?", userID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return f, false, nil
	} else if err != nil {
		return f, false, fmt.Errorf("accounts: unable to read second factor: %w", err)
	}
	return f, true, nil
}

func (s *Service) openSecret(f secondFactor) (string, error) {
	b, err := s.box.Open(f.SecretSealed)
	if err != nil {
		return "", fmt.Errorf("accounts: unable to open second factor secret: %w", err)
	}
	return string(b), nil
}

// useCode checks an authenticator code against the person's confirmed secret and records its
// step, so the same code cannot be used twice (nor an older one after it).
func (s *Service) useCode(tx *gorm.DB, userID, code string, now time.Time) (int64, error) {
	code = normaliseCode(code)
	if err := checkCodeFormat(code); err != nil {
		return 0, err
	}
	f, found, err := loadFactor(tx, userID)
	if err != nil {
		return 0, err
	}
	if !found || f.ConfirmedAt == nil {
		return 0, errTwoStepOff
	}
	secret, err := s.openSecret(f)
	if err != nil {
		return 0, err
	}
	step, ok := matchStep(secret, code, now)
	if !ok {
		return 0, errWrongCode
	}
	res := tx.Model(&secondFactor{}).Where("user_id = ? AND last_used_step < ?", userID, step).
		Updates(map[string]any{"last_used_step": step, "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("accounts: unable to record code: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return 0, errCodeUsed
	}
	return step, nil
}

// recoveryAlphabet leaves out letters and digits that are easy to confuse (0/o, 1/l/i).
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// newRecoveryCode returns a random code of 10 characters (about 50 bits) as xxxxx-xxxxx. The
// stored hash is keyed with a secret the database does not hold, so 50 bits are plenty.
func newRecoveryCode() string {
	out := make([]byte, 0, 11)
	buf := make([]byte, 1)
	for len(out) < 11 {
		if len(out) == 5 {
			out = append(out, '-')
			continue
		}
		if _, err := rand.Read(buf); err != nil {
			panic("accounts: no randomness: " + err.Error())
		}
		// Rejection sampling keeps every character equally likely.
		if int(buf[0]) < 256-256%len(recoveryAlphabet) {
			out = append(out, recoveryAlphabet[int(buf[0])%len(recoveryAlphabet)])
		}
	}
	return string(out)
}

func (s *Service) hashRecoveryCode(code string) string {
	m := hmac.New(sha256.New, s.recoveryKey)
	m.Write([]byte(strings.ToLower(normaliseCode(code))))
	return hex.EncodeToString(m.Sum(nil))
}

// newRecoveryCodes replaces the person's recovery codes with a fresh set and returns them; only
// their hashes are kept.
func (s *Service) newRecoveryCodes(tx *gorm.DB, userID string, now time.Time) ([]string, error) {
	if err := tx.Where("user_id = ?", userID).Delete(&recoveryCode{}).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to remove recovery codes: %w", err)
	}
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
		if err := tx.Create(&recoveryCode{ID: uuid.NewString(), UserID: userID, CodeHash: s.hashRecoveryCode(codes[i]), CreatedAt: now}).Error; err != nil {
			return nil, fmt.Errorf("accounts: unable to store recovery code: %w", err)
		}
	}
	return codes, nil
}

// useRecoveryCode spends one recovery code and returns how many are left.
func (s *Service) useRecoveryCode(tx *gorm.DB, userID, code string, now time.Time) (int, error) {
	if normaliseCode(code) == "" {
		return 0, apperr.Field("recoveryCode", "Enter one of your recovery codes")
	}
	res := tx.Model(&recoveryCode{}).Where("user_id = ? AND code_hash = ? AND used_at IS NULL", userID, s.hashRecoveryCode(code)).Update("used_at", now)
	if res.Error != nil {
		return 0, fmt.Errorf("accounts: unable to use recovery code: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return 0, errWrongRecovery
	}
	return recoveryCodesLeft(tx, userID)
}

func recoveryCodesLeft(tx *gorm.DB, userID string) (int, error) {
	var n int64
	if err := tx.Model(&recoveryCode{}).Where("user_id = ? AND used_at IS NULL", userID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("accounts: unable to count recovery codes: %w", err)
	}
	return int(n), nil
}

// TwoStepSetup is what a person needs to add their account to an authenticator app.
type TwoStepSetup struct {
	Secret       string   `json:"secret" doc:"The secret key (base32), for typing into the app when the QR code cannot be scanned."`
	SecretGroups []string `json:"secretGroups" nullable:"false" doc:"The secret key in groups of 4 characters, as it is easiest to read and type."`
	URI          string   `json:"otpauthUri" doc:"The otpauth:// address the QR code holds."`
	QRCode       string   `json:"qrCode" doc:"The QR code as a PNG image in a data: URL."`
	Issuer       string   `json:"issuer" doc:"The name the app will show for this account."`
	AccountName  string   `json:"accountName" doc:"The person's email address, as the app will show it."`
}

// BeginTwoStepSetup makes a new secret for the person and returns it with its QR code. Nothing
// is turned on until ConfirmTwoStepSetup; starting again replaces a secret not yet confirmed.
// Errors: conflict (already on).
func (s *Service) BeginTwoStepSetup(ctx context.Context, userID string) (TwoStepSetup, error) {
	var out TwoStepSetup
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Take(&u, "id = ?", userID).Error; err != nil {
			return fmt.Errorf("accounts: unable to read user: %w", err)
		}
		f, found, err := loadFactor(tx, userID)
		if err != nil {
			return err
		}
		if found && f.ConfirmedAt != nil {
			return errTwoStepOn
		}
		key, err := totp.Generate(totp.GenerateOpts{Issuer: s.issuer, AccountName: u.Email, Period: totpPeriod, SecretSize: 20,
			Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return fmt.Errorf("accounts: unable to make a secret: %w", err)
		}
		img, err := key.Image(240, 240)
		if err != nil {
			return fmt.Errorf("accounts: unable to draw QR code: %w", err)
		}
		var pngData bytes.Buffer
		if err := png.Encode(&pngData, img); err != nil {
			return fmt.Errorf("accounts: unable to encode QR code: %w", err)
		}
		now := s.now().UTC()
		if err := tx.Where("user_id = ?", userID).Delete(&secondFactor{}).Error; err != nil {
			return fmt.Errorf("accounts: unable to replace second factor: %w", err)
		}
		if err := tx.Create(&secondFactor{UserID: userID, SecretSealed: s.box.Seal([]byte(key.Secret())), CreatedAt: now, UpdatedAt: now}).Error; err != nil {
			return fmt.Errorf("accounts: unable to store second factor: %w", err)
		}
		out = TwoStepSetup{Secret: key.Secret(), SecretGroups: KeyGroups(key.Secret()), URI: key.URL(),
			QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngData.Bytes()), Issuer: s.issuer, AccountName: u.Email}
		return nil
	})
	return out, err
}

// KeyGroups splits an authenticator key into groups of 4 characters, as people read and type it.
func KeyGroups(key string) []string {
	var out []string
	for len(key) > 4 {
		out, key = append(out, key[:4]), key[4:]
	}
	return append(out, key)
}

// ConfirmTwoStepSetup turns two-step verification on once the person enters a current code from
// the app they just set up, and returns their recovery codes, shown this once.
// Errors: invalid (code), conflict (already on).
func (s *Service) ConfirmTwoStepSetup(ctx context.Context, userID, code string) ([]string, error) {
	var codes []string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		codes, err = s.confirmSetup(ctx, tx, userID, code)
		return err
	})
	return codes, err
}

func (s *Service) confirmSetup(ctx context.Context, tx *gorm.DB, userID, code string) ([]string, error) {
	code = normaliseCode(code)
	if err := checkCodeFormat(code); err != nil {
		return nil, err
	}
	f, found, err := loadFactor(tx, userID)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errNoSetup
	}
	if f.ConfirmedAt != nil {
		return nil, errTwoStepOn
	}
	secret, err := s.openSecret(f)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	step, ok := matchStep(secret, code, now)
	if !ok {
		return nil, errWrongCode
	}
	// The step is recorded, so the code that turned it on cannot also sign in.
	res := tx.Model(&secondFactor{}).Where("user_id = ? AND confirmed_at IS NULL", userID).
		Updates(map[string]any{"confirmed_at": now, "last_used_step": step, "updated_at": now})
	if res.Error != nil {
		return nil, fmt.Errorf("accounts: unable to turn on two-step verification: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return nil, errTwoStepOn
	}
	codes, err := s.newRecoveryCodes(tx, userID, now)
	if err != nil {
		return nil, err
	}
	return codes, s.audit.Record(tx, audit.Event{ActorID: userID, Action: "account.two_step_enabled", SubjectType: "user", SubjectID: userID,
		ClientIP: audit.ClientIP(ctx)})
}

// BeginTwoStepSetupAtSignIn is BeginTwoStepSetup for a person who must set up two-step
// verification before they are signed in, identified by their half sign-in token.
// Errors: unauthorized (half sign-in ended), conflict (already on).
func (s *Service) BeginTwoStepSetupAtSignIn(ctx context.Context, pending string) (TwoStepSetup, error) {
	_, u, err := s.pendingUser(s.db.Gorm.WithContext(ctx), pending, purposeTwoStepSetup)
	if err != nil {
		return TwoStepSetup{}, err
	}
	return s.BeginTwoStepSetup(ctx, u.ID)
}

// SetupSignIn is a sign-in finished by setting up two-step verification.
type SetupSignIn struct {
	Tokens
	RecoveryCodes []string
}

// ConfirmTwoStepSetupAtSignIn turns two-step verification on for a person who had to set it up
// to sign in, and starts their session: only now do they get one.
// Errors: unauthorized (half sign-in ended), invalid (code), conflict (already on).
func (s *Service) ConfirmTwoStepSetupAtSignIn(ctx context.Context, pending, code string) (SetupSignIn, error) {
	var out SetupSignIn
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		t, u, err := s.pendingUser(tx, pending, purposeTwoStepSetup)
		if err != nil {
			return err
		}
		if out.RecoveryCodes, err = s.confirmSetup(ctx, tx, u.ID, code); err != nil {
			return err
		}
		now := s.now().UTC()
		if err := usePending(tx, t, now); err != nil {
			return err
		}
		out.Tokens, err = s.startSession(ctx, tx, u.ID, &now)
		return err
	})
	return out, err
}

// TwoStepStatus is a person's two-step verification as their account page shows it.
type TwoStepStatus struct {
	Enabled           bool       `json:"enabled" doc:"Whether two-step verification is on."`
	Required          bool       `json:"required" doc:"Whether the person's role must use it; they cannot turn it off."`
	EnabledAt         *time.Time `json:"enabledAt,omitempty" doc:"When it was turned on."`
	RecoveryCodesLeft int        `json:"recoveryCodesLeft" doc:"How many unused recovery codes the person has."`
}

// GetTwoStepStatus returns whether the person uses two-step verification and must.
func (s *Service) GetTwoStepStatus(ctx context.Context, userID string) (TwoStepStatus, error) {
	db := s.db.Gorm.WithContext(ctx)
	var u User
	if err := db.Take(&u, "id = ?", userID).Error; err != nil {
		return TwoStepStatus{}, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	var out TwoStepStatus
	var err error
	if out.Required, err = s.RoleRequiresTwoStep(ctx, auth.Role(u.Role)); err != nil {
		return out, err
	}
	f, found, err := loadFactor(db, userID)
	if err != nil {
		return out, err
	}
	if found && f.ConfirmedAt != nil {
		out.Enabled, out.EnabledAt = true, f.ConfirmedAt
		if out.RecoveryCodesLeft, err = recoveryCodesLeft(db, userID); err != nil {
			return out, err
		}
	}
	return out, nil
}

// CheckPassword confirms a signed-in person's password for a sensitive step (opening sealed
// bids), with the same throttles as signing in.
// Errors: invalid (password), too_many_requests.
func (s *Service) CheckPassword(ctx context.Context, userID, password string) error {
	var u User
	if err := s.db.Gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; err != nil {
		return fmt.Errorf("accounts: unable to read user: %w", err)
	}
	return s.checkOwnPassword(ctx, u, password)
}

// checkOwnPassword confirms a signed-in person's password before a change to how they sign in,
// counting a wrong one towards the sign-in throttles.
func (s *Service) checkOwnPassword(ctx context.Context, u User, password string) error {
	if password == "" {
		return apperr.Field("password", "Enter your password")
	}
	now := s.now().UTC()
	keys := throttleKeys(u.Email, audit.ClientIP(ctx))
	if err := s.tooMany(ctx, keys, now); err != nil {
		return err
	}
	hash := ""
	if u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	if !auth.VerifyPassword(hash, password) {
		if err := s.recordFailure(ctx, keys, now, u.ID, u.Email); err != nil {
			return err
		}
		return errWrongPassword
	}
	return nil
}

// TurnOffTwoStep turns two-step verification off after checking the person's password. People
// whose role must use it cannot; an admin can reset it for them instead.
// Errors: invalid (password), conflict (not on, or required for the role), too_many_requests.
func (s *Service) TurnOffTwoStep(ctx context.Context, userID, password string) error {
	var u User
	if err := s.db.Gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; err != nil {
		return fmt.Errorf("accounts: unable to read user: %w", err)
	}
	st, err := s.GetTwoStepStatus(ctx, userID)
	if err != nil {
		return err
	}
	if !st.Enabled {
		return errTwoStepOff
	}
	if st.Required {
		return apperr.New(apperr.Conflict, "Your role must use two-step verification, so you cannot turn it off. If you have lost your phone, ask an administrator to reset it.")
	}
	if err := s.checkOwnPassword(ctx, u, password); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := removeFactor(tx, userID); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: userID, Action: "account.two_step_disabled", SubjectType: "user", SubjectID: userID,
			ClientIP: audit.ClientIP(ctx)})
	})
}

func removeFactor(tx *gorm.DB, userID string) error {
	if err := tx.Where("user_id = ?", userID).Delete(&secondFactor{}).Error; err != nil {
		return fmt.Errorf("accounts: unable to remove second factor: %w", err)
	}
	if err := tx.Where("user_id = ?", userID).Delete(&recoveryCode{}).Error; err != nil {
		return fmt.Errorf("accounts: unable to remove recovery codes: %w", err)
	}
	return nil
}

// RegenerateRecoveryCodes replaces the person's recovery codes after checking their password;
// the old codes stop working.
// Errors: invalid (password), conflict (not on), too_many_requests.
func (s *Service) RegenerateRecoveryCodes(ctx context.Context, userID, password string) ([]string, error) {
	var u User
	if err := s.db.Gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	on, err := s.HasSecondFactor(ctx, userID)
	if err != nil {
		return nil, err
	}
	if !on {
		return nil, errTwoStepOff
	}
	if err := s.checkOwnPassword(ctx, u, password); err != nil {
		return nil, err
	}
	var codes []string
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if codes, err = s.newRecoveryCodes(tx, userID, s.now().UTC()); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: userID, Action: "account.recovery_codes_replaced", SubjectType: "user", SubjectID: userID,
			ClientIP: audit.ClientIP(ctx)})
	})
	return codes, err
}

// RolePolicy says whether people in one staff role must use two-step verification.
type RolePolicy struct {
	Role      string    `json:"role" enum:"buyer,evaluator,case_officer,admin"`
	Required  bool      `json:"required"`
	UpdatedAt time.Time `json:"updatedAt" doc:"When this role's rule last changed."`
}

// TwoStepPolicy returns, for each staff role, whether it must use two-step verification.
func (s *Service) TwoStepPolicy(ctx context.Context) ([]RolePolicy, error) {
	var rows []twoStepPolicy
	if err := s.db.Gorm.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read two-step policy: %w", err)
	}
	out := []RolePolicy{}
	for _, r := range auth.StaffRoles() {
		p := RolePolicy{Role: string(r)}
		for _, row := range rows {
			if row.Role == string(r) {
				p.Required, p.UpdatedAt = row.Required, row.UpdatedAt
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// RoleRequiresTwoStep reports whether people in role must use two-step verification. Suppliers
// never must; they may choose to.
func (s *Service) RoleRequiresTwoStep(ctx context.Context, role auth.Role) (bool, error) {
	var rows []twoStepPolicy
	if err := s.db.Gorm.WithContext(ctx).Where("role = ?", string(role)).Find(&rows).Error; err != nil {
		return false, fmt.Errorf("accounts: unable to read two-step policy: %w", err)
	}
	return len(rows) == 1 && rows[0].Required, nil
}

// SetTwoStepPolicy makes exactly the given staff roles use two-step verification. People already
// signed in keep their session; the rule applies from their next sign-in.
// Errors: invalid (roles).
func (s *Service) SetTwoStepPolicy(ctx context.Context, adminID string, required []string) error {
	for _, r := range required {
		if !slices.Contains(auth.StaffRoles(), auth.Role(r)) {
			return apperr.Field("required", "Choose from buyer, evaluator, case officer and administrator")
		}
	}
	before, err := s.TwoStepPolicy(ctx)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var was, is []string
		for _, p := range before {
			want := slices.Contains(required, p.Role)
			if p.Required {
				was = append(was, p.Role)
			}
			if want {
				is = append(is, p.Role)
			}
			if want == p.Required {
				continue
			}
			row := twoStepPolicy{Role: p.Role, Required: want, UpdatedAt: now, UpdatedBy: adminID}
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("accounts: unable to save two-step policy: %w", err)
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: adminID, Action: "admin.two_step_policy_changed", SubjectType: "two_step_policy",
			SubjectID: "staff_roles", ClientIP: audit.ClientIP(ctx), Details: map[string]any{"before": was, "after": is}})
	})
}

// ResetTwoStep removes a person's second factor and recovery codes, for when they have lost
// their phone, and signs them out everywhere. At their next sign-in they set it up again if their
// role must use it.
// Errors: invalid (email: no such account, or it does not use two-step verification).
func (s *Service) ResetTwoStep(ctx context.Context, adminID, email string) error {
	email = normaliseEmail(email)
	var f apperr.Fields
	checkEmail(&f, "email", email)
	if err := f.Err(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		u, err := findUserByEmail(tx, email)
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.Field("email", "There is no account with this email address")
		} else if err != nil {
			return err
		}
		if _, found, err := loadFactor(tx, u.ID); err != nil {
			return err
		} else if !found {
			return apperr.Field("email", "This person has not set up two-step verification, so there is nothing to reset")
		}
		if err := removeFactor(tx, u.ID); err != nil {
			return err
		}
		if err := tx.Model(&session{}).Where("user_id = ? AND revoked_at IS NULL", u.ID).Update("revoked_at", now).Error; err != nil {
			return fmt.Errorf("accounts: unable to revoke sessions: %w", err)
		}
		if err := tx.Model(&oneTimeToken{}).Where("user_id = ? AND purpose IN ? AND used_at IS NULL", u.ID,
			[]string{purposeTwoStep, purposeTwoStepSetup}).Update("used_at", now).Error; err != nil {
			return fmt.Errorf("accounts: unable to end half sign-ins: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: adminID, Action: "admin.two_step_reset", SubjectType: "user", SubjectID: u.ID,
			ClientIP: audit.ClientIP(ctx)})
	})
}

// HasSecondFactor reports whether the person has two-step verification turned on. Features that
// need a second factor of anyone who does something (opening sealed bids) check it first and
// send the person to set it up when it is off.
func (s *Service) HasSecondFactor(ctx context.Context, userID string) (bool, error) {
	var n int64
	if err := s.db.Gorm.WithContext(ctx).Model(&secondFactor{}).Where("user_id = ? AND confirmed_at IS NOT NULL", userID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("accounts: unable to read second factor: %w", err)
	}
	return n > 0, nil
}

// RecentSecondFactor reports whether the session proved a second factor (at sign-in or through
// VerifySecondFactor) within the last `within`, and is still live. Opening sealed bids asks for a
// recent one: a session that signed in with a code hours ago does not count.
func (s *Service) RecentSecondFactor(ctx context.Context, sessionID string, within time.Duration) (bool, error) {
	var sess session
	err := s.db.Gorm.WithContext(ctx).Take(&sess, "id = ?", sessionID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("accounts: unable to read session: %w", err)
	}
	now := s.now().UTC()
	return sess.RevokedAt == nil && sess.SecondFactorAt != nil && !sess.SecondFactorAt.Before(now.Add(-within)), nil
}

// VerifySecondFactor checks a current authenticator code from a signed-in person (a step up,
// as when they open sealed bids) and records on the session that it proved one now. Wrong codes
// count towards the sign-in throttles.
// Errors: invalid (code), conflict (two-step verification not on), too_many_requests.
func (s *Service) VerifySecondFactor(ctx context.Context, userID, sessionID, code string) error {
	var u User
	if err := s.db.Gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; err != nil {
		return fmt.Errorf("accounts: unable to read user: %w", err)
	}
	now := s.now().UTC()
	keys := throttleKeys(u.Email, audit.ClientIP(ctx))
	if err := s.tooMany(ctx, keys, now); err != nil {
		return err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.useCode(tx, userID, code, now); err != nil {
			return err
		}
		res := tx.Model(&session{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", sessionID, userID).Update("second_factor_at", now)
		if res.Error != nil {
			return fmt.Errorf("accounts: unable to record second factor: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return errSessionEnded
		}
		return s.audit.Record(tx, audit.Event{ActorID: userID, Action: "auth.second_factor_verified", SubjectType: "session", SubjectID: sessionID,
			ClientIP: audit.ClientIP(ctx)})
	})
	if guessed(err) {
		if ferr := s.recordFailure(ctx, keys, now, u.ID, u.Email); ferr != nil {
			return ferr
		}
	}
	return err
}

// SetUpDemoTwoStep turns on two-step verification for a demo or test account with a known
// secret (base32), so the demo can print what a newcomer types into their app. It does nothing
// when the account already has it on. Never for real people: the secret is printed.
// Errors: not_found.
func (s *Service) SetUpDemoTwoStep(ctx context.Context, email, secret string) error {
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		u, err := findUserByEmail(tx, normaliseEmail(email))
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.New(apperr.NotFound, "No account with the email address "+email)
		} else if err != nil {
			return err
		}
		f, found, err := loadFactor(tx, u.ID)
		if err != nil || (found && f.ConfirmedAt != nil) {
			return err
		}
		if err := removeFactor(tx, u.ID); err != nil {
			return err
		}
		if err := tx.Create(&secondFactor{UserID: u.ID, SecretSealed: s.box.Seal([]byte(secret)), ConfirmedAt: &now, CreatedAt: now, UpdatedAt: now}).Error; err != nil {
			return fmt.Errorf("accounts: unable to store second factor: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: "system", Action: "demo.two_step_enabled", SubjectType: "user", SubjectID: u.ID})
	})
}
