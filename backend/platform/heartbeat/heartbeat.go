// Package heartbeat records, once a minute on every replica, whether the portal was serving: each
// replica writes whether its readiness checks passed and how many bid requests it served and
// failed with a 5xx. A minute in which no replica wrote, or every replica was failing, is a minute
// of outage. Features ask how many such minutes fell in a period (opportunities moves a deadline
// when the portal let suppliers down before it).
//
// The record is kept in the database rather than in each replica's metrics because the question
// is asked afterwards, by whichever replica runs the job, about minutes when the asker may itself
// have been down.
package heartbeat

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
)

// Failing share: a minute whose bid requests failed with a 5xx this often (and at least
// minRequests of them, so one unlucky request does not count) is a failing minute even though the
// readiness checks passed.
const (
	minRequests      = 10
	failingPercent   = 20
	defaultRetention = 30 * 24 * time.Hour
)

// Beat is one replica's minute.
type Beat struct {
	Replica      string
	Minute       int64 // minutes since 1970, UTC
	Ready        bool
	Requests     int64
	ServerErrors int64
}

// TableName is the heartbeats table.
func (Beat) TableName() string { return "heartbeats" }

// Healthy reports whether the replica served in that minute.
func (b Beat) Healthy() bool {
	if !b.Ready {
		return false
	}
	return b.Requests < minRequests || b.ServerErrors*100 < b.Requests*failingPercent
}

// MinuteOf is t's minute.
func MinuteOf(t time.Time) int64 { return t.Unix() / 60 }

// Recorder writes this replica's beats.
type Recorder struct {
	db      *database.DB
	replica string
	now     func() time.Time
	ready   func(context.Context) bool
	tally   func() (requests, serverErrors int64)
	log     *slog.Logger
}

// Deps are what a Recorder needs: Ready runs the readiness checks; Tally returns the bid requests
// and 5xx answers since it was last called, and starts counting again.
type Deps struct {
	DB    *database.DB
	Now   func() time.Time
	Ready func(context.Context) bool
	Tally func() (requests, serverErrors int64)
	Log   *slog.Logger
}

// NewRecorder returns a recorder for this process, named by host, process and a random suffix so
// that two replicas on one host, or a restarted one, never share a row.
func NewRecorder(d Deps) *Recorder {
	host, _ := os.Hostname()
	return &Recorder{db: d.DB, now: d.Now, ready: d.Ready, tally: d.Tally, log: d.Log,
		replica: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), rand.Text()[:6])}
}

// Beat records this minute. Two beats in one minute (a slow tick, a restart) add up.
func (r *Recorder) Beat(ctx context.Context) error {
	reqs, errs := r.tally()
	return Record(ctx, r.db, Beat{Replica: r.replica, Minute: MinuteOf(r.now()), Ready: r.ready(ctx), Requests: reqs, ServerErrors: errs})
}

// Record writes b, adding to a beat already written for its replica and minute (a minute is
// ready only if every beat in it was). Recorders call it; tests and tools use it to write the
// history of minutes gone by.
func Record(ctx context.Context, db *database.DB, b Beat) error {
	err := db.Gorm.WithContext(ctx).Exec(`INSERT INTO heartbeats (replica, minute, ready, requests, server_errors) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (minute, replica) DO UPDATE SET ready = excluded.ready AND heartbeats.ready,
		requests = heartbeats.requests + excluded.requests, server_errors = heartbeats.server_errors + excluded.server_errors`,
		b.Replica, b.Minute, b.Ready, b.Requests, b.ServerErrors).Error
	if err != nil {
		return fmt.Errorf("heartbeat: unable to record: %w", err)
	}
	return nil
}

// Run beats every 20 seconds until ctx ends, so that a slow tick never leaves a minute without a
// beat (beats in one minute share a row). A beat that cannot be written is logged: the missing
// minute then counts as an outage, which is the truth when the database is down.
func (r *Recorder) Run(ctx context.Context) {
	t := time.NewTicker(20 * time.Second)
	defer t.Stop()
	for {
		if err := r.Beat(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("heartbeat not recorded", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Meter reads the beats of every replica.
type Meter struct{ db *database.DB }

// NewMeter returns a meter over db.
func NewMeter(db *database.DB) *Meter { return &Meter{db: db} }

// DownMinutes counts the minutes in [from, to) in which no replica was healthy. Minutes before the
// first beat ever recorded do not count: the portal was not yet running anywhere, so nobody was
// let down by it.
func (m *Meter) DownMinutes(ctx context.Context, from, to time.Time) (int, error) {
	db := m.db.Gorm.WithContext(ctx)
	var first *int64
	if err := db.Raw("SELECT MIN(minute) FROM heartbeats").Scan(&first).Error; err != nil {
		return 0, fmt.Errorf("heartbeat: unable to read the first beat: %w", err)
	}
	if first == nil {
		return 0, nil
	}
	// The minute to falls in is still going on (replicas may not have beaten yet): it is not
	// counted.
	lo, hi := max(MinuteOf(from), *first), MinuteOf(to)
	if lo >= hi {
		return 0, nil
	}
	var beats []Beat
	if err := db.Where("minute >= ? AND minute < ?", lo, hi).Find(&beats).Error; err != nil {
		return 0, fmt.Errorf("heartbeat: unable to read beats: %w", err)
	}
	up := map[int64]bool{}
	for _, b := range beats {
		if b.Healthy() {
			up[b.Minute] = true
		}
	}
	return int(hi-lo) - len(up), nil
}

// Prune removes beats older than the retention, which is far longer than any outage window.
func (m *Meter) Prune(ctx context.Context, now time.Time) (int64, error) {
	res := m.db.Gorm.WithContext(ctx).Where("minute < ?", MinuteOf(now.Add(-defaultRetention))).Delete(&Beat{})
	return res.RowsAffected, res.Error
}
