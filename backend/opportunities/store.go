package opportunities

import "time"

// Opportunity is one row of the opportunities table: a draft, a planned procurement, a published
// opportunity or a cancelled one. Whether a published opportunity is open or closed is not
// stored: the server's clock decides it against the submission deadline.
type Opportunity struct {
	ID                       string `gorm:"primaryKey"`
	Reference                string
	Status                   Status
	Title                    string
	Summary                  string
	Description              string
	Procedure                string
	EstimatedValuePence      int64
	ContractMonths           int
	PlaceOfDelivery          string
	Locality                 string
	SuitableForSMEs          bool `gorm:"column:suitable_for_smes"`
	SuitableForVCSEs         bool `gorm:"column:suitable_for_vcses"`
	Reserved                 string
	ClarificationDeadline    *time.Time
	SubmissionDeadline       *time.Time
	ExpectedAwardOn          string
	SocialValueJustification string
	ShortPeriodReason        string
	ExpectedQuarter          string
	ContactEmail             string
	CancelReason             string
	// Version increases on every change; it is the ETag, so two buyers editing one draft cannot
	// overwrite each other.
	Version     int
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time
	CancelledAt *time.Time
}

// TableName is the opportunities table.
func (Opportunity) TableName() string { return "opportunities" }

// Status is where an opportunity stands, stored and sent as its string.
type Status string

// Statuses as stored. "open" and "closed" are what a published opportunity is before and after
// its submission deadline.
const (
	StatusDraft     Status = "draft"
	StatusPlanned   Status = "planned"
	StatusPublished Status = "published"
	StatusCancelled Status = "cancelled"
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
)

// CPVCode is a CPV code of the opportunity as a whole.
type CPVCode struct {
	OpportunityID string `gorm:"primaryKey"`
	Code          string `gorm:"primaryKey"`
}

// TableName is the opportunity CPV codes table.
func (CPVCode) TableName() string { return "opportunity_cpv_codes" }

// Lot is a part of an opportunity that suppliers may bid for on its own.
type Lot struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Position      int
	Title         string
	Description   string
	ValuePence    int64
	CPVCode       string `gorm:"column:cpv_code"`
}

// TableName is the lots table.
func (Lot) TableName() string { return "opportunity_lots" }

// Criterion is one evaluation criterion with its weight in basis points (100% = 10000).
type Criterion struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Position      int
	Name          string
	Kind          string
	Description   string
	WeightBP      int `gorm:"column:weight_bp"`
}

// TableName is the criteria table.
func (Criterion) TableName() string { return "opportunity_criteria" }

// Document is a file attached to an opportunity. A replaced document is kept, marked superseded,
// so that suppliers can see what changed.
type Document struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Filename      string
	ContentType   string
	SizeBytes     int64
	SHA256        string `gorm:"column:sha256"`
	BlobKey       string
	UploadedBy    string
	UploadedAt    time.Time
	ReplacesID    *string
	SupersededAt  *time.Time
}

// TableName is the documents table.
func (Document) TableName() string { return "opportunity_documents" }

// Amendment is a change made after publication, with what was there before, what replaced it and
// the buyer's note, all shown publicly.
type Amendment struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Number        int
	Kind          string
	Note          string
	// BeforeValues and AfterValues are JSON objects of the changed fields.
	BeforeValues string
	AfterValues  string
	CreatedBy    string
	CreatedAt    time.Time
}

// TableName is the amendments table.
func (Amendment) TableName() string { return "opportunity_amendments" }
