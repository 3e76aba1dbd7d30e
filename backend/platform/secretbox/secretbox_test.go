package secretbox_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/secretbox"
)

func TestSealOpen(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	box, err := secretbox.New(secret, "bank-details")
	if err != nil {
		t.Fatal(err)
	}
	sealed := box.Seal([]byte("12345678"))
	if bytes.Contains(sealed, []byte("12345678")) {
		t.Fatal("sealed value contains the plaintext")
	}
	t.Run("round trip", func(t *testing.T) {
		got, err := box.Open(sealed)
		if err != nil || string(got) != "12345678" {
			t.Fatalf("Open = %q, %v; want 12345678", got, err)
		}
	})
	t.Run("another purpose cannot open it", func(t *testing.T) {
		other, _ := secretbox.New(secret, "email")
		if _, err := other.Open(sealed); !errors.Is(err, secretbox.ErrOpen) {
			t.Fatalf("err = %v, want ErrOpen", err)
		}
	})
	t.Run("tampering is detected", func(t *testing.T) {
		bad := bytes.Clone(sealed)
		bad[len(bad)-1] ^= 1
		if _, err := box.Open(bad); !errors.Is(err, secretbox.ErrOpen) {
			t.Fatalf("err = %v, want ErrOpen", err)
		}
		if _, err := box.Open(sealed[:5]); !errors.Is(err, secretbox.ErrOpen) {
			t.Fatalf("truncated: err = %v, want ErrOpen", err)
		}
	})
}
