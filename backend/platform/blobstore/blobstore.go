// Package blobstore stores documents (bids, opportunity attachments, evidence) as whole objects
// under slash-separated keys, on local disk for a single machine or in an S3-compatible store
// (MinIO) when the portal runs as several replicas.
//
// Both implementations stream: a body is never held whole in memory, its size is limited while it
// arrives, and its SHA-256 is computed on the way through so that a receipt can quote it. A Put is
// all or nothing: a failed or refused upload leaves neither a partial object nor a damaged old one.
package blobstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Info describes a stored object.
type Info struct {
	Key         string
	Size        int64
	SHA256      string // lowercase hex of the object's bytes
	ContentType string
	Modified    time.Time
}

// Sentinel errors, matched with errors.Is; returned errors wrap them with the key concerned.
var (
	// ErrNotFound means no object is stored under the key.
	ErrNotFound = errors.New("object not found")
	// ErrTooLarge means a Put was given more than its maxSize bytes; nothing was stored.
	ErrTooLarge = errors.New("object too large")
	// ErrInvalidKey means the key is not a relative path of [a-zA-Z0-9._-] segments.
	ErrInvalidKey = errors.New("invalid key")
)

// Store keeps objects under keys. Keys are slash-separated relative paths whose segments use only
// [a-zA-Z0-9._-], are neither "." nor "..", and are at most 250 bytes; a key is at most 1024 bytes.
// A key may name an object and also be a prefix of other keys ("a" and "a/b" may both exist).
type Store interface {
	// Put streams r into key. It stores the object whole or not at all: when r fails, ctx is
	// cancelled, or more than maxSize bytes arrive (ErrTooLarge), nothing is left under key (and an
	// existing object under key is untouched). An empty contentType is stored as
	// application/octet-stream.
	Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (Info, error)
	// Get opens the object under key for reading (ErrNotFound when there is none). The caller must
	// close the reader.
	Get(ctx context.Context, key string) (io.ReadCloser, Info, error)
	// Stat describes the object under key (ErrNotFound when there is none).
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes the object under key; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// Ping reports whether the store can be used, for /readyz.
	Ping(ctx context.Context) error
}

const (
	maxKeyLen     = 1024 // S3's limit on object names
	maxSegmentLen = 250  // file names are limited to 255 bytes, and Local adds a suffix
	maxContentLen = 255

	defaultContentType = "application/octet-stream"
)

// checkKey returns an error wrapping ErrInvalidKey unless key is a valid key.
func checkKey(key string) error {
	if err := validKey(key); err != nil {
		return fmt.Errorf("blobstore: %w %q: %s", ErrInvalidKey, key, err)
	}
	return nil
}

func validKey(key string) error {
	if key == "" {
		return errors.New("empty")
	}
	if len(key) > maxKeyLen {
		return fmt.Errorf("longer than %d bytes", maxKeyLen)
	}
	for seg := range strings.SplitSeq(key, "/") {
		switch {
		case seg == "":
			return errors.New("empty segment")
		case seg == "." || seg == "..":
			return fmt.Errorf("segment %q", seg)
		case len(seg) > maxSegmentLen:
			return fmt.Errorf("segment longer than %d bytes", maxSegmentLen)
		}
		for i := 0; i < len(seg); i++ {
			if !keyByte(seg[i]) {
				return fmt.Errorf("character %q not allowed", seg[i])
			}
		}
	}
	return nil
}

func keyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

// putArgs checks what every Put is given and returns the content type to store.
func putArgs(key string, maxSize int64, contentType string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	if maxSize < 0 {
		return "", fmt.Errorf("blobstore: unable to put %q: negative maxSize %d", key, maxSize)
	}
	if contentType == "" {
		return defaultContentType, nil
	}
	// The content type travels as an HTTP header (S3) and is served back to browsers: refuse
	// anything that could split a header rather than store it.
	if len(contentType) > maxContentLen {
		return "", fmt.Errorf("blobstore: unable to put %q: content type longer than %d bytes", key, maxContentLen)
	}
	for i := 0; i < len(contentType); i++ {
		if c := contentType[i]; c < 0x20 || c >= 0x7f {
			return "", fmt.Errorf("blobstore: unable to put %q: content type %q has a control or non-ASCII character", key, contentType)
		}
	}
	return contentType, nil
}

// bodyReader is what a Put reads from: it stops at cancellation and refuses a byte beyond maxSize.
// Both surface as read errors, so that whatever is consuming the body (a file copy, a multipart
// upload) fails and discards what it has. A Read blocked inside r is not interrupted by cancellation;
// the HTTP server's read timeout bounds that.
type bodyReader struct {
	ctx     context.Context
	r       io.Reader
	max     int64
	allowed int64 // bytes still allowed before the object is too large
}

func newBodyReader(ctx context.Context, r io.Reader, maxSize int64) *bodyReader {
	return &bodyReader{ctx: ctx, r: r, max: maxSize, allowed: maxSize}
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if b.allowed == 0 {
		// maxSize bytes have been read; the body is too large only if there is another byte.
		var one [1]byte
		n, err := b.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, b.max)
		}
		return 0, err
	}
	if int64(len(p)) > b.allowed {
		p = p[:b.allowed]
	}
	n, err := b.r.Read(p)
	b.allowed -= int64(n)
	return n, err
}
