package opportunities_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestPublishRules(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	b := buyer(t, p, "buyer@council.example")
	now := p.Clock.Now()
	base := draft(now)

	t.Run("a complete draft is published and shown in plain English", func(t *testing.T) {
		r := publish(t, b, base)
		want(t, r, 200)
		v := r.JSON()
		if v["status"] != "open" || !strings.HasPrefix(str(v["reference"]), "FT-") || len(str(v["reference"])) != 14 {
			t.Fatalf("published = %s", r.Body)
		}
		if got := v["timeLeftText"]; got != "30 days to bid" {
			t.Errorf("timeLeftText = %v, want 30 days to bid", got)
		}
		if got := v["valueText"]; got != "£150,000 (without VAT)" {
			t.Errorf("valueText = %v", got)
		}
		if got := v["socialValueWeightText"]; got != "20%" {
			t.Errorf("socialValueWeightText = %v", got)
		}
		who := v["whoCanBid"].([]any)
		if len(who) != 2 || who[0] != "Any organisation can bid." {
			t.Errorf("whoCanBid = %v", who)
		}
		anon := p.Client(t)
		pub := anon.Do("GET", "/api/v1/opportunities/"+str(v["reference"]), nil)
		want(t, pub, 200)
		if pub.JSON()["id"] != v["id"] {
			t.Errorf("by reference got %s", pub.Body)
		}
	})

	t.Run("a draft is invisible to suppliers and the public", func(t *testing.T) {
		id := create(t, b, base)
		want(t, p.Client(t).Do("GET", "/api/v1/opportunities/"+id, nil), 404)
		r := b.Do("GET", "/api/v1/opportunities/"+id, nil)
		want(t, r, 200)
		if r.JSON()["status"] != "draft" || len(r.JSON()["publishProblems"].([]any)) != 0 {
			t.Errorf("buyer's view of a complete draft: %s", r.Body)
		}
	})

	t.Run("social value boundaries", func(t *testing.T) {
		cases := []struct {
			name          string
			price, social int
			justification string
			field         string // "" when publishing succeeds
		}{
			{"19.99% without a justification is refused", 4001, 1999, "", "body.socialValueJustification"},
			{"20% is accepted", 4000, 2000, "", ""},
			{"5% with a justification is accepted", 5500, 500, "A one-off supply of salt for gritting: little room for social value.", ""},
			{"4.99% is refused even with a justification", 5501, 499, "Too small to matter.", "body.criteria"},
			{"0% is refused", 6000, 0, "", "body.criteria"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body := with(base, "criteria", weights(c.price, 4000, c.social), "socialValueJustification", c.justification)
				r := publish(t, b, body)
				if c.field == "" {
					want(t, r, 200)
					if r.JSON()["socialValueJustification"] != c.justification {
						t.Errorf("justification not shown publicly: %s", r.Body)
					}
					return
				}
				msg := fieldError(t, r, c.field)
				if !strings.Contains(msg, "Social value weighs") {
					t.Errorf("message %q does not say what social value weighs", msg)
				}
			})
		}
	})

	t.Run("weights must add up to 100%", func(t *testing.T) {
		msg := fieldError(t, publish(t, b, with(base, "criteria", weights(4000, 3999, 2000))), "body.criteria")
		if !strings.Contains(msg, "99.99%") {
			t.Errorf("message %q does not give the total", msg)
		}
		fieldError(t, publish(t, b, with(base, "criteria", []any{})), "body.criteria")
	})

	t.Run("minimum time to bid", func(t *testing.T) {
		cases := []struct {
			name      string
			procedure string
			days      float64
			reason    string
			ok        bool
		}{
			{"open tender with 25 days and an hour", "open_tender", 25.05, "", true},
			{"open tender with 24 days", "open_tender", 24, "", false},
			{"open tender with 24 days and a recorded reason", "open_tender", 24, "Urgent: the boiler failed in winter.", true},
			{"quick quote with 10 days and an hour", "quick_quote", 10.05, "", true},
			{"quick quote with 9 days", "quick_quote", 9, "", false},
			{"DPS call with 9 days", "dps_call", 9, "", false},
			{"DPS call with 9 days and a reason", "dps_call", 9, "Suppliers on the DPS agreed a shorter time.", true},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				sub := now.Add(time.Duration(c.days * 24 * float64(time.Hour)))
				body := with(base, "procedure", c.procedure, "submissionDeadline", rfc(sub), "clarificationDeadline", rfc(sub.Add(-48*time.Hour)),
					"expectedAwardOn", sub.Add(30*24*time.Hour).Format("2006-01-02"), "shortPeriodReason", c.reason)
				r := publish(t, b, body)
				if c.ok && c.procedure == "dps_call" {
					// The time to bid passes; what stops it is that no DPS is chosen (the dps
					// package's rule, tested there).
					want(t, r, 409)
					if !strings.Contains(string(r.Body), "DPS") {
						t.Errorf("got %s, want the call refused for want of a DPS, not for its dates", r.Body)
					}
					return
				}
				if c.ok {
					want(t, r, 200)
					if r.JSON()["shortPeriodReason"] != c.reason {
						t.Errorf("reason not shown publicly: %s", r.Body)
					}
					return
				}
				msg := fieldError(t, r, "body.submissionDeadline")
				if !strings.Contains(msg, "days to bid") {
					t.Errorf("message %q does not explain the minimum", msg)
				}
			})
		}
	})

	t.Run("the clarification deadline must come before the submission deadline", func(t *testing.T) {
		sub := now.Add(30 * 24 * time.Hour)
		fieldError(t, publish(t, b, with(base, "clarificationDeadline", rfc(sub))), "body.clarificationDeadline")
		fieldError(t, publish(t, b, with(base, "clarificationDeadline", rfc(sub.Add(time.Hour)))), "body.clarificationDeadline")
		want(t, publish(t, b, with(base, "clarificationDeadline", rfc(sub.Add(-time.Minute)))), 200)
	})

	t.Run("deadlines in the past are refused", func(t *testing.T) {
		r := publish(t, b, with(base, "submissionDeadline", rfc(now.Add(-time.Hour)), "clarificationDeadline", rfc(now.Add(-2*time.Hour))))
		fieldError(t, r, "body.submissionDeadline")
		fieldError(t, r, "body.clarificationDeadline")
	})

	t.Run("the server's clock decides: a draft left too long can no longer be published", func(t *testing.T) {
		id := create(t, b, base)
		p.Clock.Advance(6 * 24 * time.Hour)
		defer func() { now = p.Clock.Now(); base = draft(now) }()
		// The session ended meanwhile.
		want(t, b.Do("POST", "/api/v1/auth/login", map[string]any{"email": "buyer@council.example", "password": pw}), 200)
		fieldError(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), "body.submissionDeadline")
	})

	// The threshold, £214,904, includes VAT; estimated values are entered without it. With 20%
	// added, £179,086.67 reaches the threshold and £179,086.66 does not.
	t.Run("reserved participation only below the threshold, VAT included", func(t *testing.T) {
		over := with(base, "reserved", "local", "estimatedValuePence", 17908667)
		r := b.Do("POST", "/api/v1/opportunities", over)
		if msg := fieldError(t, r, "body.reserved"); !strings.Contains(msg, "£214,904 including VAT") || !strings.Contains(msg, "£214,904 with 20% VAT added") {
			t.Errorf("message %q does not give the threshold and the value with VAT", msg)
		}
		r = publish(t, b, with(base, "reserved", "local", "estimatedValuePence", 17908666))
		want(t, r, 200)
		if who := r.JSON()["whoCanBid"].([]any); !strings.Contains(str(who[0]), "Islington") {
			t.Errorf("whoCanBid = %v", who)
		}
	})

	t.Run("a quick quote only below the threshold, VAT included", func(t *testing.T) {
		quick := with(base, "procedure", "quick_quote", "lots", []any{})
		// £300,000 was accepted as a quick quote.
		msg := fieldError(t, publish(t, b, with(quick, "estimatedValuePence", 30000000)), "body.procedure")
		for _, want := range []string{"quick quote", "£214,904 including VAT", "£300,000 without VAT is £360,000 with 20% VAT added"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
		fieldError(t, publish(t, b, with(quick, "estimatedValuePence", 17908667)), "body.procedure")
		want(t, publish(t, b, with(quick, "estimatedValuePence", 17908666)), 200)
		// An open tender may be worth any amount.
		want(t, publish(t, b, with(base, "estimatedValuePence", 30000000, "lots", []any{})), 200)
	})

	t.Run("an expected award date in the past is refused as such", func(t *testing.T) {
		yesterday := now.AddDate(0, 0, -1)
		msg := fieldError(t, publish(t, b, with(base, "expectedAwardOn", yesterday.Format("2006-01-02"))), "body.expectedAwardOn")
		london, _ := time.LoadLocation("Europe/London")
		if !strings.Contains(msg, yesterday.In(london).Format("2 January 2006")+", is in the past") {
			t.Errorf("message %q does not say the date is in the past", msg)
		}
	})

	t.Run("an open opportunity names who to contact at the council", func(t *testing.T) {
		anon := p.Client(t)
		named := publish(t, b, with(base, "contactEmail", " Roofs@Council.example "))
		want(t, named, 200)
		if got := anon.Do("GET", "/api/v1/opportunities/"+str(named.JSON()["id"]), nil).JSON()["contactEmail"]; got != "roofs@council.example" {
			t.Errorf("public contact = %v, want the one the buyer named", got)
		}
		// Naming no one leaves suppliers the procurement team (FAIRTENDER_PROCUREMENT_EMAIL).
		unnamed := publish(t, b, base)
		want(t, unnamed, 200)
		if got := anon.Do("GET", "/api/v1/opportunities/"+str(unnamed.JSON()["id"]), nil).JSON()["contactEmail"]; got != p.App.Config.ProcurementEmail || got == "" {
			t.Errorf("public contact = %v, want the procurement team's %q", got, p.App.Config.ProcurementEmail)
		}
		fieldError(t, b.Do("POST", "/api/v1/opportunities", with(base, "contactEmail", "not an address")), "body.contactEmail")
	})

	t.Run("missing and unknown details are each named", func(t *testing.T) {
		r := b.Do("POST", "/api/v1/opportunities", with(base, "cpvCodes", []string{"99999999-9"}, "placeOfDelivery", "E09999999",
			"submissionDeadline", "next Tuesday", "lots", []map[string]any{{"title": "", "cpvCode": "nope"}}))
		for _, f := range []string{"body.cpvCodes[0]", "body.placeOfDelivery", "body.submissionDeadline", "body.lots[0].title", "body.lots[0].cpvCode"} {
			fieldError(t, r, f)
		}
		id := create(t, b, map[string]any{"title": "Just an idea"})
		r = b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil)
		for _, f := range []string{"body.summary", "body.description", "body.procedure", "body.cpvCodes", "body.estimatedValuePence",
			"body.submissionDeadline", "body.clarificationDeadline", "body.criteria"} {
			fieldError(t, r, f)
		}
	})

	t.Run("deadlines are entered and shown in London time", func(t *testing.T) {
		day := now.In(time.UTC).AddDate(0, 2, 0).Format("2006-01-02")
		body := with(base, "submissionDeadline", day+"T12:00", "clarificationDeadline", day+"T09:00",
			"expectedAwardOn", now.AddDate(0, 3, 0).Format("2006-01-02"))
		r := b.Do("POST", "/api/v1/opportunities", body)
		want(t, r, 201)
		d := r.JSON()["submissionDeadline"].(map[string]any)
		if d["local"] != day+"T12:00" || !strings.HasPrefix(str(d["text"]), "midday on ") {
			t.Errorf("submissionDeadline = %v", d)
		}
		london, _ := time.LoadLocation("Europe/London")
		at, _ := time.Parse(time.RFC3339, str(d["at"]))
		if at.In(london).Hour() != 12 {
			t.Errorf("stored %v, which is not noon in London", at)
		}
	})

	t.Run("two buyers editing one draft: the second is told", func(t *testing.T) {
		r := b.Do("POST", "/api/v1/opportunities", base)
		id, tag := str(r.JSON()["id"]), r.Header.Get("ETag")
		b.Header = map[string]string{"If-Match": tag}
		want(t, b.Do("PUT", "/api/v1/opportunities/"+id, with(base, "title", "First edit")), 200)
		want(t, b.Do("PUT", "/api/v1/opportunities/"+id, with(base, "title", "Second edit")), 412)
		// Publishing from the same stale copy is refused the same way, and publishes nothing.
		want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 412)
		if got := str(b.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["status"]); got != "draft" {
			t.Errorf("status = %q after a stale publish, want draft", got)
		}
		b.Header = nil
		want(t, b.Do("PUT", "/api/v1/opportunities/"+id, base), 428)
	})
}

// A deadline on a weekend or a bank holiday is allowed (tests and demos set deadlines some days
// from now, which would otherwise be refused on some days), but the buyer is warned, with the
// next working day to consider, on the draft, on publishing and on amending.
func TestDeadlinesOnDaysOffAreWarnedOf(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	p := apptest.Start(t, apptest.Options{Start: time.Date(2026, 11, 20, 10, 0, 0, 0, london)})
	b := buyer(t, p, "buyer@council.example")
	holidays := with(draft(p.Clock.Now()), "clarificationDeadline", "2026-12-25T12:00", "submissionDeadline", "2027-01-01T12:00", "expectedAwardOn", "2027-02-15")
	warnings := func(r *apptest.Response) map[string]string {
		t.Helper()
		out := map[string]string{}
		for _, w := range r.JSON()["publishWarnings"].([]any) {
			w := w.(map[string]any)
			out[str(w["field"])] = str(w["message"])
		}
		return out
	}
	wantWarnings := map[string]string{
		"submissionDeadline": "The deadline for bids is on Friday 1 January 2027, New Year’s Day, a bank holiday: suppliers and the council’s helpdesk may not be working. Consider Monday 4 January 2027.",
		// Boxing Day falls on a Saturday, so the Monday after is a bank holiday too.
		"clarificationDeadline": "The deadline for clarification questions is on Friday 25 December 2026, Christmas Day, a bank holiday: suppliers and the council’s helpdesk may not be working. Consider Tuesday 29 December 2026.",
	}

	r := b.Do("POST", "/api/v1/opportunities", holidays)
	want(t, r, 201)
	id := str(r.JSON()["id"])
	if got := warnings(r); !maps.Equal(got, wantWarnings) {
		t.Errorf("draft's warnings = %q, want %q", got, wantWarnings)
	}
	r = b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil)
	want(t, r, 200)
	if got := warnings(r); !maps.Equal(got, wantWarnings) {
		t.Errorf("published warnings = %q, want %q", got, wantWarnings)
	}

	workdays := with(holidays, "clarificationDeadline", "2026-12-22T12:00", "submissionDeadline", "2027-01-05T12:00")
	r = publish(t, b, workdays)
	want(t, r, 200)
	if got := warnings(r); len(got) != 0 {
		t.Errorf("warnings for working days: %q", got)
	}
	r = b.Do("POST", "/api/v1/opportunities/"+str(r.JSON()["id"])+"/amendments", map[string]any{"note": "More time to bid.", "submissionDeadline": "2027-01-09T12:00"})
	want(t, r, 201)
	if got, want := warnings(r)["submissionDeadline"], "The deadline for bids is on Saturday 9 January 2027, a weekend: suppliers and the council’s helpdesk may not be working. Consider Monday 11 January 2027."; got != want {
		t.Errorf("amended warning = %q, want %q", got, want)
	}
}
