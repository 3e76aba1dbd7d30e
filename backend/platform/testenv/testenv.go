// Package testenv gives tests the real services that make test starts, and makes a missing service a
// failure in CI rather than a silent skip.
package testenv

import (
	"os"
	"os/exec"
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

// RequireProgram returns the path of the program name on PATH. When it is missing the test is
// skipped saying so, except under CI=true, where a missing tool is a failure like a missing service.
func RequireProgram(t testing.TB, name, why string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("waits for %s on PATH (%s): CI must provide it", name, why)
	}
	t.Skipf("waits for %s on PATH (%s)", name, why)
	return ""
}
