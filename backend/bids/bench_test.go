package bids_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/google/uuid"
)

// BenchmarkSubmitBids measures FAIRTENDER_BENCH_BIDDERS bidders (default 1,000), each with a
// complete draft (a sealed text answer, a price and a sealed document), submitting with 50 at a
// time, as in the last minute before a deadline: submissions per second, the p99 of one
// submission (Service.Submit with an idempotency key: the key row, the frozen sealed version,
// the receipt, the email job and the audit entry), and that every one was kept. Beside it, the
// floor: the same submission rows and bid updates written bare, 50 at a time.
//
//	FAIRTENDER_TEST_DB=postgres go test -run '^$' -bench BenchmarkSubmitBids -benchtime 1x ./backend/bids/
func BenchmarkSubmitBids(b *testing.B) {
	n := 1000
	if v := os.Getenv("FAIRTENDER_BENCH_BIDDERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FAIRTENDER_BENCH_BIDDERS=%q: want a whole number", v)
		}
	}
	const parallel = 50
	for b.Loop() {
		b.StopTimer()
		w := start(b)
		w.publishWithForm(b)
		lot := w.lot(b)
		svc, db, ctx := w.p.App.Bids, w.p.App.DB, context.Background()
		now := w.p.Clock.Now().UTC()
		users, orgs, members := make([][]any, 0, n), make([][]any, 0, n), make([][]any, 0, n)
		principals := make([]*auth.Principal, n)
		for i := range n {
			uid, oid := uuid.NewString(), uuid.NewString()
			users = append(users, []any{uid, fmt.Sprintf("bidder%05d@example.org", i), "Bidder", "supplier", now, now, now})
			orgs = append(orgs, []any{oid, fmt.Sprintf("Bidder %05d Ltd", i), "private_limited_company", now, now})
			members = append(members, []any{oid, uid, "owner", now})
			principals[i] = &auth.Principal{UserID: uid, Role: auth.RoleSupplier, EmailVerified: true}
		}
		dbtest.BulkInsert(b, db, "users", "id, email, name, role, email_verified_at, created_at, updated_at", users)
		dbtest.BulkInsert(b, db, "organisations", "id, name, legal_form, created_at, updated_at", orgs)
		dbtest.BulkInsert(b, db, "memberships", "organisation_id, user_id, role, created_at", members)
		ids := make([]string, n)
		run(b, n, parallel, func(i int) error {
			v, err := svc.Start(ctx, principals[i], w.oppID, bids.StartInput{LotIDs: []string{lot}})
			if err != nil {
				return err
			}
			v, err = svc.Update(ctx, principals[i], v.ID, v.Version, bids.UpdateInput{Answers: []bids.Answer{{QuestionID: w.textQ, Text: secretAnswer},
				{QuestionID: w.prQ, Prices: []bids.LotPrice{{LotID: lot, PricePence: int64(1000000 + i)}}}}})
			if err != nil {
				return err
			}
			ids[i] = v.ID
			_, err = svc.AddDocument(ctx, principals[i], v.ID, w.docQ, blobstore.Upload{Filename: "costing.pdf", ContentType: "application/pdf",
				Body: bytes.NewReader([]byte(secretFile)), Length: int64(len(secretFile))})
			return err
		})

		b.StartTimer()
		t0 := time.Now()
		took := run(b, n, parallel, func(i int) error {
			_, err := svc.Submit(ctx, principals[i], ids[i], "bench-"+ids[i])
			return err
		})
		elapsed := time.Since(t0)
		b.StopTimer()
		var kept int64
		if err := db.Gorm.Raw("SELECT count(*) FROM bid_submissions").Scan(&kept).Error; err != nil {
			b.Fatal(err)
		}
		if kept != int64(n) {
			b.Fatalf("%d of %d submissions kept", kept, n)
		}

		// The floor: the same rows, bare, with the same concurrency.
		var rows []struct {
			BidID, Receipt, ReceiptHash, SubmittedBy string
			Version                                  int
			Sealed                                   []byte
			SubmittedAt                              time.Time
		}
		if err := db.Gorm.Raw("SELECT bid_id, version, sealed, receipt, receipt_hash, submitted_by, submitted_at FROM bid_submissions").Scan(&rows).Error; err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		run(b, n, parallel, func(i int) error {
			r := rows[i]
			if err := db.Gorm.Exec("UPDATE bids SET status = 'submitted', submitted_version = ?, submitted_at = ?, receipt_hash = ? WHERE id = ?",
				r.Version+1000, r.SubmittedAt, r.ReceiptHash, r.BidID).Error; err != nil {
				return err
			}
			return db.Gorm.Exec("INSERT INTO bid_submissions (bid_id, version, sealed, receipt, receipt_hash, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				r.BidID, r.Version+1000, r.Sealed, r.Receipt, r.ReceiptHash, r.SubmittedBy, r.SubmittedAt).Error
		})
		floor := time.Since(t1)

		p99 := percentile(took, 0.99)
		b.ReportMetric(float64(n), "bidders")
		b.ReportMetric(float64(n)/elapsed.Seconds(), "submits/s")
		b.ReportMetric(p99.Seconds()*1000, "p99-ms")
		b.ReportMetric(float64(n)/floor.Seconds(), "floor-rows/s")
		b.Logf("%s: %d bidders, %d at a time: %d submitted in %s (%.0f/s), p50 %s, p99 %s, 0 errors, %d kept; floor (bare rows) %s (%.0f/s), ratio %.1f",
			db.Dialect, n, parallel, n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), percentile(took, 0.5).Round(time.Millisecond),
			p99.Round(time.Millisecond), kept, floor.Round(time.Millisecond), float64(n)/floor.Seconds(), float64(elapsed)/float64(floor))
		b.StartTimer()
	}
}

// run calls f(0) … f(n-1), parallel at a time, and returns how long each call took; any error
// fails b.
func run(b *testing.B, n, parallel int, f func(i int) error) []time.Duration {
	b.Helper()
	took := make([]time.Duration, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for i := range next {
				t := time.Now()
				errs[i] = f(i)
				took[i] = time.Since(t)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			b.Fatalf("call %d: %v", i, err)
		}
	}
	return took
}

func percentile(d []time.Duration, q float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*q))]
}
