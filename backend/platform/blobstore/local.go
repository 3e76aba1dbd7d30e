package blobstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Local stores objects as files under a directory, for a portal running on one machine.
//
// Layout: dir/objects/<key>,blob holds an object, and dir/tmp holds uploads in progress. Each
// object file is the object's bytes followed by a trailer (JSON metadata, its 4-byte big-endian
// length and the magic "FTB1"), so bytes and metadata are replaced together by one rename: a
// separate sidecar would need a second rename, leaving a window (or, after a crash, a lasting state)
// where new bytes carry the old checksum, and a sidecar name such as "key.meta.json" would collide
// with a real key. The ",blob" suffix uses a character keys cannot contain, so an object "a" and a
// directory "a" for "a/b" never collide.
//
// Directories left empty by Delete are kept: removing them would race with a concurrent Put that has
// just created one.
type Local struct {
	objects string
	tmp     string
}

const (
	localSuffix     = ",blob"
	trailerMagic    = "FTB1"
	maxTrailerLen   = 64 << 10
	copyBufferSize  = 256 << 10
	staleUploadTime = 24 * time.Hour
)

// trailer is the metadata stored after an object's bytes.
type trailer struct {
	Key         string    `json:"key"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	ContentType string    `json:"contentType"`
	Modified    time.Time `json:"modified"`
}

// NewLocal opens (creating if needed) a store under dir. It removes uploads abandoned by a crash
// more than a day ago; younger ones may belong to another process sharing dir (serve and worker).
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("blobstore: unable to open local store: no directory given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blobstore: unable to open local store %q: %w", dir, err)
	}
	l := &Local{objects: filepath.Join(abs, "objects"), tmp: filepath.Join(abs, "tmp")}
	for _, d := range []string{l.objects, l.tmp} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("blobstore: unable to open local store: %w", err)
		}
	}
	if _, err := l.SweepTemp(time.Now().Add(-staleUploadTime)); err != nil {
		return nil, err
	}
	return l, nil
}

// Prefixes of the temporary files Local writes in its tmp directory.
const (
	putTempPrefix  = "put-"
	pingTempPrefix = "ping-"
)

// SweepTemp removes the temporary files of uploads (and readiness probes) last written before
// before, and returns how many it removed. `fairtender serve` calls it at start-up with its own
// start time: no upload of that process is running yet, so what is older was left by a crash, and
// would otherwise wait a day for NewLocal's sweep. Files Local did not name are left alone.
func (l *Local) SweepTemp(before time.Time) (int, error) {
	entries, err := os.ReadDir(l.tmp)
	if err != nil {
		return 0, fmt.Errorf("blobstore: unable to list abandoned uploads: %w", err)
	}
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), putTempPrefix) && !strings.HasPrefix(e.Name(), pingTempPrefix) {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() || !fi.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(l.tmp, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("blobstore: unable to remove abandoned upload: %w", err)
		}
		n++
	}
	return n, nil
}

func (l *Local) path(key string) string {
	return filepath.Join(l.objects, filepath.FromSlash(key)) + localSuffix
}

// Put implements Store. The body goes to a temporary file in the same tree, which is synced and then
// renamed over the object, so readers see the old object or the new one and never a mix.
func (l *Local) Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (info Info, err error) {
	contentType, err = putArgs(key, maxSize, contentType)
	if err != nil {
		return Info{}, err
	}
	tmp, err := os.CreateTemp(l.tmp, putTempPrefix+"*")
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	h := sha256.New()
	size, err := io.CopyBuffer(io.MultiWriter(tmp, h), newBodyReader(ctx, r, maxSize), make([]byte, copyBufferSize))
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	info = Info{
		Key:         key,
		Size:        size,
		SHA256:      hex.EncodeToString(h.Sum(nil)),
		ContentType: contentType,
		Modified:    time.Now().UTC(),
	}
	if err := writeTrailer(tmp, info); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	// Cancellation during the last read may not have surfaced as a read error.
	if err := ctx.Err(); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	final := l.path(key)
	dir := filepath.Dir(final)
	if err := l.mkdirs(dir); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	committed = true
	// The rename is only durable once the directory is synced.
	if err := syncDir(dir); err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	return info, nil
}

func writeTrailer(w io.Writer, info Info) error {
	meta, err := json.Marshal(trailer(info))
	if err != nil {
		return fmt.Errorf("unable to encode metadata: %w", err)
	}
	meta = binary.BigEndian.AppendUint32(meta, uint32(len(meta)))
	meta = append(meta, trailerMagic...)
	if _, err := w.Write(meta); err != nil {
		return fmt.Errorf("unable to write metadata: %w", err)
	}
	return nil
}

// readTrailer reads the metadata of the object file f, checking that it accounts for every byte.
func readTrailer(f *os.File) (Info, error) {
	fi, err := f.Stat()
	if err != nil {
		return Info{}, err
	}
	total := fi.Size()
	var foot [8]byte
	if total < int64(len(foot)) {
		return Info{}, errors.New("object file is corrupt: too short")
	}
	if _, err := f.ReadAt(foot[:], total-int64(len(foot))); err != nil {
		return Info{}, fmt.Errorf("unable to read metadata: %w", err)
	}
	if string(foot[4:]) != trailerMagic {
		return Info{}, errors.New("object file is corrupt: no metadata")
	}
	n := int64(binary.BigEndian.Uint32(foot[:4]))
	if n > maxTrailerLen || n > total-int64(len(foot)) {
		return Info{}, errors.New("object file is corrupt: bad metadata length")
	}
	meta := make([]byte, n)
	if _, err := f.ReadAt(meta, total-int64(len(foot))-n); err != nil {
		return Info{}, fmt.Errorf("unable to read metadata: %w", err)
	}
	var t trailer
	if err := json.Unmarshal(meta, &t); err != nil {
		return Info{}, fmt.Errorf("object file is corrupt: %w", err)
	}
	if t.Size != total-int64(len(foot))-n {
		return Info{}, errors.New("object file is corrupt: size does not match metadata")
	}
	return Info(t), nil
}

func (l *Local) open(op, key string) (*os.File, Info, error) {
	if err := checkKey(key); err != nil {
		return nil, Info{}, err
	}
	f, err := os.Open(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Info{}, fmt.Errorf("blobstore: unable to %s %q: %w", op, key, ErrNotFound)
	}
	if err != nil {
		return nil, Info{}, fmt.Errorf("blobstore: unable to %s %q: %w", op, key, err)
	}
	info, err := readTrailer(f)
	if err != nil {
		f.Close()
		return nil, Info{}, fmt.Errorf("blobstore: unable to %s %q: %w", op, key, err)
	}
	return f, info, nil
}

// localObject reads an object's bytes, stopping before its trailer. It is also an io.ReadSeeker
// and io.ReaderAt, which http.ServeContent can use for range requests.
type localObject struct {
	*io.SectionReader
	f *os.File
}

func (o *localObject) Close() error { return o.f.Close() }

// Get implements Store. The reader keeps the file open, so it reads the object as it was when
// opened even if a Put replaces it meanwhile.
func (l *Local) Get(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	f, info, err := l.open("get", key)
	if err != nil {
		return nil, Info{}, err
	}
	return &localObject{SectionReader: io.NewSectionReader(f, 0, info.Size), f: f}, info, nil
}

// Stat implements Store.
func (l *Local) Stat(ctx context.Context, key string) (Info, error) {
	f, info, err := l.open("stat", key)
	if err != nil {
		return Info{}, err
	}
	f.Close()
	return info, nil
}

// Delete implements Store.
func (l *Local) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	p := l.path(key)
	if err := os.Remove(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("blobstore: unable to delete %q: %w", key, err)
	}
	if err := syncDir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("blobstore: unable to delete %q: %w", key, err)
	}
	return nil
}

// Ping implements Store: the store is ready when it can create a file, which a missing volume,
// a read-only remount or exhausted inodes would prevent.
func (l *Local) Ping(ctx context.Context) error {
	f, err := os.CreateTemp(l.tmp, pingTempPrefix+"*")
	if err != nil {
		return fmt.Errorf("blobstore: local store not writable: %w", err)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return fmt.Errorf("blobstore: local store not writable: %w", err)
	}
	return nil
}

// mkdirs creates dir and any missing parents below the objects directory, syncing the parent of
// each one it creates so that the new object's path survives a crash as well as the object.
func (l *Local) mkdirs(dir string) error {
	if dir == l.objects {
		return nil
	}
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	parent := filepath.Dir(dir)
	if err := l.mkdirs(parent); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // created by a concurrent Put
		}
		return err
	}
	return syncDir(parent)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
