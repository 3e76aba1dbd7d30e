// Package httpapi is the web layer: the Fiber app, the huma API with its OpenAPI document,
// sign-in resolution, CSRF, security headers, request IDs, logs, metrics, rate limits, health
// checks and the built frontend.
package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/swaggest/swgui/v5emb"
)

// Check is one readiness check, such as "database".
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
	// Detail, when set, is called instead of Fn; its value is shown under the check's name in
	// the answer's "details" (the audit chain's head, for monitors to write down).
	Detail func(ctx context.Context) (any, error)
}

// RateLimit allows Max requests per client address per Window on one path (POST only).
type RateLimit struct {
	Path   string
	Max    int
	Window time.Duration
}

// Options configure the server.
type Options struct {
	Log *slog.Logger
	// Signer checks access tokens; Resolve turns a valid token into the signed-in person (nil, nil
	// when the session was revoked or the user is gone).
	Signer  *auth.Signer
	Resolve func(ctx context.Context, userID, sessionID string) (*auth.Principal, error)
	// Secure marks cookies Secure and sends HSTS (the portal is served over https).
	Secure bool
	// ClientIPHeader is read for the client's address when set (behind a load balancer).
	ClientIPHeader string
	Ready          []Check
	RateLimits     []RateLimit
	// Frontend is the built web app (index.html at its root); nil serves a minimal page.
	Frontend fs.FS
	// PageValues are written into index.html in place of {{name}}, HTML-escaped: the words the
	// page needs before (or without) JavaScript, such as the council's name and how to reach it,
	// which differ by council while the built app does not.
	PageValues map[string]string
	// BaseURL is the portal's public address, the OpenAPI document's server.
	BaseURL string
	// Tags describe the groups of operations (an operation's Tags name them), for the OpenAPI
	// document.
	Tags []*huma.Tag
	// MetricsToken, when set, serves GET /metrics on this server to requests bearing it; when
	// empty, /metrics is not served here (Server.Metrics can be served on another address).
	MetricsToken string
	// Registry receives the HTTP metrics; nil uses a fresh registry.
	Registry *prometheus.Registry
	// UploadPrefixes are paths whose request bodies are documents, streamed by their handlers
	// with their own size limit; every other body must declare a length of at most MaxBodyBytes.
	UploadPrefixes []string
	// Watched picks the requests counted for the heartbeat (bid routes): how many were served
	// and how many failed with a 5xx, read with Tally.
	Watched func(path string) bool
}

// DocsPath is where the API reference (Swagger UI, embedded in the binary) is served, so that it
// works with no internet access and under a strict Content-Security-Policy.
const DocsPath = "/api/docs"

// MaxBodyBytes is the largest JSON request body accepted.
const MaxBodyBytes = 1 << 20

// Server holds the Fiber app and the huma API on it.
type Server struct {
	App    *fiber.App
	API    huma.API
	Routes *Routes
	// Metrics serves the Prometheus metrics, for a listener of their own (FAIRTENDER_METRICS_LISTEN).
	Metrics http.Handler
	log     *slog.Logger
	opts    Options
	// longParams caches, per operation, which query parameters are long text (checkText).
	longParams sync.Map
	// watched and watchedErrors count the Watched requests since the last Tally.
	watched, watchedErrors atomic.Int64
}

// Tally returns how many watched requests were answered, and how many with a 5xx, since the last
// call, and starts counting again.
func (s *Server) Tally() (requests, serverErrors int64) {
	return s.watched.Swap(0), s.watchedErrors.Swap(0)
}

// Ready runs the readiness checks, as /readyz does, and reports whether all pass.
func (s *Server) Ready(ctx context.Context) bool {
	ok, _, _ := s.ready(ctx)
	return ok
}

// Cookie names. ft_csrf is readable by the web app, which echoes it in X-CSRF-Token.
const (
	AccessCookie  = "ft_access"
	RefreshCookie = "ft_refresh"
	CSRFCookie    = "ft_csrf"
	CSRFHeader    = "X-CSRF-Token"
)

// New builds the server. Feature packages then add their operations with Register.
func New(opts Options) *Server {
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	app := fiber.New(fiber.Config{
		AppName:               "fairtender",
		DisableStartupMessage: true,
		// Request strings outlive handlers in logs and errors; copying them is cheaper than a
		// use-after-reuse bug (see DESIGN.md).
		Immutable: true,
		// Path parameters such as a postcode arrive percent-encoded ("N1%209GU").
		UnescapePath: true,
		// One spelling per address: /API/V1/AUTH/LOGIN or /api/v1/auth/login/ must not reach a
		// handler past the middleware keyed on the exact path (rate limits, no-store).
		CaseSensitive: true,
		StrictRouting: true,
		ReadTimeout:   30 * time.Second,
		WriteTimeout:  60 * time.Second,
		IdleTimeout:   60 * time.Second,
		// Bodies are streamed so that document uploads never sit whole in memory. fasthttp then
		// stops enforcing BodyLimit, so limitBodies does it (see DESIGN.md).
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    MaxBodyBytes,
		ErrorHandler:                 fiberError,
	})
	s := &Server{App: app, Routes: &Routes{}, log: opts.Log, opts: opts}
	m := newMetrics(opts.Registry)

	app.Use(headAsGet)
	app.Use(recover.New())
	app.Use(requestIDMiddleware)
	app.Use(s.logMiddleware(m))
	app.Use(securityHeaders(opts.Secure))
	app.Use(limitBodies(opts.UploadPrefixes))
	app.Use(compress.New(compress.Config{Level: compress.LevelDefault}))
	for _, rl := range opts.RateLimits {
		app.Use(rl.Path, limiter.New(limiter.Config{
			Max:          rl.Max,
			Expiration:   rl.Window,
			Next:         func(c *fiber.Ctx) bool { return c.Method() != fiber.MethodPost || c.Path() != rl.Path },
			KeyGenerator: s.clientIP,
			LimitReached: tooManyRequests,
		}))
	}

	app.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	app.Get("/readyz", s.readyz)
	if opts.MetricsToken != "" {
		app.Get("/metrics", bearer(opts.MetricsToken), adaptor.HTTPHandler(m.handler()))
	} else {
		app.All("/metrics", func(c *fiber.Ctx) error {
			return problem(c, http.StatusNotFound, "Metrics are not served on this address.")
		})
	}
	s.Metrics = m.handler()

	cfg := huma.DefaultConfig("Fairtender API", "1.0.0")
	cfg.Info.Description = "The API behind Find and win council work: a supplier portal for UK councils. " +
		"Errors are RFC 9457 problem+json; field errors name the field in `errors[].location` (for example `body.email`)."
	cfg.OpenAPIPath = "/api/v1/openapi"
	// huma's own reference page loads its viewer from a CDN; ours is served from the binary.
	cfg.DocsPath = ""
	cfg.SchemasPath = "/api/v1/schemas"
	cfg.CreateHooks = nil // no $schema links in every response body
	if opts.BaseURL != "" {
		cfg.Servers = []*huma.Server{{URL: opts.BaseURL, Description: "This portal"}}
	}
	cfg.Tags = opts.Tags
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"cookie": {Type: "apiKey", In: "cookie", Name: AccessCookie, Description: "Browser session; unsafe methods also need the X-CSRF-Token header."},
		"bearer": {Type: "http", Scheme: "bearer", BearerFormat: "JWT"},
	}
	docs := adaptor.HTTPHandler(v5emb.New("Fairtender API", cfg.OpenAPIPath+".json", DocsPath))
	app.Get(DocsPath, docs)
	app.Get(DocsPath+"/*", docs)
	s.API = humafiber.New(app, cfg)
	s.API.UseMiddleware(s.resolvePrincipal)
	return s
}

// Finish adds the frontend routes; call it after every API operation is registered so the
// fallback to index.html never hides an API route. A tag an operation names but Options.Tags
// does not describe is listed without a description (a test in httpapi fails on it).
func (s *Server) Finish() {
	listed := map[string]bool{}
	for _, t := range s.API.OpenAPI().Tags {
		listed[t.Name] = true
	}
	for _, r := range s.Routes.All() {
		for _, t := range r.Tags {
			if !listed[t] {
				listed[t] = true
				s.API.OpenAPI().Tags = append(s.API.OpenAPI().Tags, &huma.Tag{Name: t})
			}
		}
	}
	allowed := allowedMethods(s.Routes.All())
	s.App.All("/api/*", func(c *fiber.Ctx) error {
		if allow := allowed(c.Path()); allow != "" {
			c.Set(fiber.HeaderAllow, allow)
			return problem(c, http.StatusMethodNotAllowed, "This address does not take "+c.Method()+" requests. It takes "+allow+".")
		}
		return problem(c, http.StatusNotFound, "There is no such API address. See /api/docs.")
	})
	s.App.Use(frontendHandler(s.opts.Frontend, s.opts.PageValues))
}

// headAsGet answers HEAD on every GET address, API operations included (huma registers GET
// only): the request is routed as a GET, and fasthttp, which still sees a HEAD request, sends
// the headers without the body. It must be the first handler, because routing starts again.
func headAsGet(c *fiber.Ctx) error {
	if c.Method() != fiber.MethodHead {
		return c.Next()
	}
	c.Method(fiber.MethodGet)
	defer c.Method(fiber.MethodHead)
	return c.RestartRouting()
}

// allowedMethods returns a function giving the Allow header for an API path: the methods of the
// operations whose pattern matches it ("" when none does, which is a 404).
func allowedMethods(routes []Route) func(path string) string {
	param := regexp.MustCompile(`\{[^}]+\}`)
	type pattern struct {
		segments []string
		method   string
	}
	patterns := make([]pattern, 0, len(routes))
	for _, r := range routes {
		patterns = append(patterns, pattern{strings.Split(param.ReplaceAllString(r.Path, ":p"), "/"), r.Method})
	}
	return func(path string) string {
		segs := strings.Split(path, "/")
		set := map[string]bool{}
		for _, p := range patterns {
			if matchSegments(p.segments, segs) {
				set[p.method] = true
				if p.method == http.MethodGet {
					set[http.MethodHead] = true
				}
			}
		}
		methods := make([]string, 0, len(set))
		for m := range set {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		return strings.Join(methods, ", ")
	}
}

// bearer lets through only requests with Authorization: Bearer token, compared in constant time.
func bearer(token string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		got, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="metrics"`)
			return problem(c, http.StatusUnauthorized, "Send the metrics token as Authorization: Bearer.")
		}
		return c.Next()
	}
}

// Shutdown drains requests in flight, then stops.
func (s *Server) Shutdown(ctx context.Context) error { return s.App.ShutdownWithContext(ctx) }

func (s *Server) readyz(c *fiber.Ctx) error {
	ok, status, details := s.ready(c.UserContext())
	if !ok {
		c.Status(http.StatusServiceUnavailable)
	}
	return c.JSON(fiber.Map{"ready": ok, "checks": status, "details": details})
}

func (s *Server) ready(ctx context.Context) (bool, fiber.Map, fiber.Map) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	status, details := fiber.Map{}, fiber.Map{}
	ok := true
	for _, ch := range s.opts.Ready {
		var err error
		if ch.Detail != nil {
			var d any
			if d, err = ch.Detail(ctx); err == nil {
				details[ch.Name] = d
			}
		} else {
			err = ch.Fn(ctx)
		}
		if err != nil {
			ok = false
			status[ch.Name] = "failing"
			s.log.Warn("readiness check failed", "check", ch.Name, "error", err.Error())
		} else {
			status[ch.Name] = "ok"
		}
	}
	return ok, status, details
}

// resolvePrincipal reads the access token from the Authorization header or the session cookie and
// puts the signed-in person in the context. A cookie-authenticated unsafe request must carry the
// CSRF token (double submit).
func (s *Server) resolvePrincipal(ctx huma.Context, next func(huma.Context)) {
	fc := humafiber.Unwrap(ctx)
	c, status, msg := s.signIn(ctx.Context(), fc)
	if status != 0 {
		huma.WriteErr(s.API, ctx, status, msg)
		return
	}
	next(huma.WithContext(ctx, c))
}

// signIn reads the access token from the Authorization header or the session cookie and returns
// ctx carrying the signed-in person (none when the token is missing, invalid or revoked), the
// client's address for the audit, and the Fiber request. A cookie-authenticated unsafe request
// must carry the CSRF token (double submit). When the request must be refused it returns the
// status and the message to answer with.
func (s *Server) signIn(ctx context.Context, fc *fiber.Ctx) (context.Context, int, string) {
	ctx = audit.WithUserAgent(audit.WithClientIP(ctx, s.clientIP(fc)), fc.Get(fiber.HeaderUserAgent))
	ctx = context.WithValue(ctx, fiberCtxKey{}, fc)
	token, viaCookie := "", false
	if h := fc.Get(fiber.HeaderAuthorization); strings.HasPrefix(h, "Bearer ") {
		token = strings.TrimPrefix(h, "Bearer ")
	} else {
		token = fc.Cookies(AccessCookie)
		viaCookie = token != ""
		// Any request riding on the browser's session cookies (including refresh and sign-out,
		// which carry only the refresh cookie) must prove it came from our own pages. The method
		// is the one on the wire: headAsGet routes HEAD as GET.
		usesSession := viaCookie || fc.Cookies(RefreshCookie) != ""
		if usesSession && unsafe(string(fc.Request().Header.Method())) && !csrfOK(fc) {
			return nil, http.StatusForbidden, "Your session could not be checked. Reload the page and try again."
		}
	}
	if token != "" {
		if claims, err := s.opts.Signer.Parse(token); err == nil {
			p, err := s.opts.Resolve(ctx, claims.Subject, claims.SessionID)
			if err != nil {
				s.log.Error("unable to resolve session", "error", err.Error(), "request_id", RequestID(ctx))
				return nil, http.StatusServiceUnavailable, "Sorry, the service is unavailable. Try again in a few minutes."
			}
			if p != nil {
				p.ViaCookie = viaCookie
				ctx = auth.WithPrincipal(ctx, p)
			}
		}
	}
	return ctx, 0, ""
}

func unsafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

func csrfOK(c *fiber.Ctx) bool {
	cookie, header := c.Cookies(CSRFCookie), c.Get(CSRFHeader)
	return cookie != "" && subtle.ConstantTimeCompare([]byte(cookie), []byte(header)) == 1
}

type fiberCtxKey struct{}

// SetCookies adds cookies to the response of the request in ctx. (huma's Set-Cookie output header
// goes through fasthttp's Append, which folds several cookies into one invalid header.)
func SetCookies(ctx context.Context, cookies []http.Cookie) {
	fc, ok := ctx.Value(fiberCtxKey{}).(*fiber.Ctx)
	if !ok {
		panic("httpapi: SetCookies outside a request")
	}
	for _, c := range cookies {
		fc.Cookie(&fiber.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, MaxAge: c.MaxAge, HTTPOnly: c.HttpOnly, Secure: c.Secure,
			SameSite:    map[http.SameSite]string{http.SameSiteLaxMode: fiber.CookieSameSiteLaxMode, http.SameSiteStrictMode: fiber.CookieSameSiteStrictMode}[c.SameSite],
			SessionOnly: c.MaxAge == 0, Expires: expires(c.MaxAge)})
	}
}

func expires(maxAge int) time.Time {
	if maxAge < 0 {
		return time.Unix(0, 0)
	}
	return time.Time{}
}

// SessionCookies returns the cookies that start a browser session. All three share the refresh
// token's lifetime so they are set and cleared together; the access JWT inside expires sooner.
func SessionCookies(access, refresh string, maxAge time.Duration, secure bool) []http.Cookie {
	csrf := make([]byte, 32)
	rand.Read(csrf)
	age := int(maxAge.Seconds())
	return []http.Cookie{
		{Name: AccessCookie, Value: access, Path: "/", MaxAge: age, HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode},
		{Name: RefreshCookie, Value: refresh, Path: "/api/v1/auth", MaxAge: age, HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode},
		{Name: CSRFCookie, Value: hex.EncodeToString(csrf), Path: "/", MaxAge: age, Secure: secure, SameSite: http.SameSiteStrictMode},
	}
}

// ClearSessionCookies returns cookies that remove a browser session.
func ClearSessionCookies(secure bool) []http.Cookie {
	return []http.Cookie{
		{Name: AccessCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode},
		{Name: RefreshCookie, Value: "", Path: "/api/v1/auth", MaxAge: -1, HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode},
		{Name: CSRFCookie, Value: "", Path: "/", MaxAge: -1, Secure: secure, SameSite: http.SameSiteStrictMode},
	}
}

// clientIP is the address of the client: the connection's, or behind a load balancer the
// rightmost entry of the configured header, which the load balancer appended. Entries to its left
// came from the client and could be anything.
func (s *Server) clientIP(c *fiber.Ctx) string {
	if s.opts.ClientIPHeader == "" {
		return c.IP()
	}
	h := c.Get(s.opts.ClientIPHeader)
	if i := strings.LastIndexByte(h, ','); i >= 0 {
		h = h[i+1:]
	}
	if h = strings.TrimSpace(h); h != "" {
		return h
	}
	return c.IP()
}

// limitBodies refuses bodies over MaxBodyBytes, and bodies of unknown length, on every path but
// the document uploads, before anything reads them.
func limitBodies(uploads []string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !unsafe(c.Method()) {
			return c.Next()
		}
		for _, p := range uploads {
			if strings.HasPrefix(c.Path(), p) {
				return c.Next()
			}
		}
		n := c.Request().Header.ContentLength()
		switch {
		case n > MaxBodyBytes:
			return problem(c, http.StatusRequestEntityTooLarge, "The request is too large.")
		case n == -1:
			return problem(c, http.StatusLengthRequired, "Send the request with a Content-Length header.")
		}
		return c.Next()
	}
}

// UploadBody returns the request body of the request in ctx as a stream, for document uploads,
// and its declared length (-1 when unknown).
func UploadBody(ctx context.Context) (io.Reader, int64) {
	fc, ok := ctx.Value(fiberCtxKey{}).(*fiber.Ctx)
	if !ok {
		panic("httpapi: UploadBody outside a request")
	}
	// A refused upload leaves unread bytes on the connection that would be parsed as the next
	// request, so the connection is closed after every upload.
	fc.Context().SetConnectionClose()
	r := fc.Context().RequestBodyStream()
	if r == nil {
		r = bytes.NewReader(fc.Body())
	}
	return r, int64(fc.Request().Header.ContentLength())
}

func fiberError(c *fiber.Ctx, err error) error {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		msg := fe.Message
		if fe.Code == fiber.StatusRequestEntityTooLarge {
			msg = "The request is too large."
		}
		return problem(c, fe.Code, msg)
	}
	return problem(c, http.StatusInternalServerError, "Sorry, something went wrong on our side. Try again later.")
}

func tooManyRequests(c *fiber.Ctx) error {
	return problem(c, http.StatusTooManyRequests, "You have tried this too many times. Wait a few minutes, then try again.")
}

// problem writes an RFC 9457 body from outside huma (middleware, fallbacks).
func problem(c *fiber.Ctx, status int, detail string) error {
	b, _ := json.Marshal(huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail})
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return c.Status(status).Send(b)
}
