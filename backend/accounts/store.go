package accounts

import "time"

// Organisation is a supplier organisation: a business, charity or group.
type Organisation struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	LegalForm string
	// ClosedAt is when the organisation's last member deleted their account; nil while open.
	// The row stays because other features' records (bids, contracts) name the organisation.
	ClosedAt  *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName is said out loud (gorm would guess the same) so that the ownership test knows the
// model is a table's.
func (Organisation) TableName() string { return "organisations" }

// User is one person with an account: a supplier's staff member or a council officer.
type User struct {
	ID                string `gorm:"primaryKey"`
	Email             string
	Name              string
	Role              string
	PasswordHash      *string
	EmailVerifiedAt   *time.Time
	PasswordChangedAt *time.Time
	// DeactivatedAt is when an admin switched the account off; nil while it is active.
	DeactivatedAt *time.Time
	// DeletedAt is when the person deleted their account: the row stays, emptied of personal
	// details, for the records the council must keep that refer to it.
	DeletedAt *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName is said out loud so that the ownership test knows the model is a table's.
func (User) TableName() string { return "users" }

// Membership places a supplier user in an organisation as owner or member.
type Membership struct {
	OrganisationID string `gorm:"primaryKey"`
	UserID         string `gorm:"primaryKey"`
	Role           string
	CreatedAt      time.Time
}

// TableName is said out loud so that the ownership test knows the model is a table's.
func (Membership) TableName() string { return "memberships" }

// oneTimeToken backs an emailed link (verify, reset, invitation); only its hash is stored.
type oneTimeToken struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	Purpose   string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	// CreatedBy is the admin who sent a staff invitation (nil for links people ask for themselves).
	CreatedBy *string
	// NewEmail is the address an email-change link confirms (nil for other links).
	NewEmail  *string
	CreatedAt time.Time
}

func (oneTimeToken) TableName() string { return "one_time_tokens" }

// session is one signed-in browser or client; revoking it ends every token issued under it.
type session struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
	// SecondFactorAt is when the session last proved a second factor (nil: never).
	SecondFactorAt *time.Time
	// UserAgent is the browser's User-Agent header at sign-in, to name the device in the list
	// of sessions.
	UserAgent string
	// LastUsedAt is when the session last renewed its access token (nil: not since sign-in), so
	// it is right to within the access token's lifetime without a write on every request.
	LastUsedAt *time.Time
}

func (session) TableName() string { return "sessions" }

// refreshToken is one link in a session's chain of rotating refresh tokens.
type refreshToken struct {
	ID         string `gorm:"primaryKey"`
	SessionID  string
	TokenHash  string
	ExpiresAt  time.Time
	ReplacedAt *time.Time
	CreatedAt  time.Time
}

func (refreshToken) TableName() string { return "refresh_tokens" }

// loginThrottle counts recent failed sign-ins for one key (an address, an account, or both).
type loginThrottle struct {
	Key            string `gorm:"primaryKey"`
	Failures       int
	FirstFailureAt time.Time
	BlockedUntil   *time.Time
}

func (loginThrottle) TableName() string { return "login_throttles" }

// Token purposes.
const (
	purposeVerify     = "verify_email"
	purposeReset      = "password_reset"
	purposeInvitation = "invitation"
	// purposeEmailChange confirms a new email address; the token's row carries it.
	purposeEmailChange = "email_change"
	// The half sign-in tokens: a password was right, and a code, or setting up two-step
	// verification, must follow.
	purposeTwoStep      = "two_step_sign_in"
	purposeTwoStepSetup = "two_step_setup"
)

// Membership roles within an organisation.
const (
	OrgOwner  = "owner"
	OrgMember = "member"
)

// LegalForms are the legal forms an organisation may declare, with the words shown to people.
var LegalForms = []struct{ Value, Label string }{
	{"private_limited_company", "Private limited company"},
	{"public_limited_company", "Public limited company"},
	{"limited_liability_partnership", "Limited liability partnership (LLP)"},
	{"partnership", "Partnership"},
	{"sole_trader", "Sole trader"},
	{"charitable_incorporated_organisation", "Charitable incorporated organisation (CIO)"},
	{"charitable_company", "Charitable company"},
	{"community_interest_company", "Community interest company (CIC)"},
	{"cooperative_or_community_benefit_society", "Co-operative or community benefit society"},
	{"unincorporated_association", "Unincorporated association"},
	{"public_body", "Public body"},
}

func legalFormValues() []string {
	out := make([]string, len(LegalForms))
	for i, f := range LegalForms {
		out[i] = f.Value
	}
	return out
}

// secondFactor is a person's authenticator app secret, sealed; ConfirmedAt is nil while they are
// still setting it up. LastUsedStep is the 30-second step of the last code accepted, so a code
// cannot be used twice.
type secondFactor struct {
	UserID       string `gorm:"primaryKey"`
	SecretSealed []byte
	ConfirmedAt  *time.Time
	LastUsedStep int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (secondFactor) TableName() string { return "second_factors" }

// recoveryCode is one single-use recovery code, kept only as a keyed hash.
type recoveryCode struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	CodeHash  string
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (recoveryCode) TableName() string { return "recovery_codes" }

// twoStepPolicy says whether one staff role must use two-step verification.
type twoStepPolicy struct {
	Role      string `gorm:"primaryKey"`
	Required  bool
	UpdatedAt time.Time
	UpdatedBy string
}

func (twoStepPolicy) TableName() string { return "two_step_policies" }
