package audit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"gorm.io/gorm"
)

func newLog(t *testing.T) (*database.DB, *audit.Log) {
	t.Helper()
	db := dbtest.Open(t)
	start := time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.UTC)
	var mu sync.Mutex
	n := 0
	// Each call is a microsecond-and-a-bit later, so the stored times carry sub-second precision
	// that must survive the round trip through the database.
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		n++
		return start.Add(time.Duration(n) * 1001 * time.Nanosecond)
	}
	return db, audit.New(db, now)
}

func record(t *testing.T, db *database.DB, l *audit.Log, n int) {
	t.Helper()
	err := db.Tx(context.Background(), func(tx *gorm.DB) error {
		for i := range n {
			if err := l.Record(tx, audit.Event{ActorID: "user-1", Action: "auth.login", SubjectType: "user", SubjectID: "user-1",
				ClientIP: "192.0.2.1", Details: map[string]any{"attempt": i, "method": "password"}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Record: %v", err)
	}
}

func seqs(t *testing.T, db *database.DB) []int64 {
	t.Helper()
	var out []int64
	if err := db.Gorm.Table("audit_log").Order("seq").Pluck("seq", &out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func verify(t *testing.T, l *audit.Log) (int, error) {
	t.Helper()
	return l.Verify(context.Background())
}

func wantBroken(t *testing.T, l *audit.Log, seq int64) {
	t.Helper()
	_, err := verify(t, l)
	var be *audit.BrokenError
	if !errors.As(err, &be) {
		t.Fatalf("Verify error = %v, want *audit.BrokenError", err)
	}
	if be.Seq != seq {
		t.Errorf("Verify names entry %d, want %d (%v)", be.Seq, seq, err)
	}
}

func TestVerifyCountsAnIntactLog(t *testing.T) {
	db, l := newLog(t)
	if n, err := verify(t, l); err != nil || n != 0 {
		t.Fatalf("empty log: Verify = %d, %v; want 0, nil", n, err)
	}
	record(t, db, l, 5)
	if err := l.RecordNow(context.Background(), audit.Event{Action: "auth.login_failed", Details: map[string]any{"reason": "wrong password"}}); err != nil {
		t.Fatalf("RecordNow: %v", err)
	}
	n, err := verify(t, l)
	if err != nil || n != 6 {
		t.Fatalf("Verify = %d, %v; want 6, nil", n, err)
	}
	var last audit.Entry
	if err := db.Gorm.Order("seq DESC").Take(&last).Error; err != nil {
		t.Fatal(err)
	}
	if last.ActorID != "anonymous" {
		t.Errorf("event without an actor recorded as %q, want anonymous", last.ActorID)
	}
}

func TestEditedEntryIsNamed(t *testing.T) {
	db, l := newLog(t)
	record(t, db, l, 5)
	s := seqs(t, db)
	for _, tamper := range []struct {
		name, column, value string
	}{
		{"details changed", "details", `{"attempt":2,"method":"sso"}`},
		{"actor changed", "actor_id", "user-2"},
		{"time changed", "occurred_at", "2020-01-01 00:00:00"},
	} {
		t.Run(tamper.name, func(t *testing.T) {
			var orig audit.Entry
			if err := db.Gorm.Where("seq = ?", s[2]).Take(&orig).Error; err != nil {
				t.Fatal(err)
			}
			value := any(tamper.value)
			if tamper.column == "occurred_at" {
				value = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			if err := db.Gorm.Exec("UPDATE audit_log SET "+tamper.column+" = ? WHERE seq = ?", value, s[2]).Error; err != nil {
				t.Fatal(err)
			}
			wantBroken(t, l, s[2])
			// Put it back, and the chain is whole again.
			if err := db.Gorm.Save(&orig).Error; err != nil {
				t.Fatal(err)
			}
			if n, err := verify(t, l); err != nil || n != 5 {
				t.Fatalf("after restoring: Verify = %d, %v; want 5, nil", n, err)
			}
		})
	}
}

func TestRemovedEntryIsNamedByTheOneAfter(t *testing.T) {
	db, l := newLog(t)
	record(t, db, l, 5)
	s := seqs(t, db)
	if err := db.Gorm.Exec("DELETE FROM audit_log WHERE seq = ?", s[2]).Error; err != nil {
		t.Fatal(err)
	}
	wantBroken(t, l, s[3])

	t.Run("removing the first entry is caught too", func(t *testing.T) {
		if err := db.Gorm.Exec("DELETE FROM audit_log WHERE seq = ?", s[0]).Error; err != nil {
			t.Fatal(err)
		}
		wantBroken(t, l, s[1])
	})
}

func TestEntryIsRolledBackWithItsChange(t *testing.T) {
	db, l := newLog(t)
	boom := errors.New("the change failed")
	err := db.Tx(context.Background(), func(tx *gorm.DB) error {
		if err := l.Record(tx, audit.Event{ActorID: "admin", Action: "user.role_changed"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx = %v, want %v", err, boom)
	}
	record(t, db, l, 2)
	if n, err := verify(t, l); err != nil || n != 2 {
		t.Fatalf("Verify = %d, %v; want 2, nil: the rolled-back entry must leave no trace", n, err)
	}
}

func TestConcurrentRecordsKeepTheChain(t *testing.T) {
	db, l := newLog(t)
	const writers, each = 6, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.Tx(context.Background(), func(tx *gorm.DB) error {
					return l.Record(tx, audit.Event{ActorID: fmt.Sprintf("writer-%d", w), Action: "test.write", Details: map[string]any{"i": i}})
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Record: %v", err)
	}
	if n, err := verify(t, l); err != nil || n != writers*each {
		t.Fatalf("Verify = %d, %v; want %d, nil", n, err, writers*each)
	}
}

func TestVerifyReadsPastOneBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: writes over a thousand entries")
	}
	db, l := newLog(t)
	record(t, db, l, 1005)
	if n, err := verify(t, l); err != nil || n != 1005 {
		t.Fatalf("Verify = %d, %v; want 1005, nil", n, err)
	}
	s := seqs(t, db)
	if err := db.Gorm.Exec("UPDATE audit_log SET details = '{}' WHERE seq = ?", s[1002]).Error; err != nil {
		t.Fatal(err)
	}
	wantBroken(t, l, s[1002])
}

func TestClientIPTravelsInTheContext(t *testing.T) {
	ctx := audit.WithClientIP(context.Background(), "198.51.100.7")
	if got := audit.ClientIP(ctx); got != "198.51.100.7" {
		t.Errorf("ClientIP = %q, want 198.51.100.7", got)
	}
	if got := audit.ClientIP(context.Background()); got != "" {
		t.Errorf("ClientIP without one = %q, want empty", got)
	}
}
