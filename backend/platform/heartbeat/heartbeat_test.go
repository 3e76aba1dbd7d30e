package heartbeat_test

import (
	"context"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/heartbeat"
)

func TestDownMinutesCountMinutesNoReplicaServed(t *testing.T) {
	db := dbtest.Open(t)
	ctx := context.Background()
	t0 := time.Date(2027, time.March, 1, 12, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	rec := func(replica string, m int, ready bool, reqs, errs int64) {
		t.Helper()
		if err := heartbeat.Record(ctx, db, heartbeat.Beat{Replica: replica, Minute: heartbeat.MinuteOf(at(m)), Ready: ready, Requests: reqs, ServerErrors: errs}); err != nil {
			t.Fatal(err)
		}
	}
	meter := heartbeat.NewMeter(db)
	down := func(from, to int) int {
		t.Helper()
		n, err := meter.DownMinutes(ctx, at(from), at(to))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := down(0, 60); n != 0 {
		t.Errorf("before any beat, %d minutes down: a portal not yet installed let nobody down", n)
	}
	for m := range 10 {
		switch m {
		case 3: // both replicas failing their readiness checks
			rec("a", m, false, 0, 0)
			rec("b", m, false, 0, 0)
		case 4: // one ready replica is enough
			rec("a", m, false, 0, 0)
			rec("b", m, true, 0, 0)
		case 5: // ready, but a quarter of the bid requests failed
			rec("a", m, true, 40, 10)
		case 6: // one failure in five requests is too few requests to judge
			rec("a", m, true, 5, 1)
		case 7: // nobody wrote
		case 8: // two beats in a minute: one not ready makes the minute not ready
			rec("a", m, true, 0, 0)
			rec("a", m, false, 0, 0)
		default:
			rec("a", m, true, 0, 0)
		}
	}
	if n := down(0, 10); n != 4 {
		t.Errorf("%d minutes down, want 4 (minutes 3, 5, 7 and 8)", n)
	}
	if n := down(-30, 3); n != 0 {
		t.Errorf("%d minutes down before the first beat and the first outage, want 0", n)
	}
	if n := down(0, 12); n != 6 {
		t.Errorf("%d minutes down to minute 12, want 6 (10 and 11 have no beat)", n)
	}
}
