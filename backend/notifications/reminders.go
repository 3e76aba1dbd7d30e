package notifications

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/fairtender/fairtender/backend/platform/format"
)

// WriteReminders tells everyone who registered interest in an open opportunity, and everyone the
// audiences name for it (invited to bid, say), that its deadline is near: once for each reminder
// point (by default 7 days and 48 hours before) that the deadline has come within. Only the
// nearest point applies, so someone who registers interest a day before the deadline gets one
// reminder, not two. A moved deadline starts afresh. It returns how many reminders it wrote.
func (s *Service) WriteReminders(ctx context.Context) (int64, error) {
	offsets := slices.Clone(s.cfg.DeadlineReminders)
	if len(offsets) == 0 {
		return 0, nil
	}
	slices.Sort(offsets)
	now := s.stamp()
	var due []reminderDue
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT i.id AS interest_id, i.user_id, o.id AS opportunity_id, o.title, o.submission_deadline AS deadline
		FROM opportunity_interests i JOIN opportunities o ON o.id = i.opportunity_id
		WHERE o.status = 'published' AND o.submission_deadline > ? AND o.submission_deadline <= ?
		ORDER BY i.user_id`, now, now.Add(offsets[len(offsets)-1])).Scan(&due).Error
	if err != nil {
		return 0, fmt.Errorf("notifications: unable to find deadlines: %w", err)
	}
	if len(s.audiences) > 0 {
		others, err := s.audienceReminders(ctx, now, now.Add(offsets[len(offsets)-1]), due)
		if err != nil {
			return 0, err
		}
		due = append(due, others...)
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
		oppID := d.OpportunityID
		var interestID *string
		if d.InterestID != "" {
			interestID = &d.InterestID
		}
		n := Notification{ID: uuid.NewString(), UserID: d.UserID, DedupeKey: fmt.Sprintf("reminder:%s:%d:%d", d.OpportunityID, int(point.Hours()), d.Deadline.Unix()),
			Kind: KindReminder, OpportunityID: &oppID, InterestID: interestID, Title: timeLeft(left) + " to bid: " + d.Title,
			Body: "Bids must arrive by " + format.DateTime(d.Deadline) + ". Late bids cannot be accepted.", Link: "/opportunities/" + d.OpportunityID,
			CreatedAt: now, EmailStatus: emailQueued, EmailDueAt: &now}
		rows = append(rows, n)
	}
	return s.insert(ctx, rows, true)
}

// reminderDue is one person to remind of one deadline; InterestID is empty for someone an
// audience named who did not register interest.
type reminderDue struct {
	InterestID    string
	UserID        string
	OpportunityID string
	Title         string
	Deadline      time.Time
}

// audienceReminders is who the audiences name for each open opportunity whose deadline falls in
// (from, to], less those already reminded through their interest.
func (s *Service) audienceReminders(ctx context.Context, from, to time.Time, interested []reminderDue) ([]reminderDue, error) {
	db := s.db.Gorm.WithContext(ctx)
	var opps []struct {
		ID                 string
		Title              string
		SubmissionDeadline time.Time
	}
	if err := db.Raw(`SELECT id, title, submission_deadline FROM opportunities
		WHERE status = 'published' AND submission_deadline > ? AND submission_deadline <= ? ORDER BY id`, from, to).Scan(&opps).Error; err != nil {
		return nil, fmt.Errorf("notifications: unable to find deadlines: %w", err)
	}
	told := make(map[[2]string]bool, len(interested))
	for _, d := range interested {
		told[[2]string{d.UserID, d.OpportunityID}] = true
	}
	var out []reminderDue
	for _, o := range opps {
		users, err := s.audience(ctx, db, o.ID)
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			if !told[[2]string{u, o.ID}] {
				out = append(out, reminderDue{UserID: u, OpportunityID: o.ID, Title: o.Title, Deadline: o.SubmissionDeadline})
			}
		}
	}
	return out, nil
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
