package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

// spellings returns other ways to write path that a lenient router would send to the same
// handler: a trailing slash, other letter cases, doubled slashes and percent-encoded letters.
func spellings(path string) []string {
	last := strings.LastIndexByte(path, '/')
	return []string{
		path + "/",
		strings.ToUpper(path),
		"/api/V1" + strings.TrimPrefix(path, "/api/v1"),
		path[:last] + strings.ToUpper(path[last:last+2]) + path[last+2:],
		"/" + path,
		strings.Replace(path, "/v1/", "/v1//", 1),
		path + "//",
		"/%61pi" + strings.TrimPrefix(path, "/api"),
		path[:last+1] + "%" + strings.ToUpper(hexByte(path[last+1])) + path[last+2:],
		path[:last] + "%2f" + path[last+1:],
	}
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func TestRateLimitsHoldForEverySpelling(t *testing.T) {
	limits := app.DefaultRateLimits()
	for i := range limits {
		limits[i].Max, limits[i].Window = 1, time.Hour
	}
	p := apptest.Start(t, apptest.Options{RateLimits: limits})
	for i, rl := range limits {
		t.Run(rl.Path, func(t *testing.T) {
			ip := map[string]string{"X-Forwarded-For": "203.0.113." + strconv.Itoa(i+1), "Content-Type": "application/json"}
			resp, body := send(t, "POST", p.URL+rl.Path, strings.NewReader(`{}`), ip)
			if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusNotFound {
				t.Fatalf("first request: status %d, want it to reach the operation; body %s", resp.StatusCode, body)
			}
			for _, v := range spellings(rl.Path) {
				resp, body := send(t, "POST", p.URL+v, strings.NewReader(`{}`), ip)
				if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusNotFound {
					t.Errorf("POST %s after the limit: status %d, want 429 or 404; body %.200s", v, resp.StatusCode, body)
				}
			}
		})
	}
}

func TestNoStoreForEverySpelling(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := signedInSupplier(t, p)
	for _, v := range append(spellings("/api/v1/me"), "/api/v1/me") {
		r := c.Do("GET", v, nil)
		if r.Status == http.StatusNotFound {
			continue
		}
		if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("GET %s: status %d with Cache-Control %q, want 404 or no-store; body %.200s", v, r.Status, cc, r.Body)
		}
		// A percent-encoded letter is the same address (RFC 3986); other spellings are not.
		if !strings.Contains(v, "%") && v != "/api/v1/me" && r.Status == http.StatusOK {
			t.Errorf("GET %s answered like /api/v1/me: %.200s", v, r.Body)
		}
	}
}

// signedInSupplier registers a verified supplier and returns a browser signed in as them.
func signedInSupplier(t *testing.T, p *apptest.Portal) *apptest.Client {
	t.Helper()
	const email, password = "owner@example.org", "orange kestrel ladder"
	if err := p.App.Accounts.CreateDemoSupplier(t.Context(), accounts.RegisterInput{OrganisationName: "Owner Ltd", LegalForm: "sole_trader", Name: "Owner", Email: email, Password: password}); err != nil {
		t.Fatal(err)
	}
	c := p.Client(t)
	if r := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password}); r.Status != http.StatusOK {
		t.Fatalf("sign in: %d %s", r.Status, r.Body)
	}
	return c
}
