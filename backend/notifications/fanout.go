package notifications

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// alertPage is how many alerts are read at a time while matching: enough to keep round trips
// few, small enough that 100,000 suppliers' alerts are never all in memory.
const alertPage = 5000

// insertBatch is how many notifications go in one INSERT: 500 rows of 16 values stay well under
// both engines' limits on bound parameters.
const insertBatch = 500

// FanOut tells everyone concerned about an opportunity event: for "published" and "planned",
// every person whose alert matches; for "amended" and "cancelled", everyone who registered
// interest. It returns how many notifications it wrote; run again, it writes none.
func (s *Service) FanOut(ctx context.Context, event, opportunityID, amendmentID string) (int64, error) {
	var o opportunities.Opportunity
	if err := s.db.Gorm.WithContext(ctx).Take(&o, "id = ?", opportunityID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, nil // deleted since: nobody to tell
		}
		return 0, fmt.Errorf("notifications: unable to read opportunity: %w", err)
	}
	switch event {
	case "published":
		if o.Status != opportunities.StatusPublished {
			return 0, nil // cancelled before the job ran
		}
		return s.matchAlerts(ctx, o, KindMatch)
	case "planned":
		if o.Status != opportunities.StatusPlanned {
			return 0, nil
		}
		return s.matchAlerts(ctx, o, KindPlanned)
	case "amended":
		var am opportunities.Amendment
		if err := s.db.Gorm.WithContext(ctx).Take(&am, "id = ?", amendmentID).Error; err != nil {
			return 0, fmt.Errorf("notifications: unable to read amendment: %w", err)
		}
		return s.tellInterested(ctx, o, KindAmended, "amended:"+am.ID, "Changed: "+o.Title,
			fmt.Sprintf("Change %d: %s", am.Number, am.Note))
	case "cancelled":
		return s.tellInterested(ctx, o, KindCancelled, "cancelled:"+o.ID, "Cancelled: "+o.Title,
			"The council has cancelled this opportunity. Their reason: "+o.CancelReason)
	}
	return 0, fmt.Errorf("notifications: unknown event %q", event)
}

// target reads what alerts match against.
func (s *Service) target(ctx context.Context, o opportunities.Opportunity) (*Target, error) {
	var codes []string
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT code FROM opportunity_cpv_codes WHERE opportunity_id = ?
		UNION SELECT cpv_code FROM opportunity_lots WHERE opportunity_id = ? AND cpv_code <> ''`, o.ID, o.ID).Scan(&codes).Error
	if err != nil {
		return nil, fmt.Errorf("notifications: unable to read CPV codes: %w", err)
	}
	t := &Target{Title: o.Title, Summary: o.Summary, Description: o.Description, CPVCodes: codes, Locality: o.Locality,
		Procedure: o.Procedure, ValuePence: o.EstimatedValuePence}
	t.prepare()
	return t, nil
}

type alertRow struct {
	Alert
	Verified bool
}

// matchAlerts pages through every alert in user order, so each person's alerts arrive together
// and they get one notification however many of their alerts match (an instant one wins over a
// daily one).
func (s *Service) matchAlerts(ctx context.Context, o opportunities.Opportunity, kind string) (int64, error) {
	t, err := s.target(ctx, o)
	if err != nil {
		return 0, err
	}
	now := s.stamp()
	title, body := o.Title, matchBody(o)
	if kind == KindPlanned {
		title = "Planned: " + o.Title
	}
	var rows []Notification
	var written int64
	after := ""
	for {
		var page []alertRow
		q := s.db.Gorm.WithContext(ctx).Table("alerts a").Select("a.*, (u.email_verified_at IS NOT NULL) AS verified").
			Joins("JOIN users u ON u.id = a.user_id")
		if after != "" {
			q = q.Where("a.user_id > ?", after)
		}
		err := q.Order("a.user_id, a.created_at, a.id").Limit(alertPage).Scan(&page).Error
		if err != nil {
			return written, fmt.Errorf("notifications: unable to read alerts: %w", err)
		}
		full := len(page) == alertPage
		if full {
			// The last person's alerts may continue on the next page: leave them all to it.
			last := page[len(page)-1].UserID
			cut := len(page)
			for cut > 0 && page[cut-1].UserID == last {
				cut--
			}
			if cut > 0 {
				page = page[:cut]
			}
		}
		for i := 0; i < len(page); {
			j := i
			var best *alertRow
			for ; j < len(page) && page[j].UserID == page[i].UserID; j++ {
				if compile(page[j].Alert).Matches(t) && (best == nil || (best.Frequency != FrequencyInstant && page[j].Frequency == FrequencyInstant)) {
					best = &page[j]
				}
			}
			if best != nil {
				alertID, oppID := best.ID, o.ID
				n := Notification{ID: uuid.NewString(), UserID: best.UserID, DedupeKey: kind + ":" + o.ID, Kind: kind, OpportunityID: &oppID,
					AlertID: &alertID, Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailNone}
				if best.Verified {
					n.EmailStatus = emailDigest
					if best.Frequency == FrequencyInstant {
						n.EmailStatus, n.EmailDueAt = emailQueued, &now
					}
				}
				rows = append(rows, n)
			}
			i = j
		}
		if len(rows) >= insertBatch || !full {
			n, err := s.insert(ctx, rows, !full)
			written += n
			if err != nil {
				return written, err
			}
			rows = rows[:0]
		}
		if !full {
			return written, nil
		}
		after = page[len(page)-1].UserID
	}
}

func matchBody(o opportunities.Opportunity) string {
	parts := []string{o.Summary}
	if o.EstimatedValuePence > 0 {
		parts = append(parts, "Worth about "+pounds(o.EstimatedValuePence)+".")
	}
	if o.SubmissionDeadline != nil {
		parts = append(parts, "Bids by "+londonTime(*o.SubmissionDeadline)+".")
	} else if o.ExpectedQuarter != "" {
		parts = append(parts, "Expected to be published in "+o.ExpectedQuarter+".")
	}
	return strings.Join(parts, " ")
}

// tellInterested notifies, at once and by email, everyone who registered interest.
func (s *Service) tellInterested(ctx context.Context, o opportunities.Opportunity, kind, key, title, body string) (int64, error) {
	var interested []struct {
		ID       string
		UserID   string
		Verified bool
	}
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT i.id, i.user_id, (u.email_verified_at IS NOT NULL) AS verified FROM opportunity_interests i
		JOIN users u ON u.id = i.user_id WHERE i.opportunity_id = ? ORDER BY i.user_id`, o.ID).Scan(&interested).Error
	if err != nil {
		return 0, fmt.Errorf("notifications: unable to read interest: %w", err)
	}
	now := s.stamp()
	rows := make([]Notification, 0, len(interested))
	for _, in := range interested {
		interestID, oppID := in.ID, o.ID
		n := Notification{ID: uuid.NewString(), UserID: in.UserID, DedupeKey: key, Kind: kind, OpportunityID: &oppID, InterestID: &interestID,
			Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailNone}
		if in.Verified {
			n.EmailStatus, n.EmailDueAt = emailQueued, &now
		}
		rows = append(rows, n)
	}
	return s.insert(ctx, rows, true)
}

// insert writes rows in batches, skipping any a person already has (same dedupe key), and with
// the last batch queues a sender for the emails. Each batch commits alone so that SQLite's one
// writer is not held for the whole fan-out; the unique key makes a rerun after a crash safe.
func (s *Service) insert(ctx context.Context, rows []Notification, last bool) (int64, error) {
	var written int64
	queue := false
	for _, r := range rows {
		queue = queue || r.EmailStatus == emailQueued
	}
	for start := 0; start < len(rows) || (last && start == 0); start += insertBatch {
		end := min(start+insertBatch, len(rows))
		batch := rows[start:end]
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			if len(batch) > 0 {
				sql, args := insertSQL(batch)
				res := tx.Exec(sql, args...)
				if res.Error != nil {
					return fmt.Errorf("notifications: unable to write notifications: %w", res.Error)
				}
				written += res.RowsAffected
			}
			if last && queue && end == len(rows) {
				return s.queueSender(ctx, tx)
			}
			return nil
		})
		if err != nil {
			return written, err
		}
		if len(rows) == 0 {
			break
		}
	}
	return written, nil
}

const notificationColumns = "id, user_id, dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at, read_at, email_status, email_attempts, email_due_at, emailed_at"

func insertSQL(rows []Notification) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO notifications (" + notificationColumns + ") VALUES ")
	args := make([]any, 0, len(rows)*16)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, r.ID, r.UserID, r.DedupeKey, r.Kind, r.OpportunityID, r.AlertID, r.InterestID, r.Title, r.Body, r.Link,
			r.CreatedAt, r.ReadAt, r.EmailStatus, r.EmailAttempts, r.EmailDueAt, r.EmailedAt)
	}
	b.WriteString(" ON CONFLICT (user_id, dedupe_key) DO NOTHING")
	return b.String(), args
}

// queueSender inserts a job to send the queued emails, in tx.
func (s *Service) queueSender(ctx context.Context, tx *gorm.DB) error {
	if s.jobs == nil || s.jobs() == nil {
		return nil // a process without a queue (some tests): the periodic sender will find them
	}
	return jobs.InsertTx(ctx, s.jobs(), tx, SendEmailsArgs{})
}

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("notifications: unable to load Europe/London: " + err.Error())
	}
	return loc
}()

// londonTime is how a deadline reads in an email: "5pm on Friday 18 December 2026".
func londonTime(t time.Time) string {
	l := t.In(london)
	clock := l.Format("3:04pm")
	clock = strings.Replace(clock, ":00", "", 1)
	if l.Hour() == 12 && l.Minute() == 0 {
		clock = "midday"
	} else if l.Hour() == 0 && l.Minute() == 0 {
		clock = "midnight"
	}
	return clock + " on " + l.Format("Monday 2 January 2006")
}

func pounds(pence int64) string {
	p := pence / 100
	s := fmt.Sprintf("%d", p)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return "£" + string(out)
}
