package clarifications_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/google/uuid"
)

// BenchmarkTellAnswer measures, for FAIRTENDER_BENCH_SUPPLIERS suppliers who registered interest
// (default 5,000), the time from an answer being published to every in-portal notice written and
// every email queued (the telling job's work). Beside it, the floor: one INSERT … SELECT writing
// the same rows, and the ratio of the two.
//
//	FAIRTENDER_TEST_DB=postgres go test -run '^$' -bench BenchmarkTellAnswer -benchtime 5x ./backend/clarifications/
func BenchmarkTellAnswer(b *testing.B) {
	n := 5000
	if v := os.Getenv("FAIRTENDER_BENCH_SUPPLIERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FAIRTENDER_BENCH_SUPPLIERS=%q: want a whole number", v)
		}
	}
	w := start(b)
	o := w.open(b)
	oppID := o["id"].(string)
	db := w.p.App.DB
	now := w.p.Clock.Now().UTC()
	seed(b, db, oppID, n, now)

	r := w.buyer.Do("POST", "/api/v1/opportunities/"+oppID+"/clarifications", map[string]any{"subject": "Site visits", "answer": "Site visits are on 3 March."})
	want(b, r, 201)
	answerID := answerIDs(b, w, oppID)[0]
	key := "clarification:" + answerID
	// The portal's own job tells everyone first; wait for it, so the runs below start from there.
	deadline := time.Now().Add(2 * time.Minute)
	for told(b, db, key) < int64(n) {
		if time.Now().After(deadline) {
			b.Fatalf("the telling job wrote %d of %d notices in two minutes", told(b, db, key), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	ctx := context.Background()
	var tell, floor []time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := db.Gorm.Exec("DELETE FROM notifications WHERE dedupe_key LIKE ?", "%"+key).Error; err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		written, err := w.p.App.Clarifications.Tell(ctx, answerID)
		if err != nil {
			b.Fatal(err)
		}
		tell = append(tell, time.Since(t0))
		b.StopTimer()
		if written != int64(n) || told(b, db, key) != int64(n) {
			b.Fatalf("told %d (%d rows) of %d suppliers", written, told(b, db, key), n)
		}
		newID := "gen_random_uuid()"
		if db.Dialect == database.SQLite {
			newID = "lower(hex(randomblob(16)))"
		}
		t1 := time.Now()
		res := db.Gorm.Exec(`INSERT INTO notifications (id, user_id, dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at,
			read_at, email_status, email_attempts, email_due_at, emailed_at)
			SELECT `+newID+`, user_id, 'floor:' || dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at, read_at,
			email_status, email_attempts, email_due_at, emailed_at FROM notifications WHERE dedupe_key = ?`, key)
		if res.Error != nil {
			b.Fatal(res.Error)
		}
		floor = append(floor, time.Since(t1))
		b.StartTimer()
	}
	t, f := median(tell), median(floor)
	b.ReportMetric(float64(n), "suppliers")
	b.ReportMetric(t.Seconds()*1000, "tell-ms")
	b.ReportMetric(f.Seconds()*1000, "floor-ms")
	b.ReportMetric(float64(t)/float64(f), "ratio")
	b.Logf("%s: %d suppliers told of one answer (notice and email queued each); tell median %s, floor median %s, ratio %.1f",
		db.Dialect, n, t.Round(time.Millisecond), f.Round(time.Millisecond), float64(t)/float64(f))
}

// seed makes n verified suppliers who registered interest in the opportunity.
func seed(b *testing.B, db *database.DB, oppID string, n int, now time.Time) {
	b.Helper()
	users := make([][]any, 0, n)
	interests := make([][]any, 0, n)
	for i := range n {
		id := uuid.NewString()
		users = append(users, []any{id, fmt.Sprintf("keen%06d@example.org", i), "Keen Supplier", "supplier", now, now, now})
		interests = append(interests, []any{uuid.NewString(), oppID, id, now})
	}
	dbtest.BulkInsert(b, db, "users", "id, email, name, role, email_verified_at, created_at, updated_at", users)
	dbtest.BulkInsert(b, db, "opportunity_interests", "id, opportunity_id, user_id, created_at", interests)
}

func told(b *testing.B, db *database.DB, key string) int64 {
	var c int64
	if err := db.Gorm.Raw("SELECT count(*) FROM notifications WHERE dedupe_key = ?", key).Scan(&c).Error; err != nil {
		b.Fatal(err)
	}
	return c
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
