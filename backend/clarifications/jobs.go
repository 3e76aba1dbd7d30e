package clarifications

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// TellArgs asks for everyone concerned to be told of an answer. It is queued in the answer's own
// transaction, so an answer is never published without its telling, and the notices' keys make a
// retry after a crash tell nobody twice.
type TellArgs struct {
	AnswerID string `json:"answerId"`
}

// Kind names the job for River.
func (TellArgs) Kind() string { return "clarifications_tell" }

// WarnLateArgs asks for buyers to be told of questions not answered in time, and, under the strict
// rule, for deadlines to be held open while one is.
type WarnLateArgs struct{}

// Kind names the job for River.
func (WarnLateArgs) Kind() string { return "clarifications_warn_late" }

type warnLateWorker struct {
	river.WorkerDefaults[WarnLateArgs]
	svc *Service
}

func (w *warnLateWorker) Work(ctx context.Context, _ *river.Job[WarnLateArgs]) error {
	if _, err := w.svc.HoldOpen(ctx); err != nil {
		return err
	}
	_, err := w.svc.WarnLate(ctx)
	return err
}

// PeriodicJobs are the scheduled ones: a look every ten minutes for questions past their
// answer-by time, so the buyer hears within ten minutes of it (and, under the strict rule, a
// deadline within the hour is moved in time).
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return WarnLateArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
}

type tellWorker struct {
	river.WorkerDefaults[TellArgs]
	svc *Service
}

func (w *tellWorker) Work(ctx context.Context, job *river.Job[TellArgs]) error {
	_, err := w.svc.Tell(ctx, job.Args.AnswerID)
	return err
}

// AddWorkers registers the clarification jobs' workers.
func (s *Service) AddWorkers(workers *river.Workers) {
	river.AddWorker(workers, &tellWorker{svc: s})
	river.AddWorker(workers, &warnLateWorker{svc: s})
}
