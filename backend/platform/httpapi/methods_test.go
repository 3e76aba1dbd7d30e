package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestHeadAnswersEveryGet(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := signedInSupplier(t, p)
	param := regexp.MustCompile(`\{[^}]+\}`)
	paths := []string{"/healthz", "/", "/sign-in"}
	for _, rt := range p.App.Server.Routes.All() {
		if rt.Method == http.MethodGet {
			paths = append(paths, param.ReplaceAllString(rt.Path, "00000000-0000-0000-0000-000000000000"))
		}
	}
	for _, path := range paths {
		get, head := c.Do("GET", path, nil), c.Do("HEAD", path, nil)
		if head.Status != get.Status {
			t.Errorf("HEAD %s: status %d, GET gives %d", path, head.Status, get.Status)
			continue
		}
		for _, h := range []string{"Content-Type", "Cache-Control", "Content-Security-Policy", "Content-Disposition", "ETag"} {
			if head.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("HEAD %s: %s = %q, GET gives %q", path, h, head.Header.Get(h), get.Header.Get(h))
			}
		}
		if len(head.Body) != 0 {
			t.Errorf("HEAD %s sent a body of %d bytes", path, len(head.Body))
		}
	}
	if r := c.Do("HEAD", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Errorf("HEAD /api/v1/me signed in: %d, want 200", r.Status)
	}
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	for _, tc := range []struct{ method, path, allow string }{
		{"POST", "/api/v1/site", "GET, HEAD"},
		{"DELETE", "/api/v1/alerts", "GET, HEAD, POST"},
		{"PATCH", "/api/v1/opportunities/00000000-0000-0000-0000-000000000000", "GET, HEAD, PUT"},
		{"GET", "/api/v1/auth/login", "POST"},
		{"POST", "/healthz", "GET, HEAD"},
		{"PUT", "/sign-in", "GET, HEAD"},
	} {
		r := c.Do(tc.method, tc.path, nil)
		if r.Status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d, want 405; body %.200s", tc.method, tc.path, r.Status, r.Body)
			continue
		}
		if got := r.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow = %q, want %q", tc.method, tc.path, got, tc.allow)
		}
		wantProblem(t, r.Header, r.Body, http.StatusMethodNotAllowed)
	}
	if r := c.Do("POST", "/api/v1/no-such-thing", nil); r.Status != http.StatusNotFound {
		t.Errorf("POST to an unknown API address: %d, want 404", r.Status)
	}
}

func TestSearchFilterErrorsNameTheQueryParameter(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	for query, want := range map[string]string{
		"cpv=nonsense":                        "query.cpv",
		"minValuePence=500&maxValuePence=100": "query.maxValuePence",
		"q=" + strings.Repeat("word ", 60):    "query.q",
	} {
		r := c.Do("GET", "/api/v1/opportunities?"+strings.ReplaceAll(query, " ", "+"), nil)
		if r.Status != http.StatusUnprocessableEntity || r.FieldErrors()[want] == "" {
			t.Errorf("?%.40s: status %d, want 422 naming %s; body %.300s", query, r.Status, want, r.Body)
		}
	}
}
