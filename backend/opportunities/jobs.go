package opportunities

import (
	"context"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/riverqueue/river"
)

// PruneArgs asks for opportunities whose deadline has passed to leave open_opportunities.
type PruneArgs struct{}

// Kind names the job for River.
func (PruneArgs) Kind() string { return "opportunities_prune_open" }

type pruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	svc *Service
}

func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	_, err := w.svc.PruneClosed(ctx)
	return err
}

// AddWorkers registers the opportunities' job workers.
func (s *Service) AddWorkers(workers *river.Workers) {
	river.AddWorker(workers, &pruneWorker{svc: s})
	river.AddWorker(workers, s.DeadlineWorker())
	river.AddWorker(workers, &deadlineSweepWorker{svc: s})
	river.AddWorker(workers, &outageCheckWorker{svc: s})
}

// PeriodicJobs: closed opportunities leave the open search's table every ten minutes. Searches
// check deadlines themselves, so the interval only bounds how many closed rows a search skips.
// Every ten minutes too, the sweep delivers any deadline its scheduled job missed; on start, so
// that deadlines passed during downtime are heard of at once. Every minute, deadlines after an
// outage move (ExtendForOutages).
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return DeadlineSweepArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		// Every minute, so a deadline moves within a minute of the outage passing the limit.
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return OutageCheckArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}

// PruneClosed removes from open_opportunities (PostgreSQL only) every opportunity whose
// submission deadline has passed, and returns how many it removed.
func (s *Service) PruneClosed(ctx context.Context) (int64, error) {
	if s.db.Dialect != database.Postgres {
		return 0, nil
	}
	res := s.db.Gorm.WithContext(ctx).Exec("DELETE FROM open_opportunities WHERE submission_deadline <= ?", s.now().UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("opportunities: unable to remove closed opportunities from the open search: %w", res.Error)
	}
	return res.RowsAffected, nil
}
