package notifications

import "time"

// Alert is a saved search: a supplier is told of new opportunities that match it.
type Alert struct {
	ID             string `gorm:"primaryKey"`
	UserID         string
	OrganisationID *string
	Name           string
	// Keywords, CPVCodes, Localities and Procedures are comma-separated lists; empty means any.
	Keywords      string
	CPVCodes      string `gorm:"column:cpv_codes"`
	Localities    string
	Procedures    string
	MinValuePence int64
	// MaxValuePence 0 means no upper limit.
	MaxValuePence int64
	Frequency     string
	FromProfile   bool
	// PausedAt is when its emails were unsubscribed from; a paused alert matches nothing.
	PausedAt  *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName is the alerts table.
func (Alert) TableName() string { return "alerts" }

// Alert frequencies.
const (
	FrequencyInstant = "instant"
	FrequencyDaily   = "daily"
)

type profileDefault struct {
	UserID         string `gorm:"primaryKey"`
	OrganisationID string `gorm:"primaryKey"`
	CreatedAt      time.Time
}

func (profileDefault) TableName() string { return "alert_profile_defaults" }

// Interest is a supplier's registered interest in one opportunity: they hear of its amendments,
// its cancellation and its approaching deadline.
type Interest struct {
	ID             string `gorm:"primaryKey"`
	OpportunityID  string
	UserID         string
	OrganisationID *string
	CreatedAt      time.Time
}

// TableName is the opportunity_interests table.
func (Interest) TableName() string { return "opportunity_interests" }

// Notification is one thing a person is told, in the inbox and perhaps by email.
type Notification struct {
	ID            string `gorm:"primaryKey"`
	UserID        string
	DedupeKey     string
	Kind          Kind
	OpportunityID *string
	AlertID       *string
	InterestID    *string
	Title         string
	Body          string
	Link          string
	CreatedAt     time.Time
	ReadAt        *time.Time
	EmailStatus   emailStatus
	EmailAttempts int
	EmailDueAt    *time.Time
	EmailedAt     *time.Time
}

// TableName is the notifications table.
func (Notification) TableName() string { return "notifications" }

// Kind says what a notification is about; stored and sent as its string.
type Kind string

// Notification kinds.
const (
	KindMatch     Kind = "match"
	KindPlanned   Kind = "planned"
	KindAmended   Kind = "amended"
	KindCancelled Kind = "cancelled"
	KindReminder  Kind = "reminder"
)

// Email states of a notification: none (inbox only), queued (to send now), sending (claimed by a
// sender until email_due_at), digest (waiting for the daily digest), sent, failed (never will be).
type emailStatus string

const (
	emailNone    emailStatus = "none"
	emailQueued  emailStatus = "queued"
	emailSending emailStatus = "sending"
	emailDigest  emailStatus = "digest"
	emailSent    emailStatus = "sent"
	emailFailed  emailStatus = "failed"
)
