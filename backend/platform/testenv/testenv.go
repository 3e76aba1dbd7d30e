// Package testenv gives tests the real services that make test starts, and makes a missing service a
// failure in CI rather than a silent skip.
package testenv

import (
	"os"
	"testing"
)

// Require returns the value of the environment variable name. When it is unset the test is skipped
// with the reason, except under CI=true, where a missing service is a failure.
func Require(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not set: CI must provide every service (deploy/local/services.sh)", name)
	}
	t.Skipf("%s not set: start services with deploy/local/services.sh", name)
	return ""
}
