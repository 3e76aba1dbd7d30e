// Package apptest starts the whole portal in-process for tests, on the database engine of this
// test run, exactly as `fairtender serve` does, and gives a browser-like client.
package apptest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Clock is a test clock that starts at the real time (or at Options.Start) and moves only
// forward: with real time, and by Advance. A frozen clock moves only by Advance, for tests whose
// answer depends on which 30-second step a moment falls in (two-step codes): on a busy machine a
// test can cross a step boundary between two requests.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	frozen *time.Time
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen != nil {
		return *c.frozen
	}
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	if c.frozen != nil {
		at := c.frozen.Add(d)
		c.frozen = &at
	}
	c.mu.Unlock()
}

// Freeze stops the clock where it is; from then on only Advance moves it.
func (c *Clock) Freeze() {
	c.mu.Lock()
	at := time.Now().Add(c.offset)
	c.frozen = &at
	c.mu.Unlock()
}

// Portal is a running portal.
type Portal struct {
	App     *app.App
	URL     string
	Clock   *Clock
	DataDir string
	Logs    *SafeBuffer
}

// Options adjust the portal.
type Options struct {
	// Env overrides settings (FAIRTENDER_*).
	Env map[string]string
	// RateLimits replaces the generous test limits.
	RateLimits []httpapi.RateLimit
	// Start, when set, is the portal clock's time at start, instead of the real time: a test
	// of a particular date (a bank holiday, a year end) says which, and keeps passing once
	// that date has gone by.
	Start time.Time
}

// Start runs a portal for the test and stops it when the test ends.
func Start(t testing.TB, opts Options) *Portal {
	t.Helper()
	_, dbURL := dbtest.OpenURL(t)
	dir := t.TempDir()
	env := map[string]string{
		"FAIRTENDER_DATA_DIR":         dir,
		"FAIRTENDER_DATABASE_URL":     dbURL,
		"FAIRTENDER_SECRET_KEY":       "test-secret-key-0123456789abcdef0123456789",
		"FAIRTENDER_CLIENT_IP_HEADER": "X-Forwarded-For",
		// Tests move the clock on by days with no heartbeat written in between, which is what
		// an outage looks like: deadlines would move. The outage tests turn this back on.
		"FAIRTENDER_OUTAGE_MINUTES": "0",
	}
	for k, v := range opts.Env {
		env[k] = v
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	if _, ok := env["FAIRTENDER_BASE_URL"]; !ok {
		env["FAIRTENDER_BASE_URL"] = base
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &SafeBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clock := &Clock{}
	if !opts.Start.IsZero() {
		clock.offset = time.Until(opts.Start)
	}
	limits := opts.RateLimits
	if limits == nil {
		limits = []httpapi.RateLimit{}
	}
	a, err := app.New(context.Background(), cfg, log, app.Options{Now: clock.Now, RateLimits: limits, JobPollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("portal stopped with error: %v", err)
		}
		a.Close()
	})
	return &Portal{App: a, URL: base, Clock: clock, DataDir: dir, Logs: logs}
}

// SafeBuffer is a bytes.Buffer safe for concurrent writes (the portal's logs).
type SafeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SafeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *SafeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Client is a browser-like client: it keeps cookies and echoes the CSRF cookie on unsafe requests.
type Client struct {
	t    testing.TB
	p    *Portal
	http *http.Client
	// IP is sent as X-Forwarded-For, so tests can act from different addresses.
	IP string
	// Bearer, when set, is sent as Authorization instead of relying on cookies.
	Bearer string
	// NoCSRF leaves out the CSRF header, as a forged cross-site request would.
	NoCSRF bool
	// Header holds extra request headers, such as If-Match.
	Header map[string]string
}

// Client returns a new browser with an empty cookie jar.
func (p *Portal) Client(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, p: p, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, IP: "192.0.2.10"}
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a map.
func (r *Response) JSON() map[string]any {
	var m map[string]any
	json.Unmarshal(r.Body, &m)
	return m
}

// FieldErrors maps each problem+json error location (e.g. "body.email") to its message.
func (r *Response) FieldErrors() map[string]string {
	var p struct {
		Errors []struct{ Message, Location string }
	}
	json.Unmarshal(r.Body, &p)
	out := map[string]string{}
	for _, e := range p.Errors {
		out[e.Location] = e.Message
	}
	return out
}

// DoRaw sends body as it is with the given content type, as a browser uploading a file does.
func (c *Client) DoRaw(method, path, contentType string, body []byte) *Response {
	c.t.Helper()
	saved := c.Header
	c.Header = map[string]string{"Content-Type": contentType}
	for k, v := range saved {
		c.Header[k] = v
	}
	defer func() { c.Header = saved }()
	return c.Do(method, path, rawBody(body))
}

type rawBody []byte

// Do sends a request; body may be nil, a string (sent as is) or a value (sent as JSON).
func (c *Client) Do(method, path string, body any) *Response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case rawBody:
		r = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.p.URL+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, raw := body.(rawBody); body != nil && !raw {
		req.Header.Set("Content-Type", "application/json")
	}
	c.prepare(req)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// prepare adds what the client sends with every request: its address, extra headers, the bearer
// token and the CSRF header.
func (c *Client) prepare(req *http.Request) {
	req.Header.Set("X-Forwarded-For", c.IP)
	for k, v := range c.Header {
		req.Header.Set(k, v)
	}
	if c.Bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.Bearer)
	}
	if !c.NoCSRF {
		u, _ := url.Parse(c.p.URL)
		for _, ck := range c.http.Jar.Cookies(u) {
			if ck.Name == httpapi.CSRFCookie {
				req.Header.Set(httpapi.CSRFHeader, ck.Value)
			}
		}
	}
}

// DoCut uploads body as DoRaw does, declaring its whole length, but over a raw TCP connection
// that sends only its first sent bytes and then closes its sending side, as a browser whose
// network drops half way through does. It returns the portal's answer, or nil when the portal
// closed the connection without one.
func (c *Client) DoCut(method, path, contentType string, body []byte, sent int) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.p.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Content-Length", strconv.Itoa(len(body)))
	c.prepare(req)
	for _, ck := range c.http.Jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	conn, err := net.DialTimeout("tcp", req.URL.Host, 5*time.Second)
	if err != nil {
		c.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	var head bytes.Buffer
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, req.URL.RequestURI(), req.URL.Host)
	req.Header.Write(&head)
	head.WriteString("\r\n")
	if _, err := conn.Write(head.Bytes()); err != nil {
		c.t.Fatal(err)
	}
	if _, err := conn.Write(body[:sent]); err != nil {
		c.t.Fatal(err)
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		c.t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// Cookie returns the value of a cookie the client holds for the API's auth path, or "".
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.p.URL + "/api/v1/auth/refresh")
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// SetCookie puts a cookie in the client's jar, as a thief replaying a stolen cookie would.
func (c *Client) SetCookie(name, value, path string) {
	u, _ := url.Parse(c.p.URL + path)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: path}})
}

// Email is one message from the outbox.
type Email struct {
	To, Subject, Raw string
}

var linkRE = regexp.MustCompile(`https?://[^\s"<>]+\?token=[A-Za-z0-9_\-]+`)

// Link returns the first one-time link in the email.
func (e Email) Link() string { return linkRE.FindString(e.Raw) }

// Token returns the token of the email's one-time link.
func (e Email) Token() string {
	u, err := url.Parse(e.Link())
	if err != nil {
		return ""
	}
	return u.Query().Get("token")
}

// Emails returns the outbox messages to an address, oldest first.
func (p *Portal) Emails(to string) []Email {
	files, _ := filepath.Glob(filepath.Join(p.DataDir, "outbox", "*.eml"))
	sort.Strings(files)
	var out []Email
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		raw := unfold(string(b))
		if !strings.Contains(strings.ToLower(headerOf(raw, "To")), strings.ToLower(to)) {
			continue
		}
		out = append(out, Email{To: to, Subject: headerOf(raw, "Subject"), Raw: raw})
	}
	return out
}

// WaitEmail waits for the nth (1-based) email to an address, sent by the job workers.
func (p *Portal) WaitEmail(t testing.TB, to string, n int) Email {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if es := p.Emails(to); len(es) >= n {
			return es[n-1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no email number %d to %s after 20s", n, to)
	return Email{}
}

// unfold undoes quoted-printable soft line breaks so links can be found whole.
func unfold(s string) string {
	s = strings.ReplaceAll(s, "=\r\n", "")
	s = strings.ReplaceAll(s, "=\n", "")
	return strings.ReplaceAll(s, "=3D", "=")
}

func headerOf(raw, name string) string {
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimRight(l, "\r")
		if l == "" {
			break
		}
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// For returns the same browser (cookies and all) reporting failures to t, for use in subtests.
func (c *Client) For(t testing.TB) *Client {
	c2 := *c
	c2.t = t
	return &c2
}

// TwoStepSecret is the authenticator secret (base32) that CreateStaff gives staff whose role must
// use two-step verification, so SignIn can compute their codes.
const TwoStepSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// TwoStepCode is the code an authenticator app holding secret shows at time at.
func TwoStepCode(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// CreateStaff creates a council officer as `fairtender admin create-user` does and, when their
// role must use two-step verification, turns it on with TwoStepSecret, as if they had set it up.
func (p *Portal) CreateStaff(t testing.TB, in accounts.CreateUserInput) accounts.User {
	t.Helper()
	ctx := context.Background()
	u, err := p.App.Accounts.CreateUser(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if required, err := p.App.Accounts.RoleRequiresTwoStep(ctx, auth.Role(in.Role)); err != nil {
		t.Fatal(err)
	} else if required {
		if err := p.App.Accounts.SetUpDemoTwoStep(ctx, in.Email, TwoStepSecret); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

// SignIn signs the client in with email and password and, when a code is asked for, a code from
// TwoStepSecret. When this person's code for this 30-second step was already used (two sign-ins
// in a row), the clock moves on to the next step first, as it would for a person.
func (c *Client) SignIn(email, password string) *Response {
	c.t.Helper()
	r := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password})
	if r.Status != http.StatusOK || r.JSON()["next"] != "two_step_code" {
		return r
	}
	for range 2 {
		r = c.Do("POST", "/api/v1/auth/two-step", map[string]any{"code": TwoStepCode(c.t, TwoStepSecret, c.p.Clock.Now())})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.FieldErrors()["body.code"], "already been used") {
			return r
		}
		c.p.Clock.Advance(30 * time.Second)
	}
	return r
}
