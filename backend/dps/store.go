package dps

import "time"

// DPS is one dynamic purchasing system (PCR 2015) or dynamic market (Procurement Act 2023).
type DPS struct {
	ID             string `gorm:"primaryKey"`
	Reference      string
	Status         Status
	Title          string
	Description    string
	Regime         string
	StartsOn       string
	EndsOn         string
	FeeBP          int `gorm:"column:fee_bp"`
	FeeDescription string
	DecisionDays   int
	Version        int
	CreatedBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	PublishedAt    *time.Time
}

// TableName is the dps table.
func (DPS) TableName() string { return "dps" }

// Category is a lot of the DPS: what a supplier is admitted to.
type Category struct {
	ID                    string `gorm:"primaryKey"`
	DPSID                 string `gorm:"column:dps_id"`
	Position              int
	Name                  string
	Description           string
	CPVCodes              string `gorm:"column:cpv_codes"`
	MaxContractValuePence int64
	Area                  string
}

// TableName is the dps_categories table.
func (Category) TableName() string { return "dps_categories" }

// Question is one question of the selection questionnaire.
type Question struct {
	ID           string `gorm:"primaryKey"`
	DPSID        string `gorm:"column:dps_id"`
	Position     int
	Kind         string
	Text         string
	Hint         string
	CategoryIDs  string `gorm:"column:category_ids"`
	ProfileField string
}

// TableName is the dps_questions table.
func (Question) TableName() string { return "dps_questions" }

// Application is a supplier's request to join some categories.
type Application struct {
	ID              string `gorm:"primaryKey"`
	DPSID           string `gorm:"column:dps_id"`
	OrganisationID  string
	Status          AppStatus
	SubmittedAt     *time.Time
	DueAt           *time.Time
	Extended        bool
	ExtensionReason string
	RemindedAt      *time.Time
	DecidedAt       *time.Time
	Version         int
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// TableName is the dps_applications table.
func (Application) TableName() string { return "dps_applications" }

// AppCategory is one category applied for, and what became of it.
type AppCategory struct {
	ApplicationID string `gorm:"primaryKey"`
	CategoryID    string `gorm:"primaryKey"`
	Status        CategoryStatus
	Reason        string
	DecidedBy     *string
	DecidedAt     *time.Time
}

// TableName is the dps_application_categories table.
func (AppCategory) TableName() string { return "dps_application_categories" }

// Answer is the answer to one question.
type Answer struct {
	ApplicationID string `gorm:"primaryKey"`
	QuestionID    string `gorm:"primaryKey"`
	Value         string
	FromProfile   bool
}

// TableName is the dps_answers table.
func (Answer) TableName() string { return "dps_answers" }

// Call links an opportunity (a call for competition) to a category of a DPS.
type Call struct {
	OpportunityID string `gorm:"primaryKey"`
	DPSID         string `gorm:"column:dps_id"`
	CategoryID    string `gorm:"primaryKey"`
}

// TableName is the dps_calls table.
func (Call) TableName() string { return "dps_calls" }

// Status is a DPS as stored: a draft until published. Whether a published DPS is open, not
// started or closed follows from its dates (View.Status).
type Status string

// AppStatus is where an application stands.
type AppStatus string

// CategoryStatus is what became of one category applied for: the supplier's membership of it.
type CategoryStatus string

// Statuses, stored and sent as their strings.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"

	AppDraft     AppStatus = "draft"
	AppSubmitted AppStatus = "submitted"
	AppDecided   AppStatus = "decided"
	AppWithdrawn AppStatus = "withdrawn"

	CatRequested CategoryStatus = "requested"
	CatAdmitted  CategoryStatus = "admitted"
	CatRejected  CategoryStatus = "rejected"
	CatSuspended CategoryStatus = "suspended"
	CatRemoved   CategoryStatus = "removed"
)

// Regimes.
const (
	RegimePCR2015 = "pcr2015"
	RegimePA2023  = "pa2023"
)

// Question kinds.
const (
	QPassFail = "pass_fail"
	QYesNo    = "yes_no"
	QText     = "text"
	QNumber   = "number"
	QDocument = "document"
)
