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
	"github.com/fairtender/fairtender/backend/platform/database"
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
		// A query over the 200-character limit, but whose request still fits the server's read
		// buffer: a longer URL is refused before any handler, with the connection closed, and the
		// client may see only the reset while still writing.
		for _, q := range []string{strings.Repeat("a", 201), strings.Repeat("roof ", 100), "roof\x00", "roof\x1b[31m", "\xff\xfe"} {
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

	t.Run("a CPV code with a wrong check digit is refused, naming the parameter and the right code", func(t *testing.T) {
		for _, path := range []string{"/api/v1/opportunities?cpv=45261000-5", "/api/v1/pipeline?cpv=45261000-5", "/api/v1/opportunities?cpv=45999999-1"} {
			r := c.Do("GET", path, nil)
			want(t, r, 422)
			var named bool
			for loc, msg := range r.FieldErrors() {
				named = named || (strings.HasSuffix(loc, "cpv") && (strings.Contains(msg, "45261000-4") || strings.Contains(path, "45999999")))
			}
			if !named {
				t.Errorf("%s: errors = %v, want one for cpv (with the right code when only the check digit is wrong)", path, r.FieldErrors())
			}
		}
		if got := refs(t, c, "cpv=45261000"); !same(got, roof) {
			t.Errorf("cpv=45261000 (no check digit) = %v, want %v", got, roof)
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

// publishInput publishes in through the service, as a buyer would, and returns its ID and reference.
func publishInput(t *testing.T, p *apptest.Portal, by *auth.Principal, in opportunities.OpportunityInput) (string, string) {
	t.Helper()
	ctx := context.Background()
	v, err := p.App.Opportunities.CreateDraft(ctx, by, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.App.Opportunities.Publish(ctx, by, v.ID); err != nil {
		t.Fatal(err)
	}
	return v.ID, v.Reference
}

// openTender is a complete open tender closing days from now, ready to publish.
func openTender(now time.Time, title, summary string, days int, cpv []string, lots ...opportunities.OpportunityLotInput) opportunities.OpportunityInput {
	sub := now.Add(time.Duration(days) * 24 * time.Hour)
	return opportunities.OpportunityInput{Title: title, Summary: summary, Description: summary + " Full details are in the documents.",
		Procedure: "open_tender", CPVCodes: cpv, Lots: lots, EstimatedValuePence: 5000000, ContractMonths: 12, PlaceOfDelivery: "E09000019",
		SuitableForSMEs: true, SubmissionDeadline: rfc(sub), ClarificationDeadline: rfc(sub.Add(-24 * time.Hour)),
		ExpectedAwardOn: sub.Add(30 * 24 * time.Hour).Format("2006-01-02"), ShortPeriodReason: "Seeded for a test.",
		Criteria: []opportunities.OpportunityCriterionInput{{Name: "Price", Kind: "price", WeightBP: 6000}, {Name: "Quality", Kind: "quality", WeightBP: 2000},
			{Name: "Social value", Kind: "social_value", WeightBP: 2000}}}
}

// TestSearchFollowsChanges checks what the stored search documents (PostgreSQL's generated column,
// SQLite's contentless FTS5 table) and the indexes behind the CPV filter and the counts must get
// right: lots' codes, amendments, draft edits, cancellation and totals past one page.
func TestSearchFollowsChanges(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	u, err := p.App.Accounts.CreateUser(ctx, accounts.CreateUserInput{Email: "changer@council.example", Name: "Changer", Role: "buyer", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	by := &auth.Principal{UserID: u.ID, Role: auth.RoleBuyer, EmailVerified: true}
	now := p.Clock.Now()
	// The town hall's own code is for advertising; only its lot is for building cleaning.
	hallID, hall := publishInput(t, p, by, openTender(now, "Town hall glazing", "New windows for the town hall.", 30, []string{"79341000-6"},
		opportunities.OpportunityLotInput{Title: "Cleaning after the works", ValuePence: 500000, CPVCode: "90911200-8"}))
	_, depot := publishInput(t, p, by, openTender(now, "Depot hall heating", "Boilers for the depot hall.", 20, []string{"45000000-7"}))
	_, library := publishInput(t, p, by, openTender(now, "Library hall lighting", "Lamps for the library's main hall.", 25, []string{"45000000-7"}))
	c := p.Client(t)

	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"a parent code finds a lot's code", "cpv=90910000-9", []string{hall}},
		{"a lot's exact code", "cpv=90911200-8", []string{hall}},
		{"the opportunity's own code as well as its lot's", "cpv=79000000-4", []string{hall}},
		{"words and a lot's code together", "cpv=90900000-6&q=glazing", []string{hall}},
		{"words, in closing order when asked", "q=hall&sort=closing", []string{depot, library, hall}},
		{"words, newest first when asked", "q=hall&sort=newest", []string{library, depot, hall}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := refs(t, c, tc.query); !same(got, tc.want...) {
				t.Errorf("GET ?%s = %v, want %v", tc.query, got, tc.want)
			}
		})
	}

	t.Run("a search for words counts every match, on every page", func(t *testing.T) {
		for _, tc := range []struct {
			page      string
			wantItems int
		}{{"1", 2}, {"2", 1}, {"3", 0}, {"9", 0}} {
			r := c.Do("GET", "/api/v1/opportunities?q=hall&pageSize=2&page="+tc.page, nil)
			want(t, r, 200)
			v := r.JSON()
			if got := len(v["items"].([]any)); v["total"] != float64(3) || got != tc.wantItems {
				t.Errorf("page %s: total %v and %d items, want 3 and %d", tc.page, v["total"], got, tc.wantItems)
			}
		}
	})

	t.Run("an amended title is found by its new words, not its old ones", func(t *testing.T) {
		title := "Town hall roofing"
		if _, err := p.App.Opportunities.Amend(ctx, by, hallID, opportunities.AmendInput{Note: "The windows can wait.", Title: &title}); err != nil {
			t.Fatal(err)
		}
		if got := refs(t, c, "q=glazing"); len(got) != 0 {
			t.Errorf("q=glazing = %v, want nothing", got)
		}
		if got := refs(t, c, "q=roofing"); !same(got, hall) {
			t.Errorf("q=roofing = %v, want %v", got, []string{hall})
		}
	})

	t.Run("a cancelled opportunity is still found by its words under cancelled", func(t *testing.T) {
		if _, err := p.App.Opportunities.Cancel(ctx, by, hallID, "No longer needed."); err != nil {
			t.Fatal(err)
		}
		if got := refs(t, c, "q=roofing"); len(got) != 0 {
			t.Errorf("open q=roofing = %v, want nothing", got)
		}
		if got := refs(t, c, "status=cancelled&q=roofing"); !same(got, hall) {
			t.Errorf("cancelled q=roofing = %v, want %v", got, []string{hall})
		}
	})

	t.Run("an edited draft is found by its new words in the buyers' list", func(t *testing.T) {
		in := openTender(now, "Kiosk for the park", "A kiosk.", 30, []string{"45000000-7"})
		d, err := p.App.Opportunities.CreateDraft(ctx, by, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Title = "Tram stop shelter"
		if _, err := p.App.Opportunities.UpdateDraft(ctx, by, d.ID, d.Version, in); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{"kiosk": {d.Reference}, "tram": {d.Reference}, "park": nil} {
			res, err := p.App.Opportunities.ListForBuyers(ctx, by, opportunities.BuyerFilter{Q: q}, 1, 20)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range res.Items {
				got = append(got, it.Reference)
			}
			if !same(got, want...) || res.Total != int64(len(want)) {
				t.Errorf("buyers' list q=%s = %v (total %d), want %v", q, got, res.Total, want)
			}
		}
	})
}

// TestOpenSearchFollowsDeadlines checks the open search as deadlines pass and move: on PostgreSQL
// it reads open_opportunities, which triggers fill and a job prunes (migrations/postgres/00008).
func TestOpenSearchFollowsDeadlines(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	u, err := p.App.Accounts.CreateUser(ctx, accounts.CreateUserInput{Email: "dates@council.example", Name: "Dates", Role: "buyer", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	by := &auth.Principal{UserID: u.ID, Role: auth.RoleBuyer, EmailVerified: true}
	now := p.Clock.Now()
	depotID, depot := publishInput(t, p, by, openTender(now, "Depot gates", "New gates for the depot.", 12, []string{"45000000-7"}))
	_, yard := publishInput(t, p, by, openTender(now, "Yard gates", "Gates and fencing for the salt yard.", 14, []string{"45000000-7"}))
	in := openTender(now, "Salt barn", "A barn for road salt.", 30, []string{"45000000-7"})
	in.Description = "A barn for road salt, with gates wide enough for a gritter."
	_, barn := publishInput(t, p, by, in)
	c := p.Client(t)

	t.Run("words in the title rank above words in the summary, and those above the description", func(t *testing.T) {
		if got := refs(t, c, "q=gates&sort=relevance"); !same(got, depot, yard, barn) {
			t.Errorf("q=gates = %v, want %v", got, []string{depot, yard, barn})
		}
	})

	later := rfc(now.Add(20 * 24 * time.Hour))
	if _, err := p.App.Opportunities.Amend(ctx, by, depotID, opportunities.AmendInput{Note: "More time to visit the site.", SubmissionDeadline: &later}); err != nil {
		t.Fatal(err)
	}
	p.Clock.Advance(15 * 24 * time.Hour)
	check := func(t *testing.T) {
		t.Helper()
		if got := refs(t, c, "cpv=45000000-7"); !same(got, depot, barn) {
			t.Errorf("open = %v, want %v", got, []string{depot, barn})
		}
		if got := refs(t, c, "q=gates"); !same(got, depot, barn) {
			t.Errorf("open q=gates = %v, want %v", got, []string{depot, barn})
		}
		if got := refs(t, c, "status=closed&q=gates"); !same(got, yard) {
			t.Errorf("closed q=gates = %v, want %v", got, []string{yard})
		}
	}
	t.Run("a passed deadline closes it at once, and a later one keeps it open", check)
	t.Run("and so after the closed are pruned", func(t *testing.T) {
		n, err := p.App.Opportunities.PruneClosed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.App.DB.Dialect == database.Postgres && n != 1 {
			t.Errorf("pruned %d, want 1 (the yard)", n)
		}
		check(t)
	})
}
