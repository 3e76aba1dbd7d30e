package audit_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/audit"
)

func head(t *testing.T, l *audit.Log) audit.Head {
	t.Helper()
	h, err := l.Head(context.Background())
	if err != nil {
		t.Fatalf("Head: %v", err)
	}
	return h
}

func TestHeadDetectsDeletedNewestEntries(t *testing.T) {
	ctx := context.Background()
	db, l := newLog(t)
	if h := head(t, l); h != (audit.Head{}) {
		t.Fatalf("empty log: got head %+v, want none", h)
	}
	record(t, db, l, 5)
	recorded := head(t, l)
	if recorded.Count != 5 || len(recorded.Hash) != 64 {
		t.Fatalf("got head %+v, want count 5 and a SHA-256", recorded)
	}
	bare := audit.Head{Hash: recorded.Hash}

	t.Run("an intact log that grew still holds the recorded head", func(t *testing.T) {
		record(t, db, l, 3)
		for _, want := range []audit.Head{recorded, bare} {
			if n, err := l.VerifyHead(ctx, want); err != nil || n != 8 {
				t.Errorf("VerifyHead(%v) = %d, %v; want 8 entries and no error", want, n, err)
			}
		}
		if got := head(t, l); got.Count != 8 || got.Hash == recorded.Hash {
			t.Errorf("after 3 more entries got head %+v, want count 8 and a new hash", got)
		}
	})

	t.Run("deleting the newest entries leaves a valid chain but loses the head", func(t *testing.T) {
		s := seqs(t, db)
		// Remove entries 5 to 8: the recorded head (entry 5) and everything after it.
		if err := db.Gorm.Exec("DELETE FROM audit_log WHERE seq >= ?", s[4]).Error; err != nil {
			t.Fatal(err)
		}
		if n, err := l.Verify(ctx); err != nil || n != 4 {
			t.Fatalf("Verify = %d, %v: the shortened chain is still a chain, which is why a head is needed", n, err)
		}
		for _, want := range []audit.Head{recorded, bare} {
			_, err := l.VerifyHead(ctx, want)
			var missing *audit.HeadMissingError
			if !errors.As(err, &missing) {
				t.Fatalf("VerifyHead(%v) = %v, want a HeadMissingError", want, err)
			}
			if !strings.Contains(err.Error(), "deleted") {
				t.Errorf("error %q does not say entries were deleted", err)
			}
		}
	})

	t.Run("entries written after a deletion do not hide it", func(t *testing.T) {
		record(t, db, l, 2) // the log is 6 long again, entry 5 is new
		_, err := l.VerifyHead(ctx, recorded)
		var missing *audit.HeadMissingError
		if !errors.As(err, &missing) || missing.Found == "" || missing.Found == recorded.Hash {
			t.Fatalf("VerifyHead = %v, want entry 5 named as not the recorded head", err)
		}
	})

	t.Run("an edited entry is still reported as a broken chain", func(t *testing.T) {
		if err := db.Gorm.Exec("UPDATE audit_log SET action = 'x' WHERE seq = ?", seqs(t, db)[0]).Error; err != nil {
			t.Fatal(err)
		}
		_, err := l.VerifyHead(ctx, recorded)
		var broken *audit.BrokenError
		if !errors.As(err, &broken) {
			t.Fatalf("VerifyHead = %v, want a BrokenError", err)
		}
	})
}

func TestParseHead(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	for _, tt := range []struct {
		in   string
		want audit.Head
		ok   bool
	}{
		{"12:" + hash, audit.Head{Count: 12, Hash: hash}, true},
		{hash, audit.Head{Hash: hash}, true},
		{" 3:" + hash + "\n", audit.Head{Count: 3, Hash: hash}, true},
		{"0:" + hash, audit.Head{}, false},
		{"x:" + hash, audit.Head{}, false},
		{"12:" + strings.ToUpper(hash), audit.Head{}, false},
		{"12:abc", audit.Head{}, false},
		{"", audit.Head{}, false},
	} {
		got, err := audit.ParseHead(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseHead(%q) = %+v, %v; want %+v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if h := (audit.Head{Count: 12, Hash: hash}); h.String() != "12:"+hash {
		t.Errorf("String = %q", h.String())
	}
}
