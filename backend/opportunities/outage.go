package opportunities

import (
	"context"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// OutageMeter says how long the portal was down. It is declared here so that opportunities
// depends on the heartbeat's reading, not on how it is written.
type OutageMeter interface {
	// DownMinutes counts the minutes in [from, to) in which no replica served.
	DownMinutes(ctx context.Context, from, to time.Time) (int, error)
}

// OutageRules are FAIRTENDER_OUTAGE_MINUTES, _WINDOW and _EXTENSION.
type OutageRules struct {
	Minutes   int // more than this many down minutes in the window move the deadline; 0: never
	Window    time.Duration
	Extension time.Duration
}

// outageLookback bounds how long after a deadline a move is still considered: far beyond any
// outage the portal would survive, and only while no feature has been told the deadline passed.
const outageLookback = 7 * 24 * time.Hour

// OutageExtension is a deadline moved because the portal let suppliers down before it.
type OutageExtension struct {
	OpportunityID string    `gorm:"primaryKey"`
	DeadlineUS    int64     `gorm:"primaryKey;column:deadline_us"`
	ExtendedToUS  int64     `gorm:"column:extended_to_us"`
	DownMinutes   int       `gorm:"column:down_minutes"`
	CreatedAt     time.Time `gorm:"column:created_at"`
}

// TableName is the opportunity_outage_extensions table.
func (OutageExtension) TableName() string { return "opportunity_outage_extensions" }

// ExtendForOutages moves the submission deadline of every published opportunity whose deadline is
// within the outage window (or passed, while no feature has yet been told so) and before which
// the portal was down for more than the allowed minutes. It returns how many deadlines it moved.
// Each move is an amendment like a buyer's: the reason is shown publicly and everyone who follows
// the opportunity is told, once. Errors: internal.
func (s *Service) ExtendForOutages(ctx context.Context) (int, error) {
	if s.outages == nil || s.outageRules.Minutes <= 0 {
		return 0, nil
	}
	now := s.now().UTC()
	var opps []Opportunity
	if err := s.db.Gorm.WithContext(ctx).Where("status = ? AND submission_deadline > ? AND submission_deadline <= ?",
		StatusPublished, now.Add(-outageLookback), now.Add(s.outageRules.Window)).Find(&opps).Error; err != nil {
		return 0, fmt.Errorf("opportunities: unable to find deadlines near an outage: %w", err)
	}
	n := 0
	for _, o := range opps {
		moved, err := s.extendIfOutage(ctx, o)
		if err != nil {
			return n, err
		}
		if moved {
			n++
		}
	}
	return n, nil
}

// extendIfOutage moves o's submission deadline when the portal was down too long before it.
func (s *Service) extendIfOutage(ctx context.Context, o Opportunity) (bool, error) {
	if s.outages == nil || s.outageRules.Minutes <= 0 || o.SubmissionDeadline == nil || o.PublishedAt == nil {
		return false, nil
	}
	db := s.db.Gorm.WithContext(ctx)
	deadline, now := o.SubmissionDeadline.UTC(), s.now().UTC()
	if deadline.Before(now) {
		var told int64
		if err := db.Table("opportunity_deadline_deliveries").Where("opportunity_id = ? AND kind = ? AND deadline_us = ?",
			o.ID, string(SubmissionDeadline), deadline.UnixMicro()).Count(&told).Error; err != nil {
			return false, fmt.Errorf("opportunities: unable to read deadline deliveries: %w", err)
		}
		if told > 0 {
			return false, nil // features have acted on the close (bids may be opened): too late
		}
	}
	// Outages count from the later of the window's start, publication and the last move for an
	// outage, so the minutes that moved a deadline once do not move it again.
	from := later(deadline.Add(-s.outageRules.Window), o.PublishedAt.UTC())
	var last []OutageExtension
	if err := db.Where("opportunity_id = ?", o.ID).Order("created_at DESC").Limit(1).Find(&last).Error; err != nil {
		return false, fmt.Errorf("opportunities: unable to read outage extensions: %w", err)
	}
	if len(last) > 0 {
		from = later(from, last[0].CreatedAt.UTC())
	}
	to := deadline
	if now.Before(to) {
		to = now
	}
	down, err := s.outages.DownMinutes(ctx, from, to)
	if err != nil {
		return false, err
	}
	if down <= s.outageRules.Minutes {
		return false, nil
	}
	to = s.outageDeadline(deadline, now)
	moved := false
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		cur, err := s.load(tx, o.ID, true)
		if err != nil {
			return err
		}
		if cur.Status != StatusPublished || cur.SubmissionDeadline == nil || !cur.SubmissionDeadline.Equal(deadline) {
			return nil // moved or cancelled meanwhile
		}
		stamp := s.stamp()
		res := tx.Exec(`INSERT INTO opportunity_outage_extensions (opportunity_id, deadline_us, extended_to_us, down_minutes, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, o.ID, deadline.UnixMicro(), to.UnixMicro(), down, stamp)
		if res.Error != nil {
			return fmt.Errorf("opportunities: unable to record an outage extension: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // another replica moved it
		}
		note := fmt.Sprintf("The portal was unavailable or failing for %d minutes in the %s before the deadline for bids, "+
			"so the deadline has moved to %s. Nothing you have already done is lost.", down, hoursText(s.outageRules.Window), format.DateTime(to))
		// The amendment is the portal's, on the buyer's behalf: it is recorded under the
		// opportunity's owner (amendments name a person) and audited as the system's.
		if _, err := s.commitAmendment(ctx, tx, amendment{opp: cur, by: &auth.Principal{UserID: cur.CreatedBy}, kind: "deadline", note: note,
			before: map[string]string{"submissionDeadline": format.DateTime(deadline)}, after: map[string]string{"submissionDeadline": format.DateTime(to)},
			updates: map[string]any{"submission_deadline": to}, now: stamp,
			audit: audit.Event{ActorID: "system", Action: "opportunity.deadline_moved_for_outage",
				Details: map[string]any{"downMinutes": down, "from": deadline, "to": to}}}); err != nil {
			return err
		}
		moved = true
		return nil
	})
	return moved, err
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// outageDeadline is the deadline after an outage: the extension later, and at least half an
// extension from now (an outage that ran past the deadline must still leave time to bid), moved
// on a day at a time past weekends and bank holidays, at the same London time of day.
func (s *Service) outageDeadline(deadline, now time.Time) time.Time {
	ext := s.outageRules.Extension
	to := deadline.Add(ext)
	for to.Before(now.Add(ext / 2)) {
		to = to.Add(ext)
	}
	cal := workdays.Default()
	for i := 0; i < 30 && !cal.IsWorkingDay(to); i++ {
		l := to.In(london)
		to = time.Date(l.Year(), l.Month(), l.Day()+1, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), london).UTC()
	}
	return to.UTC()
}

// hoursText writes a window for people: "24 hours", "2 days".
func hoursText(d time.Duration) string {
	h := int(d.Hours())
	if h > 24 && h%24 == 0 {
		return fmt.Sprintf("%d days", h/24)
	}
	return fmt.Sprintf("%d hours", h)
}

// OutageCheckArgs asks for deadlines near an outage to be moved; it runs every minute.
type OutageCheckArgs struct{}

// Kind names the job for River.
func (OutageCheckArgs) Kind() string { return "opportunities_outage_check" }

type outageCheckWorker struct {
	river.WorkerDefaults[OutageCheckArgs]
	svc *Service
}

func (w *outageCheckWorker) Work(ctx context.Context, _ *river.Job[OutageCheckArgs]) error {
	_, err := w.svc.ExtendForOutages(ctx)
	return err
}
