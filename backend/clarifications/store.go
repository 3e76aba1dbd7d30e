package clarifications

import "time"

// QuestionStatus is where a question stands.
type QuestionStatus string

// Question statuses as stored.
const (
	// StatusAwaiting: asked, not yet answered, merged or declined.
	StatusAwaiting QuestionStatus = "awaiting_answer"
	// StatusAnswered: answered to everyone.
	StatusAnswered QuestionStatus = "answered"
	// StatusAnsweredPrivately: answered to the asker's organisation only.
	StatusAnsweredPrivately QuestionStatus = "answered_privately"
	// StatusMerged: answered by the answer to an earlier question.
	StatusMerged QuestionStatus = "merged"
	// StatusDeclined: not answered, with a reason the asker sees.
	StatusDeclined QuestionStatus = "declined"
)

// Visibility is who may read an answer.
type Visibility string

// Visibilities.
const (
	Everyone Visibility = "everyone"
	Private  Visibility = "private"
)

// question is a row of clarification_questions. OrganisationID and AskedBy never leave the
// council's side of the API.
type question struct {
	ID               string `gorm:"primaryKey"`
	ThreadRef        string
	OpportunityID    string
	OrganisationID   string
	AskedBy          string
	Subject          string
	Question         string
	LotID            string
	DocumentID       string
	Section          string
	PrivateRequested bool
	PrivateReason    string
	Status           QuestionStatus
	AnswerID         *string
	MergedInto       *string
	DeclineReason    string
	AskedAt          time.Time
	ClosedAt         *time.Time
}

func (question) TableName() string { return "clarification_questions" }

// answer is a row of clarification_answers. Number counts the answers to everyone on the
// opportunity (1, 2, 3 …); a private answer has none, so the public numbering has no gaps that
// would hint at one.
type answer struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	Number        *int
	QuestionID    *string
	ThreadRef     string
	Visibility    Visibility
	PrivateReason string
	Subject       string
	Question      string
	Answer        string
	CorrectsID    *string
	AnsweredBy    string
	PublishedAt   time.Time
}

func (answer) TableName() string { return "clarification_answers" }
