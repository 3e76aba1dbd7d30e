package evaluation

import "time"

// methodRow is a row of evaluation_methods: how an opportunity's bids are judged, as published.
type methodRow struct {
	OpportunityID    string `gorm:"primaryKey"`
	ScaleMax         int
	Descriptors      string // JSON []Descriptor
	PriceMethod      string
	BudgetPence      *int64
	AbnormalPct      int
	MinJustification int
	UpdatedBy        string
	UpdatedAt        time.Time
}

func (methodRow) TableName() string { return "evaluation_methods" }

// panelRow is a row of evaluation_panel; Criteria is a JSON list of criterion names (empty: all).
type panelRow struct {
	OpportunityID string `gorm:"primaryKey"`
	UserID        string `gorm:"primaryKey"`
	Role          string `gorm:"primaryKey"`
	Criteria      string
	Position      int
}

func (panelRow) TableName() string { return "evaluation_panel" }

// declarationRow is a row of evaluation_declarations; each declaration is kept.
type declarationRow struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	UserID        string
	Conflict      bool
	Details       string
	DeclaredAt    time.Time
	Mitigation    string
	MitigatedBy   *string
	MitigatedAt   *time.Time
}

func (declarationRow) TableName() string { return "evaluation_declarations" }

// bidRow is a row of evaluation_bids: a bid taken into the evaluation.
type bidRow struct {
	BidID          string `gorm:"primaryKey"`
	OpportunityID  string
	OrganisationID string
	Reference      string
	LotIDs         string `gorm:"column:lot_ids"`
	Excluded       bool
	ExcludedReason string
	CheckedAt      time.Time
}

func (bidRow) TableName() string { return "evaluation_bids" }

// markRow is a row of evaluation_marks.
type markRow struct {
	BidID         string `gorm:"primaryKey"`
	QuestionID    string `gorm:"primaryKey"`
	EvaluatorID   string `gorm:"primaryKey"`
	Mark          int
	Justification string
	SavedAt       time.Time
	SubmittedAt   *time.Time
}

func (markRow) TableName() string { return "evaluation_marks" }

// moderationRow is a row of evaluation_moderations; Spread is JSON []SpreadMark.
type moderationRow struct {
	BidID         string `gorm:"primaryKey"`
	QuestionID    string `gorm:"primaryKey"`
	OpportunityID string
	Mark          int
	Rationale     string
	Strengths     string
	Improvements  string
	Spread        string
	ModeratedBy   string
	ModeratedAt   time.Time
}

func (moderationRow) TableName() string { return "evaluation_moderations" }

// priceRow is a row of evaluation_prices.
type priceRow struct {
	BidID            string `gorm:"primaryKey"`
	LotID            string `gorm:"primaryKey"`
	OpportunityID    string
	PricePence       int64
	Resolution       string
	ResolutionReason string
	ResolvedBy       *string
	ResolvedAt       *time.Time
}

func (priceRow) TableName() string { return "evaluation_prices" }

// historyRow is a row of evaluation_history.
type historyRow struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	BidID         *string
	QuestionID    string
	ActorID       string
	Action        string
	BeforeValue   string
	AfterValue    string
	Reason        string
	At            time.Time
}

func (historyRow) TableName() string { return "evaluation_history" }

// awardRow is a row of evaluation_awards.
type awardRow struct {
	OpportunityID string `gorm:"primaryKey"`
	LotID         string `gorm:"primaryKey"`
	BidID         string
	Reason        string
	ProposedBy    string
	ProposedAt    time.Time
	ApprovedBy    *string
	ApprovedAt    *time.Time
}

func (awardRow) TableName() string { return "evaluation_awards" }

// outcomeRow is a row of evaluation_outcomes.
type outcomeRow struct {
	OpportunityID     string `gorm:"primaryKey"`
	Status            string
	SummariesSentAt   *time.Time
	NoticeAt          *time.Time
	StandstillEndsAt  *time.Time
	PausedAt          *time.Time
	PauseReason       string
	ContractEnteredAt *time.Time
	TerminatedAt      *time.Time
	TerminationReason string
	UpdatedAt         time.Time
}

func (outcomeRow) TableName() string { return "evaluation_outcomes" }

// summaryRow is a row of evaluation_summaries; Content is JSON AssessmentSummary.
type summaryRow struct {
	BidID         string `gorm:"primaryKey"`
	OpportunityID string
	Content       string
	GeneratedAt   time.Time
	ReviewedBy    *string
	ReviewedAt    *time.Time
	SentAt        *time.Time
}

func (summaryRow) TableName() string { return "evaluation_summaries" }

// feedbackQuestionRow is a row of evaluation_feedback_questions.
type feedbackQuestionRow struct {
	ID         string `gorm:"primaryKey"`
	BidID      string
	AskedBy    string
	Question   string
	AskedAt    time.Time
	Answer     string
	AnsweredBy *string
	AnsweredAt *time.Time
}

func (feedbackQuestionRow) TableName() string { return "evaluation_feedback_questions" }
