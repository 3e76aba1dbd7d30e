package blobstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config says where an S3-compatible store is and how to sign in to it.
type S3Config struct {
	Endpoint  string // host:port, without a scheme
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string // may be empty for MinIO
	UseTLS    bool
}

// S3 stores objects in one bucket of an S3-compatible store (MinIO), for a portal running as
// several replicas.
//
// Put keeps the whole-or-nothing promise with S3's own guarantees: a PUT or a server-side copy
// replaces an object atomically, and an unfinished multipart upload is never visible. The SHA-256
// goes in user metadata (X-Amz-Meta-Sha256), which S3 takes when an upload starts; a body of up to
// 16 MiB is therefore read first and sent in one PUT with its checksum, while a longer one is
// uploaded in 16 MiB parts to a temporary key and then copied, server side, onto its key with the
// checksum now known. Temporary keys start with "tmp~/", which no valid key can, and are removed
// whether the Put succeeds or fails; only a crash mid-Put can leave one behind (a bucket lifecycle
// rule on that prefix removes them, as MinIO does unfinished multipart uploads after a day).
//
// A Put holds up to 32 MiB in memory: the first 16 MiB and minio-go's buffer for the part it sends.
type S3 struct {
	client *minio.Client
	core   minio.Core
	bucket string
}

const (
	// s3PartSize is the part size for bodies of unknown length: minio-go otherwise picks parts
	// large enough for a 5 TiB object and buffers about half a gibibyte per upload.
	s3PartSize   = 16 << 20
	s3TempPrefix = "tmp~/"
	s3MetaSHA256 = "Sha256" // sent and returned as X-Amz-Meta-Sha256
	s3CleanupMax = time.Minute
)

// NewS3 connects to the store and creates the bucket when missing.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("blobstore: unable to open S3 store: endpoint and bucket are required")
	}
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: cfg.UseTLS,
		Region: cfg.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("blobstore: unable to open S3 store %q: %w", cfg.Endpoint, err)
	}
	exists, err := client.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("blobstore: unable to check bucket %q: %w", cfg.Bucket, err)
	}
	if !exists {
		err := client.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: cfg.Region})
		// Another replica starting at the same time may have just created it.
		if err != nil && s3Code(err) != minio.BucketAlreadyOwnedByYou {
			return nil, fmt.Errorf("blobstore: unable to create bucket %q: %w", cfg.Bucket, err)
		}
	}
	return &S3{client: client, core: minio.Core{Client: client}, bucket: cfg.Bucket}, nil
}

// s3Code returns the S3 error code of err, or "" when err is not an S3 error response.
func s3Code(err error) string {
	var resp minio.ErrorResponse
	if errors.As(err, &resp) {
		return resp.Code
	}
	return ""
}

// s3Error wraps err from operation op on key, translating a missing key into ErrNotFound.
func s3Error(op, key string, err error) error {
	if s3Code(err) == minio.NoSuchKey {
		return fmt.Errorf("blobstore: unable to %s %q: %w", op, key, ErrNotFound)
	}
	return fmt.Errorf("blobstore: unable to %s %q: %w", op, key, err)
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (Info, error) {
	contentType, err := putArgs(key, maxSize, contentType)
	if err != nil {
		return Info{}, err
	}
	hints := HintsFrom(ctx)
	var h hash.Hash = sha256.New()
	var body io.Reader = newBodyReader(ctx, r, maxSize)
	if hints.NoChecksum {
		h = nil
	} else {
		body = io.TeeReader(body, h)
	}
	head, complete, err := readHead(body, s3PartSize)
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	defer head.release()

	var size int64
	if complete {
		size = head.Len()
		var meta map[string]string
		if h != nil {
			meta = map[string]string{s3MetaSHA256: hex.EncodeToString(h.Sum(nil))}
		}
		_, err = s.client.PutObject(ctx, s.bucket, key, head, size, minio.PutObjectOptions{
			ContentType:          contentType,
			UserMetadata:         meta,
			PartSize:             s3PartSize,
			DisableContentSha256: hints.SelfAuthenticating,
		})
		if err != nil {
			return Info{}, s3Error("put", key, err)
		}
	} else {
		size, err = s.putLarge(ctx, key, io.MultiReader(head, body), h, contentType, hints)
		if err != nil {
			return Info{}, err
		}
	}
	sum := ""
	if h != nil {
		sum = hex.EncodeToString(h.Sum(nil))
	}
	return Info{
		Key:         key,
		Size:        size,
		SHA256:      sum,
		ContentType: contentType,
		// S3 does not return the time of a PUT; the client's clock is within seconds of it.
		Modified: time.Now().UTC(),
	}, nil
}

// putLarge uploads body to a temporary key in parts, then copies it onto key with its checksum.
// h is fed by body, so it holds the object's checksum once body is drained; it is nil when the
// caller wants none.
func (s *S3) putLarge(ctx context.Context, key string, body io.Reader, h hash.Hash, contentType string, hints Hints) (int64, error) {
	tmp := s3TempPrefix + rand.Text()
	defer s.discard(ctx, tmp)

	up, err := s.client.PutObject(ctx, s.bucket, tmp, body, -1, minio.PutObjectOptions{
		ContentType:          contentType,
		PartSize:             s3PartSize,
		DisableContentSha256: hints.SelfAuthenticating,
	})
	if err != nil {
		return 0, s3Error("put", key, err)
	}
	// Cancelled as the last part went up: stop before the copy makes the object visible.
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("blobstore: unable to put %q: %w", key, err)
	}
	// ComposeObject copies server side, as one copy or as a multipart copy (UploadPartCopy, which
	// CopyObject's 5 GiB limit does not bind); either replaces key atomically. Its multipart path
	// ignores CopyDestOptions.ContentType, so the content type also goes in the metadata, which
	// both paths send as a standard header.
	meta := map[string]string{"Content-Type": contentType}
	if h != nil {
		meta[s3MetaSHA256] = hex.EncodeToString(h.Sum(nil))
	}
	_, err = s.client.ComposeObject(ctx,
		minio.CopyDestOptions{
			Bucket:          s.bucket,
			Object:          key,
			UserMetadata:    meta,
			ReplaceMetadata: true,
			ContentType:     contentType,
		},
		minio.CopySrcOptions{Bucket: s.bucket, Object: tmp, MatchETag: up.ETag},
	)
	if err != nil {
		return 0, s3Error("put", key, err)
	}
	return up.Size, nil
}

// discard removes the temporary object tmp and any unfinished upload to it. It runs even when the
// Put's ctx is cancelled, which is when it is most needed, so it gets its own deadline.
func (s *S3) discard(ctx context.Context, tmp string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s3CleanupMax)
	defer cancel()
	// minio-go aborts a failed multipart upload itself; this catches one whose abort failed.
	// Errors are dropped: the Put's outcome is already decided, and what remains is invisible
	// garbage under the temporary prefix.
	_ = s.client.RemoveIncompleteUpload(ctx, s.bucket, tmp)
	_ = s.client.RemoveObject(ctx, s.bucket, tmp, minio.RemoveObjectOptions{})
}

// headChunk is the unit a body's head is read into. Chunks are pooled: a process storing many
// parts of a few MiB each (resumable uploads) would otherwise allocate, clear and copy a
// growing buffer for every one, which cost more CPU than the upload's encryption.
const headChunk = 1 << 20

var headChunks = sync.Pool{New: func() any { b := make([]byte, headChunk); return &b }}

// head is the start of a body, held in pooled chunks; it reads and seeks as one byte slice (a
// seekable body lets minio-go retry a request).
type head struct {
	bufs []*[]byte
	size int64
	off  int64
}

// Len is the number of bytes held.
func (h *head) Len() int64 { return h.size }

func (h *head) Read(p []byte) (int, error) {
	if h.off >= h.size {
		return 0, io.EOF
	}
	at := h.off % headChunk
	end := min(headChunk, at+h.size-h.off)
	n := copy(p, (*h.bufs[h.off/headChunk])[at:end])
	h.off += int64(n)
	return n, nil
}

func (h *head) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += h.off
	case io.SeekEnd:
		offset += h.size
	}
	if offset < 0 {
		return 0, errors.New("blobstore: negative position")
	}
	h.off = offset
	return offset, nil
}

// release gives the chunks back to the pool; h is not to be used after.
func (h *head) release() {
	for _, b := range h.bufs {
		headChunks.Put(b)
	}
	h.bufs, h.size = nil, 0
}

// readHead reads r until EOF or until limit bytes, into chunks taken as data arrives so that a
// small body costs little memory. complete reports whether EOF was reached. The caller releases
// the head once it is sent.
func readHead(r io.Reader, limit int64) (h *head, complete bool, err error) {
	h = &head{}
	for h.size < limit {
		b := headChunks.Get().(*[]byte)
		h.bufs = append(h.bufs, b)
		n, err := io.ReadFull(r, (*b)[:min(headChunk, limit-h.size)])
		h.size += int64(n)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return h, true, nil
		}
		if err != nil {
			h.release()
			return nil, false, err
		}
	}
	return h, false, nil
}

func (s *S3) info(key string, oi minio.ObjectInfo) Info {
	return Info{
		Key:         key,
		Size:        oi.Size,
		SHA256:      strings.ToLower(oi.Metadata.Get("X-Amz-Meta-" + s3MetaSHA256)),
		ContentType: oi.ContentType,
		Modified:    oi.LastModified.UTC(),
	}
}

// Get implements Store. It makes one GET request, so the Info and the bytes come from the same
// version of the object even if a Put replaces it meanwhile. Info.SHA256 is empty for an object put
// with Hints.NoChecksum, or written by another tool without the checksum metadata.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	if err := checkKey(key); err != nil {
		return nil, Info{}, err
	}
	rc, oi, _, err := s.core.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, Info{}, s3Error("get", key, err)
	}
	return rc, s.info(key, oi), nil
}

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if err := checkKey(key); err != nil {
		return Info{}, err
	}
	oi, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s3Error("stat", key, err)
	}
	return s.info(key, oi), nil
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return s3Error("delete", key, err)
	}
	return nil
}

// Ping implements Store: the store is ready when the bucket can be reached.
func (s *S3) Ping(ctx context.Context) error {
	exists, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("blobstore: unable to reach bucket %q: %w", s.bucket, err)
	}
	if !exists {
		return fmt.Errorf("blobstore: bucket %q does not exist", s.bucket)
	}
	return nil
}
