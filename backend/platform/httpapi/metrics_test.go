package httpapi_test

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestMetricsAreNotPublic(t *testing.T) {
	t.Run("with no token and no listen address, /metrics is not served", func(t *testing.T) {
		p := apptest.Start(t, apptest.Options{})
		resp, body := send(t, "GET", p.URL+"/metrics", nil, nil)
		if resp.StatusCode == http.StatusOK || strings.Contains(string(body), "fairtender_http_requests_total") {
			t.Errorf("GET /metrics: status %d, want no metrics; body %.200s", resp.StatusCode, body)
		}
	})

	t.Run("with a token, only a request bearing it gets the metrics", func(t *testing.T) {
		p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_METRICS_TOKEN": metricsToken}})
		for _, auth := range []string{"", "Bearer wrong-token", "Basic " + metricsToken, "Bearer " + metricsToken + "x"} {
			resp, body := send(t, "GET", p.URL+"/metrics", nil, map[string]string{"Authorization": auth})
			wantStatus(t, resp.StatusCode, http.StatusUnauthorized, body)
			if strings.Contains(string(body), "fairtender_http") {
				t.Errorf("Authorization %q: the metrics were sent", auth)
			}
		}
		resp, body := send(t, "GET", p.URL+"/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken})
		wantStatus(t, resp.StatusCode, http.StatusOK, body)
		if !strings.Contains(string(body), "fairtender_http_requests_total") {
			t.Errorf("the metrics lack fairtender_http_requests_total")
		}
		if strings.Contains(p.Logs.String(), metricsToken) {
			t.Errorf("the token is in the logs")
		}
	})

	t.Run("with a listen address, the metrics are there and not on the public address", func(t *testing.T) {
		addr := freeAddress(t)
		p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_METRICS_LISTEN": addr}})
		var resp *http.Response
		var body []byte
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if r, err := http.Get("http://" + addr + "/metrics"); err == nil {
				r.Body.Close()
				break
			}
		}
		send(t, "GET", p.URL+"/api/v1/site", nil, nil)
		resp, body = send(t, "GET", "http://"+addr+"/metrics", nil, nil)
		wantStatus(t, resp.StatusCode, http.StatusOK, body)
		if !strings.Contains(string(body), "fairtender_http_requests_total") {
			t.Errorf("the metrics address lacks fairtender_http_requests_total")
		}
		resp, body = send(t, "GET", p.URL+"/metrics", nil, nil)
		if resp.StatusCode == http.StatusOK || strings.Contains(string(body), "fairtender_http_requests_total") {
			t.Errorf("public GET /metrics: status %d, want no metrics there", resp.StatusCode)
		}
		resp, body = send(t, "GET", "http://"+addr+"/api/v1/site", nil, nil)
		if resp.StatusCode == http.StatusOK {
			t.Errorf("the metrics address serves the API: %.100s", body)
		}
	})
}

// freeAddress returns a loopback address no one is listening on.
func freeAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestBidRequestsAreTalliedForTheHeartbeat(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.App.Server.Tally() // whatever start-up did
	send(t, "GET", p.URL+"/api/v1/site", nil, nil)
	send(t, "GET", p.URL+"/api/v1/bids/00000000-0000-0000-0000-000000000000", nil, nil)
	send(t, "GET", p.URL+"/api/v1/supplier/bids", nil, nil)
	if reqs, errs := p.App.Server.Tally(); reqs != 1 || errs != 0 {
		t.Errorf("tally = %d requests, %d failures; want the one bid request, not failed", reqs, errs)
	}
	if reqs, _ := p.App.Server.Tally(); reqs != 0 {
		t.Errorf("a second tally repeats %d requests", reqs)
	}
	if !p.App.Server.Ready(t.Context()) {
		t.Error("a running portal is not ready")
	}
}
