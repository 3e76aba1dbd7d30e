package bids

import "time"

// BidStatus is where a bid stands.
type BidStatus string

// Bid statuses as stored.
const (
	// StatusDraft: being prepared; only the bidder's organisation can read it.
	StatusDraft BidStatus = "draft"
	// StatusSubmitted: a version is frozen and counts; the draft may still be changed and
	// resubmitted before the deadline.
	StatusSubmitted BidStatus = "submitted"
	// StatusWithdrawn: the bidder withdrew it; it no longer counts unless resubmitted.
	StatusWithdrawn BidStatus = "withdrawn"
	// StatusOpened: the opening panel opened the box; the council may read it.
	StatusOpened BidStatus = "opened"
)

var statusText = map[BidStatus]string{
	StatusDraft: "Draft: not submitted", StatusSubmitted: "Submitted", StatusWithdrawn: "Withdrawn", StatusOpened: "Opened by the council",
}

// formRow is a row of bid_forms: an opportunity's response form, its questions as JSON.
type formRow struct {
	OpportunityID string `gorm:"primaryKey"`
	Version       int
	TwoStage      bool
	Questions     string
	UpdatedBy     string
	UpdatedAt     time.Time
}

func (formRow) TableName() string { return "bid_forms" }

// panelRow is a row of bid_opening_panel.
type panelRow struct {
	OpportunityID string `gorm:"primaryKey"`
	UserID        string `gorm:"primaryKey"`
	Position      int
}

func (panelRow) TableName() string { return "bid_opening_panel" }

// confirmationRow is a row of bid_opening_confirmations.
type confirmationRow struct {
	OpportunityID string `gorm:"primaryKey"`
	UserID        string `gorm:"primaryKey"`
	ConfirmedAt   time.Time
}

func (confirmationRow) TableName() string { return "bid_opening_confirmations" }

// openingRow is a row of bid_openings; ReceiptHashes is a JSON list. PricesOpenedAt is the
// second step of a two-stage opening.
type openingRow struct {
	OpportunityID  string `gorm:"primaryKey"`
	OpenedAt       time.Time
	ReceiptHashes  string
	PricesOpenedAt *time.Time
}

// priceConfirmationRow is a row of bid_price_confirmations: one officer's confirmation that the
// price envelope may be opened.
type priceConfirmationRow struct {
	OpportunityID string `gorm:"primaryKey"`
	UserID        string `gorm:"primaryKey"`
	ConfirmedAt   time.Time
}

func (priceConfirmationRow) TableName() string { return "bid_price_confirmations" }

func (openingRow) TableName() string { return "bid_openings" }

// bid is a row of bids. WrappedKey is the bid's data key sealed by the sealing key; LotIDs is a
// JSON list.
type bid struct {
	ID                 string `gorm:"primaryKey"`
	Reference          string
	OpportunityID      string
	OrganisationID     string
	Status             BidStatus
	LotIDs             string `gorm:"column:lot_ids"`
	Version            int
	WrappedKey         []byte
	CreatedBy          string
	CreatedAt          time.Time
	LastChangeBy       *string
	LastChangeAt       *time.Time
	LastChangeQuestion string
	SubmittedVersion   *int
	SubmittedAt        *time.Time
	ReceiptHash        string
	// BeforeAmendment is the mark the bidder has still to answer (confirm or resubmit);
	// FirstBeforeAmendment the first amendment after the submitted version, which stays when
	// the bidder confirms, so evaluators see both facts.
	BeforeAmendment      *int
	FirstBeforeAmendment *int
	ConfirmedAmendment   *int
	ConfirmedAt          *time.Time
	ConfirmedBy          *string
}

func (bid) TableName() string { return "bids" }

// answerRow is a row of bid_answers: one answer, sealed with the bid's data key.
type answerRow struct {
	BidID      string `gorm:"primaryKey"`
	QuestionID string `gorm:"primaryKey"`
	Sealed     []byte
	UpdatedBy  string
	UpdatedAt  time.Time
}

func (answerRow) TableName() string { return "bid_answers" }

// documentRow is a row of bid_documents. Filename is sealed (a name can say what is inside);
// size and SHA-256 are of the plaintext, as the receipt shows them. RemovedAt marks a document
// taken out of the draft that a submitted version still names.
type documentRow struct {
	ID          string `gorm:"primaryKey"`
	BidID       string
	QuestionID  string
	Filename    []byte
	ContentType string
	SizeBytes   int64
	SHA256      string `gorm:"column:sha256"`
	BlobKey     string
	// Parts, when above 0, says the content is the sealed parts of the resumable upload it
	// arrived by, stored under the prefix BlobKey (resumable.PartKey); 0 is one object at BlobKey.
	Parts      int
	UploadedBy string
	UploadedAt time.Time
	RemovedAt  *time.Time
}

func (documentRow) TableName() string { return "bid_documents" }

// submissionRow is a row of bid_submissions: a frozen version (its answers and document IDs,
// sealed as one) and its receipt as JSON.
type submissionRow struct {
	BidID       string `gorm:"primaryKey"`
	Version     int    `gorm:"primaryKey"`
	Sealed      []byte
	Receipt     string
	ReceiptHash string
	SubmittedBy string
	SubmittedAt time.Time
	WithdrawnAt *time.Time
}

func (submissionRow) TableName() string { return "bid_submissions" }

// idempotencyRow is a row of bid_idempotency. Status 0 means the request is still running.
type idempotencyRow struct {
	BidID       string `gorm:"primaryKey"`
	IdemKey     string `gorm:"primaryKey"`
	RequestHash string
	Status      int
	Response    string
	CreatedAt   time.Time
}

func (idempotencyRow) TableName() string { return "bid_idempotency" }
