package resumable

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/riverqueue/river"
)

// SweepArgs asks for abandoned uploads (no PATCH for Options.StaleAfter) to be removed.
type SweepArgs struct{}

// Kind names the job for River.
func (SweepArgs) Kind() string { return "resumable_sweep" }

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	s *Service
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	_, err := w.s.Sweep(ctx)
	return err
}

// AddWorkers registers the sweep's worker.
func (s *Service) AddWorkers(workers *river.Workers) {
	river.AddWorker(workers, &sweepWorker{s: s})
}

// PeriodicJobs are the scheduled ones: an hourly sweep, so an abandoned upload goes within an
// hour of going stale.
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// Sweep removes the parts and records of uploads with no PATCH for Options.StaleAfter, and returns
// how many it removed. An upload whose lock is held (a PATCH running now) is left for next time.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	now := s.now().UTC()
	var stale []record
	if err := s.db.Gorm.WithContext(ctx).Where("updated_at < ? AND (lock_holder = '' OR lock_expires_at < ?)", now.Add(-s.opts.StaleAfter), now).
		Order("updated_at").Limit(500).Find(&stale).Error; err != nil {
		return 0, fmt.Errorf("resumable: unable to list abandoned uploads: %w", err)
	}
	n := 0
	var errs []error
	for _, r := range stale {
		// One upload that cannot be removed (its store gone) does not hold up the others.
		meta, err := s.meta(ctx, r)
		var store blobstore.Store
		if err == nil {
			store, err = s.target.Reopen(ctx, meta)
		}
		if err == nil {
			err = s.remove(ctx, store, r)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("resumable: unable to remove abandoned upload %s: %w", r.ID, err))
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
