package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

// hostile are strings no person means to type into a field. Each once gave 500 on PostgreSQL
// (NUL) or could disguise text (bidirectional overrides) or forge lines (line breaks).
var hostile = []struct{ name, s string }{
	{"NUL", "\x00"},
	{"start of heading", "\x01"},
	{"escape sequence", "\x1b[31m"},
	{"delete", "\x7f"},
	{"C1 next line", "\u0085"},
	{"left-to-right embedding", "\u202a"},
	{"right-to-left override", "\u202e"},
	{"left-to-right isolate", "\u2066"},
	{"pop directional isolate", "\u2069"},
	{"lone carriage return", "\r"},
}

// oneLine adds what only long text may hold.
var oneLine = append([]struct{ name, s string }{{"line feed", "\n"}, {"tab", "\t"}, {"Windows line break", "\r\n"}}, hostile...)

type textRoute struct {
	name     string
	signedIn bool
	long     bool
	field    string // the location the 422 must name
	send     func(c *apptest.Client, s string) *apptest.Response
}

var textRoutes = []textRoute{
	{name: "sign in", field: "body.email", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "jo" + s + "@example.org", "password": "orange kestrel ladder"})
	}},
	{name: "register", field: "body.organisationName", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.Do("POST", "/api/v1/auth/register", map[string]any{"organisationName": "Acme" + s + " Ltd", "legalForm": "sole_trader",
			"name": "Jo Bloggs", "email": "jo@example.org", "password": "orange kestrel ladder"})
	}},
	{name: "alert name", signedIn: true, field: "body.name", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.Do("POST", "/api/v1/alerts", map[string]any{"name": "Cleaning" + s, "frequency": "instant"})
	}},
	{name: "alert keyword", signedIn: true, field: "body.keywords[1]", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.Do("POST", "/api/v1/alerts", map[string]any{"name": "Cleaning", "keywords": []string{"windows", "office" + s}, "frequency": "instant"})
	}},
	{name: "profile contact", signedIn: true, field: "body.contacts[0].name", send: func(c *apptest.Client, s string) *apptest.Response {
		c.Header = map[string]string{"If-Match": `"0"`}
		defer func() { c.Header = nil }()
		return c.Do("PUT", "/api/v1/supplier/profile", map[string]any{"contacts": []map[string]any{{"name": "Jo" + s}}})
	}},
	{name: "profile description", signedIn: true, long: true, field: "body.description", send: func(c *apptest.Client, s string) *apptest.Response {
		c.Header = map[string]string{"If-Match": `"0"`}
		defer func() { c.Header = nil }()
		return c.Do("PUT", "/api/v1/supplier/profile", map[string]any{"description": "We clean." + s + "We also mend."})
	}},
	{name: "search words", field: "query.q", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.Do("GET", "/api/v1/opportunities?q="+url.QueryEscape("cleaning"+s), nil)
	}},
	{name: "upload file name", signedIn: true, field: "query.filename", send: func(c *apptest.Client, s string) *apptest.Response {
		return c.DoRaw("POST", "/api/v1/supplier/insurances?kind=public_liability&amountPence=100000000&expiresOn=2030-01-01&filename="+
			url.QueryEscape("certificate"+s+".pdf"), "application/pdf", []byte("%PDF-1.4\n%%EOF\n"))
	}},
}

func TestControlCharactersAreRefusedInEveryTextField(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	anon, member := p.Client(t), signedInSupplier(t, p)
	for _, rt := range textRoutes {
		t.Run(rt.name, func(t *testing.T) {
			c := anon.For(t)
			if rt.signedIn {
				c = member.For(t)
			}
			refused := oneLine
			if rt.long {
				refused = hostile
			}
			for _, h := range refused {
				r := rt.send(c, h.s)
				if r.Status != http.StatusUnprocessableEntity || r.FieldErrors()[rt.field] == "" {
					t.Errorf("%s: status %d, want 422 naming %s; body %.300s", h.name, r.Status, rt.field, r.Body)
				}
			}
			if r := rt.send(c, " and "); r.Status >= 500 || r.FieldErrors()[rt.field] != "" {
				t.Errorf("plain text: status %d, want no error for %s; body %.300s", r.Status, rt.field, r.Body)
			}
			if rt.long {
				for _, ok := range []string{"\n", "\t", "\r\n", "\n\n"} {
					if r := rt.send(c, ok); r.Status >= 500 || r.FieldErrors()[rt.field] != "" {
						t.Errorf("long text with %q: status %d, want it accepted; body %.300s", ok, r.Status, r.Body)
					}
				}
			}
		})
	}
}
