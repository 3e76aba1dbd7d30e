package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/frontend"
)

// send sends a request with the given headers, outside apptest.Client so that the test controls
// every header and sees transport errors.
func send(t *testing.T, method, url string, body io.Reader, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func wantStatus(t *testing.T, got int, want int, body []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("status = %d, want %d; body %s", got, want, body)
	}
}

func wantProblem(t *testing.T, h http.Header, body []byte, status int) {
	t.Helper()
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("body is not JSON: %v; %s", err, body)
	}
	if p.Status != status || p.Title == "" || p.Detail == "" {
		t.Errorf("problem = %+v, want status %d with a title and a detail", p, status)
	}
}

const metricsToken = "metrics-token-0123456789abcdef0123456789"

func TestPortalBasics(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_METRICS_TOKEN": metricsToken,
		"FAIRTENDER_COUNCIL_NAME": "Barking & Dagenham Council", "FAIRTENDER_PROCUREMENT_EMAIL": "tenders@lbbd.example.gov.uk"}})

	t.Run("security headers on every kind of answer", func(t *testing.T) {
		for _, path := range []string{"/api/v1/site", "/", "/sign-in", "/healthz", "/api/v1/nope", "/api/docs"} {
			resp, body := send(t, "GET", p.URL+path, nil, nil)
			h := resp.Header
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src '") || strings.Contains(csp, "default-src *") {
				t.Errorf("%s: Content-Security-Policy = %q, want a restrictive default-src and frame-ancestors 'none'", path, csp)
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options = %q, want nosniff", path, got)
			}
			if got := h.Get("Referrer-Policy"); got == "" || got == "unsafe-url" {
				t.Errorf("%s: Referrer-Policy = %q, want a restrictive policy", path, got)
			}
			if got := h.Get("Strict-Transport-Security"); got != "" {
				t.Errorf("%s: Strict-Transport-Security = %q over plain http, want none", path, got)
			}
			if resp.StatusCode >= 500 {
				t.Errorf("%s: status %d; body %s", path, resp.StatusCode, body)
			}
		}
	})

	t.Run("API answers are never cached", func(t *testing.T) {
		resp, _ := send(t, "GET", p.URL+"/api/v1/site", nil, nil)
		if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "no-store") {
			t.Errorf("Cache-Control = %q, want no-store", got)
		}
	})

	t.Run("every answer carries a request ID", func(t *testing.T) {
		a, _ := send(t, "GET", p.URL+"/api/v1/site", nil, nil)
		b, _ := send(t, "GET", p.URL+"/api/v1/site", nil, nil)
		ida, idb := a.Header.Get("X-Request-ID"), b.Header.Get("X-Request-ID")
		if ida == "" || ida == idb {
			t.Errorf("request IDs %q and %q, want two different non-empty IDs", ida, idb)
		}
	})

	t.Run("a request ID from the load balancer is kept", func(t *testing.T) {
		resp, _ := send(t, "GET", p.URL+"/api/v1/site", nil, map[string]string{"X-Request-ID": "lb-7f3a-0001"})
		if got := resp.Header.Get("X-Request-ID"); got != "lb-7f3a-0001" {
			t.Errorf("X-Request-ID = %q, want lb-7f3a-0001", got)
		}
		if !strings.Contains(p.Logs.String(), `"request_id":"lb-7f3a-0001"`) {
			t.Error("the request ID is not in the logs")
		}
	})

	t.Run("a malformed request ID is replaced", func(t *testing.T) {
		for _, bad := range []string{"two words", strings.Repeat("x", 65), "tab\there"} {
			resp, _ := send(t, "GET", p.URL+"/api/v1/site", nil, map[string]string{"X-Request-ID": bad})
			if got := resp.Header.Get("X-Request-ID"); got == "" || got == bad {
				t.Errorf("X-Request-ID %q came back as %q, want a fresh ID", bad, got)
			}
		}
	})

	t.Run("healthz", func(t *testing.T) {
		resp, body := send(t, "GET", p.URL+"/healthz", nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
	})

	t.Run("readyz reports every check", func(t *testing.T) {
		resp, body := send(t, "GET", p.URL+"/readyz", nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
		var got struct {
			Ready  bool
			Checks map[string]string
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("readyz body %s: %v", body, err)
		}
		for _, name := range []string{"database", "documents", "jobs"} {
			if got.Checks[name] != "ok" {
				t.Errorf("check %s = %q, want ok (body %s)", name, got.Checks[name], body)
			}
		}
		if !got.Ready {
			t.Errorf("ready = false, want true")
		}
	})

	t.Run("readyz fails while the document store is unusable, and recovers", func(t *testing.T) {
		docs := filepath.Join(p.DataDir, "documents")
		// Running as root, permissions stop nothing; taking the directory away does.
		if err := os.RemoveAll(docs); err != nil {
			t.Fatal(err)
		}
		resp, body := send(t, "GET", p.URL+"/readyz", nil, nil)
		wantStatus(t, resp.StatusCode, http.StatusServiceUnavailable, body)
		var got struct {
			Ready  bool
			Checks map[string]string
		}
		json.Unmarshal(body, &got)
		if got.Ready || got.Checks["documents"] == "ok" || got.Checks["database"] != "ok" {
			t.Errorf("readyz = %s, want only documents failing", body)
		}
		if strings.Contains(string(body), p.DataDir) {
			t.Errorf("readyz leaks a file path: %s", body)
		}
		if !strings.Contains(p.Logs.String(), "readiness check failed") {
			t.Error("the failure is not logged for the operator")
		}
		for _, d := range []string{"objects", "tmp"} {
			if err := os.MkdirAll(filepath.Join(docs, d), 0o700); err != nil {
				t.Fatal(err)
			}
		}
		resp, body = send(t, "GET", p.URL+"/readyz", nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
	})

	t.Run("metrics count requests by route, not by raw path", func(t *testing.T) {
		send(t, "GET", p.URL+"/api/v1/site", nil, nil)
		send(t, "GET", p.URL+"/api/v1/no-such-thing-9f8e7d", nil, nil)
		resp, body := send(t, "GET", p.URL+"/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken})
		wantStatus(t, resp.StatusCode, 200, body)
		text := string(body)
		if !strings.Contains(text, "fairtender_http_requests_total{") {
			t.Fatalf("metrics lack fairtender_http_requests_total:\n%.2000s", text)
		}
		if !strings.Contains(text, `route="/api/v1/site"`) {
			t.Errorf("metrics lack the /api/v1/site route")
		}
		if strings.Contains(text, "no-such-thing-9f8e7d") {
			t.Errorf("an unknown path became a metric label: anyone could grow the metrics without bound")
		}
	})

	t.Run("OpenAPI 3.1 document declares who may call each operation", func(t *testing.T) {
		resp, body := send(t, "GET", p.URL+"/api/v1/openapi.json", nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
		var doc struct {
			OpenAPI string                               `json:"openapi"`
			Paths   map[string]map[string]map[string]any `json:"paths"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("openapi.json: %v", err)
		}
		if !strings.HasPrefix(doc.OpenAPI, "3.1") {
			t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
		}
		ops := 0
		for path, item := range doc.Paths {
			for method, op := range item {
				switch method {
				case "get", "put", "post", "delete", "patch", "head", "options":
				default:
					continue
				}
				ops++
				if v, _ := op[httpapi.AccessExtension].(string); v == "" {
					t.Errorf("%s %s has no %s", strings.ToUpper(method), path, httpapi.AccessExtension)
				}
			}
		}
		if ops == 0 || doc.Paths["/api/v1/auth/login"] == nil {
			t.Errorf("the document lists %d operations and no sign-in; want the whole API", ops)
		}
	})

	t.Run("an unknown API address is a problem+json 404", func(t *testing.T) {
		for _, method := range []string{"GET", "POST"} {
			resp, body := send(t, method, p.URL+"/api/v1/nope", nil, nil)
			wantStatus(t, resp.StatusCode, 404, body)
			wantProblem(t, resp.Header, body, 404)
		}
	})

	t.Run("a page address gets the web app", func(t *testing.T) {
		resp, body := send(t, "GET", p.URL+"/sign-in", nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("Content-Type = %q, want text/html", ct)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-cache") {
			t.Errorf("Cache-Control = %q, want no-cache so a new release is picked up", cc)
		}
		index, err := fs.ReadFile(frontend.Dist, "dist/index.html")
		if err != nil {
			if !strings.Contains(string(body), "/api/docs") {
				t.Errorf("without a built frontend, want the minimal page linking to the API docs; got %s", body)
			}
			t.Skip("needs a frontend build (npm --prefix frontend run build; make test does it first): the minimal page is served")
		}
		// What a browser without JavaScript shows: the council's own name (escaped) and address.
		index = []byte(strings.NewReplacer("{{councilName}}", "Barking &amp; Dagenham Council",
			"{{procurementEmail}}", "tenders@lbbd.example.gov.uk").Replace(string(index)))
		if !bytes.Equal(body, index) || bytes.Contains(body, []byte("{{")) {
			t.Errorf("/sign-in did not return dist/index.html with the council's name and email in place: %s", body)
		}
		asset := firstAsset(t)
		if asset == "" {
			t.Skip("needs a frontend build with files under assets/")
		}
		resp, body = send(t, "GET", p.URL+"/"+asset, nil, nil)
		wantStatus(t, resp.StatusCode, 200, body)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control = %q, want immutable", asset, cc)
		}
		if _, err := fs.Stat(frontend.Dist, "dist/routes.json"); err != nil {
			t.Fatalf("the build has no routes.json (npm run build writes it): %v", err)
		}
		for _, page := range []string{"/opportunities/pipeline", "/dps/00000000-0000-0000-0000-000000000000/apply", "/buying/00000000-0000-0000-0000-000000000000/dates", "/unsubscribe/abc"} {
			if resp, _ := send(t, "GET", p.URL+page, nil, nil); resp.StatusCode != 200 {
				t.Errorf("page %s: status %d, want 200", page, resp.StatusCode)
			}
		}
		for _, page := range []string{"/no-such-page", "/opportunities/x/y", "/profile/nonsense"} {
			resp, body := send(t, "GET", p.URL+page, nil, nil)
			if resp.StatusCode != 404 || !bytes.Equal(body, index) {
				t.Errorf("unknown page %s: status %d, want 404 with index.html so the app shows Page not found", page, resp.StatusCode)
			}
		}
		resp, body = send(t, "GET", p.URL+"/favicon.ico", nil, nil)
		if want, _ := fs.ReadFile(frontend.Dist, "dist/assets/images/favicon.ico"); resp.StatusCode != 200 || !bytes.Equal(body, want) || len(want) == 0 {
			t.Errorf("/favicon.ico: status %d, %d bytes, want govuk-frontend's favicon", resp.StatusCode, len(body))
		}
		resp, body = send(t, "GET", p.URL+"/assets/missing-0000.js", nil, nil)
		if resp.StatusCode != 404 {
			t.Errorf("a missing asset got %d, want 404 (not index.html): %.100s", resp.StatusCode, body)
		}
	})

	t.Run("a body over 1 MiB is refused before it is read", func(t *testing.T) {
		head := fmt.Sprintf("POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", 1<<20+1)
		resp, body := rawRequest(t, p.URL, head, bytes.Repeat([]byte("a"), 1<<20+1))
		wantStatus(t, resp.StatusCode, http.StatusRequestEntityTooLarge, body)
		wantProblem(t, resp.Header, body, http.StatusRequestEntityTooLarge)
	})

	t.Run("a body without a length is refused, so nobody can stream an endless one", func(t *testing.T) {
		head := "POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
		n := 1<<20 + 1
		chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", n, bytes.Repeat([]byte("a"), n))
		resp, body := rawRequest(t, p.URL, head, []byte(chunked))
		wantStatus(t, resp.StatusCode, http.StatusLengthRequired, body)
		wantProblem(t, resp.Header, body, http.StatusLengthRequired)
	})
}

// rawRequest writes head, then body in the background, and reads the answer. The server answers
// an over-large body early and closes the connection, so a client still sending sees a broken
// pipe; http.Client reports that instead of the answer, which is why this test speaks HTTP itself.
func rawRequest(t *testing.T, baseURL, head string, body []byte) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(baseURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	if body != nil {
		go conn.Write(body) // fails once the server has answered and closed: that is expected
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// firstAsset returns the path of a file under dist/assets, or "".
func firstAsset(t *testing.T) string {
	t.Helper()
	var found string
	fs.WalkDir(frontend.Dist, "dist/assets", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && found == "" {
			found = strings.TrimPrefix(path, "dist/")
		}
		return nil
	})
	return found
}

func TestHSTSOnlyBehindHTTPS(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_BASE_URL": "https://tenders.example.gov.uk"}})
	for _, path := range []string{"/api/v1/site", "/"} {
		resp, _ := send(t, "GET", p.URL+path, nil, nil)
		if got := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=") {
			t.Errorf("%s: Strict-Transport-Security = %q, want max-age", path, got)
		}
	}
}

func TestRateLimit(t *testing.T) {
	p := apptest.Start(t, apptest.Options{RateLimits: []httpapi.RateLimit{{Path: "/api/v1/auth/password-reset", Max: 2, Window: time.Minute}}})
	c := p.Client(t)
	reset := map[string]any{"email": "someone@example.org"}
	for i := 1; i <= 2; i++ {
		if r := c.Do("POST", "/api/v1/auth/password-reset", reset); r.Status == http.StatusTooManyRequests || r.Status >= 500 {
			t.Fatalf("request %d: status %d, want it allowed; body %s", i, r.Status, r.Body)
		}
	}
	r := c.Do("POST", "/api/v1/auth/password-reset", reset)
	wantStatus(t, r.Status, http.StatusTooManyRequests, r.Body)
	wantProblem(t, r.Header, r.Body, http.StatusTooManyRequests)
	if ra := r.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q, want the seconds to wait", ra)
	}

	t.Run("another address is not held up", func(t *testing.T) {
		other := p.Client(t)
		other.IP = "198.51.100.20"
		if r := other.Do("POST", "/api/v1/auth/password-reset", reset); r.Status == http.StatusTooManyRequests {
			t.Errorf("status 429 for a different address")
		}
	})
	t.Run("a longer path starting the same is not counted", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": "nonsense", "password": "kettle orbit meadow 42"})
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("password-reset/confirm limited by the password-reset rule")
		}
	})
}
