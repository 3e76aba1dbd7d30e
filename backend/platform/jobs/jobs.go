// Package jobs runs background work on River over the same database as everything else, so a job is
// inserted in the transaction of the change that causes it and neither exists without the other.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// JobTimeout is how long a job may run unless its worker declares its own Timeout. Jobs here are
// short database work; the few that are not (the notification sender, the digest) say so.
const JobTimeout = 45 * time.Second

// RescueStuckJobsAfter is how long a job may stay "running" before River takes it for the job of
// a dead process and runs it again: a little more than JobTimeout, by which a live worker has
// returned. River's default of an hour would hold an email (a sign-in link, an invitation) back
// that long after a crash. Jobs with a longer Timeout are left alone until it has passed too.
const RescueStuckJobsAfter = JobTimeout + 15*time.Second

// Client is the River client over database/sql transactions, the same for both engines.
type Client = river.Client[*sql.Tx]

// Options tune the client.
type Options struct {
	// Work starts workers; false gives an insert-only client (CLI commands, tests of inserts).
	Work bool
	// MaxWorkers is the default queue's concurrency.
	MaxWorkers int
	// FetchPollInterval is how often idle workers look for new jobs.
	FetchPollInterval time.Duration
	// Periodic jobs are inserted on a schedule by the elected leader, so N replicas run them once.
	Periodic []*river.PeriodicJob
}

// New returns a River client on db with the given workers.
func New(db *database.DB, workers *river.Workers, log *slog.Logger, opts Options) (*Client, error) {
	cfg := &river.Config{
		Logger:               log,
		JobTimeout:           JobTimeout,
		RescueStuckJobsAfter: RescueStuckJobsAfter,
		Workers:              workers,
	}
	if opts.Work {
		if opts.MaxWorkers == 0 {
			opts.MaxWorkers = 5
		}
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.MaxWorkers}}
		cfg.PeriodicJobs = opts.Periodic
		if opts.FetchPollInterval > 0 {
			cfg.FetchPollInterval = opts.FetchPollInterval
			cfg.FetchCooldown = opts.FetchPollInterval / 2
		}
	}
	var (
		c   *Client
		err error
	)
	if db.Dialect == database.Postgres {
		c, err = river.NewClient(riverdatabasesql.New(db.SQL), cfg)
	} else {
		c, err = river.NewClient(riversqlite.New(db.SQL), cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: unable to create river client: %w", err)
	}
	return c, nil
}

// InsertTx inserts a job inside the gorm transaction tx.
func InsertTx(ctx context.Context, c *Client, tx *gorm.DB, args river.JobArgs) error {
	return InsertTxOpts(ctx, c, tx, args, nil)
}

// InsertTxOpts is InsertTx with insert options (a scheduled time, uniqueness).
func InsertTxOpts(ctx context.Context, c *Client, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error {
	sqlTx, err := database.SQLTx(tx)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	if _, err := c.InsertTx(ctx, sqlTx, args, opts); err != nil {
		return fmt.Errorf("jobs: unable to insert %s job: %w", args.Kind(), err)
	}
	return nil
}

// Ping checks the job queue's tables answer, for /readyz.
func Ping(ctx context.Context, c *Client) error {
	_, err := c.JobList(ctx, river.NewJobListParams().First(1).States(rivertype.JobStateAvailable))
	if err != nil {
		return fmt.Errorf("jobs: queue not reachable: %w", err)
	}
	return nil
}
