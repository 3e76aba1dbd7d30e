// Package sealing keeps sealed bids unreadable at rest. Every bid has a data key of its own; the
// data keys are stored wrapped (AES-256-GCM) by the sealing key, FAIRTENDER_SEALING_KEY, which is
// kept apart from the session secret so that a leaked session key opens no bid. The database and
// the document store hold only ciphertext: a copy of either, without the sealing key, reveals the
// size of answers and files and nothing else.
//
// Content is encrypted with age (filippo.io/age): a data key is an X25519 identity, and age's
// STREAM construction encrypts and authenticates 64 KiB chunks, so a 100 MB document is sealed and
// opened as a stream, never held in memory, and a truncated or altered object fails to open
// instead of yielding part of a bid. age was chosen over hand-made chunked AES-GCM because the
// chunking, nonces and truncation checks are exactly what is easy to get wrong.
package sealing

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"filippo.io/age"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

// KeySize is the length of the sealing key in bytes.
const KeySize = 32

// ErrWrongKey means a wrapped data key or sealed value does not open with the key given: it was
// sealed under another sealing key, for another purpose, or it was altered.
var ErrWrongKey = errors.New("sealing: does not open with this key")

// Keyring wraps and unwraps data keys with the sealing key.
type Keyring struct{ aead cipher.AEAD }

// New returns a keyring for the 32-byte sealing key.
func New(key []byte) (*Keyring, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("sealing: the sealing key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keyring{aead: aead}, nil
}

// ParseKey reads the sealing key as FAIRTENDER_SEALING_KEY gives it: 64 hexadecimal digits.
func ParseKey(s string) ([]byte, error) {
	key, err := hex.DecodeString(s)
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("sealing: the key must be %d hexadecimal digits (openssl rand -hex %d)", 2*KeySize, KeySize)
	}
	return key, nil
}

// DataKey seals one bid's answers and documents.
type DataKey struct {
	id        *age.X25519Identity
	recipient *age.X25519Recipient
}

// NewDataKey makes a data key for purpose (for example "bid:<id>") and returns it with its wrapped
// form, which is what the caller stores. The purpose is bound into the wrapping, so a wrapped key
// copied onto another bid's row does not open.
func (k *Keyring) NewDataKey(purpose string) (*DataKey, []byte, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, nil, fmt.Errorf("sealing: unable to make a data key: %w", err)
	}
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, nil, fmt.Errorf("sealing: unable to make a nonce: %w", err)
	}
	wrapped := k.aead.Seal(nonce, nonce, []byte(id.String()), []byte(purpose))
	return &DataKey{id: id, recipient: id.Recipient()}, wrapped, nil
}

// Unwrap opens a wrapped data key made by NewDataKey for the same purpose (ErrWrongKey otherwise).
func (k *Keyring) Unwrap(purpose string, wrapped []byte) (*DataKey, error) {
	n := k.aead.NonceSize()
	if len(wrapped) < n {
		return nil, ErrWrongKey
	}
	plain, err := k.aead.Open(nil, wrapped[:n], wrapped[n:], []byte(purpose))
	if err != nil {
		return nil, ErrWrongKey
	}
	id, err := age.ParseX25519Identity(string(plain))
	if err != nil {
		return nil, ErrWrongKey
	}
	return &DataKey{id: id, recipient: id.Recipient()}, nil
}

// Seal encrypts a small value (an answer) under the data key.
func (d *DataKey) Seal(plaintext []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := d.Encrypt(&buf)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plaintext); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Open decrypts a value sealed by Seal (ErrWrongKey when it was sealed under another key or altered).
func (d *DataKey) Open(sealed []byte) ([]byte, error) {
	r, err := d.Decrypt(bytes.NewReader(sealed))
	if err != nil {
		return nil, err
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return nil, ErrWrongKey
	}
	return plain, nil
}

// Encrypt returns a writer that encrypts into dst; Close must be called to seal the last chunk.
func (d *DataKey) Encrypt(dst io.Writer) (io.WriteCloser, error) {
	w, err := age.Encrypt(dst, d.recipient)
	if err != nil {
		return nil, fmt.Errorf("sealing: unable to encrypt: %w", err)
	}
	return w, nil
}

// Decrypt returns a reader of src's plaintext. A src that was altered or cut short makes the
// reader fail (wrapping ErrWrongKey) at the damaged chunk: callers that must not act on part of a
// file read it whole (and check its hash) before using it.
func (d *DataKey) Decrypt(src io.Reader) (io.Reader, error) {
	r, err := age.Decrypt(src, d.id)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWrongKey, err)
	}
	return &openReader{r: r}, nil
}

type openReader struct{ r io.Reader }

func (o *openReader) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("%w: %v", ErrWrongKey, err)
	}
	return n, err
}

// Store returns inner seen through the data key: what is Put is encrypted on its way into inner,
// and what is got is decrypted on its way out. Put's Info gives the plaintext's size and SHA-256
// (what a receipt quotes; no SHA-256 under blobstore.Hints.NoChecksum); Get and Stat cannot know them without reading the whole object, so
// their Info has Size -1 and no SHA256, and callers keep Put's figures. The key scheme and
// atomicity are inner's.
func (d *DataKey) Store(inner blobstore.Store) blobstore.Store {
	return &store{inner: inner, key: d}
}

type store struct {
	inner blobstore.Store
	key   *DataKey
}

// overhead bounds what age adds to n bytes: a header (one X25519 stanza, well under 1 KiB), a
// 16-byte nonce and a 16-byte tag per 64 KiB chunk.
func overhead(n int64) int64 { return 1024 + 16 + 16*(n/(64<<10)+2) }

func (s *store) Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (blobstore.Info, error) {
	if maxSize < 0 {
		return blobstore.Info{}, fmt.Errorf("sealing: unable to put %q: negative maxSize %d", key, maxSize)
	}
	hints := blobstore.HintsFrom(ctx)
	plain := &measured{r: r, max: maxSize}
	if !hints.NoChecksum {
		plain.h = sha256.New()
	}
	enc, err := age.EncryptReader(plain, s.key.recipient)
	if err != nil {
		return blobstore.Info{}, fmt.Errorf("sealing: unable to encrypt %q: %w", key, err)
	}
	// The ciphertext's own checksum is never given out (Get and Stat say nothing of it), and
	// age's tags already catch a changed byte: inner need neither work one out nor sign it.
	inner := blobstore.WithHints(ctx, blobstore.Hints{NoChecksum: true, SelfAuthenticating: true})
	info, err := s.inner.Put(inner, key, enc, maxSize+overhead(maxSize), contentType)
	if plain.over {
		// inner saw a read error and kept nothing; say why in the store's own terms.
		return blobstore.Info{}, fmt.Errorf("sealing: %w: %q is over %d bytes", blobstore.ErrTooLarge, key, maxSize)
	}
	if err != nil {
		return blobstore.Info{}, err
	}
	info.Size, info.SHA256 = plain.n, ""
	if plain.h != nil {
		info.SHA256 = hex.EncodeToString(plain.h.Sum(nil))
	}
	return info, nil
}

// measured counts and hashes the plaintext as it passes (unless h is nil), and stops at max bytes.
type measured struct {
	r    io.Reader
	max  int64
	n    int64
	h    hash.Hash
	over bool
}

func (m *measured) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.n += int64(n)
	if m.h != nil {
		m.h.Write(p[:n])
	}
	if m.n > m.max {
		m.over = true
		return n, blobstore.ErrTooLarge
	}
	return n, err
}

func (s *store) Get(ctx context.Context, key string) (io.ReadCloser, blobstore.Info, error) {
	rc, info, err := s.inner.Get(ctx, key)
	if err != nil {
		return nil, blobstore.Info{}, err
	}
	r, err := s.key.Decrypt(rc)
	if err != nil {
		rc.Close()
		return nil, blobstore.Info{}, fmt.Errorf("sealing: unable to open %q: %w", key, err)
	}
	info.Size, info.SHA256 = -1, ""
	return struct {
		io.Reader
		io.Closer
	}{r, rc}, info, nil
}

func (s *store) Stat(ctx context.Context, key string) (blobstore.Info, error) {
	info, err := s.inner.Stat(ctx, key)
	if err != nil {
		return blobstore.Info{}, err
	}
	info.Size, info.SHA256 = -1, ""
	return info, nil
}

func (s *store) Delete(ctx context.Context, key string) error { return s.inner.Delete(ctx, key) }

func (s *store) Ping(ctx context.Context) error { return s.inner.Ping(ctx) }
