package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type requestIDKey struct{}

// RequestID returns the request's ID, which is also sent back as X-Request-ID and logged.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func requestIDMiddleware(c *fiber.Ctx) error {
	id := c.Get("X-Request-ID")
	if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < '!' || r > '~' }) {
		b := make([]byte, 8)
		rand.Read(b)
		id = hex.EncodeToString(b)
	}
	c.Set("X-Request-ID", id)
	c.SetUserContext(context.WithValue(c.UserContext(), requestIDKey{}, id))
	return c.Next()
}

// logMiddleware logs one line per request. It logs the path without the query string, because
// query strings can hold one-time tokens, and never logs headers or bodies. Where the path itself
// holds a secret (a route parameter named token, such as one-click unsubscribe's, on an API
// operation or a page), it logs the route pattern instead: /api/v1/unsubscribe/:token.
func (s *Server) logMiddleware(m *metrics) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				c.Status(http.StatusInternalServerError)
			}
		}
		status := c.Response().StatusCode()
		elapsed := time.Since(start)
		route := c.Route().Path
		if !strings.HasPrefix(c.Path(), "/api/") && route != "/healthz" && route != "/readyz" && route != "/metrics" {
			route = "frontend"
		}
		m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Inc()
		if s.opts.Watched != nil && s.opts.Watched(c.Path()) {
			s.watched.Add(1)
			if status >= 500 {
				s.watchedErrors.Add(1)
			}
		}
		m.duration.WithLabelValues(c.Method(), route).Observe(elapsed.Seconds())
		if route == "/healthz" || route == "/metrics" {
			return nil
		}
		level := "info"
		if status >= 500 {
			level = "error"
		}
		attrs := []any{"method", string(c.Request().Header.Method()), "path", loggedPath(c), "status", status, "duration_ms", float64(elapsed.Microseconds()) / 1000,
			"request_id", RequestID(c.UserContext()), "client_ip", s.clientIP(c)}
		if level == "error" {
			s.log.Error("request", attrs...)
		} else {
			s.log.Info("request", attrs...)
		}
		return nil
	}
}

// secretPathKey is the Locals key under which a handler leaves the pattern to log instead of a
// path that holds a secret.
const secretPathKey = "ft_secret_path"

// loggedPath is the path to write in the request log: the route pattern when the path holds a
// token, the path otherwise.
func loggedPath(c *fiber.Ctx) string {
	if p, ok := c.Locals(secretPathKey).(string); ok {
		return p
	}
	if route := c.Route().Path; hasTokenParam(route) {
		return route
	}
	return c.Path()
}

// hasTokenParam reports whether a route pattern (Fiber's :name or a page's :name) has a
// parameter named token: by this codebase's convention, a secret in the path.
func hasTokenParam(pattern string) bool {
	for _, seg := range strings.Split(pattern, "/") {
		if strings.EqualFold(seg, ":token") {
			return true
		}
	}
	return false
}

func securityHeaders(secure bool) fiber.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	// The API reference (Swagger UI, served from the binary) starts itself with an inline script
	// and styles itself inline, so it alone allows those; nothing comes from elsewhere.
	const docsCSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return func(c *fiber.Ctx) error {
		if c.Path() == DocsPath || strings.HasPrefix(c.Path(), DocsPath+"/") {
			c.Set("Content-Security-Policy", docsCSP)
		} else {
			c.Set("Content-Security-Policy", csp)
		}
		c.Set("X-Content-Type-Options", "nosniff")
		c.Set("Referrer-Policy", "no-referrer")
		c.Set("X-Frame-Options", "DENY")
		c.Set("Cross-Origin-Opener-Policy", "same-origin")
		c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if secure {
			c.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		// Any spelling of an API address is kept out of caches, even one that only finds a 404.
		if strings.HasPrefix(c.Path(), "/api/") || apiSpelling(c.Path()) {
			c.Set("Cache-Control", "no-store")
		}
		return c.Next()
	}
}

type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "fairtender_http_requests_total", Help: "HTTP requests by method, route and status."}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "fairtender_http_request_duration_seconds", Help: "HTTP request duration by method and route.", Buckets: prometheus.DefBuckets}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// minimalPage is served at / when the binary was built without the frontend.
const minimalPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Find and win council work</title></head>
<body><h1>Find and win council work</h1><p>The web portal has not been built into this binary. Run <code>make run</code>, or see the <a href="/api/docs">API documentation</a>.</p></body></html>`

// frontendHandler serves the built web app: hashed files under /assets are cached for a year,
// index.html never, and any other path without a file extension gets index.html so the app's
// own router can show the page: with status 200 when the router has such a page (routes.json,
// written by the frontend build), 404 otherwise, so that search engines and link checkers see
// what the person sees (Page not found). /favicon.ico is govuk-frontend's. index.html is read
// once, with values written in place of its {{name}}s (see fillPage).
func frontendHandler(dist fs.FS, values map[string]string) fiber.Handler {
	var index []byte
	var pages *pageRoutes
	if dist != nil {
		if b, err := fs.ReadFile(dist, "index.html"); err == nil {
			index = fillPage(b, values)
		}
		pages = loadPageRoutes(dist)
	}
	hasIndex := index != nil
	return func(c *fiber.Ctx) error {
		// No page has an empty path segment, and other spellings of /api/ are not pages either:
		// answering them with the app would let a misspelt API call look like it worked.
		if strings.Contains(c.Path(), "//") || apiSpelling(c.Path()) {
			return problem(c, http.StatusNotFound, "There is no such address.")
		}
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			c.Set(fiber.HeaderAllow, "GET, HEAD")
			return problem(c, http.StatusMethodNotAllowed, "This address does not take "+c.Method()+" requests. It takes GET, HEAD.")
		}
		if !hasIndex {
			c.Set("Content-Type", "text/html; charset=utf-8")
			c.Set("Cache-Control", "no-cache")
			return c.SendString(minimalPage)
		}
		p := strings.TrimPrefix(path.Clean("/"+c.Path()), "/")
		if p == "favicon.ico" {
			p = faviconPath
		}
		if p != "" && p != "index.html" {
			if b, err := fs.ReadFile(dist, p); err == nil {
				if strings.HasPrefix(p, "assets/") && p != faviconPath {
					c.Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					c.Set("Cache-Control", "public, max-age=3600")
				}
				c.Type(path.Ext(p))
				return c.Send(b)
			}
			if path.Ext(p) != "" {
				return c.Status(http.StatusNotFound).SendString("Not found")
			}
		}
		c.Set("Cache-Control", "no-cache, no-store, must-revalidate")
		c.Set("Content-Type", "text/html; charset=utf-8")
		if pattern, ok := pages.match(c.Path()); !ok {
			c.Status(http.StatusNotFound)
		} else if hasTokenParam(pattern) {
			c.Locals(secretPathKey, pattern)
		}
		return c.Send(index)
	}
}

// fillPage writes each value, HTML-escaped, in place of {{name}} in page. A {{name}} without a
// value is left as it is, so a missing one shows in review rather than vanishing.
func fillPage(page []byte, values map[string]string) []byte {
	pairs := make([]string, 0, 2*len(values))
	for name, v := range values {
		pairs = append(pairs, "{{"+name+"}}", html.EscapeString(v))
	}
	return []byte(strings.NewReplacer(pairs...).Replace(string(page)))
}

// faviconPath is where the build puts govuk-frontend's favicon (its assets are copied to /assets).
const faviconPath = "assets/images/favicon.ico"

// pageRoutes are the patterns of the web app's pages, such as /dps/:id/apply, from routes.json.
type pageRoutes struct {
	patterns [][]string
}

func loadPageRoutes(dist fs.FS) *pageRoutes {
	b, err := fs.ReadFile(dist, "routes.json")
	if err != nil {
		return nil
	}
	var list []string
	if json.Unmarshal(b, &list) != nil || len(list) == 0 {
		return nil
	}
	r := &pageRoutes{}
	for _, p := range list {
		r.patterns = append(r.patterns, strings.Split(strings.ToLower(p), "/"))
	}
	return r
}

// match reports whether the app's router shows a page (not its Page not found) at p. It matches
// as the router does: letter case ignored, a trailing slash allowed, :name matching one segment
// and a final * the rest. Without routes.json (an older build) every path is taken to be a page.
//
// It also returns the pattern that matched ("" without routes.json).
func (r *pageRoutes) match(p string) (string, bool) {
	if r == nil {
		return "", true
	}
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	segs := strings.Split(strings.ToLower(p), "/")
	for _, pat := range r.patterns {
		if matchSegments(pat, segs) {
			return strings.Join(pat, "/"), true
		}
	}
	return "", false
}

func matchSegments(pat, segs []string) bool {
	for i, s := range pat {
		if s == "*" && i == len(pat)-1 {
			return len(segs) > i
		}
		if i >= len(segs) {
			return false
		}
		if strings.HasPrefix(s, ":") {
			if segs[i] == "" {
				return false
			}
		} else if s != segs[i] {
			return false
		}
	}
	return len(pat) == len(segs)
}

// apiSpelling reports whether p is an API address in any letter case, such as /API/v1/me.
func apiSpelling(p string) bool {
	return len(p) >= 5 && strings.EqualFold(p[:5], "/api/") || strings.EqualFold(p, "/api")
}
