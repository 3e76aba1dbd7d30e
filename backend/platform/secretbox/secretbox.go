// Package secretbox encrypts small values at rest (bank details, one-time links waiting in the job
// queue) with AES-256-GCM under keys derived from FAIRTENDER_SECRET_KEY, one key per purpose, so a
// value sealed for one use cannot be opened as another.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// ErrOpen is returned when a sealed value was altered, truncated or sealed under another key.
var ErrOpen = errors.New("secretbox: unable to open sealed value")

// Box seals and opens values for one purpose.
type Box struct{ aead cipher.AEAD }

// DeriveKey derives a 32-byte key for purpose from the secret.
func DeriveKey(secret, purpose string) ([]byte, error) {
	k, err := hkdf.Key(sha256.New, []byte(secret), nil, "fairtender/"+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("secretbox: unable to derive key: %w", err)
	}
	return k, nil
}

// New returns a Box whose key is derived from secret for purpose.
func New(secret, purpose string) (*Box, error) {
	key, err := DeriveKey(secret, purpose)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext; the random nonce is prepended to the result.
func (b *Box) Seal(plaintext []byte) []byte {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plaintext)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("secretbox: no randomness: " + err.Error()) // crypto/rand never fails on supported platforms
	}
	return b.aead.Seal(nonce, nonce, plaintext, nil)
}

// Open decrypts a value made by Seal.
func (b *Box) Open(sealed []byte) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n+b.aead.Overhead() {
		return nil, ErrOpen
	}
	out, err := b.aead.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}
