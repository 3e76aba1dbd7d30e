package notifications

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// alertPage is how many alerts are read at a time while matching: enough to keep round trips
// few, small enough that 100,000 suppliers' alerts are never all in memory.
const alertPage = 20000

// insertBatch is how many notifications go in one INSERT. SQLite binds 16 values a row and allows
// 32,766; PostgreSQL binds one array a column, so its batches can be larger.
const (
	insertBatch   = 1000
	insertBatchPG = 5000
)

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

// candidate is the part of an alert that matching needs, read without gorm's reflection because
// a fan-out reads every alert there is.
type candidate struct {
	alert    Alert
	verified bool
}

// readAlerts reads up to alertPage alerts of people after the given user ID, in user order.
func (s *Service) readAlerts(ctx context.Context, after string) ([]candidate, error) {
	q := s.db.Gorm.WithContext(ctx).Table("alerts a").Select(`a.id, a.user_id, a.keywords, a.cpv_codes, a.localities, a.procedures,
		a.min_value_pence, a.max_value_pence, a.frequency, (u.email_verified_at IS NOT NULL)`).Joins("JOIN users u ON u.id = a.user_id")
	if after != "" {
		q = q.Where("a.user_id > ?", after)
	}
	rows, err := q.Order("a.user_id, a.created_at, a.id").Limit(alertPage).Rows()
	if err != nil {
		return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
	}
	defer rows.Close()
	out := make([]candidate, 0, alertPage)
	for rows.Next() {
		var c candidate
		a := &c.alert
		if err := rows.Scan(&a.ID, &a.UserID, &a.Keywords, &a.CPVCodes, &a.Localities, &a.Procedures, &a.MinValuePence, &a.MaxValuePence,
			&a.Frequency, &c.verified); err != nil {
			return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
	}
	return out, nil
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
		page, err := s.readAlerts(ctx, after)
		if err != nil {
			return written, err
		}
		full := len(page) == alertPage
		if full {
			// The last person's alerts may continue on the next page: leave them all to it.
			last := page[len(page)-1].alert.UserID
			cut := len(page)
			for cut > 0 && page[cut-1].alert.UserID == last {
				cut--
			}
			if cut > 0 {
				page = page[:cut]
			}
		}
		for i := 0; i < len(page); {
			j := i
			var best *candidate
			for ; j < len(page) && page[j].alert.UserID == page[i].alert.UserID; j++ {
				if compile(page[j].alert).Matches(t) && (best == nil || (best.alert.Frequency != FrequencyInstant && page[j].alert.Frequency == FrequencyInstant)) {
					best = &page[j]
				}
			}
			if best != nil {
				alertID, oppID := best.alert.ID, o.ID
				n := Notification{ID: uuid.NewString(), UserID: best.alert.UserID, DedupeKey: kind + ":" + o.ID, Kind: kind, OpportunityID: &oppID,
					AlertID: &alertID, Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailNone}
				if best.verified {
					n.EmailStatus = emailDigest
					if best.alert.Frequency == FrequencyInstant {
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
		after = page[len(page)-1].alert.UserID
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
	size := insertBatch
	if s.db.Dialect == database.Postgres {
		size = insertBatchPG
	}
	for start := 0; start < len(rows) || (last && start == 0); start += size {
		end := min(start+size, len(rows))
		batch := rows[start:end]
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			if len(batch) > 0 {
				sql, args := insertSQL(batch)
				if s.db.Dialect == database.Postgres {
					sql, args = insertArraysSQL(batch)
				}
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

// insertArraysSQL is insertSQL for PostgreSQL: one array literal per column, so a batch of
// thousands of rows is a dozen parameters to bind rather than tens of thousands.
func insertArraysSQL(rows []Notification) (string, []any) {
	cols := make([][]*string, 12)
	for i := range cols {
		cols[i] = make([]*string, len(rows))
	}
	str := func(s string) *string { return &s }
	stamp := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		return str(t.UTC().Format(time.RFC3339Nano))
	}
	for i, r := range rows {
		for c, v := range []*string{str(r.ID), str(r.UserID), str(r.DedupeKey), str(r.Kind), r.OpportunityID, r.AlertID, r.InterestID,
			str(r.Title), str(r.Body), str(r.Link), stamp(&r.CreatedAt), str(r.EmailStatus)} {
			cols[c][i] = v
		}
	}
	due := make([]*string, len(rows))
	for i, r := range rows {
		due[i] = stamp(r.EmailDueAt)
	}
	args := make([]any, 0, 13)
	for _, c := range cols {
		args = append(args, arrayLiteral(c))
	}
	args = append(args, arrayLiteral(due))
	return `INSERT INTO notifications (` + notificationColumns + `)
		SELECT id, user_id, dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at, NULL, email_status, 0, email_due_at, NULL
		FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[])
			AS u(id, user_id, dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at, email_status, email_due_at)
		ON CONFLICT (user_id, dedupe_key) DO NOTHING`, args
}

// arrayLiteral writes a PostgreSQL array literal ({"a","b",NULL}), passed as text and cast, so
// neither gorm (which expands slices) nor the driver needs to know about arrays.
func arrayLiteral(items []*string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		if it == nil {
			b.WriteString("NULL")
			continue
		}
		b.WriteByte('"')
		for _, r := range *it {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
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
