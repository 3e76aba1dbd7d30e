package clarifications

import (
	"context"

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
}
