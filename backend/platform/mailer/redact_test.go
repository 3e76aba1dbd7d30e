package mailer_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/mailer"
)

func TestRedactKeepsAddressesOutOfErrors(t *testing.T) {
	refusal := errors.New("550 5.1.1 <Dee.Supplier@example.org>: Recipient address rejected")
	err := mailer.Redact(fmt.Errorf("mailer: send: %w", refusal), "Dee.Supplier@example.org")
	if strings.Contains(err.Error(), "Dee.Supplier") {
		t.Errorf("error = %q, still names the address", err)
	}
	if want := mailer.AddressHash("Dee.Supplier@example.org"); !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want the address's hash %s so the log line can be found", err, want)
	}
	if !errors.Is(err, refusal) {
		t.Error("the redacted error no longer unwraps to the server's refusal")
	}
	if mailer.Redact(nil, "dee@example.org") != nil {
		t.Error("Redact(nil) is not nil: a sent email would look failed")
	}
}
