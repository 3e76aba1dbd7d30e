package notifications

import (
	"context"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/riverqueue/river"
)

// FanOutArgs asks for everyone concerned to be told of an opportunity event.
type FanOutArgs struct {
	Event         opportunities.EventKind `json:"event"`
	OpportunityID string                  `json:"opportunityId"`
	AmendmentID   string                  `json:"amendmentId,omitempty"`
}

// Kind names the job for River.
func (FanOutArgs) Kind() string { return "notifications_fan_out" }

// SendEmailsArgs asks for the queued notification emails to be sent.
type SendEmailsArgs struct{}

// Kind names the job for River.
func (SendEmailsArgs) Kind() string { return "notifications_send_emails" }

// DigestArgs asks for the daily digests to be sent.
type DigestArgs struct{}

// Kind names the job for River.
func (DigestArgs) Kind() string { return "notifications_digest" }

// RemindersArgs asks for deadline reminders to be written.
type RemindersArgs struct{}

// Kind names the job for River.
func (RemindersArgs) Kind() string { return "notifications_reminders" }

type fanOutWorker struct {
	river.WorkerDefaults[FanOutArgs]
	svc *Service
}

func (w *fanOutWorker) Work(ctx context.Context, job *river.Job[FanOutArgs]) error {
	_, err := w.svc.FanOut(ctx, job.Args.Event, job.Args.OpportunityID, job.Args.AmendmentID)
	return err
}

type sendWorker struct {
	river.WorkerDefaults[SendEmailsArgs]
	svc *Service
}

func (w *sendWorker) Work(ctx context.Context, _ *river.Job[SendEmailsArgs]) error {
	_, err := w.svc.SendQueued(ctx)
	return err
}

// Timeout: a big fan-out's emails take longer than River's default minute to send.
func (w *sendWorker) Timeout(*river.Job[SendEmailsArgs]) time.Duration { return 30 * time.Minute }

type digestWorker struct {
	river.WorkerDefaults[DigestArgs]
	svc *Service
}

func (w *digestWorker) Work(ctx context.Context, _ *river.Job[DigestArgs]) error {
	_, err := w.svc.SendDigests(ctx)
	return err
}

func (w *digestWorker) Timeout(*river.Job[DigestArgs]) time.Duration { return 30 * time.Minute }

type remindersWorker struct {
	river.WorkerDefaults[RemindersArgs]
	svc *Service
}

func (w *remindersWorker) Work(ctx context.Context, _ *river.Job[RemindersArgs]) error {
	_, err := w.svc.WriteReminders(ctx)
	return err
}

// AddWorkers registers the notification jobs' workers.
func (s *Service) AddWorkers(workers *river.Workers) {
	river.AddWorker(workers, &fanOutWorker{svc: s})
	river.AddWorker(workers, &sendWorker{svc: s})
	river.AddWorker(workers, &digestWorker{svc: s})
	river.AddWorker(workers, &remindersWorker{svc: s})
}

// PeriodicJobs are the scheduled ones: the daily digest at the configured time in Europe/London,
// deadline reminders every quarter of an hour, and a sweep for emails whose retry time has come.
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(DailyAt{Hour: s.cfg.DigestHour, Minute: s.cfg.DigestMinute},
			func() (river.JobArgs, *river.InsertOpts) { return DigestArgs{}, nil }, nil),
		river.NewPeriodicJob(river.PeriodicInterval(15*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return RemindersArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(5*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return SendEmailsArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// DailyAt is a River schedule: once a day at Hour:Minute, Europe/London time, so the digest
// keeps to 08:00 across the clock changes.
type DailyAt struct{ Hour, Minute int }

// Next is the first time after t.
func (d DailyAt) Next(t time.Time) time.Time {
	l := t.In(london)
	next := time.Date(l.Year(), l.Month(), l.Day(), d.Hour, d.Minute, 0, 0, london)
	if !next.After(t) {
		next = time.Date(l.Year(), l.Month(), l.Day()+1, d.Hour, d.Minute, 0, 0, london)
	}
	return next
}
