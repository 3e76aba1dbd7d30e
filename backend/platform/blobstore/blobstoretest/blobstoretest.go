// Package blobstoretest is the contract every blobstore.Store must meet, as a test suite that each
// implementation runs against a real backend.
package blobstoretest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

const mib = 1 << 20

// Run runs the contract against stores made by newStore, which must return an empty store of its
// own each time it is called (a fresh directory, bucket or key prefix) and clean it up with t.
func Run(t *testing.T, newStore func(t *testing.T) blobstore.Store) {
	t.Run("put then get returns the same bytes, size and checksum", func(t *testing.T) {
		s := newStore(t)
		body := []byte("tender response, section 1\n")
		before := time.Now()
		info := mustPut(t, s, "bids/b1/response.txt", bytes.NewReader(body), 1*mib, "text/plain")
		want := blobstore.Info{Key: "bids/b1/response.txt", Size: int64(len(body)), SHA256: sum(body), ContentType: "text/plain"}
		checkInfo(t, "Put", info, want, before)

		rc, got, err := s.Get(t.Context(), "bids/b1/response.txt")
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		defer rc.Close()
		checkInfo(t, "Get", got, want, before)
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("reading body: %v", err)
		}
		if !bytes.Equal(data, body) {
			t.Errorf("body: got %q, want %q", data, body)
		}
	})

	t.Run("stat describes the stored object", func(t *testing.T) {
		s := newStore(t)
		body := bytes.Repeat([]byte("0123456789"), 10_000)
		before := time.Now()
		mustPut(t, s, "docs/spec.pdf", bytes.NewReader(body), 1*mib, "application/pdf")
		got, err := s.Stat(t.Context(), "docs/spec.pdf")
		if err != nil {
			t.Fatalf("Stat: %v", err)
		}
		checkInfo(t, "Stat", got, blobstore.Info{Key: "docs/spec.pdf", Size: int64(len(body)), SHA256: sum(body), ContentType: "application/pdf"}, before)
	})

	t.Run("an empty object round trips with the default content type", func(t *testing.T) {
		s := newStore(t)
		before := time.Now()
		mustPut(t, s, "empty", strings.NewReader(""), 0, "")
		checkStored(t, s, "empty", nil)
		got, err := s.Stat(t.Context(), "empty")
		if err != nil {
			t.Fatalf("Stat: %v", err)
		}
		checkInfo(t, "Stat", got, blobstore.Info{Key: "empty", Size: 0, SHA256: sum(nil), ContentType: "application/octet-stream"}, before)
	})

	t.Run("put replaces an existing object", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "k", strings.NewReader("old"), 10, "text/plain")
		mustPut(t, s, "k", strings.NewReader("newer"), 10, "text/csv")
		checkStored(t, s, "k", []byte("newer"))
		got, err := s.Stat(t.Context(), "k")
		if err != nil {
			t.Fatalf("Stat: %v", err)
		}
		if got.ContentType != "text/csv" {
			t.Errorf("ContentType: got %q, want %q", got.ContentType, "text/csv")
		}
	})

	t.Run("a key can name an object and be a prefix of others", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "a", strings.NewReader("parent"), 10, "")
		mustPut(t, s, "a/b", strings.NewReader("child"), 10, "")
		mustPut(t, s, "x/y", strings.NewReader("child first"), 20, "")
		mustPut(t, s, "x", strings.NewReader("parent second"), 20, "")
		checkStored(t, s, "a", []byte("parent"))
		checkStored(t, s, "a/b", []byte("child"))
		checkStored(t, s, "x/y", []byte("child first"))
		checkStored(t, s, "x", []byte("parent second"))
	})

	t.Run("missing key is ErrNotFound", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "present/one", strings.NewReader("x"), 1, "")
		for _, key := range []string{"absent", "present", "present/one/two", "present/on"} {
			if _, _, err := s.Get(t.Context(), key); !errors.Is(err, blobstore.ErrNotFound) {
				t.Errorf("Get(%q): got %v, want ErrNotFound", key, err)
			}
			if _, err := s.Stat(t.Context(), key); !errors.Is(err, blobstore.ErrNotFound) {
				t.Errorf("Stat(%q): got %v, want ErrNotFound", key, err)
			}
		}
	})

	t.Run("delete removes the object", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "d/k", strings.NewReader("x"), 1, "")
		if err := s.Delete(t.Context(), "d/k"); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		checkAbsent(t, s, "d/k")
		// The key can be used again.
		mustPut(t, s, "d/k", strings.NewReader("y"), 1, "")
		checkStored(t, s, "d/k", []byte("y"))
	})

	t.Run("deleting a missing key is not an error", func(t *testing.T) {
		s := newStore(t)
		if err := s.Delete(t.Context(), "never/stored"); err != nil {
			t.Errorf("Delete: got %v, want nil", err)
		}
	})

	t.Run("exactly maxSize bytes are accepted", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "k", strings.NewReader("12345"), 5, "")
		checkStored(t, s, "k", []byte("12345"))
	})

	t.Run("too large is refused and nothing is stored", func(t *testing.T) {
		s := newStore(t)
		_, err := s.Put(t.Context(), "k", strings.NewReader("123456"), 5, "")
		if !errors.Is(err, blobstore.ErrTooLarge) {
			t.Fatalf("Put: got %v, want ErrTooLarge", err)
		}
		checkAbsent(t, s, "k")
	})

	t.Run("too large leaves an existing object intact", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "k", strings.NewReader("old"), 5, "text/plain")
		_, err := s.Put(t.Context(), "k", strings.NewReader("123456"), 5, "")
		if !errors.Is(err, blobstore.ErrTooLarge) {
			t.Fatalf("Put: got %v, want ErrTooLarge", err)
		}
		checkStored(t, s, "k", []byte("old"))
	})

	t.Run("too large after several parts leaves an existing object intact", func(t *testing.T) {
		s := newStore(t)
		mustPut(t, s, "k", strings.NewReader("old"), 5, "text/plain")
		// Past the first 16 MiB, where an S3 store switches to a multipart upload.
		_, err := s.Put(t.Context(), "k", newGenerated(1, 20*mib), 17*mib, "")
		if !errors.Is(err, blobstore.ErrTooLarge) {
			t.Fatalf("Put: got %v, want ErrTooLarge", err)
		}
		checkStored(t, s, "k", []byte("old"))
		_, err = s.Put(t.Context(), "new", newGenerated(1, 20*mib), 17*mib, "")
		if !errors.Is(err, blobstore.ErrTooLarge) {
			t.Fatalf("Put: got %v, want ErrTooLarge", err)
		}
		checkAbsent(t, s, "new")
	})

	t.Run("a reader failing midway stores nothing", func(t *testing.T) {
		for _, size := range []int64{1000, 17 * mib} {
			t.Run(fmt.Sprintf("after %d bytes", size), func(t *testing.T) {
				s := newStore(t)
				mustPut(t, s, "existing", strings.NewReader("old"), 5, "")
				for _, key := range []string{"existing", "new"} {
					boom := errors.New("connection reset")
					r := io.MultiReader(newGenerated(2, size), &failingReader{err: boom})
					if _, err := s.Put(t.Context(), key, r, 64*mib, ""); !errors.Is(err, boom) {
						t.Fatalf("Put(%q): got %v, want %v", key, err, boom)
					}
				}
				checkStored(t, s, "existing", []byte("old"))
				checkAbsent(t, s, "new")
			})
		}
	})

	t.Run("a cancelled context stores nothing", func(t *testing.T) {
		for _, size := range []int64{1000, 17 * mib} {
			t.Run(fmt.Sprintf("after %d bytes", size), func(t *testing.T) {
				s := newStore(t)
				mustPut(t, s, "existing", strings.NewReader("old"), 5, "")
				for _, key := range []string{"existing", "new"} {
					ctx, cancel := context.WithCancel(t.Context())
					r := io.MultiReader(newGenerated(3, size), &cancellingReader{cancel: cancel, r: newGenerated(4, 1*mib)})
					_, err := s.Put(ctx, key, r, 64*mib, "")
					cancel()
					if !errors.Is(err, context.Canceled) {
						t.Fatalf("Put(%q): got %v, want context.Canceled", key, err)
					}
				}
				checkStored(t, s, "existing", []byte("old"))
				checkAbsent(t, s, "new")
			})
		}
	})

	t.Run("invalid keys are rejected", func(t *testing.T) {
		s := newStore(t)
		keys := []string{
			"", "/abs", "a//b", "a/", "/", ".", "..", "a/../b", "../a", "a/./b", "a/..",
			"with space", "a\\b", "ümlaut", "a:b", "a~b", "a,blob", "nul\x00", "a\nb",
			strings.Repeat("a", 251), strings.Repeat("a/", 512) + "a",
		}
		for _, key := range keys {
			if _, err := s.Put(t.Context(), key, strings.NewReader("x"), 1, ""); !errors.Is(err, blobstore.ErrInvalidKey) {
				t.Errorf("Put(%q): got %v, want ErrInvalidKey", key, err)
			}
			if _, _, err := s.Get(t.Context(), key); !errors.Is(err, blobstore.ErrInvalidKey) {
				t.Errorf("Get(%q): got %v, want ErrInvalidKey", key, err)
			}
			if _, err := s.Stat(t.Context(), key); !errors.Is(err, blobstore.ErrInvalidKey) {
				t.Errorf("Stat(%q): got %v, want ErrInvalidKey", key, err)
			}
			if err := s.Delete(t.Context(), key); !errors.Is(err, blobstore.ErrInvalidKey) {
				t.Errorf("Delete(%q): got %v, want ErrInvalidKey", key, err)
			}
		}
		// The limits themselves are fine.
		for _, key := range []string{strings.Repeat("a", 250), strings.Repeat("a/", 511) + "ab", "...", ".hidden", "A-Z_0.9"} {
			mustPut(t, s, key, strings.NewReader("x"), 1, "")
			checkStored(t, s, key, []byte("x"))
		}
	})

	t.Run("a 40 MiB streamed put lands with the right checksum", func(t *testing.T) {
		s := newStore(t)
		const size = 40*mib + 123
		h := sha256.New()
		if _, err := io.Copy(h, newGenerated(5, size)); err != nil {
			t.Fatal(err)
		}
		want := hex.EncodeToString(h.Sum(nil))
		before := time.Now()
		info := mustPut(t, s, "big/upload.bin", newGenerated(5, size), size, "application/zip")
		wantInfo := blobstore.Info{Key: "big/upload.bin", Size: size, SHA256: want, ContentType: "application/zip"}
		checkInfo(t, "Put", info, wantInfo, before)
		st, err := s.Stat(t.Context(), "big/upload.bin")
		if err != nil {
			t.Fatalf("Stat: %v", err)
		}
		checkInfo(t, "Stat", st, wantInfo, before)

		rc, _, err := s.Get(t.Context(), "big/upload.bin")
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		defer rc.Close()
		h.Reset()
		n, err := io.Copy(h, rc)
		if err != nil {
			t.Fatalf("reading body: %v", err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); n != size || got != want {
			t.Errorf("read back %d bytes with SHA-256 %s, want %d bytes with %s", n, got, int64(size), want)
		}
	})

	t.Run("concurrent puts to different keys all land", func(t *testing.T) {
		s := newStore(t)
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				_, errs[i] = s.Put(t.Context(), fmt.Sprintf("c/%d", i), newGenerated(uint64(100+i), int64(256<<10+i)), 1*mib, "")
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("Put %d: %v", i, err)
			}
		}
		for i := range n {
			want, _ := io.ReadAll(newGenerated(uint64(100+i), int64(256<<10+i)))
			checkStored(t, s, fmt.Sprintf("c/%d", i), want)
		}
	})

	t.Run("ping succeeds", func(t *testing.T) {
		s := newStore(t)
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping: %v", err)
		}
	})
}

func mustPut(t *testing.T, s blobstore.Store, key string, r io.Reader, maxSize int64, contentType string) blobstore.Info {
	t.Helper()
	info, err := s.Put(t.Context(), key, r, maxSize, contentType)
	if err != nil {
		t.Fatalf("Put(%q): %v", key, err)
	}
	return info
}

// checkInfo compares everything but Modified exactly; Modified must be near the time of the Put,
// allowing for a store that keeps whole seconds or runs on another clock.
func checkInfo(t *testing.T, op string, got, want blobstore.Info, before time.Time) {
	t.Helper()
	modified := got.Modified
	got.Modified, want.Modified = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("%s info: got %+v, want %+v", op, got, want)
	}
	if modified.Before(before.Add(-time.Minute)) || modified.After(time.Now().Add(time.Minute)) {
		t.Errorf("%s Modified: got %v, want about %v", op, modified, before)
	}
}

// checkStored checks that key holds want, with matching size and checksum.
func checkStored(t *testing.T, s blobstore.Store, key string, want []byte) {
	t.Helper()
	rc, info, err := s.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("Get(%q): reading body: %v", key, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Get(%q): got %d bytes %.40q, want %d bytes %.40q", key, len(got), got, len(want), want)
	}
	if info.Size != int64(len(want)) || info.SHA256 != sum(want) {
		t.Errorf("Get(%q) info: got size %d SHA-256 %s, want %d %s", key, info.Size, info.SHA256, len(want), sum(want))
	}
}

func checkAbsent(t *testing.T, s blobstore.Store, key string) {
	t.Helper()
	if _, err := s.Stat(t.Context(), key); !errors.Is(err, blobstore.ErrNotFound) {
		t.Errorf("Stat(%q): got %v, want ErrNotFound", key, err)
	}
	if rc, _, err := s.Get(t.Context(), key); !errors.Is(err, blobstore.ErrNotFound) {
		if err == nil {
			rc.Close()
		}
		t.Errorf("Get(%q): got %v, want ErrNotFound", key, err)
	}
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// generated yields size pseudo-random bytes from seed without holding them, so big bodies cost no
// memory and can be produced twice to learn their checksum.
type generated struct {
	state     uint64
	remaining int64
	pending   [8]byte
	npending  int
}

func newGenerated(seed uint64, size int64) *generated {
	return &generated{state: seed, remaining: size}
}

// NewGenerated returns a reader of size deterministic pseudo-random bytes, for benchmarks and
// implementation-specific tests that need large bodies without holding them in memory.
func NewGenerated(seed uint64, size int64) io.Reader { return newGenerated(seed, size) }

func (g *generated) Read(p []byte) (int, error) {
	if g.remaining == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > g.remaining {
		p = p[:g.remaining]
	}
	n := copy(p, g.pending[8-g.npending:])
	g.npending -= n
	for ; n+8 <= len(p); n += 8 {
		binary.LittleEndian.PutUint64(p[n:], g.next())
	}
	if n < len(p) {
		binary.LittleEndian.PutUint64(g.pending[:], g.next())
		c := copy(p[n:], g.pending[:])
		g.npending = 8 - c
		n += c
	}
	g.remaining -= int64(n)
	return n, nil
}

// next is splitmix64: fast, and good enough that no two parts of a body look alike.
func (g *generated) next() uint64 {
	g.state += 0x9e3779b97f4a7c15
	z := g.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// failingReader fails as a dropped upload connection would.
type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

// cancellingReader cancels the Put's context on its first read and then keeps supplying data, so
// only the store's own attention to the context can stop the upload.
type cancellingReader struct {
	cancel context.CancelFunc
	r      io.Reader
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	c.cancel()
	return c.r.Read(p)
}
