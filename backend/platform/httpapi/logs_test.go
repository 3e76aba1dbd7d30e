package httpapi_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/frontend"
)

func TestTokensInPathsAreNotLogged(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	const token = "u1-Secr3tUnsubscribeToken-9f8e7d6c5b4a"
	c.Do("GET", "/api/v1/unsubscribe/"+token, nil)
	c.Do("POST", "/api/v1/unsubscribe/"+token, map[string]any{})
	c.Do("HEAD", "/api/v1/unsubscribe/"+token, nil)
	c.Do("GET", "/unsubscribe/"+token, nil)
	c.Do("GET", "/verify-email?token="+token, nil)
	c.Do("GET", "/reset-password?token="+token, nil)
	c.Do("GET", "/accept-invitation?token="+token, nil)
	logs := p.Logs.String()
	if strings.Contains(logs, token) || strings.Contains(logs, "Secr3t") {
		t.Errorf("the logs hold the token:\n%s", lines(logs, "Secr3t"))
	}
	if !strings.Contains(logs, `"path":"/api/v1/unsubscribe/:token"`) {
		t.Errorf("the logs lack the route pattern /api/v1/unsubscribe/:token:\n%s", lines(logs, "unsubscribe"))
	}
	if _, err := fs.Stat(frontend.Dist, "dist/routes.json"); err == nil && !strings.Contains(logs, `"path":"/unsubscribe/:token"`) {
		t.Errorf("the logs lack the page's pattern /unsubscribe/:token:\n%s", lines(logs, "unsubscribe"))
	}
	if !strings.Contains(logs, `"path":"/verify-email"`) {
		t.Errorf("an address without a token in its path is not logged by its path:\n%s", lines(logs, "verify"))
	}
}

// lines returns the lines of logs that contain s.
func lines(logs, s string) string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
