package resumable

import (
	"context"
	"crypto/rand"
	"sync"
	"time"

	tusd "github.com/tus/tusd/v2/pkg/handler"

	"github.com/fairtender/fairtender/backend/platform/database"
)

// locker is tusd's Locker over the database, so that two replicas never write to one upload at
// once: a lock is a lease on the upload's row in resumable_uploads, taken by one conditional
// UPDATE (atomic on SQLite and PostgreSQL alike, and holding no connection or transaction while
// the upload runs), renewed every Lease/6 while held, and given up early when another request
// asks for it.
type locker struct {
	db     *database.DB
	now    func() time.Time
	holder string
	lease  time.Duration
	// poll is how often a waiting request tries again.
	poll time.Duration
}

// newLocker returns a locker whose leases name holder (a random name when empty) and last lease.
func newLocker(db *database.DB, now func() time.Time, holder string, lease time.Duration) *locker {
	if holder == "" {
		holder = "replica-" + rand.Text()[:10]
	}
	return &locker{db: db, now: now, holder: holder, lease: lease, poll: 100 * time.Millisecond}
}

// NewLock implements tusd.Locker.
func (l *locker) NewLock(id string) (tusd.Lock, error) {
	return &lock{l: l, id: id, token: l.holder + "/" + rand.Text()[:12]}, nil
}

type lock struct {
	l     *locker
	id    string
	token string // this lock's holder value: the process and this request

	mu   sync.Mutex
	stop chan struct{}
	done chan struct{}
}

// Lock implements tusd.Lock. An upload with no row (unknown, or another's) is "locked" at once:
// there is nothing to protect, and GetUpload answers 404.
func (k *lock) Lock(ctx context.Context, requestUnlock func()) error {
	db := k.l.db.Gorm
	for {
		now := k.l.now().UTC()
		res := db.WithContext(ctx).Model(&record{}).
			Where("id = ? AND (lock_holder = '' OR lock_expires_at < ?)", k.id, now).
			Updates(map[string]any{"lock_holder": k.token, "lock_expires_at": now.Add(k.l.lease), "release_requested": false})
		if res.Error != nil {
			if ctx.Err() != nil {
				return tusd.ErrLockTimeout
			}
			return res.Error
		}
		if res.RowsAffected == 1 {
			k.hold(requestUnlock)
			return nil
		}
		// Held by someone else, or no such upload.
		var n int64
		if err := db.WithContext(ctx).Model(&record{}).Where("id = ?", k.id).Count(&n).Error; err != nil {
			if ctx.Err() != nil {
				return tusd.ErrLockTimeout
			}
			return err
		}
		if n == 0 {
			return nil
		}
		// Ask the holder to let go; it sees this when it next renews.
		db.WithContext(ctx).Model(&record{}).Where("id = ? AND lock_holder <> ''", k.id).Update("release_requested", true)
		select {
		case <-ctx.Done():
			return tusd.ErrLockTimeout
		case <-time.After(k.l.poll):
		}
	}
}

// hold renews the lease until Unlock, and calls requestUnlock (once) when another request has
// asked for the lock or the lease could not be renewed.
func (k *lock) hold(requestUnlock func()) {
	k.mu.Lock()
	k.stop, k.done = make(chan struct{}), make(chan struct{})
	stop, done := k.stop, k.done
	k.mu.Unlock()
	go func() {
		defer close(done)
		asked := false
		t := time.NewTicker(k.l.lease / 6)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), k.l.lease/3)
			var r record
			err := k.l.db.Gorm.WithContext(ctx).Select("lock_holder", "release_requested").Where("id = ?", k.id).Take(&r).Error
			if err == nil && r.LockHolder == k.token {
				err = k.l.db.Gorm.WithContext(ctx).Model(&record{}).Where("id = ? AND lock_holder = ?", k.id, k.token).
					Update("lock_expires_at", k.l.now().UTC().Add(k.l.lease)).Error
			}
			cancel()
			// Lost (or unsure of) the lease, or asked to let go: stop the request writing.
			if !asked && (err != nil || r.LockHolder != k.token || r.ReleaseRequested) {
				asked = true
				requestUnlock()
			}
		}
	}()
}

// Unlock implements tusd.Lock.
func (k *lock) Unlock() error {
	k.mu.Lock()
	stop, done := k.stop, k.done
	k.stop = nil
	k.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return k.l.db.Gorm.WithContext(ctx).Model(&record{}).Where("id = ? AND lock_holder = ?", k.id, k.token).
		Updates(map[string]any{"lock_holder": "", "lock_expires_at": nil, "release_requested": false}).Error
}
