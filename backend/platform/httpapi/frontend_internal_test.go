package httpapi

import (
	"io"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
)

func TestUnknownPagesAre404WithTheApp(t *testing.T) {
	dist := fstest.MapFS{
		"index.html":                {Data: []byte("<!doctype html><div id=root></div>")},
		"routes.json":               {Data: []byte(`["/", "/sign-in", "/dps/:id/apply", "/buying/:id/:param", "/legacy/*"]`)},
		"assets/images/favicon.ico": {Data: []byte("ICO")},
	}
	app := fiber.New(fiber.Config{CaseSensitive: true, StrictRouting: true})
	app.Use(frontendHandler(dist))
	for path, want := range map[string]int{
		"/": 200, "/sign-in": 200, "/sign-in/": 200, "/Sign-In": 200, "/dps/123/apply": 200, "/buying/abc/dates": 200,
		"/legacy/a/b": 200, "/no-such-page": 404, "/sign-in/more": 404, "/dps/123": 404, "/dps//apply": 404, "/buying/abc": 404,
		"/legacy": 404,
	} {
		for _, method := range []string{"GET", "HEAD"} {
			resp, err := app.Test(httptest.NewRequest(method, path, nil))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != want {
				t.Errorf("%s %s: status %d, want %d", method, path, resp.StatusCode, want)
			}
			if method == "GET" && want == 404 && path != "/dps//apply" && string(body) != string(dist["index.html"].Data) {
				t.Errorf("GET %s: body %q, want index.html so the app shows its Page not found", path, body)
			}
		}
	}
	resp, _ := app.Test(httptest.NewRequest("GET", "/favicon.ico", nil))
	if body, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || string(body) != "ICO" {
		t.Errorf("/favicon.ico: %d %q, want govuk-frontend's favicon", resp.StatusCode, body)
	}
}
