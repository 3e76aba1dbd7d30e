// Package audit keeps an append-only log of what people did. Each entry carries the hash of the one
// before it, so removing or editing an entry breaks the chain and `fairtender audit verify` names
// the first entry that no longer fits.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"gorm.io/gorm"
)

// Entry is one row of the audit log.
type Entry struct {
	Seq         int64     `gorm:"column:seq;primaryKey;autoIncrement"`
	OccurredAt  time.Time `gorm:"column:occurred_at"`
	ActorID     string    `gorm:"column:actor_id"`
	Action      string    `gorm:"column:action"`
	SubjectType string    `gorm:"column:subject_type"`
	SubjectID   string    `gorm:"column:subject_id"`
	ClientIP    string    `gorm:"column:client_ip"`
	Details     string    `gorm:"column:details"`
	PrevHash    string    `gorm:"column:prev_hash"`
	Hash        string    `gorm:"column:hash"`
}

// TableName is the audit table.
func (Entry) TableName() string { return "audit_log" }

// Event is what a caller records. Details must never hold passwords, tokens or bank numbers.
type Event struct {
	ActorID     string // user ID, or "anonymous" / "system"
	Action      string // e.g. "auth.login", "auth.login_failed"
	SubjectType string
	SubjectID   string
	ClientIP    string
	Details     map[string]any
}

// Log appends events to the audit log.
type Log struct {
	db  *database.DB
	now func() time.Time
}

// New returns the audit log; now is the injected clock.
func New(db *database.DB, now func() time.Time) *Log { return &Log{db: db, now: now} }

// Record appends e inside tx, so the entry exists exactly when the change it describes does.
func (l *Log) Record(tx *gorm.DB, e Event) error {
	if err := l.db.LockForUpdate(tx, "audit_log"); err != nil {
		return err
	}
	var prev Entry
	err := tx.Order("seq DESC").Limit(1).Take(&prev).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("audit: unable to read last entry: %w", err)
	}
	details := "{}"
	if len(e.Details) > 0 {
		b, err := json.Marshal(e.Details)
		if err != nil {
			return fmt.Errorf("audit: unable to encode details: %w", err)
		}
		details = string(b)
	}
	row := Entry{
		OccurredAt:  l.now().UTC().Truncate(time.Microsecond),
		ActorID:     orDefault(e.ActorID, "anonymous"),
		Action:      e.Action,
		SubjectType: e.SubjectType,
		SubjectID:   e.SubjectID,
		ClientIP:    e.ClientIP,
		Details:     details,
		PrevHash:    prev.Hash,
	}
	row.Hash = hashOf(row)
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("audit: unable to append entry: %w", err)
	}
	return nil
}

// RecordNow appends e in a transaction of its own, for events with no other change (a failed sign-in).
func (l *Log) RecordNow(ctx context.Context, e Event) error {
	return l.db.Tx(ctx, func(tx *gorm.DB) error { return l.Record(tx, e) })
}

// BrokenError names the first entry whose hash does not fit the chain.
type BrokenError struct {
	Seq    int64
	Reason string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("audit: chain broken at entry %d: %s", e.Seq, e.Reason)
}

// Verify walks the whole log in order and returns the number of entries checked, or a
// *BrokenError naming the first entry that was altered, removed or inserted out of turn.
func (l *Log) Verify(ctx context.Context) (int, error) {
	return l.walk(ctx, nil)
}

// VerifyHead is Verify that also requires the chain to still hold want, a head recorded earlier
// (see Head): entry number want.Count must be want.Hash, or, when want.Count is 0, some entry must.
// It returns a *BrokenError for a broken chain and a *HeadMissingError when the chain is intact but
// want is gone, which is what deleting the newest entries leaves.
func (l *Log) VerifyHead(ctx context.Context, want Head) (int, error) {
	found := ""
	n, err := l.walk(ctx, func(pos int, r Entry) {
		switch {
		case want.Count == 0 && r.Hash == want.Hash:
			found = r.Hash
		case want.Count != 0 && int64(pos) == want.Count:
			found = r.Hash
		}
	})
	if err != nil {
		return n, err
	}
	if found != want.Hash {
		return n, &HeadMissingError{Want: want, Count: n, Found: found}
	}
	return n, nil
}

// walk checks the chain in order, calling visit (when not nil) with each intact entry and its
// position from 1.
func (l *Log) walk(ctx context.Context, visit func(pos int, r Entry)) (int, error) {
	var n int
	prevHash := ""
	var lastSeq int64
	const batch = 1000
	for {
		var rows []Entry
		if err := l.db.Gorm.WithContext(ctx).Where("seq > ?", lastSeq).Order("seq").Limit(batch).Find(&rows).Error; err != nil {
			return n, fmt.Errorf("audit: unable to read log: %w", err)
		}
		for _, r := range rows {
			if r.PrevHash != prevHash {
				return n, &BrokenError{Seq: r.Seq, Reason: "it does not point at the entry before it (an entry was removed or changed)"}
			}
			if hashOf(r) != r.Hash {
				return n, &BrokenError{Seq: r.Seq, Reason: "its contents do not match its hash (it was edited)"}
			}
			prevHash, lastSeq = r.Hash, r.Seq
			n++
			if visit != nil {
				visit(n, r)
			}
		}
		if len(rows) < batch {
			return n, nil
		}
	}
}

// hashOf is SHA-256 over the entry's fields, length-prefixed so no two entries serialise alike.
func hashOf(r Entry) string {
	h := sha256.New()
	for _, f := range []string{r.PrevHash, r.OccurredAt.UTC().Format(time.RFC3339Nano), r.ActorID, r.Action, r.SubjectType, r.SubjectID, r.ClientIP, r.Details} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
