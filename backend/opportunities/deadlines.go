package opportunities

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// DeadlineKind names one of an opportunity's deadlines.
type DeadlineKind string

// The deadlines a feature can hear of.
const (
	// ClarificationDeadline: the last moment to ask a clarification question.
	ClarificationDeadline DeadlineKind = "clarification"
	// SubmissionDeadline: the last moment to submit a bid.
	SubmissionDeadline DeadlineKind = "submission"
)

// DeadlinePassed tells a feature that a deadline of a published opportunity has passed.
type DeadlinePassed struct {
	OpportunityID string
	Kind          DeadlineKind
	// At is the deadline that passed (after any amendment).
	At time.Time
}

// DeadlineHandler hears of a deadline that passed, in a transaction that also records its
// delivery: it commits once per feature and deadline, and an error rolls both back, so the
// delivery is tried again (by the job's retry or the sweep).
type DeadlineHandler func(ctx context.Context, tx *gorm.DB, e DeadlinePassed) error

type deadlineSubscriber struct {
	name string
	h    DeadlineHandler
}

// OnDeadline registers h to hear, exactly once, of every clarification and submission deadline
// that passes. name keys the delivery record, so it must be stable across releases and unique
// (the feature's package name, say "bids"). Call it while wiring, before any job runs.
func (s *Service) OnDeadline(name string, h DeadlineHandler) {
	s.deadlineMu.Lock()
	defer s.deadlineMu.Unlock()
	for _, d := range s.deadlines {
		if d.name == name {
			panic("opportunities: two deadline handlers named " + name)
		}
	}
	s.deadlines = append(s.deadlines, deadlineSubscriber{name: name, h: h})
}

func (s *Service) subscribers() []deadlineSubscriber {
	s.deadlineMu.Lock()
	defer s.deadlineMu.Unlock()
	return s.deadlines
}

// DeadlineArgs is the job that tells subscribers a deadline passed, scheduled at the deadline
// in the transaction that published or amended the opportunity.
type DeadlineArgs struct {
	OpportunityID string       `json:"opportunityId"`
	Deadline      DeadlineKind `json:"deadline"`
	At            time.Time    `json:"at"`
}

// Kind names the job for River.
func (DeadlineArgs) Kind() string { return "opportunities_deadline_passed" }

// scheduleDeadlines queues, in tx, a job at each deadline of o: one per opportunity, kind and
// moment (unique by args), however often the opportunity is amended without moving it. A
// deadline that moved keeps its old job, which finds the deadline moved and does nothing.
func (s *Service) scheduleDeadlines(ctx context.Context, tx *gorm.DB, o Opportunity) error {
	for kind, at := range deadlinesOf(o) {
		if err := jobs.InsertTxOpts(ctx, s.jobs(), tx, DeadlineArgs{OpportunityID: o.ID, Deadline: kind, At: at.UTC()},
			&river.InsertOpts{ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}}); err != nil {
			return err
		}
	}
	return nil
}

func deadlinesOf(o Opportunity) map[DeadlineKind]time.Time {
	out := map[DeadlineKind]time.Time{}
	if o.ClarificationDeadline != nil {
		out[ClarificationDeadline] = *o.ClarificationDeadline
	}
	if o.SubmissionDeadline != nil {
		out[SubmissionDeadline] = *o.SubmissionDeadline
	}
	return out
}

// DeadlineWorker returns the worker of DeadlineArgs (registered by AddWorkers; tests run it by
// hand on the scheduled job, as River would at the deadline).
func (s *Service) DeadlineWorker() river.Worker[DeadlineArgs] { return &deadlineWorker{svc: s} }

type deadlineWorker struct {
	river.WorkerDefaults[DeadlineArgs]
	svc *Service
}

func (w *deadlineWorker) Work(ctx context.Context, job *river.Job[DeadlineArgs]) error {
	if left := job.Args.At.Sub(w.svc.now()); left > 0 {
		// The job ran early by the portal's clock (River's and ours differ only in tests).
		return river.JobSnooze(left)
	}
	_, err := w.svc.DeliverDeadline(ctx, job.Args.OpportunityID, job.Args.Deadline, job.Args.At)
	return err
}

// DeliverDeadline tells every subscriber not yet told that the kind deadline of opportunityID,
// due at, has passed, and returns how many it told. It does nothing if the opportunity is not
// published (cancelled, say), if the deadline has moved from at, or if at is still ahead.
// Errors: internal (a handler's error among them).
func (s *Service) DeliverDeadline(ctx context.Context, opportunityID string, kind DeadlineKind, at time.Time) (int, error) {
	o, err := s.load(s.db.Gorm.WithContext(ctx), opportunityID, false)
	if errors.Is(err, errNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	cur, ok := deadlinesOf(o)[kind]
	if o.Status != StatusPublished || !ok || !cur.Equal(at) || cur.After(s.now()) {
		return 0, nil
	}
	if kind == SubmissionDeadline {
		// A portal that was down before the deadline (or is just back after it) moves the
		// deadline instead of closing; the moved deadline has its own job.
		if moved, err := s.extendIfOutage(ctx, o); err != nil || moved {
			return 0, err
		}
	}
	return s.deliver(ctx, DeadlinePassed{OpportunityID: o.ID, Kind: kind, At: cur.UTC()}, nil)
}

// deliver runs each subscriber's handler for e, each in its own transaction with its delivery
// record, skipping those in done.
func (s *Service) deliver(ctx context.Context, e DeadlinePassed, done map[string]bool) (int, error) {
	n := 0
	for _, sub := range s.subscribers() {
		if done[sub.name] {
			continue
		}
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			res := tx.Exec(`INSERT INTO opportunity_deadline_deliveries (opportunity_id, kind, subscriber, deadline_us, delivered_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, e.OpportunityID, string(e.Kind), sub.name, e.At.UnixMicro(), s.stamp())
			if res.Error != nil {
				return fmt.Errorf("opportunities: unable to record a deadline delivery: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return nil // told already, by another replica or an earlier run
			}
			n++
			return sub.h(ctx, tx, e)
		})
		if err != nil {
			return n, fmt.Errorf("opportunities: %s did not hear that the %s deadline of %s passed: %w", sub.name, e.Kind, e.OpportunityID, err)
		}
	}
	return n, nil
}

// SweepLookback bounds how far back the sweep looks for deadlines nobody was told of: far beyond
// any downtime, short enough that the sweep reads little.
const SweepLookback = 30 * 24 * time.Hour

// DeadlineSweepArgs asks for every deadline passed but not delivered to be delivered: the
// scheduled jobs' safety net (a job lost with a restored database, a subscriber added later).
type DeadlineSweepArgs struct{}

// Kind names the job for River.
func (DeadlineSweepArgs) Kind() string { return "opportunities_deadline_sweep" }

type deadlineSweepWorker struct {
	river.WorkerDefaults[DeadlineSweepArgs]
	svc *Service
}

func (w *deadlineSweepWorker) Work(ctx context.Context, _ *river.Job[DeadlineSweepArgs]) error {
	_, err := w.svc.SweepDeadlines(ctx)
	return err
}

// SweepDeadlines delivers every deadline of a published opportunity that passed in the last
// SweepLookback and that some subscriber has not heard of, and returns how many deliveries it made.
// Errors: internal (a handler's error among them).
func (s *Service) SweepDeadlines(ctx context.Context) (int, error) {
	if len(s.subscribers()) == 0 {
		return 0, nil
	}
	now := s.now().UTC()
	db := s.db.Gorm.WithContext(ctx)
	var opps []Opportunity
	if err := db.Where("status = ? AND ((clarification_deadline > ? AND clarification_deadline <= ?) OR (submission_deadline > ? AND submission_deadline <= ?))",
		StatusPublished, now.Add(-SweepLookback), now, now.Add(-SweepLookback), now).Find(&opps).Error; err != nil {
		return 0, fmt.Errorf("opportunities: unable to find passed deadlines: %w", err)
	}
	if len(opps) == 0 {
		return 0, nil
	}
	ids := make([]string, len(opps))
	for i, o := range opps {
		ids[i] = o.ID
	}
	var rows []struct {
		OpportunityID string
		Kind          string
		Subscriber    string
		DeadlineUs    int64
	}
	if err := db.Raw(`SELECT opportunity_id, kind, subscriber, deadline_us FROM opportunity_deadline_deliveries WHERE opportunity_id IN ?`, ids).
		Scan(&rows).Error; err != nil {
		return 0, fmt.Errorf("opportunities: unable to read deadline deliveries: %w", err)
	}
	type key struct {
		id, kind string
		us       int64
	}
	done := map[key]map[string]bool{}
	for _, r := range rows {
		k := key{r.OpportunityID, r.Kind, r.DeadlineUs}
		if done[k] == nil {
			done[k] = map[string]bool{}
		}
		done[k][r.Subscriber] = true
	}
	total := 0
	for _, o := range opps {
		for kind, at := range deadlinesOf(o) {
			if at.After(now) || !at.After(now.Add(-SweepLookback)) {
				continue
			}
			if kind == SubmissionDeadline {
				// The sweep runs first thing after downtime: the outage may move the deadline.
				if moved, err := s.extendIfOutage(ctx, o); err != nil {
					return total, err
				} else if moved {
					continue
				}
			}
			n, err := s.deliver(ctx, DeadlinePassed{OpportunityID: o.ID, Kind: kind, At: at.UTC()}, done[key{o.ID, string(kind), at.UnixMicro()}])
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}
