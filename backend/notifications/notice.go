package notifications

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/google/uuid"
)

// Notice is a service message to one person from another feature (an invitation to a call for
// competition, a decision on an application, an application falling due), shown in their inbox
// and, when Email is set, emailed. It has no unsubscribe link: it is about work they applied
// for or must do, not an alert they chose.
type Notice struct {
	UserID string
	// DedupeKey is unique per person and thing told, such as "invited:<opportunity>": telling
	// someone the same thing twice writes nothing.
	DedupeKey     string
	Kind          Kind
	OpportunityID string
	Title, Body   string
	// Link is a path in the portal.
	Link  string
	Email bool
}

// Notice kinds used by other features.
const (
	KindInvited  Kind = "invited"
	KindDecision Kind = "decision"
	// KindApplied: an application (to join a DPS) was sent, with when to expect the decision.
	KindApplied Kind = "applied"
	KindDue     Kind = "due"
	// KindClarification: a new answer to everyone on an opportunity someone is working towards.
	KindClarification Kind = "clarification"
	// KindYourQuestion: what became of a question the person asked.
	KindYourQuestion Kind = "your_question"
	// KindClarificationLate: to a buyer, a question not answered in time.
	KindClarificationLate Kind = "clarification_late"
)

// Notify writes notices (skipping any already written) and queues their emails; it returns how
// many were new.
func (s *Service) Notify(ctx context.Context, notices []Notice) (int64, error) {
	return s.insert(ctx, s.noticeRows(notices), true)
}

// NotifyTx writes notices inside the caller's transaction, so that (for example) a decision and
// the message telling the supplier about it are saved together or not at all.
func (s *Service) NotifyTx(ctx context.Context, tx *gorm.DB, notices []Notice) error {
	rows := s.noticeRows(notices)
	queue := false
	for start := 0; start < len(rows); start += insertBatch {
		batch := rows[start:min(start+insertBatch, len(rows))]
		sql, args := insertSQL(batch)
		if err := tx.Exec(sql, args...).Error; err != nil {
			return fmt.Errorf("notifications: unable to write notices: %w", err)
		}
		for _, r := range batch {
			queue = queue || r.EmailStatus == emailQueued
		}
	}
	if queue {
		return s.queueSender(ctx, tx)
	}
	return nil
}

func (s *Service) noticeRows(notices []Notice) []Notification {
	now := s.stamp()
	rows := make([]Notification, 0, len(notices))
	for _, n := range notices {
		r := Notification{ID: uuid.NewString(), UserID: n.UserID, DedupeKey: n.DedupeKey, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link,
			CreatedAt: now, EmailStatus: emailNone}
		if n.OpportunityID != "" {
			id := n.OpportunityID
			r.OpportunityID = &id
		}
		if n.Email {
			due := now
			r.EmailStatus, r.EmailDueAt = emailQueued, &due
		}
		rows = append(rows, r)
	}
	return rows
}
