package notifications

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
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
func (s *Service) FanOut(ctx context.Context, event opportunities.EventKind, opportunityID, amendmentID string) (int64, error) {
	o, err := s.opportunities.Load(s.db.Gorm.WithContext(ctx), opportunityID)
	if opportunities.IsNotFound(err) {
		return 0, nil // deleted since: nobody to tell
	} else if err != nil {
		return 0, err
	}
	switch event {
	case opportunities.EventPublished:
		if o.Status != opportunities.StatusPublished {
			return 0, nil // cancelled before the job ran
		}
		return s.matchAlerts(ctx, o, KindMatch)
	case opportunities.EventPlanned:
		if o.Status != opportunities.StatusPlanned {
			return 0, nil
		}
		return s.matchAlerts(ctx, o, KindPlanned)
	case opportunities.EventAmended:
		am, err := s.opportunities.LoadAmendment(s.db.Gorm.WithContext(ctx), amendmentID)
		if err != nil {
			return 0, err
		}
		return s.tellInterested(ctx, o, nil, KindAmended, "amended:"+am.ID, "Changed: "+o.Title, amendmentText(am))
	case opportunities.EventCancelled:
		return s.tellInterested(ctx, o, nil, KindCancelled, "cancelled:"+o.ID, "Cancelled: "+o.Title,
			"The council has cancelled this opportunity. Their reason: "+o.CancelReason)
	}
	return 0, fmt.Errorf("notifications: unknown event %q", event)
}

// amendmentText is what the inbox and the "Changed" email say of an amendment: the buyer's note,
// then what changed, new values first (deadlines in London time), so nobody has to open the
// page to learn that the deadline moved.
func amendmentText(am opportunities.Amendment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Change %d: %s", am.Number, strings.TrimSpace(am.Note))
	if !strings.HasSuffix(b.String(), ".") {
		b.WriteString(".")
	}
	was := func(before string) string {
		if before == "" {
			return "."
		}
		return "; it was " + before + "."
	}
	for _, c := range am.Changes() {
		b.WriteString(" ")
		switch c.Field {
		case "submissionDeadline", "clarificationDeadline":
			b.WriteString("The " + lowerFirst(c.Label) + " is now " + c.After + " (London time)" + was(c.Before))
		case "expectedAwardOn":
			b.WriteString("The expected award date is now " + longDate(c.After) + was(longDate(c.Before)))
		case "title":
			b.WriteString("The title is now “" + c.After + "”" + was("“"+c.Before+"”"))
		case "document":
			if c.Before != "" {
				b.WriteString("The document " + fileName(c.Before) + " is replaced by " + fileName(c.After) + ".")
			} else {
				b.WriteString("New document: " + fileName(c.After) + ".")
			}
		default:
			b.WriteString("The " + lowerFirst(c.Label) + " has changed.")
		}
	}
	return b.String()
}

// lowerFirst puts a field's label (Deadline for bids) in the middle of a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// longDate writes YYYY-MM-DD as people read it (30 September 2026).
func longDate(d string) string {
	if t, err := time.ParseInLocation("2006-01-02", d, london); err == nil {
		return format.Date(t)
	}
	return d
}

// fileName drops the checksum an amendment records with a document's name: the page shows it.
func fileName(v string) string {
	name, _, _ := strings.Cut(v, " (SHA-256 ")
	return name
}

// target reads what alerts match against.
func (s *Service) target(ctx context.Context, o opportunities.Opportunity) (*Target, error) {
	codes, err := s.opportunities.ClassifiedBy(s.db.Gorm.WithContext(ctx), o.ID)
	if err != nil {
		return nil, err
	}
	t := &Target{Title: o.Title, Summary: o.Summary, Description: o.Description, CPVCodes: codes, Locality: o.Locality,
		Procedure: o.Procedure, ValuePence: o.EstimatedValuePence}
	t.prepare()
	return t, nil
}

// readAlerts reads up to alertPage alerts of people after the given user ID, in user order,
// with only what matching needs and without gorm's reflection: a fan-out reads every alert there
// is. Whether the person can be emailed is the sender's business, so no join is needed here.
func (s *Service) readAlerts(ctx context.Context, after string) ([]Alert, error) {
	q := s.db.Gorm.WithContext(ctx).Table("alerts").Select(`id, user_id, keywords, cpv_codes, localities, procedures,
		min_value_pence, max_value_pence, frequency`).Where("paused_at IS NULL")
	if after != "" {
		q = q.Where("user_id > ?", after)
	}
	rows, err := q.Order("user_id, created_at, id").Limit(alertPage).Rows()
	if err != nil {
		return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
	}
	defer rows.Close()
	out := make([]Alert, 0, alertPage)
	for rows.Next() {
		var a Alert
		if err := rows.Scan(&a.ID, &a.UserID, &a.Keywords, &a.CPVCodes, &a.Localities, &a.Procedures, &a.MinValuePence, &a.MaxValuePence, &a.Frequency); err != nil {
			return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("notifications: unable to read alerts: %w", err)
	}
	return out, nil
}

// alertPages reads every alert a page at a time, each page ending with a whole person (their
// alerts never straddle two pages), one page ahead of the caller so that reading overlaps writing.
func (s *Service) alertPages(ctx context.Context) (<-chan []Alert, <-chan error) {
	pages, errs := make(chan []Alert, 1), make(chan error, 1)
	go func() {
		defer close(pages)
		after := ""
		for {
			page, err := s.readAlerts(ctx, after)
			if err != nil {
				errs <- err
				return
			}
			full := len(page) == alertPage
			if full {
				last := page[len(page)-1].UserID
				cut := len(page)
				for cut > 0 && page[cut-1].UserID == last {
					cut--
				}
				if cut > 0 { // one person with a whole page of alerts cannot happen (maxAlerts)
					page = page[:cut]
				}
				after = page[len(page)-1].UserID
			}
			select {
			case pages <- page:
			case <-ctx.Done():
				errs <- ctx.Err()
				return
			}
			if !full {
				return
			}
		}
	}()
	return pages, errs
}

// matchAlerts matches every alert against the opportunity: each person gets one notification
// however many of their alerts match (an instant one wins over a daily one).
func (s *Service) matchAlerts(ctx context.Context, o opportunities.Opportunity, kind Kind) (int64, error) {
	t, err := s.target(ctx, o)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	now := s.stamp()
	title, body := o.Title, matchBody(o)
	if kind == KindPlanned {
		title = "Planned: " + o.Title
	}
	var rows []Notification
	var written int64
	pages, errs := s.alertPages(ctx)
	flush := func(last bool) error {
		n, err := s.insert(ctx, rows, last)
		written += n
		rows = rows[:0]
		return err
	}
	for page := range pages {
		for i := 0; i < len(page); {
			j := i
			var best *Alert
			for ; j < len(page) && page[j].UserID == page[i].UserID; j++ {
				if compile(page[j]).Matches(t) && (best == nil || (best.Frequency != FrequencyInstant && page[j].Frequency == FrequencyInstant)) {
					best = &page[j]
				}
			}
			if best != nil {
				alertID, oppID := best.ID, o.ID
				n := Notification{ID: uuid.NewString(), UserID: best.UserID, DedupeKey: string(kind) + ":" + o.ID, Kind: kind, OpportunityID: &oppID,
					AlertID: &alertID, Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailDigest}
				if best.Frequency == FrequencyInstant {
					n.EmailStatus, n.EmailDueAt = emailQueued, &now
				}
				rows = append(rows, n)
			}
			i = j
		}
		if len(rows) >= insertBatchFor(s.db.Dialect) {
			if err := flush(false); err != nil {
				return written, err
			}
		}
	}
	select {
	case err := <-errs:
		return written, err
	default:
	}
	return written, flush(true)
}

func insertBatchFor(d database.Dialect) int {
	if d == database.Postgres {
		return insertBatchPG
	}
	return insertBatch
}

func matchBody(o opportunities.Opportunity) string {
	parts := []string{o.Summary}
	if o.EstimatedValuePence > 0 {
		parts = append(parts, "Worth about "+format.Money(o.EstimatedValuePence)+".")
	}
	if o.SubmissionDeadline != nil {
		parts = append(parts, "Bids by "+format.DateTime(*o.SubmissionDeadline)+".")
	} else if o.ExpectedQuarter != "" {
		parts = append(parts, "Expected to be published in "+o.ExpectedQuarter+".")
	}
	return strings.Join(parts, " ")
}

// tellInterested notifies, at once and by email, everyone who registered interest, and everyone
// the audiences name (invited to bid, say) who did not: those are told in a service notice, with
// no interest to withdraw. The people in except are not told (another feature tells them in words
// of their own).
func (s *Service) tellInterested(ctx context.Context, o opportunities.Opportunity, except []string, kind Kind, key, title, body string) (int64, error) {
	var interested []struct {
		ID     string
		UserID string
	}
	err := s.db.Gorm.WithContext(ctx).Raw(`SELECT id, user_id FROM opportunity_interests WHERE opportunity_id = ? ORDER BY user_id`, o.ID).
		Scan(&interested).Error
	if err != nil {
		return 0, fmt.Errorf("notifications: unable to read interest: %w", err)
	}
	now := s.stamp()
	rows := make([]Notification, 0, len(interested))
	skip := make(map[string]bool, len(except))
	for _, u := range except {
		skip[u] = true
	}
	for _, in := range interested {
		if skip[in.UserID] {
			continue
		}
		interestID, oppID := in.ID, o.ID
		rows = append(rows, Notification{ID: uuid.NewString(), UserID: in.UserID, DedupeKey: key, Kind: kind, OpportunityID: &oppID, InterestID: &interestID,
			Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailQueued, EmailDueAt: &now})
	}
	others, err := s.audience(ctx, s.db.Gorm.WithContext(ctx), o.ID)
	if err != nil {
		return 0, err
	}
	told := make(map[string]bool, len(interested)+len(except))
	for _, in := range interested {
		told[in.UserID] = true
	}
	for _, u := range except {
		told[u] = true
	}
	for _, u := range others {
		if told[u] {
			continue
		}
		oppID := o.ID
		rows = append(rows, Notification{ID: uuid.NewString(), UserID: u, DedupeKey: key, Kind: kind, OpportunityID: &oppID,
			Title: title, Body: body, Link: "/opportunities/" + o.ID, CreatedAt: now, EmailStatus: emailQueued, EmailDueAt: &now})
	}
	return s.insert(ctx, rows, true)
}

// TellWorkingTowards tells everyone working towards a bid for an opportunity (those who registered
// interest, and those the audiences name) something another feature has to say, in their inbox and
// by email, except the people in except. key makes it once per person however often it runs.
func (s *Service) TellWorkingTowards(ctx context.Context, opportunityID string, except []string, kind Kind, key, title, body string) (int64, error) {
	return s.tellInterested(ctx, opportunities.Opportunity{ID: opportunityID}, except, kind, key, title, body)
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
	size := insertBatchFor(s.db.Dialect)
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
		for c, v := range []*string{str(r.ID), str(r.UserID), str(r.DedupeKey), str(string(r.Kind)), r.OpportunityID, r.AlertID, r.InterestID,
			str(r.Title), str(r.Body), str(r.Link), stamp(&r.CreatedAt), str(string(r.EmailStatus))} {
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

// london is the council's time zone, loaded once for every feature by platform/format.
var london = format.London
