package clarifications

import (
	"database/sql/driver"
	"fmt"
	"time"
)

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
	OpportunityID    nullID
	DPSID            nullID `gorm:"column:dps_id"`
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

// nullID is an ID column that may be NULL: a question is about an opportunity or a DPS, and the
// other's column is NULL. Empty in Go is NULL in the database, so the code compares plain strings.
type nullID string

// Value stores "" as NULL.
func (n nullID) Value() (driver.Value, error) {
	if n == "" {
		return nil, nil
	}
	return string(n), nil
}

// Scan reads NULL as "".
func (n *nullID) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*n = ""
	case string:
		*n = nullID(v)
	case []byte:
		*n = nullID(v)
	default:
		return fmt.Errorf("clarifications: an ID column holds %T", v)
	}
	return nil
}

// answer is a row of clarification_answers. Number counts the answers to everyone on the
// opportunity (or DPS) (1, 2, 3 …); a private answer has none, so the public numbering has no gaps that
// would hint at one.
type answer struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID nullID
	DPSID         nullID `gorm:"column:dps_id"`
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
