package notifications

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// WriteReminders tells everyone who registered interest in an open opportunity that its deadline
// is near: once for each reminder point (by default 7 days and 48 hours before) that the deadline
// has come within. Only the nearest point applies, so someone who registers interest a day before
// the deadline gets one reminder, not two. A moved deadline starts afresh. It returns how many
// reminders it wrote.
func (s *Service) WriteReminders(ctx context.Context) (int64, error) {
	offsets := slices.Clone(s.cfg.DeadlineReminders)
	if len(offsets) == 0 {
		return 0, nil
	}
	slices.Sort(offsets)
	now := s.stamp()
	var due []struct {
		InterestID    string
		UserID        string
		OpportunityID string
		Title         string
		Deadline      time.Time
	}
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT i.id AS interest_id, i.user_id, o.id AS opportunity_id, o.title, o.submission_deadline AS deadline
		FROM opportunity_interests i JOIN opportunities o ON o.id = i.opportunity_id
		WHERE o.status = 'published' AND o.submission_deadline > ? AND o.submission_deadline <= ?
		ORDER BY i.user_id`, now, now.Add(offsets[len(offsets)-1])).Scan(&due).Error
	if err != nil {
		return 0, fmt.Errorf("notifications: unable to find deadlines: %w", err)
	}
	rows := make([]Notification, 0, len(due))
	for _, d := range due {
		left := d.Deadline.Sub(now)
		point := offsets[len(offsets)-1]
		for _, o := range offsets {
			if left <= o {
				point = o
				break
			}
		}
		interestID, oppID := d.InterestID, d.OpportunityID
		n := Notification{ID: uuid.NewString(), UserID: d.UserID, DedupeKey: fmt.Sprintf("reminder:%s:%d:%d", d.OpportunityID, int(point.Hours()), d.Deadline.Unix()),
			Kind: KindReminder, OpportunityID: &oppID, InterestID: &interestID, Title: timeLeft(left) + " to bid: " + d.Title,
			Body: "Bids must arrive by " + londonTime(d.Deadline) + ". Late bids cannot be accepted.", Link: "/opportunities/" + d.OpportunityID,
			CreatedAt: now, EmailStatus: emailQueued, EmailDueAt: &now}
		rows = append(rows, n)
	}
	return s.insert(ctx, rows, true)
}

// timeLeft says how long is left in whole days, or hours under two days.
func timeLeft(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	}
	h := int(d.Hours())
	if h <= 1 {
		return "Less than 2 hours"
	}
	return fmt.Sprintf("%d hours", h)
}
