package resumable

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	tusd "github.com/tus/tusd/v2/pkg/handler"
	"gorm.io/gorm"

	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// record is a row of resumable_uploads.
type record struct {
	ID               string
	OwnerID          string
	Size             int64
	Received         int64
	Parts            int
	Metadata         string
	LockHolder       string
	LockExpiresAt    *time.Time
	ReleaseRequested bool
	// Set from the injected clock, never by gorm (which would stamp every lease renewal).
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	// UpdatedAt is when a part last arrived: what the sweep goes by.
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (record) TableName() string { return "resumable_uploads" }

func (r record) storedMeta() map[string]string {
	m := map[string]string{}
	_ = json.Unmarshal([]byte(r.Metadata), &m)
	return m
}

// meta is the upload's metadata as the client sent it, opened by the Target if it sealed it.
func (s *Service) meta(ctx context.Context, r record) (map[string]string, error) {
	m := r.storedMeta()
	if ms, ok := s.target.(MetadataSealer); ok {
		open, err := ms.OpenMetadata(ctx, m)
		if err != nil {
			return nil, fmt.Errorf("resumable: unable to open the metadata of upload %s: %w", r.ID, err)
		}
		return open, nil
	}
	return m, nil
}

// partsPrefix is the key the parts of upload id are stored under.
func partsPrefix(id string) string { return "uploads/" + id }

// partKey is the key of an upload's part n (from 1).
func partKey(id string, n int) string { return PartKey(partsPrefix(id), n) }

// hashKey is the key of an upload's hash state (an Adopter's uploads only), beside its parts.
func hashKey(id string) string { return partsPrefix(id) + "/sha256" }

// maxMetaValue is the longest metadata value accepted (a file name, an id).
const maxMetaValue = 255

// printable is s, or a placeholder when s itself is not fit to repeat in a message.
func printable(s string) string {
	if httpapi.CleanText(s, false) && len(s) <= 64 {
		return s
	}
	return "metadata"
}

// storePutTimeout bounds storing a part once its bytes have arrived: the request may have ended
// (a dropped connection), and the bytes are still to be kept.
const storePutTimeout = 2 * time.Minute

// errNotFound is tusd's 404, with our wording.
var errNotFound = problemError(404, "There is no such upload. It may have finished, been cancelled, or expired after a day without progress.")

// load reads the record of upload id, as seen by the person in ctx: another person's upload is
// not found.
func (s *Service) load(ctx context.Context, id string) (record, error) {
	var r record
	err := s.db.Gorm.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return record{}, errNotFound
	}
	if err != nil {
		return record{}, fmt.Errorf("resumable: unable to fetch upload: %w", err)
	}
	if p := auth.PrincipalFrom(ctx); p == nil || p.UserID != r.OwnerID {
		return record{}, errNotFound
	}
	return r, nil
}

// dataStore is tusd's DataStore over the Target's blob store and resumable_uploads.
type dataStore struct{ s *Service }

// NewUpload asks the Target to begin the upload and records it.
func (d dataStore) NewUpload(ctx context.Context, info tusd.FileInfo) (tusd.Upload, error) {
	s := d.s
	p := auth.PrincipalFrom(ctx)
	if p == nil {
		return nil, problemError(401, "Sign in to continue")
	}
	if info.SizeIsDeferred {
		return nil, problemError(400, "Send the size of the file (Upload-Length) when you start the upload.")
	}
	// As in every operation's text: a control character or bidirectional override in a file
	// name could disguise its real extension.
	for k, v := range info.MetaData {
		if !httpapi.CleanText(k, false) || !httpapi.CleanText(v, false) || len(v) > maxMetaValue {
			return nil, problemError(422, fmt.Sprintf("The upload's %q (Upload-Metadata) can only contain letters, numbers, spaces and punctuation, at most %d characters.", printable(k), maxMetaValue))
		}
	}
	store, max, err := s.target.Begin(ctx, p, info.MetaData, info.Size)
	if err != nil {
		return nil, s.errorFor(ctx, "begin", err)
	}
	if info.Size > max {
		return nil, problemError(413, fmt.Sprintf("The file is too large: it must be at most %s.", sizeText(max)))
	}
	stored := info.MetaData
	if ms, ok := s.target.(MetadataSealer); ok {
		if stored, err = ms.SealMetadata(ctx, info.MetaData); err != nil {
			return nil, fmt.Errorf("resumable: unable to seal metadata: %w", err)
		}
	}
	meta, err := json.Marshal(stored)
	if err != nil {
		return nil, fmt.Errorf("resumable: unable to encode metadata: %w", err)
	}
	now := s.now().UTC()
	r := record{ID: uuid.NewString(), OwnerID: p.UserID, Size: info.Size, Metadata: string(meta), CreatedAt: now, UpdatedAt: now}
	if err := s.db.Gorm.WithContext(ctx).Create(&r).Error; err != nil {
		return nil, fmt.Errorf("resumable: unable to record upload: %w", err)
	}
	return &upload{s: s, rec: r, store: store}, nil
}

// GetUpload finds an upload of the person in ctx.
func (d dataStore) GetUpload(ctx context.Context, id string) (tusd.Upload, error) {
	r, err := d.s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return &upload{s: d.s, rec: r}, nil
}

// AsTerminatableUpload implements tusd.TerminaterDataStore.
func (d dataStore) AsTerminatableUpload(u tusd.Upload) tusd.TerminatableUpload { return u.(*upload) }

// upload is one upload in progress. tusd holds its lock while using it.
type upload struct {
	s     *Service
	rec   record
	store blobstore.Store // nil until first needed
}

func (u *upload) blobs(ctx context.Context) (blobstore.Store, error) {
	if u.store == nil {
		meta, err := u.s.meta(ctx, u.rec)
		if err != nil {
			return nil, err
		}
		st, err := u.s.target.Reopen(ctx, meta)
		if err != nil {
			return nil, u.s.errorFor(ctx, "reopen", err)
		}
		u.store = st
	}
	return u.store, nil
}

// GetInfo implements tusd.Upload.
func (u *upload) GetInfo(ctx context.Context) (tusd.FileInfo, error) {
	meta, err := u.s.meta(ctx, u.rec)
	if err != nil {
		return tusd.FileInfo{}, err
	}
	return tusd.FileInfo{ID: u.rec.ID, Size: u.rec.Size, Offset: u.rec.Received, MetaData: meta}, nil
}

// partsInFlight is how many parts of one PATCH are stored at the same time (within the
// process-wide Options.ParallelParts): storing a part into S3 takes longer than receiving it, so
// one at a time would make the client wait.
const partsInFlight = 3

// WriteChunk stores src, from offset, as parts of at most PartSize bytes. tusd's reader ends
// (io.EOF) when the body does, including when the connection drops, so what arrived is stored
// and counted; tusd reports the drop itself. Each part is spooled to a temporary file while it
// arrives; full parts are stored partsInFlight at a time while the next ones arrive, and
// recorded in order, so the record only ever counts a run of parts from the first.
func (u *upload) WriteChunk(ctx context.Context, offset int64, src io.Reader) (int64, error) {
	if offset != u.rec.Received {
		return 0, tusd.ErrMismatchOffset
	}
	store, err := u.blobs(ctx)
	if err != nil {
		return 0, err
	}
	// One spool file filling from the network, the others being stored.
	free := make(chan *os.File, partsInFlight+1)
	for range partsInFlight + 1 {
		f, err := os.CreateTemp(u.s.opts.SpoolDir, "fairtender-tus-*")
		if err != nil {
			return 0, fmt.Errorf("resumable: unable to spool upload: %w", err)
		}
		// Unlinked at once: nothing is left behind by a crash, and no other process can open it.
		os.Remove(f.Name())
		defer f.Close()
		free <- f
	}
	// For an Adopter, the bytes are hashed as they are spooled, and each part carries the hash's
	// state after it: the state kept is that of the last part recorded.
	var h *hasher
	if u.s.adopter != nil {
		if h, err = u.s.loadHasher(ctx, store, u.rec); err != nil {
			return 0, err
		}
	}
	type part struct {
		f    *os.File
		key  string
		n    int64
		snap *progress
		put  chan error
	}
	queue := make(chan *part, partsInFlight)
	recorded := make(chan error, 1)
	var (
		written int64
		kept    *progress
		failed  atomic.Bool
	)
	// The recorder takes the parts in order as their Puts finish. After a failure it records
	// nothing more and deletes the parts stored after the failed one.
	go func() {
		var err error
		for p := range queue {
			perr := <-p.put
			switch {
			case err != nil:
				if perr == nil {
					u.s.deletePart(ctx, store, p.key)
				}
			case perr != nil:
				err = perr
			default:
				if err = u.recordPart(ctx, store, p.key, p.n); err == nil {
					written += p.n
					if p.snap != nil {
						kept = p.snap
					}
				}
			}
			if err != nil {
				failed.Store(true)
			}
			free <- p.f
		}
		recorded <- err
	}()

	var readErr error
	next := u.rec.Parts + 1
	for {
		f := <-free
		if failed.Load() {
			break // nothing more will be kept: stop reading
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			readErr = err
			break
		}
		if err := f.Truncate(0); err != nil {
			readErr = err
			break
		}
		var dst io.Writer = f
		if h != nil {
			dst = io.MultiWriter(f, h)
		}
		n, copyErr := io.CopyN(dst, src, u.s.opts.PartSize)
		if n > 0 {
			p := &part{f: f, key: partKey(u.rec.ID, next), n: n, put: make(chan error, 1)}
			next++
			if h != nil {
				if p.snap, err = h.endPart(n); err != nil {
					readErr = err
					break
				}
			}
			go func() { p.put <- u.putPart(ctx, store, p.key, p.f, p.n) }()
			queue <- p
		}
		if copyErr != nil {
			if !errors.Is(copyErr, io.EOF) {
				readErr = fmt.Errorf("resumable: unable to spool upload: %w", copyErr)
			}
			break
		}
	}
	close(queue)
	storeErr := <-recorded
	if kept != nil {
		// Kept for the next PATCH (on any replica) and for Adopt. Should this fail, or the
		// process die before it, the next use catches up by reading the parts after it.
		if err := u.s.saveProgress(ctx, store, u.rec.ID, kept); err != nil {
			u.s.log.WarnContext(ctx, "unable to keep an upload's hash state", "upload", u.rec.ID, "error", err.Error())
		}
	}
	return written, errors.Join(storeErr, readErr)
}

// putPart stores the n bytes spooled in f under key, a part not yet recorded.
func (u *upload) putPart(ctx context.Context, store blobstore.Store, key string, f *os.File, n int64) error {
	// Stored even if the request has ended: these bytes arrived and the client will resume after
	// them.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storePutTimeout)
	defer cancel()
	// Nobody reads a part's checksum: a Target hashes the file whole, as it arrives (Adopter) or
	// as it reads the parts back.
	ctx = blobstore.WithHints(ctx, blobstore.Hints{NoChecksum: true})
	u.s.slots <- struct{}{}
	defer func() { <-u.s.slots }()
	info, err := store.Put(ctx, key, io.NewSectionReader(f, 0, n), n, "application/octet-stream")
	if err != nil {
		return fmt.Errorf("resumable: unable to store part: %w", err)
	}
	if info.Size != n {
		u.s.deletePart(ctx, store, key)
		return fmt.Errorf("resumable: part %s stored %d bytes, want %d", key, info.Size, n)
	}
	return nil
}

// recordPart counts the stored part key, of n bytes, as the upload's next.
func (u *upload) recordPart(ctx context.Context, store blobstore.Store, key string, n int64) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storePutTimeout)
	defer cancel()
	// The lock makes this the only writer; the condition catches a lease that lapsed meanwhile.
	res := u.s.db.Gorm.WithContext(ctx).Model(&record{}).
		Where("id = ? AND parts = ? AND received = ?", u.rec.ID, u.rec.Parts, u.rec.Received).
		Updates(map[string]any{"parts": u.rec.Parts + 1, "received": u.rec.Received + n, "updated_at": u.s.now().UTC()})
	if res.Error != nil {
		// Left in place: the update may have been made, and a retry overwrites the part anyway.
		return fmt.Errorf("resumable: unable to record part: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		u.s.deletePart(ctx, store, key)
		return errors.New("resumable: upload changed while a part was stored (lost lock)")
	}
	u.rec.Parts++
	u.rec.Received += n
	return nil
}

// deletePart removes a part that was stored but will not be recorded.
func (s *Service) deletePart(ctx context.Context, store blobstore.Store, key string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storePutTimeout)
	defer cancel()
	if err := store.Delete(ctx, key); err != nil {
		s.log.WarnContext(ctx, "unable to delete an unrecorded part", "key", key, "error", err.Error())
	}
}

// GetReader implements tusd.Upload: the parts in order, checked to add up to the bytes received.
func (u *upload) GetReader(ctx context.Context) (io.ReadCloser, error) {
	store, err := u.blobs(ctx)
	if err != nil {
		return nil, err
	}
	return &partsReader{ctx: ctx, store: store, prefix: partsPrefix(u.rec.ID), parts: u.rec.Parts, want: u.rec.Received}, nil
}

// FinishUpload implements tusd.Upload; Complete runs in the pre-finish callback, where the
// response can still carry the document's id.
func (u *upload) FinishUpload(ctx context.Context) error { return nil }

// Terminate implements tusd.TerminatableUpload: the parts and the record go.
func (u *upload) Terminate(ctx context.Context) error {
	store, err := u.blobs(ctx)
	if err != nil {
		return err
	}
	return u.s.remove(ctx, store, u.rec)
}

// remove deletes the parts of r from store, then its record (so a failure leaves the record for
// the sweep to try again).
func (s *Service) remove(ctx context.Context, store blobstore.Store, r record) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storePutTimeout)
	defer cancel()
	for n := 1; n <= r.Parts; n++ {
		if err := store.Delete(ctx, partKey(r.ID, n)); err != nil {
			return fmt.Errorf("resumable: unable to delete part: %w", err)
		}
	}
	return s.forget(ctx, store, r)
}

// forget deletes r's hash state and record, leaving its parts (adopted by the Target).
func (s *Service) forget(ctx context.Context, store blobstore.Store, r record) error {
	if s.adopter != nil {
		if err := store.Delete(ctx, hashKey(r.ID)); err != nil {
			return fmt.Errorf("resumable: unable to delete an upload's hash state: %w", err)
		}
	}
	if err := s.db.Gorm.WithContext(ctx).Where("id = ?", r.ID).Delete(&record{}).Error; err != nil {
		return fmt.Errorf("resumable: unable to delete upload: %w", err)
	}
	return nil
}

// partsReader reads parts from..parts stored under prefix one after another (from 1 when from is
// 0), opening each when it is reached, and fails rather than end early: a missing part or a
// total other than want is an error, never a shorter file.
type partsReader struct {
	ctx    context.Context
	store  blobstore.Store
	prefix string
	from   int
	parts  int
	want   int64

	n    int // part open
	cur  io.ReadCloser
	read int64
}

// next opens the next part.
func (r *partsReader) next() error {
	if r.n == 0 && r.from > 1 {
		r.n = r.from - 1
	}
	r.n++
	rc, _, err := r.store.Get(r.ctx, PartKey(r.prefix, r.n))
	if err != nil {
		return fmt.Errorf("resumable: unable to read part: %w", err)
	}
	r.cur = rc
	return nil
}

func (r *partsReader) Read(p []byte) (int, error) {
	for {
		if r.cur == nil {
			if r.n == r.parts {
				if r.read != r.want {
					return 0, fmt.Errorf("resumable: %s has %d bytes in its parts, want %d", r.prefix, r.read, r.want)
				}
				return 0, io.EOF
			}
			if err := r.next(); err != nil {
				return 0, err
			}
		}
		n, err := r.cur.Read(p)
		r.read += int64(n)
		if errors.Is(err, io.EOF) {
			r.cur.Close()
			r.cur = nil
			err = nil
		}
		if r.read > r.want {
			return n, fmt.Errorf("resumable: %s has more bytes in its parts than received", r.prefix)
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

func (r *partsReader) Close() error {
	if r.cur != nil {
		return r.cur.Close()
	}
	return nil
}

// sizeText writes a byte count for people: "100 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
