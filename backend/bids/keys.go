package bids

import (
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

// DataKey is one bid's key (platform/sealing's data key): it seals small values and wraps a
// document store so that what is stored is ciphertext and what is read back is plaintext.
type DataKey interface {
	Seal(plaintext []byte) ([]byte, error)
	Open(ciphertext []byte) ([]byte, error)
	// Store is st sealed under the key: Put reports the plaintext's size and SHA-256.
	Store(st blobstore.Store) blobstore.Store
}

// Keys makes and unwraps data keys under the sealing key (platform/sealing); label binds a
// wrapped key to the one bid it belongs to, so a key copied to another bid's row does not open.
type Keys interface {
	NewDataKey(label string) (DataKey, []byte, error)
	Unwrap(label string, wrapped []byte) (DataKey, error)
}

func keyLabel(bidID string) string { return "bid:" + bidID }

// key unwraps b's data key.
func (s *Service) key(b bid) (DataKey, error) {
	dk, err := s.keys.Unwrap(keyLabel(b.ID), b.WrappedKey)
	if err != nil {
		return nil, fmt.Errorf("bids: unable to unwrap the key of bid %s: %w", b.ID, err)
	}
	return dk, nil
}
