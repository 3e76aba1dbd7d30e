package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

// TestAPIDocsWorkOffline checks that the reference page and everything it loads come from the
// portal itself, and that its Content-Security-Policy would block anything from elsewhere.
func TestAPIDocsWorkOffline(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	resp, body := send(t, "GET", p.URL+"/api/docs", nil, nil)
	wantStatus(t, resp.StatusCode, http.StatusOK, body)
	csp := resp.Header.Get("Content-Security-Policy")
	if strings.Contains(csp, "http") || strings.Contains(csp, "*") {
		t.Errorf("Content-Security-Policy %q allows other sites", csp)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(body), -1)
	var scripts int
	for _, m := range refs {
		ref := m[1]
		if strings.Contains(ref, "//") {
			t.Errorf("the page loads %s from elsewhere", ref)
			continue
		}
		r, b := send(t, "GET", p.URL+ref, nil, nil)
		if r.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("%s: status %d, %d bytes, want the file", ref, r.StatusCode, len(b))
		}
		if strings.HasSuffix(ref, ".js") {
			scripts++
		}
	}
	if scripts == 0 {
		t.Errorf("the page loads no viewer script: %.500s", body)
	}
	if !strings.Contains(string(body), "/api/v1/openapi.json") {
		t.Errorf("the page does not point the viewer at /api/v1/openapi.json")
	}
}
