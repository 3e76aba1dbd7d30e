package blobstore_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/blobstore/blobstoretest"
)

func newLocal(t testing.TB, dir string) *blobstore.Local {
	t.Helper()
	s, err := blobstore.NewLocal(dir)
	if err != nil {
		t.Fatalf("NewLocal: %v", err)
	}
	return s
}

func TestLocalContract(t *testing.T) {
	blobstoretest.Run(t, func(t *testing.T) blobstore.Store {
		dir := t.TempDir()
		t.Cleanup(func() { checkNoTemp(t, dir) })
		return newLocal(t, dir)
	})
}

// checkNoTemp fails when an upload, finished or not, left a temporary file behind.
func checkNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "tmp"))
	if err != nil {
		t.Fatalf("listing temporary files: %v", err)
	}
	for _, e := range entries {
		t.Errorf("temporary file left behind: %s", e.Name())
	}
}

func TestLocal(t *testing.T) {
	t.Run("objects survive reopening the directory", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := newLocal(t, dir).Put(t.Context(), "a/b", strings.NewReader("kept"), 10, "text/plain"); err != nil {
			t.Fatalf("Put: %v", err)
		}
		got, err := newLocal(t, dir).Stat(t.Context(), "a/b")
		if err != nil {
			t.Fatalf("Stat after reopening: %v", err)
		}
		if got.Size != 4 || got.ContentType != "text/plain" {
			t.Errorf("Stat after reopening: got %+v, want 4 bytes of text/plain", got)
		}
	})

	t.Run("a damaged object file is reported, not served", func(t *testing.T) {
		dir := t.TempDir()
		s := newLocal(t, dir)
		if _, err := s.Put(t.Context(), "k", strings.NewReader("some bytes"), 100, ""); err != nil {
			t.Fatalf("Put: %v", err)
		}
		files := objectFiles(t, dir)
		if len(files) != 1 {
			t.Fatalf("object files: got %v, want one", files)
		}
		if err := os.Truncate(files[0], 12); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(t.Context(), "k"); err == nil || errors.Is(err, blobstore.ErrNotFound) {
			t.Errorf("Stat of damaged object: got %v, want a corruption error", err)
		}
		if _, _, err := s.Get(t.Context(), "k"); err == nil || errors.Is(err, blobstore.ErrNotFound) {
			t.Errorf("Get of damaged object: got %v, want a corruption error", err)
		}
	})

	t.Run("files are readable by the owner only", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := newLocal(t, dir).Put(t.Context(), "sealed/bid", strings.NewReader("secret"), 10, ""); err != nil {
			t.Fatalf("Put: %v", err)
		}
		for _, f := range objectFiles(t, dir) {
			fi, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got&0o077 != 0 {
				t.Errorf("%s mode: got %v, want no group or other access", f, got)
			}
		}
	})

	t.Run("abandoned uploads older than a day are removed on open", func(t *testing.T) {
		dir := t.TempDir()
		newLocal(t, dir)
		stale := filepath.Join(dir, "tmp", "put-stale")
		fresh := filepath.Join(dir, "tmp", "put-fresh")
		for _, f := range []string{stale, fresh} {
			if err := os.WriteFile(f, []byte("partial"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		old := time.Now().Add(-25 * time.Hour)
		if err := os.Chtimes(stale, old, old); err != nil {
			t.Fatal(err)
		}
		newLocal(t, dir)
		if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("stale upload: got %v, want it removed", err)
		}
		if _, err := os.Stat(fresh); err != nil {
			t.Errorf("fresh upload (may belong to another process): got %v, want it kept", err)
		}
	})

	t.Run("a start-up sweep removes what a crash left, and only our files", func(t *testing.T) {
		dir := t.TempDir()
		s := newLocal(t, dir)
		tmp := filepath.Join(dir, "tmp")
		crashed := filepath.Join(tmp, "put-crashed123")
		probe := filepath.Join(tmp, "ping-crashed456")
		foreign := filepath.Join(tmp, "operator-notes.txt")
		for _, f := range []string{crashed, probe, foreign} {
			if err := os.WriteFile(f, []byte("partial"), 0o600); err != nil {
				t.Fatal(err)
			}
			// Written seconds before the restart: far younger than the day NewLocal waits.
			ago := time.Now().Add(-5 * time.Second)
			if err := os.Chtimes(f, ago, ago); err != nil {
				t.Fatal(err)
			}
		}
		start := time.Now()
		live := filepath.Join(tmp, "put-after-start")
		if err := os.WriteFile(live, []byte("in progress"), 0o600); err != nil {
			t.Fatal(err)
		}
		later := start.Add(time.Second)
		if err := os.Chtimes(live, later, later); err != nil {
			t.Fatal(err)
		}
		n, err := s.SweepTemp(start)
		if err != nil || n != 2 {
			t.Fatalf("SweepTemp = %d, %v; want 2 removed", n, err)
		}
		for _, f := range []string{crashed, probe} {
			if _, err := os.Stat(f); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: got %v, want it removed", filepath.Base(f), err)
			}
		}
		for _, f := range []string{foreign, live} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s: got %v, want it kept", filepath.Base(f), err)
			}
		}
	})

	t.Run("ping fails when the directory is gone", func(t *testing.T) {
		dir := t.TempDir()
		s := newLocal(t, dir)
		if err := s.Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := s.Ping(t.Context()); err == nil {
			t.Error("Ping after removing the directory: got nil, want an error")
		}
	})

	t.Run("a directory that is a file is refused", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := blobstore.NewLocal(f); err == nil {
			t.Error("NewLocal on a file: got nil error, want one")
		}
	})
}

func objectFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "objects"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func BenchmarkLocalPut16MiB(b *testing.B) {
	const size = 16 << 20
	s := newLocal(b, b.TempDir())
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Put(b.Context(), "bench/object", blobstoretest.NewGenerated(1, size), size, ""); err != nil {
			b.Fatal(err)
		}
	}
}
