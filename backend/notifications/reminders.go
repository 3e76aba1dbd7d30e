package notifications

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
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
	db := s.db.Gorm.WithContext(ctx)
	opps, err := s.opportunities.ClosingBetween(db, now, now.Add(offsets[len(offsets)-1]))
	if err != nil || len(opps) == 0 {
		return 0, err
	}
	byID := make(map[string]opportunities.Opportunity, len(opps))
	ids := make([]string, len(opps))
	for i, o := range opps {
		byID[o.ID], ids[i] = o, o.ID
	}
	var interests []Interest
	if err := db.Where("opportunity_id IN ?", ids).Order("user_id, opportunity_id").Find(&interests).Error; err != nil {
		return 0, fmt.Errorf("notifications: unable to find who is interested: %w", err)
	}
	due := make([]reminderDue, 0, len(interests))
	for _, in := range interests {
		o := byID[in.OpportunityID]
		due = append(due, reminderDue{InterestID: in.ID, UserID: in.UserID, OpportunityID: o.ID, Title: o.Title, Deadline: *o.SubmissionDeadline})
	}
	if len(s.audiences) > 0 {
		others, err := s.audienceReminders(ctx, opps, due)
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

// audienceReminders is who the audiences name for each of opps (open, with deadlines near), less
// those already reminded through their interest.
func (s *Service) audienceReminders(ctx context.Context, opps []opportunities.Opportunity, interested []reminderDue) ([]reminderDue, error) {
	db := s.db.Gorm.WithContext(ctx)
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
				out = append(out, reminderDue{UserID: u, OpportunityID: o.ID, Title: o.Title, Deadline: *o.SubmissionDeadline})
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
