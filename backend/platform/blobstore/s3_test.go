package blobstore_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/blobstore/blobstoretest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

// s3Env is the MinIO that make test starts, reached both through the store and directly, to see
// what the store leaves in the bucket.
type s3Env struct {
	cfg blobstore.S3Config
	raw *minio.Client
}

func requireS3(t *testing.T) s3Env {
	t.Helper()
	cfg := blobstore.S3Config{
		Endpoint:  testenv.Require(t, "FAIRTENDER_TEST_S3_ENDPOINT"),
		AccessKey: testenv.Require(t, "FAIRTENDER_TEST_S3_ACCESS_KEY"),
		SecretKey: testenv.Require(t, "FAIRTENDER_TEST_S3_SECRET_KEY"),
	}
	raw, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		t.Fatalf("minio.New: %v", err)
	}
	return s3Env{cfg: cfg, raw: raw}
}

// newS3 opens a store on a bucket of its own, which NewS3 creates and the test removes.
func (e s3Env) newS3(t *testing.T) (*blobstore.S3, string) {
	t.Helper()
	cfg := e.cfg
	cfg.Bucket = "ft-test-" + strings.ToLower(rand.Text()[:16])
	s, err := blobstore.NewS3(t.Context(), cfg)
	if err != nil {
		t.Fatalf("NewS3: %v", err)
	}
	t.Cleanup(func() {
		ctx := context.WithoutCancel(t.Context())
		if err := e.raw.RemoveBucketWithOptions(ctx, cfg.Bucket, minio.RemoveBucketOptions{ForceDelete: true}); err != nil {
			t.Errorf("removing bucket %s: %v", cfg.Bucket, err)
		}
	})
	return s, cfg.Bucket
}

// checkNoLeftovers fails when a Put left a temporary object or an unfinished multipart upload.
func (e s3Env) checkNoLeftovers(t *testing.T, bucket string) {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	for obj := range e.raw.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: "tmp~/", Recursive: true}) {
		if obj.Err != nil {
			t.Fatalf("listing temporary objects: %v", obj.Err)
		}
		t.Errorf("temporary object left behind: %s", obj.Key)
	}
	for up := range e.raw.ListIncompleteUploads(ctx, bucket, "", true) {
		if up.Err != nil {
			t.Fatalf("listing unfinished uploads: %v", up.Err)
		}
		t.Errorf("unfinished multipart upload left behind: %s", up.Key)
	}
}

func TestS3Contract(t *testing.T) {
	env := requireS3(t)
	blobstoretest.Run(t, func(t *testing.T) blobstore.Store {
		s, bucket := env.newS3(t)
		// Registered after the bucket's removal, so it runs before it.
		t.Cleanup(func() { env.checkNoLeftovers(t, bucket) })
		return s
	})
}

// hinted is a store whose every Put is made with hints, so the contract can be run with them.
type hinted struct {
	blobstore.Store
	hints blobstore.Hints
}

func (h hinted) Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (blobstore.Info, error) {
	return h.Store.Put(blobstore.WithHints(ctx, h.hints), key, r, maxSize, contentType)
}

// An unsigned payload (what the sealing store asks for) keeps every promise of a Put: whole or
// nothing, limits, and the checksum in the metadata.
func TestS3ContractUnsignedPayload(t *testing.T) {
	env := requireS3(t)
	blobstoretest.Run(t, func(t *testing.T) blobstore.Store {
		s, bucket := env.newS3(t)
		t.Cleanup(func() { env.checkNoLeftovers(t, bucket) })
		return hinted{Store: s, hints: blobstore.Hints{SelfAuthenticating: true}}
	})
}

// sha256Of is the hex SHA-256 of what r reads.
func sha256Of(t *testing.T, r io.Reader) string {
	t.Helper()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		t.Fatalf("reading: %v", err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestS3(t *testing.T) {
	env := requireS3(t)

	t.Run("a Put without a checksum stores every byte and no checksum", func(t *testing.T) {
		s, bucket := env.newS3(t)
		ctx := blobstore.WithHints(t.Context(), blobstore.Hints{NoChecksum: true, SelfAuthenticating: true})
		for _, tc := range []struct {
			key  string
			size int64
		}{{"small", 1000}, {"multipart", 17 << 20}} {
			info, err := s.Put(ctx, tc.key, blobstoretest.NewGenerated(3, tc.size), tc.size, "application/pdf")
			if err != nil {
				t.Fatalf("Put(%q): %v", tc.key, err)
			}
			if info.SHA256 != "" || info.Size != tc.size {
				t.Errorf("Put(%q): got size %d SHA-256 %q, want %d and none", tc.key, info.Size, info.SHA256, tc.size)
			}
			rc, got, err := s.Get(t.Context(), tc.key)
			if err != nil {
				t.Fatalf("Get(%q): %v", tc.key, err)
			}
			sum := sha256Of(t, rc)
			rc.Close()
			if want := sha256Of(t, blobstoretest.NewGenerated(3, tc.size)); sum != want || got.SHA256 != "" || got.ContentType != "application/pdf" {
				t.Errorf("Get(%q): bytes %s (want %s), checksum %q (want none), type %q", tc.key, sum, want, got.SHA256, got.ContentType)
			}
		}
		env.checkNoLeftovers(t, bucket)
	})

	t.Run("unfinished uploads are visible to the leftover check", func(t *testing.T) {
		// Guards checkNoLeftovers: if the server did not list unfinished uploads by prefix, the
		// contract run would pass without having looked.
		_, bucket := env.newS3(t)
		core := minio.Core{Client: env.raw}
		id, err := core.NewMultipartUpload(t.Context(), bucket, "tmp~/probe", minio.PutObjectOptions{})
		if err != nil {
			t.Fatalf("NewMultipartUpload: %v", err)
		}
		defer core.AbortMultipartUpload(context.WithoutCancel(t.Context()), bucket, "tmp~/probe", id)
		found := false
		for up := range env.raw.ListIncompleteUploads(t.Context(), bucket, "", true) {
			if up.Err != nil {
				t.Fatalf("ListIncompleteUploads: %v", up.Err)
			}
			found = found || up.UploadID == id
		}
		if !found {
			t.Errorf("ListIncompleteUploads: upload %s not listed", id)
		}
	})

	t.Run("the checksum is stored as X-Amz-Meta-Sha256", func(t *testing.T) {
		s, bucket := env.newS3(t)
		for _, tc := range []struct {
			key  string
			size int64
		}{{"small", 1000}, {"multipart", 17 << 20}} {
			info, err := s.Put(t.Context(), tc.key, blobstoretest.NewGenerated(9, tc.size), tc.size, "application/pdf")
			if err != nil {
				t.Fatalf("Put(%q): %v", tc.key, err)
			}
			oi, err := env.raw.StatObject(t.Context(), bucket, tc.key, minio.StatObjectOptions{})
			if err != nil {
				t.Fatalf("StatObject(%q): %v", tc.key, err)
			}
			if got := oi.Metadata.Get("X-Amz-Meta-Sha256"); got != info.SHA256 {
				t.Errorf("%s X-Amz-Meta-Sha256: got %q, want %q", tc.key, got, info.SHA256)
			}
			if oi.ContentType != "application/pdf" || oi.Size != tc.size {
				t.Errorf("%s: got %d bytes of %q, want %d of application/pdf", tc.key, oi.Size, oi.ContentType, tc.size)
			}
		}
		env.checkNoLeftovers(t, bucket)
	})

	t.Run("opening an existing bucket leaves its objects", func(t *testing.T) {
		s, bucket := env.newS3(t)
		if _, err := s.Put(t.Context(), "k", strings.NewReader("kept"), 10, ""); err != nil {
			t.Fatalf("Put: %v", err)
		}
		cfg := env.cfg
		cfg.Bucket = bucket
		again, err := blobstore.NewS3(t.Context(), cfg)
		if err != nil {
			t.Fatalf("NewS3 on an existing bucket: %v", err)
		}
		if _, err := again.Stat(t.Context(), "k"); err != nil {
			t.Errorf("Stat through the second store: %v", err)
		}
	})

	t.Run("an object written without a checksum has an empty SHA256", func(t *testing.T) {
		s, bucket := env.newS3(t)
		if _, err := env.raw.PutObject(t.Context(), bucket, "foreign", strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
			t.Fatalf("PutObject: %v", err)
		}
		info, err := s.Stat(t.Context(), "foreign")
		if err != nil {
			t.Fatalf("Stat: %v", err)
		}
		if info.SHA256 != "" || info.Size != 1 {
			t.Errorf("Stat: got %+v, want size 1 and no checksum", info)
		}
	})

	t.Run("ping fails when the bucket is gone", func(t *testing.T) {
		s, bucket := env.newS3(t)
		if err := s.Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
		if err := env.raw.RemoveBucket(t.Context(), bucket); err != nil {
			t.Fatalf("RemoveBucket: %v", err)
		}
		if err := s.Ping(t.Context()); err == nil {
			t.Error("Ping without a bucket: got nil, want an error")
		}
		// Put it back for the cleanup.
		if err := env.raw.MakeBucket(context.WithoutCancel(t.Context()), bucket, minio.MakeBucketOptions{}); err != nil {
			t.Fatalf("MakeBucket: %v", err)
		}
	})
}

func TestNewS3Unreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, err := blobstore.NewS3(ctx, blobstore.S3Config{Endpoint: "127.0.0.1:1", Bucket: "unreachable"})
	if err == nil {
		t.Error("NewS3 with nothing listening: got nil, want an error")
	}
}
