package evaluation_test

import (
	"context"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

func want(t testing.TB, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

// fixture is an opportunity whose bids have been opened: a pass/fail question (public liability
// insurance, yes to pass), a quality and a social value question and a price; four bidders, one
// of whom answers no; evaluators Eve and Eli (who also opened the bids), moderator Mo and price
// scorer Pat.
type fixture struct {
	p                           *apptest.Portal
	buyer                       *apptest.Client
	eve, eli, mo, pat           accounts.User
	oppID                       string
	passQ, qualityQ, socialQ    string
	bidA, bidB, bidFail, bidLow string
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{}
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	f.p, f.buyer = p, p.Buyer(t, "buyer@council.example")
	staff := func(email, name string, twoStep bool) accounts.User {
		u := p.CreateStaff(t, accounts.CreateUserInput{Email: email, Name: name, Role: string(auth.RoleEvaluator), Password: apptest.Password})
		if twoStep {
			if err := p.App.Accounts.SetUpDemoTwoStep(context.Background(), email, apptest.TwoStepSecret); err != nil {
				t.Fatal(err)
			}
		}
		return u
	}
	f.eve, f.eli = staff("eve@council.example", "Eve Evans", true), staff("eli@council.example", "Eli Ellis", true)
	f.mo, f.pat = staff("mo@council.example", "Mo Moderator", false), staff("pat@council.example", "Pat Price", false)
	now := p.Clock.Now()
	deadline := now.Add(30 * 24 * time.Hour).Truncate(time.Second)
	r := f.buyer.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": "Community transport", "summary": "Door-to-door transport for older residents.",
		"description": "Minibus trips to day centres, five days a week.", "procedure": "open_tender", "cpvCodes": []string{"60140000-1"},
		"estimatedValuePence": 9000000, "contractMonths": 24, "placeOfDelivery": "E09000007", "suitableForSmes": true, "reserved": "none",
		"clarificationDeadline": rfc(now.Add(20 * 24 * time.Hour)), "submissionDeadline": rfc(deadline),
		"expectedAwardOn": now.Add(60 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 4000}, {"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	want(t, r, 201)
	f.oppID = r.JSON()["id"].(string)
	r = f.buyer.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/response-form", map[string]any{"questions": []map[string]any{
		{"kind": "pass_fail", "title": "Do you hold public liability insurance of at least £5m?", "required": true, "requiredAnswer": "yes"},
		{"kind": "text", "title": "How will you keep passengers safe?", "required": true, "wordLimit": 500, "criterion": "Quality", "weightShareBp": 10000},
		{"kind": "social_value", "title": "What will you do for the borough?", "required": true, "wordLimit": 500, "criterion": "Social value", "weightShareBp": 10000},
		{"kind": "price", "title": "Your price", "required": true, "priceMode": "per_lot", "criterion": "Price", "weightShareBp": 10000},
	}})
	want(t, r, 200)
	qs := r.JSON()["questions"].([]any)
	id := func(i int) string { return qs[i].(map[string]any)["id"].(string) }
	f.passQ, f.qualityQ, f.socialQ = id(0), id(1), id(2)
	priceQ := id(3)
	want(t, f.buyer.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/opening-panel", map[string]any{"userIds": []string{f.eve.ID, f.eli.ID}}), 200)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/publish", nil), 200)

	bid := func(email, pass string, price int) string {
		c := p.Supplier(t, accounts.RegisterInput{Email: email, OrganisationName: "Org " + email})
		r := c.Do("POST", "/api/v1/opportunities/"+f.oppID+"/bids", map[string]any{})
		want(t, r, 201)
		id := r.JSON()["id"].(string)
		c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
		want(t, c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{
			{"questionId": f.passQ, "passFail": pass}, {"questionId": f.qualityQ, "text": "Every driver is trained and checked; " + email},
			{"questionId": f.socialQ, "text": "Local apprentices"}, {"questionId": priceQ, "prices": []map[string]any{{"lotId": "", "pricePence": price}}}}}), 200)
		c.Header = map[string]string{"Idempotency-Key": "k-" + email}
		want(t, c.Do("POST", "/api/v1/bids/"+id+"/submit", nil), 200)
		c.Header = nil
		return id
	}
	f.bidA = bid("a@bidder.example", "yes", 100000)
	f.bidB = bid("b@bidder.example", "yes", 60000)
	f.bidFail = bid("c@bidder.example", "no", 50000)
	f.bidLow = bid("d@bidder.example", "yes", 20000)

	p.Clock.Advance(deadline.Sub(p.Clock.Now()) + time.Millisecond)
	for _, u := range []accounts.User{f.eve, f.eli} {
		cl := p.SignedIn(t, u.Email, apptest.Password)
		p.Clock.Advance(30 * time.Second)
		want(t, cl.Do("POST", "/api/v1/opportunities/"+f.oppID+"/opening", map[string]any{"password": apptest.Password,
			"code": apptest.TwoStepCode(t, apptest.TwoStepSecret, p.Clock.Now())}), 200)
	}
	f.buyer = p.SignedIn(t, "buyer@council.example", apptest.Password)
	return f
}

// as signs a member of staff in.
func (f *fixture) as(t *testing.T, u accounts.User) *apptest.Client {
	t.Helper()
	return f.p.SignedIn(t, u.Email, apptest.Password)
}

// panel names Eve and Eli evaluators, Mo moderator and Pat price scorer.
func (f *fixture) panel(t *testing.T) {
	t.Helper()
	want(t, f.buyer.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/evaluation/panel", map[string]any{"seats": []map[string]any{
		{"userId": f.eve.ID, "role": "evaluator"}, {"userId": f.eli.ID, "role": "evaluator"},
		{"userId": f.mo.ID, "role": "moderator"}, {"userId": f.pat.ID, "role": "price"}}}), 200)
}

// declareAll has every panel member and the buyer declare no conflict.
func (f *fixture) declareAll(t *testing.T) {
	t.Helper()
	for _, u := range []accounts.User{f.eve, f.eli, f.mo, f.pat} {
		want(t, f.as(t, u).Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
	}
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
}

const because = "The answer sets out driver training, DBS checks and a named safeguarding lead, as the question asks."

// mark has an evaluator mark both scored questions of a bid and submit.
func (f *fixture) mark(t *testing.T, u accounts.User, bidID string, quality, social int) {
	t.Helper()
	cl := f.as(t, u)
	want(t, cl.Do("PUT", "/api/v1/evaluation/bids/"+bidID+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.qualityQ, "mark": quality, "justification": because}, {"questionId": f.socialQ, "mark": social, "justification": because}}}), 200)
	want(t, cl.Do("POST", "/api/v1/evaluation/bids/"+bidID+"/marks/submit", nil), 200)
}

// moderate has Mo agree both marks of a bid.
func (f *fixture) moderate(t *testing.T, bidID string, quality, social int) {
	t.Helper()
	cl := f.as(t, f.mo)
	for q, m := range map[string]int{f.qualityQ: quality, f.socialQ: social} {
		want(t, cl.Do("PUT", "/api/v1/evaluation/bids/"+bidID+"/moderation/"+q, map[string]any{"mark": m, "rationale": "Agreed at the moderation meeting.",
			"strengths": "You explained your driver checks clearly.", "improvements": "Say how you would cover a driver's absence."}), 200)
	}
}
