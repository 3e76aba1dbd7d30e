package opportunities_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// seed publishes an opportunity through the service, as a buyer would, and returns its reference.
func seed(t *testing.T, p *apptest.Portal, by *auth.Principal, title, summary, cpv, place, procedure string, valuePence int64, days float64, sme, vcse bool) string {
	t.Helper()
	ctx := context.Background()
	now := p.Clock.Now()
	sub := now.Add(time.Duration(days * 24 * float64(time.Hour)))
	in := opportunities.OpportunityInput{Title: title, Summary: summary, Description: summary + " Full details are in the documents.",
		Procedure: procedure, CPVCodes: []string{cpv}, EstimatedValuePence: valuePence, ContractMonths: 12, PlaceOfDelivery: place,
		SuitableForSMEs: sme, SuitableForVCSEs: vcse, SubmissionDeadline: rfc(sub), ClarificationDeadline: rfc(sub.Add(-24 * time.Hour)),
		ExpectedAwardOn: sub.Add(30 * 24 * time.Hour).Format("2006-01-02"), ShortPeriodReason: "Seeded for a test.",
		Criteria: []opportunities.OpportunityCriterionInput{{Name: "Price", Kind: "price", WeightBP: 6000}, {Name: "Quality", Kind: "quality", WeightBP: 2000},
			{Name: "Social value", Kind: "social_value", WeightBP: 2000}}}
	v, err := p.App.Opportunities.CreateDraft(ctx, by, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.App.Opportunities.Publish(ctx, by, v.ID); err != nil {
		t.Fatal(err)
	}
	return v.Reference
}

func refs(t *testing.T, c *apptest.Client, query string) []string {
	t.Helper()
	r := c.Do("GET", "/api/v1/opportunities?"+query, nil)
	want(t, r, 200)
	var out []string
	for _, it := range r.JSON()["items"].([]any) {
		out = append(out, str(it.(map[string]any)["reference"]))
	}
	return out
}

func same(got []string, want ...string) bool {
	return strings.Join(got, ",") == strings.Join(want, ",")
}

func TestSearch(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	u, err := p.App.Accounts.CreateUser(ctx, accounts.CreateUserInput{Email: "seeder@council.example", Name: "Seeder", Role: "buyer", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	by := &auth.Principal{UserID: u.ID, Role: auth.RoleBuyer, EmailVerified: true}
	// Islington's council: Islington is local, Camden (bordering) sub-regional, Croydon regional,
	// Birmingham national.
	roof := seed(t, p, by, "School roof repairs", "Repairs to flat roofs at three primary schools.", "45261000-4", "E09000019", "open_tender", 15000000, 30, true, false)
	clean := seed(t, p, by, "Community centre cleaning", "Cleaning services for two community centres, by a local social enterprise ideally.", "90910000-9", "E09000007", "quick_quote", 4000000, 12, true, true)
	it := seed(t, p, by, "Library computer support", "Support for the public computers in libraries, including repairs.", "72000000-5", "E08000025", "open_tender", 50000000, 40, false, false)
	park := seed(t, p, by, "Park maintenance", "Grass cutting and repairs to benches.", "77310000-6", "E09000008", "quick_quote", 2000000, 20, true, true)
	if _, err := p.App.Opportunities.Cancel(ctx, by, park, "No longer needed."); err != nil {
		t.Fatal(err)
	}
	plan, err := p.App.Opportunities.CreatePlan(ctx, by, opportunities.PlannedProcurementInput{Title: "Housing repairs framework",
		Summary: "A framework of builders for council homes.", ExpectedQuarter: p.Clock.Now().AddDate(1, 0, 0).Format("2006") + "-Q2",
		EstimatedValuePence: 900000000, CPVCodes: []string{"45000000-7"}, ContactEmail: "housing@council.example"})
	if err != nil {
		t.Fatal(err)
	}
	c := p.Client(t)

	cases := []struct {
		name, query string
		want        []string
	}{
		{"open opportunities, closing soonest, by default", "", []string{clean, roof, it}},
		{"words", "q=roof", []string{roof}},
		{"stemmed words", "q=clean", []string{clean}},
		{"a phrase", "q=" + url.QueryEscape(`"community centres"`), []string{clean}},
		{"either word", "q=" + url.QueryEscape("roof or libraries"), []string{roof, it}},
		{"an excluded word", "q=" + url.QueryEscape("repairs -library"), []string{roof}},
		{"a reference", "q=" + it, []string{it}},
		{"a parent CPV code matches its children", "cpv=45000000-7", []string{roof}},
		{"the exact CPV code", "cpv=45261000-4", []string{roof}},
		{"an unrelated CPV code", "cpv=33000000-0", nil},
		{"local work", "locality=local", []string{roof}},
		{"work in a bordering borough", "locality=sub_regional", []string{clean}},
		{"work anywhere in the UK", "locality=national", []string{it}},
		{"value band", "minValuePence=3000000&maxValuePence=20000000", []string{clean, roof}},
		{"procedure", "procedure=quick_quote", []string{clean}},
		{"closing within 14 days", "closingWithinDays=14", []string{clean}},
		{"suitable for VCSEs", "suitableForVcses=true", []string{clean}},
		{"suitable for SMEs", "suitableForSmes=true", []string{clean, roof}},
		{"cancelled", "status=cancelled", []string{park}},
		{"planned", "status=planned", []string{plan.Reference}},
		{"planned, matching a child CPV code of the plan's", "status=planned&cpv=45000000-7", []string{plan.Reference}},
		{"newest first", "sort=newest", []string{it, clean, roof}},
		{"most relevant first: a word in the title beats one in the summary", "q=repairs&sort=relevance", []string{roof, it}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := refs(t, c, tc.query); !same(got, tc.want...) {
				t.Errorf("GET ?%s = %v, want %v", tc.query, got, tc.want)
			}
		})
	}

	t.Run("pages with a total", func(t *testing.T) {
		r := c.Do("GET", "/api/v1/opportunities?pageSize=1&page=2", nil)
		want(t, r, 200)
		v := r.JSON()
		items := v["items"].([]any)
		if v["total"] != float64(3) || len(items) != 1 || items[0].(map[string]any)["reference"] != roof {
			t.Errorf("page 2 = %s", r.Body)
		}
	})

	t.Run("the pipeline lists planned procurements publicly", func(t *testing.T) {
		r := c.Do("GET", "/api/v1/pipeline", nil)
		want(t, r, 200)
		items := r.JSON()["items"].([]any)
		if len(items) != 1 || !strings.HasPrefix(str(items[0].(map[string]any)["timeLeftText"]), "Expected to open for bids in April to June ") {
			t.Errorf("pipeline = %s", r.Body)
		}
	})

	t.Run("malformed queries are answered, never with a 500", func(t *testing.T) {
		for _, q := range []string{`"`, `"unbalanced phrase`, `(`, `)))`, `roof AND (`, `NOT`, `NOT roof`, `-`, `--`, `-roof`, `*`, `roof*`,
			`NEAR(roof school)`, `title:roof`, `^roof`, `roof:`, `'; DROP TABLE opportunities; --`, `\`, `%_%`, `OR`, `or or or`, `roof or`,
			`""`, `" "`, `-"roof repairs"`, `{}[]`, `roof & school | !park`, `<->`, `école`, `🏫 roof`, strings.Repeat("a", 200),
			strings.Repeat("roof ", 40), strings.Repeat(`"(`, 100)} {
			r := c.Do("GET", "/api/v1/opportunities?q="+url.QueryEscape(q), nil)
			if r.Status != 200 {
				t.Errorf("q=%q: status %d, want 200; %s", q, r.Status, r.Body)
			}
		}
		for _, q := range []string{strings.Repeat("a", 201), strings.Repeat("roof ", 2000), "roof\x00", "roof\x1b[31m", "\xff\xfe"} {
			r := c.Do("GET", "/api/v1/opportunities?q="+url.QueryEscape(q), nil)
			if r.Status < 400 || r.Status >= 500 {
				t.Errorf("q=%.20q…: status %d, want 4xx; %s", q, r.Status, r.Body)
			}
		}
		for _, bad := range []string{"cpv=abc", "cpv=4500", "status=secret", "status=draft", "locality=moon", "minValuePence=10&maxValuePence=5",
			"closingWithinDays=-1", "sort=random", "page=0", "pageSize=1000", "suitableForSmes=maybe"} {
			r := c.Do("GET", "/api/v1/opportunities?"+bad, nil)
			if r.Status < 400 || r.Status >= 500 {
				t.Errorf("%s: status %d, want 4xx; %s", bad, r.Status, r.Body)
			}
		}
	})

	t.Run("buyers see drafts in their list; the public never does", func(t *testing.T) {
		b := buyer(t, p, "lister@council.example")
		d := create(t, b, map[string]any{"title": "Secret roof plans"})
		if got := refs(t, c, "q=secret"); len(got) != 0 {
			t.Errorf("public search found a draft: %v", got)
		}
		r := b.Do("GET", "/api/v1/buyer/opportunities?status=draft&mine=true", nil)
		want(t, r, 200)
		items := r.JSON()["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["id"] != d {
			t.Errorf("buyer's drafts = %s", r.Body)
		}
	})

	t.Run("closed opportunities move out of the default search", func(t *testing.T) {
		p.Clock.Advance(13 * 24 * time.Hour)
		if got := refs(t, c, ""); !same(got, roof, it) {
			t.Errorf("open = %v", got)
		}
		if got := refs(t, c, "status=closed"); !same(got, clean) {
			t.Errorf("closed = %v", got)
		}
	})
}
