package dps_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/fairtender/fairtender/backend/suppliers"
)

const pw = apptest.Password

func want(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

type world struct {
	p     *apptest.Portal
	buyer *apptest.Client
}

func start(t *testing.T) *world {
	t.Helper()
	return startWith(t, nil)
}

// startWith starts a portal with settings (FAIRTENDER_*) overridden.
func startWith(t *testing.T, env map[string]string) *world {
	t.Helper()
	return startOptions(t, apptest.Options{Env: env})
}

// startOn starts a portal whose clock starts at the given time.
func startOn(t *testing.T, at time.Time) *world {
	t.Helper()
	return startOptions(t, apptest.Options{Start: at})
}

func startOptions(t *testing.T, opts apptest.Options) *world {
	t.Helper()
	p := apptest.Start(t, opts)
	return &world{p: p, buyer: p.Buyer(t, "buyer@council.example")}
}

func (w *world) signIn(t *testing.T, email string) *apptest.Client {
	t.Helper()
	return w.p.SignedIn(t, email, pw)
}

func (w *world) supplier(t *testing.T, email string) *apptest.Client {
	t.Helper()
	return w.p.Supplier(t, accounts.RegisterInput{Email: email})
}

// scheme is a DPS body: two categories (cleaning, grounds) and a questionnaire.
func (w *world) scheme(regime string) map[string]any {
	today := w.p.Clock.Now().In(london)
	return map[string]any{
		"title": "Facilities services", "description": "Cleaning and grounds maintenance for council buildings.", "regime": regime,
		"startsOn": today.AddDate(0, 0, -1).Format("2006-01-02"), "endsOn": today.AddDate(4, 0, 0).Format("2006-01-02"),
		"categories": []map[string]any{
			{"name": "Cleaning", "cpvCodes": []string{"90910000-9"}},
			{"name": "Grounds maintenance", "cpvCodes": []string{"77310000-6"}},
		},
		"questions": []map[string]any{
			{"kind": "yes_no", "text": "Do you pay the London Living Wage?"},
			{"kind": "text", "text": "Describe a similar contract.", "categories": []int{0}},
			{"kind": "text", "text": "Companies House number", "profileField": "companies_house_number"},
		},
	}
}

var london, _ = time.LoadLocation("Europe/London")

// publishDPS creates and publishes a DPS, returning it.
func (w *world) publishDPS(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	r := w.buyer.Do("POST", "/api/v1/dps", body)
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	r = w.buyer.Do("POST", "/api/v1/dps/"+id+"/publish", nil)
	want(t, r, 200)
	return r.JSON()
}

// keepQuestions gives body's categories and questions the IDs of d's, as the buyer's form sends
// them back.
func keepQuestions(body, d map[string]any) map[string]any {
	for i, c := range body["categories"].([]map[string]any) {
		c["id"] = categoryID(d, i)
	}
	for i, q := range body["questions"].([]map[string]any) {
		q["id"] = d["questions"].([]any)[i].(map[string]any)["id"]
	}
	return body
}

func categoryID(d map[string]any, i int) string {
	return d["categories"].([]any)[i].(map[string]any)["id"].(string)
}

// applyAndSubmit applies to the categories, answers everything and submits; it returns the
// application.
func applyAndSubmit(t *testing.T, c *apptest.Client, d map[string]any, cats ...string) map[string]any {
	t.Helper()
	r := c.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": cats})
	want(t, r, 201)
	app := r.JSON()
	var answers []map[string]any
	for _, a := range app["answers"].([]any) {
		q := a.(map[string]any)
		v := "Our answer"
		if q["kind"] == "yes_no" {
			v = "yes"
		}
		if q["value"] != "" {
			continue
		}
		answers = append(answers, map[string]any{"questionId": q["questionId"], "value": v})
	}
	id := app["id"].(string)
	want(t, c.Do("PUT", "/api/v1/dps-applications/"+id, map[string]any{"categoryIds": cats, "answers": answers}), 200)
	r = c.Do("POST", "/api/v1/dps-applications/"+id+"/submit", nil)
	want(t, r, 200)
	return r.JSON()
}

func decide(t *testing.T, b *apptest.Client, app map[string]any, outcomes map[string]string) {
	t.Helper()
	var ds []map[string]any
	for cat, outcome := range outcomes {
		d := map[string]any{"categoryId": cat, "outcome": outcome}
		if outcome == "reject" {
			d["reason"] = "Your example contract was too small."
		}
		ds = append(ds, d)
	}
	want(t, b.Do("POST", "/api/v1/dps-applications/"+app["id"].(string)+"/decision", map[string]any{"decisions": ds}), 200)
}

// call creates a call for competition under the DPS's categories, with a document, and
// returns its ID (not yet published).
func (w *world) call(t *testing.T, d map[string]any, title string, cats ...string) string {
	t.Helper()
	now := w.p.Clock.Now()
	r := w.buyer.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": title, "summary": "Cleaning of three libraries.", "description": "Daily cleaning.", "procedure": "dps_call",
		"cpvCodes": []string{"90910000-9"}, "estimatedValuePence": 5000000, "contractMonths": 12, "placeOfDelivery": "E09000019", "reserved": "none",
		"clarificationDeadline": now.Add(7 * 24 * time.Hour).UTC().Format(time.RFC3339), "submissionDeadline": now.Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339),
		"expectedAwardOn": now.Add(30 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 5000}, {"name": "Quality", "kind": "quality", "weightBp": 3000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	want(t, w.buyer.DoRaw("POST", "/api/v1/opportunity-uploads/"+id+"?filename=Specification.pdf", "application/pdf",
		append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("spec "), 100)...)), 201)
	want(t, w.buyer.Do("PUT", "/api/v1/opportunities/"+id+"/dps-call", map[string]any{"dpsId": d["id"], "categoryIds": cats}), 200)
	return id
}

func (w *world) invited(t *testing.T, oppID string) map[string]bool {
	t.Helper()
	var names []string
	w.p.App.DB.Gorm.Raw(`SELECT o.name FROM dps_invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.opportunity_id = ?`, oppID).Scan(&names)
	out := map[string]bool{}
	for _, n := range names {
		out[strings.TrimPrefix(n, "Org of ")] = true
	}
	return out
}

func TestDecisionsAreDueInWorkingDays(t *testing.T) {
	// Thursday 24 December 2026, 10:00 in London.
	w := startOn(t, time.Date(2026, 12, 24, 10, 0, 0, 0, london))
	d := w.publishDPS(t, w.scheme("pcr2015"))
	s := w.supplier(t, "cleaner@example.org")
	app := applyAndSubmit(t, s, d, categoryID(d, 0))
	due, _ := time.Parse(time.RFC3339, app["dueAt"].(string))
	if got := due.In(london).Format("Monday 2 January 2006"); got != "Tuesday 12 January 2027" {
		t.Errorf("submitted on Thursday 24 December 2026, due %s; want Tuesday 12 January 2027 (10 working days, Christmas, Boxing Day and New Year excluded)", got)
	}
	id := app["id"].(string)

	t.Run("an extension needs a reason", func(t *testing.T) {
		r := w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/extend", map[string]any{"reason": " "})
		if r.Status != 422 {
			t.Fatalf("status = %d, want 422", r.Status)
		}
	})
	t.Run("an extension makes it 15 working days from submission", func(t *testing.T) {
		r := w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/extend", map[string]any{"reason": "We must check references with three councils."})
		want(t, r, 200)
		due, _ := time.Parse(time.RFC3339, r.JSON()["dueAt"].(string))
		if got := due.In(london).Format("Monday 2 January 2006"); got != "Tuesday 19 January 2027" {
			t.Errorf("extended, due %s; want Tuesday 19 January 2027", got)
		}
		if r.JSON()["extensionReason"] != "We must check references with three councils." {
			t.Errorf("the reason was not recorded: %s", r.Body)
		}
	})
	t.Run("only once", func(t *testing.T) {
		want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/extend", map[string]any{"reason": "Again"}), 409)
	})
	t.Run("the buyer is reminded two working days before", func(t *testing.T) {
		if n, err := w.p.App.DPS.RemindDue(context.Background()); err != nil || n != 0 {
			t.Fatalf("reminded %d (err %v) weeks early, want 0", n, err)
		}
		w.p.Clock.Advance(time.Date(2027, 1, 15, 9, 0, 0, 0, london).Sub(w.p.Clock.Now())) // Friday: Monday and Tuesday left
		// The running portal reminds too (hourly, and once on start, which on a busy machine can
		// come after the clock has moved), so this run may find it done: the one email below is
		// what counts.
		if n, err := w.p.App.DPS.RemindDue(context.Background()); err != nil || n > 1 {
			t.Fatalf("reminded %d (err %v), want at most 1", n, err)
		}
		if n, _ := w.p.App.DPS.RemindDue(context.Background()); n != 0 {
			t.Errorf("reminded again: %d, want 0", n)
		}
		email := w.p.WaitEmail(t, "buyer@council.example", 1)
		if !strings.Contains(email.Subject, "Decision due in 2 working days") {
			t.Errorf("subject = %q, want it to say the decision is due in 2 working days", email.Subject)
		}
		if n := len(w.p.Emails("buyer@council.example")); n != 1 {
			t.Errorf("the buyer got %d reminder emails, want 1", n)
		}
	})
}

func TestDynamicMarketDecisionTargetComesFromConfig(t *testing.T) {
	dueIn := func(t *testing.T, w *world, regime string) (int, int) {
		t.Helper()
		d := w.publishDPS(t, w.scheme(regime))
		app := applyAndSubmit(t, w.supplier(t, regime+"@example.org"), d, categoryID(d, 0))
		submitted, _ := time.Parse(time.RFC3339, app["submittedAt"].(string))
		due, _ := time.Parse(time.RFC3339, app["dueAt"].(string))
		return int(d["decisionDays"].(float64)), workdays.Default().WorkingDaysBetween(submitted, due)
	}
	t.Run("ten working days unless the council sets its own", func(t *testing.T) {
		w := start(t)
		if days, between := dueIn(t, w, "pa2023"); days != 10 || between != 10 {
			t.Errorf("pa2023 by default: target %d, due %d working days after submission; want 10 and 10", days, between)
		}
	})
	w := startWith(t, map[string]string{"FAIRTENDER_DYNAMIC_MARKET_DECISION_DAYS": "20"})
	t.Run("a dynamic market takes the council's target", func(t *testing.T) {
		if days, between := dueIn(t, w, "pa2023"); days != 20 || between != 20 {
			t.Errorf("pa2023 with 20 set: target %d, due %d working days after submission; want 20 and 20", days, between)
		}
	})
	t.Run("a pcr2015 DPS keeps regulation 34's ten", func(t *testing.T) {
		if days, between := dueIn(t, w, "pcr2015"); days != 10 || between != 10 {
			t.Errorf("pcr2015 with 20 set for dynamic markets: target %d, due %d working days; want 10 and 10", days, between)
		}
	})
}

func TestCategoriesMayBeDecidedOneAtATime(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.scheme("pcr2015"))
	cleaning, grounds := categoryID(d, 0), categoryID(d, 1)
	s := w.supplier(t, "both@example.org")
	app := applyAndSubmit(t, s, d, cleaning, grounds)
	id := app["id"].(string)
	status := func(v map[string]any) map[string]string {
		out := map[string]string{"application": v["status"].(string)}
		for _, c := range v["categories"].([]any) {
			c := c.(map[string]any)
			out[c["categoryId"].(string)] = c["status"].(string)
		}
		return out
	}
	decisions := func() int {
		var n int
		w.p.App.DB.Gorm.Raw(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ? AND n.kind = 'decision'`,
			"both@example.org").Scan(&n)
		return n
	}

	r := w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{{"categoryId": cleaning, "outcome": "admit"}}})
	want(t, r, 200)
	if got := status(r.JSON()); got["application"] != "submitted" || got[cleaning] != "admitted" || got[grounds] != "requested" {
		t.Errorf("after deciding cleaning: %v, want the application still waiting, cleaning admitted, grounds requested", got)
	}
	if n := decisions(); n != 1 {
		t.Errorf("the supplier was told %d times, want once", n)
	}
	r = w.buyer.Do("GET", "/api/v1/dps-queue", nil)
	want(t, r, 200)
	if !strings.Contains(string(r.Body), id) {
		t.Errorf("the application left the queue with grounds still to decide: %s", r.Body)
	}

	r = w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{{"categoryId": cleaning, "outcome": "reject", "reason": "Changed our mind."}}})
	if r.Status != 422 || r.FieldErrors()["body.decisions[0].categoryId"] == "" {
		t.Errorf("deciding cleaning again: %d %s, want 422 naming the category", r.Status, r.Body)
	}

	r = w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{{"categoryId": grounds, "outcome": "reject", "reason": "No mowers."}}})
	want(t, r, 200)
	if got := status(r.JSON()); got["application"] != "decided" || got[cleaning] != "admitted" || got[grounds] != "rejected" {
		t.Errorf("after deciding grounds: %v, want the application decided, cleaning admitted, grounds rejected", got)
	}
	if n := decisions(); n != 2 {
		t.Errorf("the supplier was told %d times, want twice (once per decision)", n)
	}

	t.Run("withdrawing after a partial decision takes back only what is waiting", func(t *testing.T) {
		other := w.supplier(t, "halfway@example.org")
		app := applyAndSubmit(t, other, d, cleaning, grounds)
		id := app["id"].(string)
		want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{{"categoryId": cleaning, "outcome": "admit"}}}), 200)
		r := other.Do("POST", "/api/v1/dps-applications/"+id+"/withdraw", nil)
		want(t, r, 200)
		got := status(r.JSON())
		if got["application"] != "decided" || got[cleaning] != "admitted" || got[grounds] != "" {
			t.Errorf("after withdrawing: %v, want decided, still admitted to cleaning, and grounds no longer applied for", got)
		}
	})
}

func TestDynamicMarketsTakeNoExtension(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.scheme("pa2023"))
	s := w.supplier(t, "cleaner@example.org")
	app := applyAndSubmit(t, s, d, categoryID(d, 0))
	want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+app["id"].(string)+"/extend", map[string]any{"reason": "Busy"}), 409)
}

func TestRegimeRules(t *testing.T) {
	w := start(t)
	t.Run("a pcr2015 DPS cannot charge fees", func(t *testing.T) {
		body := w.scheme("pcr2015")
		body["feeBp"] = 100
		r := w.buyer.Do("POST", "/api/v1/dps", body)
		if r.Status != 422 || r.FieldErrors()["body.feeBp"] == "" {
			t.Fatalf("got %d %s, want 422 naming feeBp", r.Status, r.Body)
		}
	})
	t.Run("a pa2023 dynamic market may record fees", func(t *testing.T) {
		body := w.scheme("pa2023")
		body["feeBp"], body["feeDescription"] = 100, "1% of the contract value, payable by the winner"
		want(t, w.buyer.Do("POST", "/api/v1/dps", body), 201)
	})
	t.Run("a pa2023 dynamic market's conditions are fixed once published", func(t *testing.T) {
		d := w.publishDPS(t, w.scheme("pa2023"))
		body := w.scheme("pa2023")
		body["categories"] = []map[string]any{{"id": categoryID(d, 0), "name": "Cleaning", "cpvCodes": []string{"90910000-9"}},
			{"id": categoryID(d, 1), "name": "Grounds maintenance", "cpvCodes": []string{"77310000-6"}}, {"name": "Catering", "cpvCodes": []string{"55520000-1"}}}
		body["questions"] = nil
		r := w.buyer.Do("GET", "/api/v1/dps/"+d["id"].(string), nil)
		etag := r.Header.Get("ETag")
		want(t, ifMatch(w.buyer, etag).Do("PUT", "/api/v1/dps/"+d["id"].(string), body), 409)
	})
	t.Run("a pcr2015 DPS may add a category once published", func(t *testing.T) {
		d := w.publishDPS(t, w.scheme("pcr2015"))
		body := keepQuestions(w.scheme("pcr2015"), d)
		body["categories"] = []map[string]any{{"id": categoryID(d, 0), "name": "Cleaning", "cpvCodes": []string{"90910000-9"}},
			{"id": categoryID(d, 1), "name": "Grounds maintenance", "cpvCodes": []string{"77310000-6"}}, {"name": "Catering", "cpvCodes": []string{"55520000-1"}}}
		r := w.buyer.Do("GET", "/api/v1/dps/"+d["id"].(string), nil)
		r = ifMatch(w.buyer, r.Header.Get("ETag")).Do("PUT", "/api/v1/dps/"+d["id"].(string), body)
		want(t, r, 200)
		if n := len(r.JSON()["categories"].([]any)); n != 3 {
			t.Errorf("%d categories, want 3", n)
		}
	})
	t.Run("a pcr2015 DPS changes its questions without losing anyone's answers", func(t *testing.T) {
		d := w.publishDPS(t, w.scheme("pcr2015"))
		s := w.supplier(t, "answered@example.org")
		app := applyAndSubmit(t, s, d, categoryID(d, 0))
		body := keepQuestions(w.scheme("pcr2015"), d)
		qs := body["questions"].([]map[string]any)
		qs[1]["text"] = "Describe a similar contract from the last three years."
		body["questions"] = append(qs, map[string]any{"kind": "text", "text": "Who would manage the contract?"})
		r := w.buyer.Do("GET", "/api/v1/dps/"+d["id"].(string), nil)
		r = ifMatch(w.buyer, r.Header.Get("ETag")).Do("PUT", "/api/v1/dps/"+d["id"].(string), body)
		want(t, r, 200)
		r = w.buyer.Do("GET", "/api/v1/dps-applications/"+app["id"].(string), nil)
		want(t, r, 200)
		answered := 0
		for _, a := range r.JSON()["answers"].([]any) {
			if a.(map[string]any)["value"] != "" {
				answered++
			}
		}
		if answered != 3 {
			t.Errorf("%d answers left after the buyer edited the questions, want the supplier's 3: %s", answered, r.Body)
		}
	})
	t.Run("a published DPS cannot drop a question suppliers may have answered", func(t *testing.T) {
		d := w.publishDPS(t, w.scheme("pcr2015"))
		body := keepQuestions(w.scheme("pcr2015"), d)
		body["questions"] = body["questions"].([]map[string]any)[:2]
		r := w.buyer.Do("GET", "/api/v1/dps/"+d["id"].(string), nil)
		r = ifMatch(w.buyer, r.Header.Get("ETag")).Do("PUT", "/api/v1/dps/"+d["id"].(string), body)
		if r.Status != 422 || r.FieldErrors()["body.questions"] == "" {
			t.Errorf("got %d %s, want 422 naming questions", r.Status, r.Body)
		}
	})
	t.Run("applying to a closed DPS is a conflict", func(t *testing.T) {
		body := w.scheme("pcr2015")
		today := w.p.Clock.Now().In(london)
		body["startsOn"], body["endsOn"] = today.AddDate(0, 0, -30).Format("2006-01-02"), today.AddDate(0, 0, 1).Format("2006-01-02")
		d := w.publishDPS(t, body)
		w.p.Clock.Advance(3 * 24 * time.Hour)
		s := w.supplier(t, "late@example.org")
		want(t, s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}}), 409)
	})
}

func TestTwoBuyersEditingOneDPS(t *testing.T) {
	w := start(t)
	r := w.buyer.Do("POST", "/api/v1/dps", w.scheme("pcr2015"))
	want(t, r, 201)
	id, loaded := r.JSON()["id"].(string), r.Header.Get("ETag")
	first, second := w.scheme("pcr2015"), w.scheme("pcr2015")
	first["title"], second["title"] = "First edit", "Second edit"
	want(t, ifMatch(w.buyer, loaded).Do("PUT", "/api/v1/dps/"+id, first), 200)
	t.Run("the second save, from the copy both loaded, is refused with 412", func(t *testing.T) {
		r := ifMatch(w.buyer, loaded).Do("PUT", "/api/v1/dps/"+id, second)
		want(t, r, 412)
		if !strings.Contains(string(r.Body), "Someone else changed this DPS") {
			t.Errorf("body %s, want it to say someone else changed the DPS", r.Body)
		}
		if got := w.buyer.Do("GET", "/api/v1/dps/"+id, nil).JSON()["title"]; got != "First edit" {
			t.Errorf("title = %v, want the first edit kept", got)
		}
	})
	t.Run("a save without If-Match is refused with 428", func(t *testing.T) {
		want(t, w.buyer.Do("PUT", "/api/v1/dps/"+id, second), 428)
	})
}

func TestApplyingFillsInTheProfileAndRejectionNeedsReasons(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.scheme("pcr2015"))
	s := w.supplier(t, "cleaner@example.org")
	var user, org string
	w.p.App.DB.Gorm.Table("users").Where("email = ?", "cleaner@example.org").Pluck("id", &user)
	w.p.App.DB.Gorm.Table("memberships").Where("user_id = ?", user).Pluck("organisation_id", &org)
	if _, err := w.p.App.Suppliers.SaveProfile(context.Background(), &auth.Principal{UserID: user, Role: auth.RoleSupplier, EmailVerified: true}, org, 0,
		suppliers.ProfileInput{LegalForm: "private_limited_company", LegalName: "Cleaner Ltd", CompaniesHouseNumber: "01234567", AddressLine1: "1 High St",
			Town: "London", Postcode: "N1 1AA", LocalAuthorityCode: "E09000019", StaffCount: 5, TurnoverPence: 10_000_000, Description: "Cleaning",
			CPVCodes: []string{"90910000-9"}, Contacts: []suppliers.ContactInput{{Name: "Sam", JobTitle: "Director", Email: "cleaner@example.org", Phone: "020 7527 2000"}}}); err != nil {
		t.Fatal(err)
	}
	r := s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 1)}})
	want(t, r, 201)
	app := r.JSON()
	answers := app["answers"].([]any)
	if len(answers) != 2 {
		t.Fatalf("%d questions for the grounds category, want 2 (the cleaning-only question left out): %s", len(answers), r.Body)
	}
	ch := answers[1].(map[string]any)
	if ch["value"] != "01234567" || ch["fromProfile"] != true {
		t.Errorf("Companies House answer = %v, want 01234567 from the profile", ch)
	}
	id := app["id"].(string)
	t.Run("a no to a yes/no question stops submission", func(t *testing.T) {
		want(t, s.Do("PUT", "/api/v1/dps-applications/"+id, map[string]any{"categoryIds": []string{categoryID(d, 1)},
			"answers": []map[string]any{{"questionId": answers[0].(map[string]any)["questionId"], "value": "no"}}}), 200)
		r := s.Do("POST", "/api/v1/dps-applications/"+id+"/submit", nil)
		if r.Status != 422 || r.FieldErrors()["body.answers[0].value"] == "" {
			t.Errorf("got %d %s, want 422 naming answers[0].value", r.Status, r.Body)
		}
	})
	want(t, s.Do("PUT", "/api/v1/dps-applications/"+id, map[string]any{"categoryIds": []string{categoryID(d, 1)},
		"answers": []map[string]any{{"questionId": answers[0].(map[string]any)["questionId"], "value": "yes"}}}), 200)
	want(t, s.Do("POST", "/api/v1/dps-applications/"+id+"/submit", nil), 200)

	t.Run("rejecting without reasons is refused", func(t *testing.T) {
		r := w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{{"categoryId": categoryID(d, 1), "outcome": "reject"}}})
		if r.Status != 422 || r.FieldErrors()["body.decisions[0].reason"] == "" {
			t.Errorf("got %d %s, want 422 naming decisions[0].reason", r.Status, r.Body)
		}
	})
	t.Run("the supplier reads the reasons as feedback", func(t *testing.T) {
		want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+id+"/decision", map[string]any{"decisions": []map[string]any{
			{"categoryId": categoryID(d, 1), "outcome": "reject", "reason": "No evidence of grounds work."}}}), 200)
		r := s.Do("GET", "/api/v1/dps-applications/"+id, nil)
		want(t, r, 200)
		c := r.JSON()["categories"].([]any)[0].(map[string]any)
		if c["status"] != "rejected" || c["reason"] != "No evidence of grounds work." {
			t.Errorf("category = %v, want rejected with the reason", c)
		}
		// First the email that the application was sent, with when to expect the decision; then
		// the decision, which says who to ask and that they may apply again at once.
		sent := w.p.WaitEmail(t, "cleaner@example.org", 1)
		if !strings.Contains(sent.Subject, "Application sent") || !strings.Contains(unfold(sent.Raw), "The council will decide by") {
			t.Errorf("first email %q, want the application sent with when the council will decide", sent.Subject)
		}
		email := w.p.WaitEmail(t, "cleaner@example.org", 2)
		raw := unfold(email.Raw)
		if !strings.Contains(email.Subject, "Decision on your application") || !strings.Contains(raw, "procurement@example.gov.uk") ||
			!strings.Contains(raw, "You can apply again at any time while the DPS is open") {
			t.Errorf("decision email %q, want who to ask and that they may apply again: %s", email.Subject, raw)
		}
	})
	t.Run("another supplier cannot see the application", func(t *testing.T) {
		other := w.supplier(t, "nosy@example.org")
		want(t, other.Do("GET", "/api/v1/dps-applications/"+id, nil), 404)
	})
	t.Run("the buyer's supplier record lists the application with each category's decision", func(t *testing.T) {
		r := w.buyer.Do("GET", "/api/v1/suppliers/"+org+"/dps-applications", nil)
		want(t, r, 200)
		items := r.JSON()["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("applications = %s, want the one sent", r.Body)
		}
		it := items[0].(map[string]any)
		c := it["categories"].([]any)[0].(map[string]any)
		if it["dpsTitle"] != "Facilities services" || it["status"] != "decided" || c["status"] != "rejected" || c["reason"] != "No evidence of grounds work." {
			t.Errorf("application on the record = %v, want Facilities services, decided, the category refused with its reason", it)
		}
		// A draft is the supplier's own business.
		want(t, s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}}), 201)
		if r := w.buyer.Do("GET", "/api/v1/suppliers/"+org+"/dps-applications", nil); len(r.JSON()["items"].([]any)) != 1 {
			t.Errorf("after a new draft: %s, want still only the one sent", r.Body)
		}
		want(t, s.Do("GET", "/api/v1/suppliers/"+org+"/dps-applications", nil), 403)
	})
}

func TestWhoIsInvitedToACall(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.scheme("pa2023"))
	cleaning, grounds := categoryID(d, 0), categoryID(d, 1)
	suppliers := map[string]*apptest.Client{}
	apps := map[string]map[string]any{}
	for _, name := range []string{"admitted", "rejected", "suspended", "grounds", "late"} {
		suppliers[name] = w.supplier(t, name+"@example.org")
	}
	for name, cat := range map[string]string{"admitted": cleaning, "rejected": cleaning, "suspended": cleaning, "grounds": grounds} {
		apps[name] = applyAndSubmit(t, suppliers[name], d, cat)
	}
	decide(t, w.buyer, apps["admitted"], map[string]string{cleaning: "admit"})
	decide(t, w.buyer, apps["rejected"], map[string]string{cleaning: "reject"})
	decide(t, w.buyer, apps["suspended"], map[string]string{cleaning: "admit"})
	decide(t, w.buyer, apps["grounds"], map[string]string{grounds: "admit"})
	want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+apps["suspended"]["id"].(string)+"/categories/"+cleaning+"/membership",
		map[string]any{"action": "suspend", "reason": "Insurance lapsed."}), 200)
	apps["late"] = applyAndSubmit(t, suppliers["late"], d, cleaning)

	t.Run("a call for a category nobody is in gets a warning", func(t *testing.T) {
		body := w.scheme("pa2023")
		empty := w.publishDPS(t, body)
		id := w.call(t, empty, "Nobody to invite", categoryID(empty, 0))
		r := w.buyer.Do("GET", "/api/v1/opportunities/"+id+"/dps-call", nil)
		want(t, r, 200)
		if ws := r.JSON()["warnings"].([]any); len(ws) != 1 {
			t.Errorf("warnings = %v, want one about the empty category", ws)
		}
	})

	first := w.call(t, d, "Library cleaning", cleaning)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+first+"/publish", nil), 200)
	// Admitted after the call was published: not invited to it.
	w.p.Clock.Advance(time.Minute)
	decide(t, w.buyer, apps["late"], map[string]string{cleaning: "admit"})

	waitInvited := func(opp string, n int) map[string]bool {
		deadline := time.Now().Add(20 * time.Second)
		for {
			got := w.invited(t, opp)
			if len(got) >= n || time.Now().After(deadline) {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	got := waitInvited(first, 1)
	if len(got) != 1 || !got["admitted@example.org"] {
		t.Errorf("invited %v, want only the admitted supplier (not rejected, suspended, another category, or admitted after publication)", got)
	}
	inv := w.p.WaitEmail(t, "admitted@example.org", 3) // the application sent, the decision, then the invitation
	if !strings.Contains(inv.Subject, "You are invited to bid: Library cleaning") {
		t.Errorf("subject = %q, want the invitation", inv.Subject)
	}
	if n, err := w.p.App.DPS.Invite(context.Background(), first); err != nil || n != 0 {
		t.Errorf("inviting again invited %d (err %v), want 0", n, err)
	}

	t.Run("only members see the call's documents", func(t *testing.T) {
		r := suppliers["admitted"].Do("GET", "/api/v1/opportunities/"+first, nil)
		want(t, r, 200)
		docs := r.JSON()["documents"].([]any)
		if len(docs) != 1 {
			t.Fatalf("a member sees %d documents, want 1", len(docs))
		}
		doc := docs[0].(map[string]any)["id"].(string)
		want(t, suppliers["admitted"].Do("GET", "/api/v1/opportunities/"+first+"/documents/"+doc, nil), 200)
		for _, c := range []*apptest.Client{suppliers["rejected"], suppliers["suspended"], suppliers["grounds"], w.p.Client(t)} {
			want(t, c.Do("GET", "/api/v1/opportunities/"+first+"/documents/"+doc, nil), 403)
			r := c.Do("GET", "/api/v1/opportunities/"+first, nil)
			want(t, r, 200)
			if n := len(r.JSON()["documents"].([]any)); n != 0 || r.JSON()["documentsHiddenReason"] == "" {
				t.Errorf("a non-member sees %d documents (reason %v), want none and why", n, r.JSON()["documentsHiddenReason"])
			}
		}
	})

	t.Run("a supplier admitted after one call is invited to the next", func(t *testing.T) {
		second := w.call(t, d, "Office cleaning", cleaning)
		w.p.Clock.Advance(time.Minute)
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+second+"/publish", nil), 200)
		got := waitInvited(second, 2)
		if len(got) != 2 || !got["admitted@example.org"] || !got["late@example.org"] {
			t.Errorf("invited %v, want the admitted and the late supplier", got)
		}
	})

	t.Run("the public page counts members per category", func(t *testing.T) {
		r := w.p.Client(t).Do("GET", "/api/v1/dps/"+d["id"].(string), nil)
		want(t, r, 200)
		c := r.JSON()["categories"].([]any)[0].(map[string]any)
		if c["admitted"].(float64) != 2 {
			t.Errorf("cleaning has %v members, want 2 (admitted and late; suspended is not counted)", c["admitted"])
		}
		kinds := c["cpvDetails"].([]any)
		if len(kinds) != 1 || kinds[0].(map[string]any)["description"] != "Cleaning services" {
			t.Errorf("cleaning's kinds of work = %v, want Cleaning services (90910000-9)", kinds)
		}
	})
}

func TestInvitedMembersHearOfChangesAndTheDeadline(t *testing.T) {
	w := start(t)
	ctx := context.Background()
	d := w.publishDPS(t, w.scheme("pa2023"))
	cleaning := categoryID(d, 0)
	bidder, quiet, paused := w.supplier(t, "bidder@example.org"), w.supplier(t, "quiet@example.org"), w.supplier(t, "paused@example.org")
	pausedApp := applyAndSubmit(t, paused, d, cleaning)
	decide(t, w.buyer, applyAndSubmit(t, bidder, d, cleaning), map[string]string{cleaning: "admit"})
	decide(t, w.buyer, applyAndSubmit(t, quiet, d, cleaning), map[string]string{cleaning: "admit"})
	decide(t, w.buyer, pausedApp, map[string]string{cleaning: "admit"})
	call := w.call(t, d, "Depot cleaning", cleaning)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+call+"/publish", nil), 200)
	for until := time.Now().Add(20 * time.Second); len(w.invited(t, call)) < 3 && time.Now().Before(until); {
		time.Sleep(50 * time.Millisecond)
	}
	// Suspended after the invitation: it may no longer bid, so it is not told.
	want(t, w.buyer.Do("POST", "/api/v1/dps-applications/"+pausedApp["id"].(string)+"/categories/"+cleaning+"/membership",
		map[string]any{"action": "suspend", "reason": "Insurance lapsed."}), 200)
	// Interest as well as the invitation: still told once.
	want(t, bidder.Do("POST", "/api/v1/opportunities/"+call+"/interest", nil), 200)

	told := func(email, kind string) int {
		var n int
		w.p.App.DB.Gorm.Raw(`SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = ? AND n.kind = ? AND n.opportunity_id = ?`, email, kind, call).Scan(&n)
		return n
	}
	t.Run("an amendment reaches those invited, once", func(t *testing.T) {
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+call+"/amendments", map[string]any{"note": "The depot has a second floor.",
			"summary": "Cleaning of the depot, both floors."}), 201)
		for until := time.Now().Add(20 * time.Second); told("bidder@example.org", "amended") == 0 && time.Now().Before(until); {
			time.Sleep(50 * time.Millisecond)
		}
		if n := told("bidder@example.org", "amended"); n != 1 {
			t.Errorf("the invited bidder who registered interest was told of the change %d times, want 1", n)
		}
		if n := told("quiet@example.org", "amended"); n != 1 {
			t.Errorf("the invited member who did not register interest was told of the change %d times, want 1", n)
		}
		if n := told("paused@example.org", "amended"); n != 0 {
			t.Errorf("the suspended member was told of the change %d times, want 0", n)
		}
	})
	t.Run("so does a reminder of the deadline", func(t *testing.T) {
		w.p.Clock.Advance(13 * 24 * time.Hour) // the deadline is 14 days after publication
		if _, err := w.p.App.Notifications.WriteReminders(ctx); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"bidder@example.org", "quiet@example.org"} {
			if n := told(email, "reminder"); n != 1 {
				t.Errorf("%s, invited, got %d reminders, want 1", email, n)
			}
		}
		if n := told("paused@example.org", "reminder"); n != 0 {
			t.Errorf("the suspended member got %d reminders, want 0", n)
		}
	})
}

func TestFirstCallWaits30DaysUnderThe2015Regulations(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.scheme("pcr2015"))
	s := w.supplier(t, "cleaner@example.org")
	decide(t, w.buyer, applyAndSubmit(t, s, d, categoryID(d, 0)), map[string]string{categoryID(d, 0): "admit"})
	id := w.call(t, d, "Too soon", categoryID(d, 0))
	r := w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil)
	if r.Status != 409 || !strings.Contains(string(r.Body), "30 days") {
		t.Fatalf("got %d %s, want 409 about the 30 days", r.Status, r.Body)
	}
	if got := w.invited(t, id); len(got) != 0 {
		t.Errorf("invited %v to a call that was not published", got)
	}
	w.p.Clock.Advance(31 * 24 * time.Hour)
	w.buyer = w.signIn(t, "buyer@council.example")
	later := w.call(t, d, "In time", categoryID(d, 0))
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+later+"/publish", nil), 200)
}

// ifMatch is the same browser sending If-Match.
func ifMatch(c *apptest.Client, etag string) *apptest.Client {
	c2 := *c
	c2.Header = map[string]string{"If-Match": etag}
	return &c2
}

var _ = fmt.Sprintf

// unfold undoes an email's quoted-printable line breaks, so that a sentence can be looked for.
func unfold(raw string) string {
	return strings.ReplaceAll(strings.ReplaceAll(raw, "=\r\n", ""), "=\n", "")
}
