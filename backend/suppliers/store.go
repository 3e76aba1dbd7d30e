package suppliers

import "time"

// Profile is what an organisation tells the council about itself, once.
type Profile struct {
	OrganisationID       string `gorm:"primaryKey"`
	LegalName            string
	TradingName          string
	CompaniesHouseNumber string
	CharityNumber        string
	OSCRNumber           string `gorm:"column:oscr_number"`
	FCANumber            string `gorm:"column:fca_number"`
	VATNumber            string `gorm:"column:vat_number"`
	AddressLine1         string `gorm:"column:address_line1"`
	AddressLine2         string `gorm:"column:address_line2"`
	Town                 string
	Postcode             string
	LocalAuthorityCode   string
	StaffCount           int
	TurnoverPence        int64
	Description          string
	EmployeeOwned        bool
	SocialEnterprise     bool
	AssetLock            bool
	SizeClass            string
	VCSE                 bool `gorm:"column:vcse"`
	Locality             string
	// Version increases on every save; it is the profile's ETag, so two people editing at once
	// cannot overwrite each other.
	Version   int
	UpdatedBy *string
	UpdatedAt time.Time
}

// TableName is the profiles table.
func (Profile) TableName() string { return "supplier_profiles" }

// CPVInterest is a CPV code the organisation wants to hear about.
type CPVInterest struct {
	OrganisationID string `gorm:"primaryKey"`
	Code           string `gorm:"primaryKey"`
}

// TableName is the CPV interests table.
func (CPVInterest) TableName() string { return "supplier_cpv_codes" }

// Accreditation is a named accreditation such as Cyber Essentials.
type Accreditation struct {
	OrganisationID string `gorm:"primaryKey"`
	Name           string `gorm:"primaryKey"`
}

// TableName is the accreditations table.
func (Accreditation) TableName() string { return "supplier_accreditations" }

// Contact is a person the council can call. PhoneSince records when the number was first put on
// the record: only numbers held for a while are trusted for bank-detail call-backs.
type Contact struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Name           string
	JobTitle       string
	Email          string
	Phone          string
	PhoneSince     time.Time
	CreatedAt      time.Time
}

// TableName is the contacts table.
func (Contact) TableName() string { return "supplier_contacts" }

// Insurance is an insurance certificate held in the document store.
type Insurance struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Kind           string
	AmountPence    int64
	// ExpiresOn is a calendar date, YYYY-MM-DD.
	ExpiresOn      string
	DocumentKey    string
	DocumentName   string
	DocumentSize   int64
	DocumentSHA256 string `gorm:"column:document_sha256"`
	ReminderSentAt *time.Time
	CreatedAt      time.Time
}

// TableName is the insurances table.
func (Insurance) TableName() string { return "supplier_insurances" }

// Declaration is an organisation's answer to one ethical standard.
type Declaration struct {
	OrganisationID string `gorm:"primaryKey"`
	Standard       string `gorm:"primaryKey"`
	Answer         string
	Evidence       string
	DeclaredBy     string
	DeclaredAt     time.Time
}

// TableName is the declarations table.
func (Declaration) TableName() string { return "supplier_declarations" }

// OrganisationInvitation invites a person by email to join an organisation.
type OrganisationInvitation struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Email          string
	Role           string
	TokenHash      string
	InvitedBy      string
	ExpiresAt      time.Time
	AcceptedAt     *time.Time
	CreatedAt      time.Time
}

// TableName is the organisation invitations table.
func (OrganisationInvitation) TableName() string { return "organisation_invitations" }

// BankDetailChange is one request to set or change an organisation's bank details. It takes effect
// only after every safeguard against mandate fraud has been passed.
type BankDetailChange struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	AccountName    string
	SortCode       string
	// AccountSealed is the account number, encrypted under a key derived from the secret key.
	AccountSealed []byte
	AccountLast4  string `gorm:"column:account_last4"`
	Status        BankStatus
	RequestedBy   string
	RequestedAt   time.Time
	FrozenAt      *time.Time
	FrozenBy      *string
	CallbackBy    *string
	CallbackAt    *time.Time
	CallbackPhone string
	CallbackNote  string
	// CallbackSource is where the officer found the number called, when it was not on the
	// supplier's record long enough (first details only, see RecordCallback).
	CallbackSource  string
	ApprovedBy      *string
	ApprovedAt      *time.Time
	CoolingOffUntil *time.Time
	EffectiveAt     *time.Time
	RejectReason    string
}

// TableName is the bank detail changes table.
func (BankDetailChange) TableName() string { return "bank_detail_changes" }

// BankStatus is where a bank-detail change stands; stored and sent as its string.
type BankStatus string

// Bank change statuses.
const (
	BankPending    BankStatus = "pending"     // waiting for call-back and approval
	BankFrozen     BankStatus = "frozen"      // an owner said "this wasn't us"
	BankCoolingOff BankStatus = "cooling_off" // approved; waiting out the cooling-off period
	BankActive     BankStatus = "active"      // in effect
	BankSuperseded BankStatus = "superseded"  // replaced by a later change
	BankRejected   BankStatus = "rejected"    // refused by an officer
)

// Ethical standards a supplier declares against (DESIGN.md). NotApplicableAllowed marks
// standards that apply only to some suppliers; WithoutStaff marks those that do not apply to an
// organisation whose profile says it employs nobody (a sole trader paying a wage to no one).
var Standards = []struct {
	Key                  string
	Title                string
	Question             string
	NotApplicableAllowed bool
	WithoutStaff         bool
}{
	{"london_living_wage", "London Living Wage", "Do you pay at least the London Living Wage to all staff, and require it down your supply chain?", false, true},
	{"no_blacklisting", "No blacklisting of trade union members", "Do you confirm you do not blacklist, and have not blacklisted, trade union members?", false, false},
	{"modern_slavery", "Modern slavery safeguards", "Do you have safeguards against modern slavery in your organisation and supply chain?", false, false},
	{"ethical_care_charter", "UNISON Ethical Care Charter", "If you provide care services, do you follow the UNISON Ethical Care Charter?", true, false},
	{"end_violence_at_work", "End Violence at Work Charter", "Have you adopted the End Violence at Work Charter?", false, true},
	{"safer_urban_driving", "Safer Urban Driving", "If you operate vehicles, do you meet the Safer Urban Driving standard?", true, false},
}

// notApplicableAllowed says whether standard i may be answered "does not apply" by an
// organisation that employs staff (staffless false) or nobody (true).
func notApplicableAllowed(i int, staffless bool) bool {
	return Standards[i].NotApplicableAllowed || (Standards[i].WithoutStaff && staffless)
}

// Declaration answers.
const (
	AnswerYes           = "yes"
	AnswerNo            = "no"
	AnswerNotApplicable = "not_applicable"
)
