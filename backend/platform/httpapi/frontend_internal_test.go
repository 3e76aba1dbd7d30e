package httpapi

import (
	"io"
	"net/http/httptest"
	"os"
	"strings"
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
	app.Use(frontendHandler(dist, nil))
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

func TestThePageWithoutJavaScriptNamesTheCouncilAndHowToReachIt(t *testing.T) {
	// The real page, as the build copies it: its noscript is what someone without JavaScript reads.
	src, err := os.ReadFile("../../../frontend/index.html")
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New()
	app.Use(frontendHandler(fstest.MapFS{"index.html": {Data: src}}, map[string]string{
		"councilName": "Hackney & Islington Council", "procurementEmail": "buy@council.example",
	}))
	resp, err := app.Test(httptest.NewRequest("GET", "/", nil))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_, noscript, ok := strings.Cut(string(body), "<noscript>")
	if !ok {
		t.Fatalf("index.html has no <noscript>: %s", body)
	}
	noscript, _, _ = strings.Cut(noscript, "</noscript>")
	for _, want := range []string{
		"Hackney &amp; Islington Council",
		"find and bid for contracts",
		"turn on JavaScript",
		`<a class="govuk-link" href="mailto:buy@council.example">buy@council.example</a>`,
	} {
		if !strings.Contains(noscript, want) {
			t.Errorf("the page without JavaScript lacks %q:\n%s", want, noscript)
		}
	}
	if strings.Contains(noscript, "{{") {
		t.Errorf("a value was not filled in:\n%s", noscript)
	}
}
