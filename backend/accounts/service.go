// Package accounts is who people are: organisations, users, memberships, registration, email
// verification, sign-in and sign-out, password resets and staff invitations.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/secretbox"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Link lifetimes.
const (
	VerifyTTL     = 24 * time.Hour
	ResetTTL      = time.Hour
	InvitationTTL = 7 * 24 * time.Hour
)

// Service holds the account use cases.
type Service struct {
	db         *database.DB
	audit      *audit.Log
	mail       *jobs.Mail
	signer     *auth.Signer
	now        func() time.Time
	baseURL    string
	refreshTTL time.Duration
	limits     InvitationLimits
	auditKey   []byte
	// box seals authenticator secrets; recoveryKey keys the hashes of recovery codes.
	box         *secretbox.Box
	recoveryKey []byte
	issuer      string
}

// Deps are what the service needs.
type Deps struct {
	DB         *database.DB
	Audit      *audit.Log
	Mail       *jobs.Mail
	Signer     *auth.Signer
	Now        func() time.Time
	BaseURL    string
	RefreshTTL time.Duration
	// Limits cap staff invitations.
	Limits InvitationLimits
	// SecretKey is FAIRTENDER_SECRET_KEY: the hash standing in the audit log for an email address
	// with no account is keyed by it; authenticator secrets are sealed, and recovery codes hashed,
	// under keys derived from it.
	SecretKey string
	// Issuer is the name authenticator apps show for the account (the council's name).
	Issuer string
}

// NewService returns the account service.
func NewService(d Deps) *Service {
	box, err := secretbox.New(d.SecretKey, "totp-secret")
	if err != nil {
		// Deriving a 32-byte key cannot fail; config has already refused an empty secret.
		panic(err)
	}
	recoveryKey, err := secretbox.DeriveKey(d.SecretKey, "recovery-codes")
	if err != nil {
		panic(err)
	}
	issuer := d.Issuer
	if issuer == "" {
		issuer = "Fairtender"
	}
	return &Service{db: d.DB, audit: d.Audit, mail: d.Mail, signer: d.Signer, now: d.Now, baseURL: d.BaseURL, refreshTTL: d.RefreshTTL,
		limits: d.Limits, auditKey: []byte("fairtender audit email\x00" + d.SecretKey),
		box: box, recoveryKey: recoveryKey, issuer: issuer}
}

// RegisterInput is a new supplier organisation and its first person.
type RegisterInput struct {
	OrganisationName string
	LegalForm        string
	Name             string
	Email            string
	Password         string
}

// Register creates an organisation and its first person (its owner) and emails a verification
// link. When the email already has an account, nothing is created and the account holder is
// emailed instead, so the answer never reveals who has an account. Both happen in one
// transaction: a failure leaves neither organisation nor person behind.
// Errors: invalid.
func (s *Service) Register(ctx context.Context, in RegisterInput) error {
	in.Email = normaliseEmail(in.Email)
	in.OrganisationName = strings.TrimSpace(in.OrganisationName)
	in.Name = strings.TrimSpace(in.Name)
	var f apperr.Fields
	checkText(&f, "organisationName", in.OrganisationName, "Enter the name of your organisation", 200)
	if !slices.Contains(legalFormValues(), in.LegalForm) {
		f.Add("legalForm", "Select the legal form of your organisation")
	}
	checkText(&f, "name", in.Name, "Enter your full name", 200)
	checkEmail(&f, "email", in.Email)
	if err := auth.CheckPassword(in.Password, localPart(in.Email), in.OrganisationName, in.Name); err != nil {
		f.Add("password", err.Error())
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		existing, err := findUserByEmail(tx, in.Email)
		if err == nil {
			return s.accountExists(ctx, tx, existing)
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		org := Organisation{ID: uuid.NewString(), Name: in.OrganisationName, LegalForm: in.LegalForm, CreatedAt: now, UpdatedAt: now}
		u := User{ID: uuid.NewString(), Email: in.Email, Name: in.Name, Role: string(auth.RoleSupplier), PasswordHash: &hash,
			PasswordChangedAt: &now, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&org).Error; err != nil {
			return fmt.Errorf("accounts: unable to create organisation: %w", err)
		}
		if err := tx.Create(&u).Error; err != nil {
			return fmt.Errorf("accounts: unable to create user: %w", err)
		}
		if err := tx.Create(&Membership{OrganisationID: org.ID, UserID: u.ID, Role: OrgOwner, CreatedAt: now}).Error; err != nil {
			return fmt.Errorf("accounts: unable to create membership: %w", err)
		}
		if err := s.sendLink(ctx, tx, u, purposeVerify, VerifyTTL, "verify-email", "/verify-email", nil, nil); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.registered", SubjectType: "organisation", SubjectID: org.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"legalForm": in.LegalForm}})
	})
	if database.IsDuplicate(err) {
		// Someone registered the same email at the same moment: answer as for a known email.
		return nil
	}
	return err
}

func (s *Service) accountExists(ctx context.Context, tx *gorm.DB, u User) error {
	if u.DeactivatedAt != nil {
		// A switched-off account gets no mail; the answer to the registrant is the same.
	} else if err := s.mail.Enqueue(ctx, tx, "account-exists", u.Email, u.Name, map[string]any{"Name": u.Name, "Link": s.baseURL + "/sign-in"}); err != nil {
		return err
	}
	return s.audit.Record(tx, audit.Event{ActorID: "anonymous", Action: "account.register_existing_email", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
}

// sendLink stores a new one-time token for u and queues the email carrying its link. createdBy
// is the admin sending a staff invitation, nil otherwise.
func (s *Service) sendLink(ctx context.Context, tx *gorm.DB, u User, purpose string, ttl time.Duration, template, path string, extra map[string]any, createdBy *string) error {
	token, err := s.storeLink(tx, u.ID, purpose, ttl, createdBy, nil)
	if err != nil {
		return err
	}
	data := map[string]any{"Name": u.Name, "Link": s.baseURL + path + "?token=" + token}
	for k, v := range extra {
		data[k] = v
	}
	return s.mail.Enqueue(ctx, tx, template, u.Email, u.Name, data)
}

// storeLink stores a new one-time token (only its hash) and returns the token for the link.
// newEmail is the address an email-change link confirms, nil for other links.
func (s *Service) storeLink(tx *gorm.DB, userID, purpose string, ttl time.Duration, createdBy, newEmail *string) (string, error) {
	token, hash := auth.NewToken()
	now := s.now().UTC()
	if err := tx.Create(&oneTimeToken{ID: uuid.NewString(), UserID: userID, Purpose: purpose, TokenHash: hash, ExpiresAt: now.Add(ttl),
		CreatedBy: createdBy, NewEmail: newEmail, CreatedAt: now}).Error; err != nil {
		return "", fmt.Errorf("accounts: unable to store link: %w", err)
	}
	return token, nil
}

// Link problems, in words that say what to do next.
var (
	errLinkInvalid = apperr.Field("token", "This link is not valid. Check you copied the whole link from the email, or ask for a new one.")
	errLinkUsed    = apperr.Field("token", "This link has already been used. Ask for a new one if you still need it.")
	errLinkExpired = apperr.Field("token", "This link has expired. Ask for a new one.")
)

// useToken finds an unused, unexpired token for purpose and marks it used, inside tx.
func (s *Service) useToken(tx *gorm.DB, token, purpose string) (oneTimeToken, User, error) {
	var t oneTimeToken
	err := tx.Where("token_hash = ? AND purpose = ?", auth.HashToken(token), purpose).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, User{}, errLinkInvalid
	} else if err != nil {
		return t, User{}, fmt.Errorf("accounts: unable to read link: %w", err)
	}
	var u User
	if err := tx.Take(&u, "id = ?", t.UserID).Error; err != nil {
		return t, u, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	if t.UsedAt != nil {
		return t, u, errLinkUsed
	}
	now := s.now().UTC()
	if !now.Before(t.ExpiresAt) {
		return t, u, errLinkExpired
	}
	res := tx.Model(&oneTimeToken{}).Where("id = ? AND used_at IS NULL", t.ID).Update("used_at", now)
	if res.Error != nil {
		return t, u, fmt.Errorf("accounts: unable to use link: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return t, u, errLinkUsed
	}
	return t, u, nil
}

// endLinks makes every unused link of one purpose for the user stop working now (they then say
// they have expired), so that an older email cannot be used once a newer one was sent or used.
// An empty purpose ends every kind of link.
func (s *Service) endLinks(tx *gorm.DB, userID, purpose string) error {
	now := s.now().UTC()
	q := tx.Model(&oneTimeToken{}).Where("user_id = ? AND used_at IS NULL AND expires_at > ?", userID, now)
	if purpose != "" {
		q = q.Where("purpose = ?", purpose)
	}
	if err := q.Update("expires_at", now).Error; err != nil {
		return fmt.Errorf("accounts: unable to end links: %w", err)
	}
	return nil
}

// VerifyEmail confirms a person's email address from the emailed link. A second use of a link
// whose address is already confirmed succeeds with alreadyVerified true, because the person's goal
// is met.
// Errors: invalid (token).
func (s *Service) VerifyEmail(ctx context.Context, token string) (alreadyVerified bool, err error) {
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		_, u, err := s.useToken(tx, token, purposeVerify)
		if err == errLinkUsed && u.EmailVerifiedAt != nil {
			alreadyVerified = true
			return nil
		}
		if err != nil {
			return err
		}
		if u.EmailVerifiedAt != nil {
			alreadyVerified = true
			return nil
		}
		now := s.now().UTC()
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"email_verified_at": now, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("accounts: unable to verify email: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.email_verified", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
	})
	return alreadyVerified, err
}

// ResendVerification sends a new verification link to a signed-in person who has not confirmed
// their address yet.
// Errors: conflict (already confirmed).
func (s *Service) ResendVerification(ctx context.Context, userID string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Take(&u, "id = ?", userID).Error; err != nil {
			return fmt.Errorf("accounts: unable to read user: %w", err)
		}
		if u.EmailVerifiedAt != nil {
			return apperr.New(apperr.Conflict, "Your email address is already confirmed.")
		}
		return s.sendLink(ctx, tx, u, purposeVerify, VerifyTTL, "verify-email", "/verify-email", nil, nil)
	})
}

// RequestPasswordReset emails a reset link when the address has an active account, and does
// nothing otherwise; the caller answers the same either way. A new link ends every earlier one, so
// only the newest email in the inbox works.
// Errors: invalid (email).
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email = normaliseEmail(email)
	var f apperr.Fields
	checkEmail(&f, "email", email)
	if err := f.Err(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		u, err := findUserByEmail(tx, email)
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if u.DeactivatedAt != nil {
			return nil
		}
		if err := s.endLinks(tx, u.ID, purposeReset); err != nil {
			return err
		}
		if err := s.sendLink(ctx, tx, u, purposeReset, ResetTTL, "password-reset", "/reset-password", nil, nil); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: "anonymous", Action: "account.password_reset_requested", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
	})
}

// ConfirmPasswordReset sets a new password from a reset link, signs the person out everywhere,
// ends every other reset link, lifts any sign-in slow-down on the account, and tells them by email.
// Errors: invalid (token, password).
func (s *Service) ConfirmPasswordReset(ctx context.Context, token, password string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		_, u, err := s.useToken(tx, token, purposeReset)
		if err != nil {
			return err
		}
		if err := s.setPassword(ctx, tx, u, password, "account.password_reset", ""); err != nil {
			return err
		}
		return s.mail.Enqueue(ctx, tx, "password-changed", u.Email, u.Name, map[string]any{"Name": u.Name, "Link": s.baseURL + "/sign-in"})
	})
}

// setPassword checks and stores a new password, confirms the email (the person proved they
// receive it), revokes every session but keepSession (empty: every one), ends outstanding reset
// and email-change links (the email telling the old address of a change promises a new password
// cancels it) and clears sign-in throttles for the account.
func (s *Service) setPassword(ctx context.Context, tx *gorm.DB, u User, password, action, keepSession string) error {
	if err := auth.CheckPassword(password, localPart(u.Email), u.Name); err != nil {
		return apperr.Field("password", err.Error())
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	updates := map[string]any{"password_hash": hash, "password_changed_at": now, "updated_at": now}
	if u.EmailVerifiedAt == nil {
		updates["email_verified_at"] = now
	}
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(updates).Error; err != nil {
		return fmt.Errorf("accounts: unable to set password: %w", err)
	}
	if _, err := s.revokeSessions(tx, u.ID, keepSession, now); err != nil {
		return err
	}
	for _, purpose := range []string{purposeReset, purposeEmailChange} {
		if err := s.endLinks(tx, u.ID, purpose); err != nil {
			return err
		}
	}
	if err := tx.Where("key LIKE ?", "acct%:"+u.Email+"%").Delete(&loginThrottle{}).Error; err != nil {
		return fmt.Errorf("accounts: unable to clear throttles: %w", err)
	}
	return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: action, SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
}

// InviteInput invites a council officer.
type InviteInput struct {
	Email string
	Name  string
	Role  string
}

// Invite creates a council staff account without a password and emails the person a link to set
// one. Admins are trusted, so an address that already has an account is reported plainly. The
// invitation limits apply per admin and for the council as a whole.
// Errors: invalid, conflict, too_many_requests.
func (s *Service) Invite(ctx context.Context, adminID string, in InviteInput) (User, error) {
	in.Email, in.Name = normaliseEmail(in.Email), strings.TrimSpace(in.Name)
	var f apperr.Fields
	checkEmail(&f, "email", in.Email)
	checkText(&f, "name", in.Name, "Enter the person’s full name", 200)
	if !slices.Contains(auth.StaffRoles(), auth.Role(in.Role)) {
		f.Add("role", "Select what the person will do: buyer, evaluator, case officer or admin")
	}
	if err := f.Err(); err != nil {
		return User{}, err
	}
	now := s.now().UTC()
	u := User{ID: uuid.NewString(), Email: in.Email, Name: in.Name, Role: in.Role, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.db.LockForUpdate(tx, "staff-invitations"); err != nil {
			return err
		}
		counts, err := s.staffInvitationCounts(tx, adminID, now)
		if err != nil {
			return err
		}
		if err := s.limits.Check(counts, now); err != nil {
			return err
		}
		if err := tx.Create(&u).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.Field("email", "There is already an account with this email address")
			}
			return fmt.Errorf("accounts: unable to create invited user: %w", err)
		}
		if err := s.sendLink(ctx, tx, u, purposeInvitation, InvitationTTL, "invitation", "/accept-invitation", map[string]any{"Role": in.Role}, &adminID); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: adminID, Action: "admin.user_invited", SubjectType: "user", SubjectID: u.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"role": in.Role}})
	})
	return u, err
}

// AcceptInvitation sets the invited person's password (and name, when given) from the link.
// Errors: invalid (token, password, name).
func (s *Service) AcceptInvitation(ctx context.Context, token, name, password string) error {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 200 {
		return apperr.Field("name", "Name must be 200 characters or fewer")
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		_, u, err := s.useToken(tx, token, purposeInvitation)
		if err != nil {
			return err
		}
		if name != "" && name != u.Name {
			if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("name", name).Error; err != nil {
				return fmt.Errorf("accounts: unable to set name: %w", err)
			}
			u.Name = name
		}
		return s.setPassword(ctx, tx, u, password, "account.invitation_accepted", "")
	})
}

// CreateUserInput creates a council staff account from the command line.
type CreateUserInput struct {
	Email    string
	Name     string
	Role     string
	Password string
}

// CreateUser creates a verified council staff account (fairtender admin create-user).
// Errors: invalid, conflict.
func (s *Service) CreateUser(ctx context.Context, in CreateUserInput) (User, error) {
	in.Email, in.Name = normaliseEmail(in.Email), strings.TrimSpace(in.Name)
	var f apperr.Fields
	checkEmail(&f, "email", in.Email)
	checkText(&f, "name", in.Name, "Enter the person’s full name", 200)
	if !slices.Contains(auth.StaffRoles(), auth.Role(in.Role)) {
		f.Add("role", "Role must be one of buyer, evaluator, case_officer, admin")
	}
	if err := auth.CheckPassword(in.Password, localPart(in.Email), in.Name); err != nil {
		f.Add("password", err.Error())
	}
	if err := f.Err(); err != nil {
		return User{}, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return User{}, err
	}
	now := s.now().UTC()
	u := User{ID: uuid.NewString(), Email: in.Email, Name: in.Name, Role: in.Role, PasswordHash: &hash, EmailVerifiedAt: &now,
		PasswordChangedAt: &now, CreatedAt: now, UpdatedAt: now}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&u).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.Field("email", "There is already an account with this email address")
			}
			return fmt.Errorf("accounts: unable to create user: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: "system", Action: "admin.user_created", SubjectType: "user", SubjectID: u.ID,
			Details: map[string]any{"role": in.Role}})
	})
	return u, err
}

// Me is a person's own account as the API shows it.
type Me struct {
	ID            string            `json:"id"`
	Email         string            `json:"email"`
	Name          string            `json:"name"`
	Role          string            `json:"role" enum:"supplier,buyer,evaluator,case_officer,admin"`
	EmailVerified bool              `json:"emailVerified"`
	Organisations []OrganisationRef `json:"organisations" nullable:"false"`
}

// OrganisationRef is an organisation a person belongs to and their role in it.
type OrganisationRef struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	LegalForm string `json:"legalForm" enum:"private_limited_company,public_limited_company,limited_liability_partnership,partnership,sole_trader,charitable_incorporated_organisation,charitable_company,community_interest_company,cooperative_or_community_benefit_society,unincorporated_association,public_body"`
	Role      string `json:"role" enum:"owner,member"`
}

// GetMe returns the person's account with their organisations.
// Errors: not_found.
func (s *Service) GetMe(ctx context.Context, userID string) (Me, error) {
	var u User
	if err := s.db.Gorm.WithContext(ctx).Take(&u, "id = ?", userID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return Me{}, apperr.New(apperr.NotFound, "Your account no longer exists")
	} else if err != nil {
		return Me{}, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	orgs, err := organisationsOf(s.db.Gorm.WithContext(ctx), userID)
	if err != nil {
		return Me{}, err
	}
	return Me{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, EmailVerified: u.EmailVerifiedAt != nil, Organisations: orgs}, nil
}

func findUserByEmail(tx *gorm.DB, email string) (User, error) {
	var u User
	err := tx.Take(&u, "email = ?", email).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return u, fmt.Errorf("accounts: unable to find user: %w", err)
	}
	return u, err
}

func normaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CheckNewPassword applies the rule for a new password (auth.CheckPassword), with the words of
// the person and organisation it is for that must not be the whole password, as registering
// does. Errors: invalid (password).
func CheckNewPassword(password, email, name, organisationName string) error {
	if err := auth.CheckPassword(password, localPart(email), organisationName, name); err != nil {
		var f apperr.Fields
		f.Add("password", err.Error())
		return f.Err()
	}
	return nil
}

func localPart(email string) string {
	local, _, _ := strings.Cut(email, "@")
	return local
}

func checkText(f *apperr.Fields, field, v, emptyMsg string, max int) {
	switch {
	case v == "":
		f.Add(field, emptyMsg)
	case utf8.RuneCountInString(v) > max:
		f.Add(field, fmt.Sprintf("Must be %d characters or fewer", max))
	}
}

func checkEmail(f *apperr.Fields, field, email string) {
	if email == "" {
		f.Add(field, "Enter your email address")
		return
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > 254 || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		f.Add(field, "Enter an email address in the correct format, like name@example.com")
	}
}

// CreateDemoSupplier creates a verified supplier organisation and owner for demo data, or does
// nothing when the email already has an account.
func (s *Service) CreateDemoSupplier(ctx context.Context, in RegisterInput) error {
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := findUserByEmail(tx, in.Email); err == nil {
			return nil
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		org := Organisation{ID: uuid.NewString(), Name: in.OrganisationName, LegalForm: in.LegalForm, CreatedAt: now, UpdatedAt: now}
		u := User{ID: uuid.NewString(), Email: in.Email, Name: in.Name, Role: string(auth.RoleSupplier), PasswordHash: &hash,
			EmailVerifiedAt: &now, PasswordChangedAt: &now, CreatedAt: now, UpdatedAt: now}
		for _, row := range []any{&org, &u, &Membership{OrganisationID: org.ID, UserID: u.ID, Role: OrgOwner, CreatedAt: now}} {
			if err := tx.Create(row).Error; err != nil {
				return fmt.Errorf("accounts: unable to create demo supplier: %w", err)
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: "system", Action: "demo.supplier_created", SubjectType: "organisation", SubjectID: org.ID})
	})
}
