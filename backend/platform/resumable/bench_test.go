package resumable_test

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/fairtender/fairtender/backend/platform/sealing"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

const benchSize = 100 << 20

// benchStore is MinIO when the services' env is set, local disk otherwise.
func benchStore(b *testing.B) (blobstore.Store, string) {
	if os.Getenv("FAIRTENDER_TEST_S3_ENDPOINT") != "" {
		return newMinIO(b), "minio"
	}
	s, err := blobstore.NewLocal(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	return s, "local"
}

// fileBytes streams n pseudo-random bytes without holding them, so the measurement sees the
// server's memory, not the test's copy of the file.
func fileBytes(seed uint64, n int64) io.Reader {
	return io.LimitReader(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}), n)
}

// drainTarget completes an upload by reading it back whole (as bids will, to check and seal it),
// keeping nothing; with skipRead it does not read it, to time the receiving half alone.
type drainTarget struct {
	store    blobstore.Store
	skipRead bool
}

func (t drainTarget) Begin(context.Context, *auth.Principal, map[string]string, int64) (blobstore.Store, int64, error) {
	return t.store, 1 << 30, nil
}
func (t drainTarget) Reopen(context.Context, map[string]string) (blobstore.Store, error) {
	return t.store, nil
}
func (t drainTarget) Complete(_ context.Context, _ *auth.Principal, _ map[string]string, file io.Reader, size int64) (string, error) {
	if t.skipRead {
		return "doc", nil
	}
	n, err := io.Copy(io.Discard, file)
	if err == nil && n != size {
		err = fmt.Errorf("read back %d bytes, want %d", n, size)
	}
	return "doc", err
}

// sealedTarget is what bids does with an upload: parts sealed under a bid's key as they arrive,
// read back (decrypted) for Complete, and stored whole, sealed again, as the document.
type sealedTarget struct{ store blobstore.Store }

func (t sealedTarget) Begin(context.Context, *auth.Principal, map[string]string, int64) (blobstore.Store, int64, error) {
	return t.store, 1 << 30, nil
}
func (t sealedTarget) Reopen(context.Context, map[string]string) (blobstore.Store, error) {
	return t.store, nil
}
func (t sealedTarget) Complete(ctx context.Context, _ *auth.Principal, _ map[string]string, file io.Reader, size int64) (string, error) {
	info, err := t.store.Put(ctx, "bench/sealed-document", file, size, "application/octet-stream")
	if err == nil && info.Size != size {
		err = fmt.Errorf("stored %d bytes, want %d", info.Size, size)
	}
	return "doc", err
}

func benchDataKey(b *testing.B) *sealing.DataKey {
	key := make([]byte, sealing.KeySize)
	crand.Read(key)
	k, err := sealing.New(key)
	if err != nil {
		b.Fatal(err)
	}
	dk, _, err := k.NewDataKey("bid:bench")
	if err != nil {
		b.Fatal(err)
	}
	return dk
}

// tusUpload sends one whole file by tus: creation, then one PATCH streaming all of it.
func tusUpload(tb testing.TB, c *client, seed uint64, size int64) {
	path := c.create(int(size))
	req, err := http.NewRequest(http.MethodPatch, c.base+path, bufio.NewReaderSize(fileBytes(seed, size), 64<<10))
	if err != nil {
		tb.Error(err)
		return
	}
	req.ContentLength = size
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Upload-Offset", "0")
	req.Header.Set("Content-Type", "application/offset+octet-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Error(err)
		return
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent || res.Header.Get(resumable.DocumentIDHeader) == "" {
		tb.Errorf("PATCH: got %d, want 204 with a document id", res.StatusCode)
	}
}

// BenchmarkUpload100MB compares a 100 MB file sent by tus through the handler (stored as parts,
// then read back whole for Complete) with a direct Put of the same bytes into the same store.
func BenchmarkUpload100MB(b *testing.B) {
	store, kind := benchStore(b)
	b.Run("direct-put-"+kind, func(b *testing.B) {
		b.SetBytes(benchSize)
		for i := range b.N {
			if _, err := store.Put(context.Background(), "bench/direct", fileBytes(uint64(i), benchSize), benchSize, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tus-sealed-"+kind, func(b *testing.B) {
		p := startPortalWith(b, dbtest.Open(b), sealedTarget{benchDataKey(b).Store(store)}, time.Now, resumable.Options{}, baseURL)
		c := p.as(b, "alice")
		b.SetBytes(benchSize)
		b.ResetTimer()
		for i := range b.N {
			tusUpload(b, c, uint64(i), benchSize)
		}
	})
	for _, skip := range []bool{false, true} {
		name := "tus-" + kind
		if skip {
			name += "-without-read-back"
		}
		b.Run(name, func(b *testing.B) {
			p := startPortalWith(b, dbtest.Open(b), drainTarget{store, skip}, time.Now, resumable.Options{}, baseURL)
			c := p.as(b, "alice")
			b.SetBytes(benchSize)
			b.ResetTimer()
			for i := range b.N {
				tusUpload(b, c, uint64(i), benchSize)
			}
		})
	}
}

// BenchmarkConcurrentUploadsRSS sends 20 files of 100 MB at once by tus and reports how far the
// process's resident memory rose above where it started (sampled every 20 ms).
func BenchmarkConcurrentUploadsRSS(b *testing.B) {
	store, _ := benchStore(b)
	p := startPortalWith(b, dbtest.Open(b), drainTarget{store: store}, time.Now, resumable.Options{}, baseURL)
	c := p.as(b, "alice")
	const uploads = 20
	for range b.N {
		growth, elapsed := testenv.ConcurrentRSS(b, uploads, func(i int) { tusUpload(b, c, uint64(i), benchSize) })
		b.ReportMetric(float64(growth)/(1<<20), "rss-growth-MB")
		b.ReportMetric(float64(uploads*benchSize)/(1<<20)/elapsed.Seconds(), "MB/s")
	}
}
