package opportunities_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

const pw = apptest.Password

func want(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

// buyer creates a council buyer and signs them in.
func buyer(t *testing.T, p *apptest.Portal, email string) *apptest.Client {
	t.Helper()
	return p.Buyer(t, email)
}

// rfc writes a moment as RFC 3339 in UTC, as an API client would send it.
func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// draft is a complete open tender that may be published at now, as a JSON body to adjust.
func draft(now time.Time) map[string]any {
	return map[string]any{
		"title":                 "School roof repairs",
		"summary":               "We need a roofer to repair the roofs of three primary schools over the summer holidays.",
		"description":           "Three schools in Holloway need flat roof repairs. Work must be done while the schools are closed.",
		"procedure":             "open_tender",
		"cpvCodes":              []string{"45261000-4"},
		"lots":                  []map[string]any{{"title": "Roofs", "description": "All three schools", "valuePence": 15000000, "cpvCode": "45261000-4"}},
		"estimatedValuePence":   15000000,
		"contractMonths":        12,
		"placeOfDelivery":       "E09000019",
		"suitableForSmes":       true,
		"suitableForVcses":      false,
		"reserved":              "none",
		"clarificationDeadline": rfc(now.Add(20 * 24 * time.Hour)),
		"submissionDeadline":    rfc(now.Add(30 * 24 * time.Hour)),
		"expectedAwardOn":       now.Add(45 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{
			{"name": "Price", "kind": "price", "weightBp": 4000},
			{"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000},
		},
	}
}

// with returns a copy of body with the given fields changed.
func with(body map[string]any, kv ...any) map[string]any {
	b, _ := json.Marshal(body)
	var out map[string]any
	json.Unmarshal(b, &out)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// weights makes criteria for a price, quality and social value split in basis points.
func weights(price, quality, social int) []map[string]any {
	return []map[string]any{
		{"name": "Price", "kind": "price", "weightBp": price},
		{"name": "Quality", "kind": "quality", "weightBp": quality},
		{"name": "Social value", "kind": "social_value", "weightBp": social},
	}
}

// create saves a draft and returns its ID.
func create(t *testing.T, c *apptest.Client, body map[string]any) string {
	t.Helper()
	r := c.Do("POST", "/api/v1/opportunities", body)
	want(t, r, 201)
	return r.JSON()["id"].(string)
}

// publish creates a draft from body and tries to publish it.
func publish(t *testing.T, c *apptest.Client, body map[string]any) *apptest.Response {
	t.Helper()
	id := create(t, c, body)
	return c.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil)
}

// fieldError fails unless r is a 422 naming field (e.g. "body.criteria").
func fieldError(t *testing.T, r *apptest.Response, field string) string {
	t.Helper()
	if r.Status != 422 {
		t.Fatalf("status = %d, want 422 naming %s; body %s", r.Status, field, r.Body)
	}
	msg, ok := r.FieldErrors()[field]
	if !ok {
		t.Fatalf("no error for %s: %v", field, r.FieldErrors())
	}
	return msg
}

func str(v any) string { return fmt.Sprint(v) }
