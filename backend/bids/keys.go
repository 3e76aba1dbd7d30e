package bids

import (
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/sealing"
)

// keyLabel binds a wrapped data key to the one bid it belongs to, so a key copied to another
// bid's row does not open.
func keyLabel(bidID string) string { return "bid:" + bidID }

// key unwraps b's data key.
func (s *Service) key(b bid) (*sealing.DataKey, error) {
	dk, err := s.keys.Unwrap(keyLabel(b.ID), b.WrappedKey)
	if err != nil {
		return nil, fmt.Errorf("bids: unable to unwrap the key of bid %s: %w", b.ID, err)
	}
	return dk, nil
}
