package bids

import (
	"encoding/base64"
	"encoding/json"
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

// sealJSON seals v under b's key, as text for a text column. Receipts are kept this way: a
// receipt names the bid's files and hashes its answers, and the hash of a short answer (a
// pass/fail "yes", a round price) can be guessed by trying values, so a receipt is bid content.
func (s *Service) sealJSON(b bid, v any) (string, error) {
	dk, err := s.key(b)
	if err != nil {
		return "", err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	sealed, err := dk.Seal(raw)
	if err != nil {
		return "", fmt.Errorf("bids: unable to seal: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// openJSON opens what sealJSON sealed into v.
func (s *Service) openJSON(b bid, text string, v any) error {
	dk, err := s.key(b)
	if err != nil {
		return err
	}
	sealed, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return fmt.Errorf("bids: unable to read a sealed value: %w", err)
	}
	raw, err := dk.Open(sealed)
	if err != nil {
		return fmt.Errorf("bids: unable to open a sealed value: %w", err)
	}
	return json.Unmarshal(raw, v)
}
