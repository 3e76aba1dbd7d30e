package sealing_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/blobstore/blobstoretest"
	"github.com/fairtender/fairtender/backend/platform/sealing"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

func keyring(t testing.TB) *sealing.Keyring {
	t.Helper()
	key := make([]byte, sealing.KeySize)
	rand.Read(key)
	k, err := sealing.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDataKeysOpenOnlyWithTheirKeyAndPurpose(t *testing.T) {
	k := keyring(t)
	dk, wrapped, err := k.NewDataKey("bid:one")
	if err != nil {
		t.Fatal(err)
	}
	answer := []byte("We will pay the London Living Wage to every cleaner.")
	sealed, err := dk.Seal(answer)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte("London Living Wage")) {
		t.Fatal("the sealed answer contains its plaintext")
	}
	again, err := k.Unwrap("bid:one", wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := again.Open(sealed); err != nil || !bytes.Equal(got, answer) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := k.Unwrap("bid:two", wrapped); !errors.Is(err, sealing.ErrWrongKey) {
		t.Errorf("a data key copied to another bid opened: %v", err)
	}
	if _, err := keyring(t).Unwrap("bid:one", wrapped); !errors.Is(err, sealing.ErrWrongKey) {
		t.Errorf("another sealing key opened the data key: %v", err)
	}
	other, _, _ := k.NewDataKey("bid:two")
	if _, err := other.Open(sealed); !errors.Is(err, sealing.ErrWrongKey) {
		t.Errorf("another bid's data key opened the answer: %v", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := again.Open(sealed); !errors.Is(err, sealing.ErrWrongKey) {
		t.Errorf("an altered answer opened: %v", err)
	}
	if _, err := sealing.ParseKey("abc"); err == nil {
		t.Error("a short sealing key was accepted")
	}
}

func TestSealedStoreOnLocalDisk(t *testing.T) {
	dir := t.TempDir()
	inner, err := blobstore.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	testSealedStore(t, inner, func(t *testing.T) [][]byte {
		var raw [][]byte
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				raw = append(raw, b)
			}
			return nil
		})
		return raw
	})
}

func TestSealedStoreInMinIO(t *testing.T) {
	cfg := blobstore.S3Config{
		Endpoint:  testenv.Require(t, "FAIRTENDER_TEST_S3_ENDPOINT"),
		AccessKey: testenv.Require(t, "FAIRTENDER_TEST_S3_ACCESS_KEY"),
		SecretKey: testenv.Require(t, "FAIRTENDER_TEST_S3_SECRET_KEY"),
		Bucket:    "ft-seal-" + strings.ToLower(rand.Text()[:12]),
	}
	inner, err := blobstore.NewS3(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		raw.RemoveBucketWithOptions(t.Context(), cfg.Bucket, minio.RemoveBucketOptions{ForceDelete: true})
	})
	testSealedStore(t, inner, func(t *testing.T) [][]byte {
		var out [][]byte
		for o := range raw.ListObjects(t.Context(), cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
			if o.Err != nil {
				t.Fatal(o.Err)
			}
			obj, err := raw.GetObject(t.Context(), cfg.Bucket, o.Key, minio.GetObjectOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(obj)
			out = append(out, b)
		}
		return out
	})
}

// testSealedStore stores through the sealing store and reads what inner really holds through
// rawObjects.
func testSealedStore(t *testing.T, inner blobstore.Store, rawObjects func(t *testing.T) [][]byte) {
	k := keyring(t)
	dk, _, err := k.NewDataKey("bid:store")
	if err != nil {
		t.Fatal(err)
	}
	s := dk.Store(inner)
	ctx := t.Context()

	marker := []byte("CAMDEN-GREEN-CLEANING-METHOD-STATEMENT ")
	doc := append([]byte("%PDF-1.7\n"), bytes.Repeat(marker, 80000)...) // 3 MiB, many chunks
	sum := sha256.Sum256(doc)

	t.Run("a document passes the shared upload checks and lands sealed, quoting the plaintext's hash", func(t *testing.T) {
		acc, err := blobstore.Accept(ctx, s, "bids/b1/d1", blobstore.Policy{Types: []string{"application/pdf"}, TypesMessage: "PDF", MaxSize: 10 << 20},
			blobstore.Upload{Filename: "method.pdf", ContentType: "application/pdf", Body: bytes.NewReader(doc), Length: int64(len(doc))})
		if err != nil {
			t.Fatal(err)
		}
		if acc.Size != int64(len(doc)) || acc.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("accepted size %d sha %s, want %d %x", acc.Size, acc.SHA256, len(doc), sum)
		}
		for _, b := range rawObjects(t) {
			if bytes.Contains(b, marker[:20]) || bytes.Contains(b, []byte("%PDF")) {
				t.Fatal("the document store holds the document's plaintext")
			}
		}
		rc, _, err := s.Get(ctx, "bids/b1/d1")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		got, err := io.ReadAll(rc)
		if err != nil || !bytes.Equal(got, doc) {
			t.Fatalf("read back %d bytes (%v), want the %d uploaded", len(got), err, len(doc))
		}
		other, _, _ := k.NewDataKey("bid:other")
		if r, _, err := other.Store(inner).Get(ctx, "bids/b1/d1"); err == nil {
			r.Close()
			t.Error("another bid's key opened the document")
		}
	})
	t.Run("a file over the limit leaves nothing", func(t *testing.T) {
		_, err := s.Put(ctx, "bids/b1/big", blobstoretest.NewGenerated(1, 2<<20), 1<<20, "")
		if !errors.Is(err, blobstore.ErrTooLarge) {
			t.Fatalf("Put = %v, want ErrTooLarge", err)
		}
		if _, err := inner.Stat(ctx, "bids/b1/big"); !errors.Is(err, blobstore.ErrNotFound) {
			t.Errorf("an object over the limit was kept: %v", err)
		}
	})
	t.Run("a part put without a checksum is sealed and opens whole", func(t *testing.T) {
		part := bytes.Repeat(marker, 110000) // over 4 MiB: more than one of inner's reads
		info, err := s.Put(blobstore.WithHints(ctx, blobstore.Hints{NoChecksum: true}), "uploads/u1/1", bytes.NewReader(part), int64(len(part)), "")
		if err != nil {
			t.Fatal(err)
		}
		if info.Size != int64(len(part)) || info.SHA256 != "" {
			t.Errorf("Put = size %d SHA-256 %q, want %d and none", info.Size, info.SHA256, len(part))
		}
		for _, b := range rawObjects(t) {
			if bytes.Contains(b, marker[:20]) {
				t.Fatal("the document store holds the part's plaintext")
			}
		}
		rc, _, err := s.Get(ctx, "uploads/u1/1")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if got, err := io.ReadAll(rc); err != nil || !bytes.Equal(got, part) {
			t.Fatalf("read back %d bytes (%v), want the %d put", len(got), err, len(part))
		}
	})
	t.Run("a file of exactly the limit is kept", func(t *testing.T) {
		info, err := s.Put(ctx, "bids/b1/exact", blobstoretest.NewGenerated(2, 1<<20), 1<<20, "")
		if err != nil || info.Size != 1<<20 {
			t.Fatalf("Put = %+v, %v", info, err)
		}
	})
}
