package evaluation_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/evaluation"
)

// TestAConflictIsDeclaredBeforeAnyBidIsRead: nobody reads a bid until they have declared their
// interests; a declared conflict keeps them out until a buyer records how it is managed; every
// declaration is kept.
func TestAConflictIsDeclaredBeforeAnyBidIsRead(t *testing.T) {
	f := newFixture(t)
	eve := f.as(t, f.eve)
	want(t, eve.Do("GET", "/api/v1/bids/"+f.bidA, nil), 403) // not on the evaluation panel yet
	f.panel(t)
	// On the panel: the bidders' names are there to declare against, the bids are not.
	r := eve.Do("GET", "/api/v1/opportunities/"+f.oppID+"/bids", nil)
	want(t, r, 200)
	if !strings.Contains(string(r.Body), "Org a@bidder.example") {
		t.Fatalf("the panel member cannot see who bid: %s", r.Body)
	}
	r = eve.Do("GET", "/api/v1/bids/"+f.bidA, nil)
	want(t, r, 403)
	if !strings.Contains(r.JSON()["detail"].(string), "Declare any conflict of interest") {
		t.Fatalf("refusal = %s, want it to say what to do", r.Body)
	}
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 200)
	want(t, eve.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil), 403)

	r = eve.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": true})
	want(t, r, 422)
	if r.FieldErrors()["body.details"] == "" {
		t.Fatalf("a conflict without details: %v, want body.details", r.FieldErrors())
	}
	r = eve.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": true, "details": "My brother drives for Org b"})
	want(t, r, 200)
	decl := r.JSON()["you"].(map[string]any)["declaration"].(map[string]any)
	if r.JSON()["you"].(map[string]any)["cleared"] != false {
		t.Fatalf("after declaring a conflict: %v, want not cleared", r.JSON()["you"])
	}
	want(t, eve.Do("GET", "/api/v1/bids/"+f.bidA, nil), 403)
	want(t, eve.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil), 403)
	// Another evaluator cannot clear her; the buyer can, with how it is managed.
	want(t, f.as(t, f.eli).Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declarations/"+decl["id"].(string)+"/mitigation",
		map[string]any{"mitigation": "x"}), 403)
	r = f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declarations/"+decl["id"].(string)+"/mitigation",
		map[string]any{"mitigation": "Eve will not mark Org b's bid; Eli and Mo cover it."})
	want(t, r, 200)
	want(t, eve.Do("GET", "/api/v1/bids/"+f.bidA, nil), 200)
	want(t, eve.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil), 200)
	// A new declaration replaces the last for access; both are kept.
	want(t, eve.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
	r = f.buyer.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation", nil)
	want(t, r, 200)
	if n := len(r.JSON()["declarations"].([]any)); n != 2 {
		t.Fatalf("declarations kept = %d, want 2: %s", n, r.Body)
	}
}

// TestMarksAreBlindAndIndependent: an evaluator sees nobody else's marks until they have
// submitted their own; a justification must be long enough; submitted marks are fixed.
func TestMarksAreBlindAndIndependent(t *testing.T) {
	f := newFixture(t)
	f.panel(t)
	f.declareAll(t)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 200)
	eve, eli := f.as(t, f.eve), f.as(t, f.eli)
	want(t, eve.Do("PUT", "/api/v1/evaluation/bids/"+f.bidA+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.qualityQ, "mark": 9, "justification": because}}}), 422) // off the 0–5 scale
	want(t, eve.Do("PUT", "/api/v1/evaluation/bids/"+f.bidA+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.qualityQ, "mark": 4, "justification": because}, {"questionId": f.socialQ, "mark": 2, "justification": "Too short"}}}), 200)
	r := eve.Do("POST", "/api/v1/evaluation/bids/"+f.bidA+"/marks/submit", nil)
	want(t, r, 422)
	if fe := r.FieldErrors(); fe["body.marks[1].justification"] == "" || len(fe) != 1 {
		t.Fatalf("submit with a short justification: %v, want only marks[1].justification", fe)
	}
	want(t, eve.Do("PUT", "/api/v1/evaluation/bids/"+f.bidA+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.socialQ, "mark": 2, "justification": because}}}), 200)

	// Eli has not marked: he sees no other marks, and neither does Eve before she submits.
	for _, cl := range []*struct {
		name string
		do   func() map[string]any
	}{
		{"eli", func() map[string]any { return eli.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil).JSON() }},
		{"eve", func() map[string]any { return eve.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil).JSON() }},
	} {
		for _, q := range cl.do()["questions"].([]any) {
			if others := q.(map[string]any)["others"].([]any); len(others) != 0 {
				t.Fatalf("%s sees others' marks before submitting: %v", cl.name, others)
			}
		}
	}
	r = eve.Do("POST", "/api/v1/evaluation/bids/"+f.bidA+"/marks/submit", nil)
	want(t, r, 200)
	if r.JSON()["submitted"] != true || r.JSON()["done"] != float64(1) || r.JSON()["total"] != float64(3) || r.JSON()["nextBidId"] == "" {
		t.Fatalf("after submitting: %s, want 1 of 3 done and a next bid", r.Body)
	}
	// Eve now sees that Eli has not submitted, but no mark of his (he has none).
	q0 := r.JSON()["questions"].([]any)[0].(map[string]any)
	if others := q0["others"].([]any); len(others) != 0 {
		t.Fatalf("eve sees %v, want nothing: Eli has saved nothing", others)
	}
	want(t, eve.Do("PUT", "/api/v1/evaluation/bids/"+f.bidA+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.qualityQ, "mark": 5, "justification": because}}}), 409) // fixed once submitted
	// Eli saves a draft: Eve (submitted) sees he is working, not his mark; he still sees nothing of hers.
	want(t, eli.Do("PUT", "/api/v1/evaluation/bids/"+f.bidA+"/marks", map[string]any{"marks": []map[string]any{
		{"questionId": f.qualityQ, "mark": 2, "justification": because}}}), 200)
	r = eve.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil)
	o := r.JSON()["questions"].([]any)[0].(map[string]any)["others"].([]any)
	if len(o) != 1 || o[0].(map[string]any)["mark"] != nil {
		t.Fatalf("eve sees Eli's draft as %v, want him listed without a mark", o)
	}
	if q := eli.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil).JSON()["questions"].([]any)[0].(map[string]any); len(q["others"].([]any)) != 0 {
		t.Fatalf("eli sees %v before submitting", q["others"])
	}
	f.mark(t, f.eli, f.bidA, 2, 3)
	q := eli.Do("GET", "/api/v1/evaluation/bids/"+f.bidA+"/marks", nil).JSON()["questions"].([]any)[0].(map[string]any)
	if o := q["others"].([]any); len(o) != 1 || o[0].(map[string]any)["mark"] != float64(4) {
		t.Fatalf("after both submit, eli sees %v, want Eve's 4", o)
	}
}

// TestPassFailIsCheckedFirst: a bid answering no to a pass/fail question is excluded with a
// reason, and nobody marks it.
func TestPassFailIsCheckedFirst(t *testing.T) {
	f := newFixture(t)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 409) // no panel yet
	f.panel(t)
	f.declareAll(t)
	r := f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil)
	want(t, r, 200)
	var excluded []string
	for _, b := range r.JSON()["bids"].([]any) {
		if b := b.(map[string]any); b["excluded"] == true {
			excluded = append(excluded, b["id"].(string))
			if !strings.Contains(b["excludedReason"].(string), "public liability insurance") || !strings.Contains(b["excludedReason"].(string), "answered no") {
				t.Errorf("reason = %q, want the question and the answer", b["excludedReason"])
			}
		}
	}
	if len(excluded) != 1 || excluded[0] != f.bidFail {
		t.Fatalf("excluded = %v, want only the bid that answered no", excluded)
	}
	if p := r.JSON()["progress"].(map[string]any); p["bids"] != float64(4) || p["excluded"] != float64(1) || p["marksExpected"] != float64(6) {
		t.Fatalf("progress = %v, want 4 bids, 1 excluded, 3 × 2 evaluators", p)
	}
	want(t, f.as(t, f.eve).Do("GET", "/api/v1/evaluation/bids/"+f.bidFail+"/marks", nil), 409)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 409) // once
}

// TestModerationNeedsARationaleAndAChangeAReason, and the spread is kept.
func TestModerationNeedsARationaleAndAChangeAReason(t *testing.T) {
	f := newFixture(t)
	f.panel(t)
	f.declareAll(t)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 200)
	mo := f.as(t, f.mo)
	path := "/api/v1/evaluation/bids/" + f.bidA + "/moderation/" + f.qualityQ
	f.mark(t, f.eve, f.bidA, 4, 3)
	want(t, mo.Do("PUT", path, map[string]any{"mark": 4, "rationale": "Agreed"}), 409) // Eli still marking
	want(t, f.as(t, f.eve).Do("PUT", path, map[string]any{"mark": 4, "rationale": "Agreed"}), 403)
	f.mark(t, f.eli, f.bidA, 2, 3)
	r := mo.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation/moderation", nil)
	want(t, r, 200)
	var spread map[string]any
	for _, b := range r.JSON()["bids"].([]any) {
		if b := b.(map[string]any); b["bidId"] == f.bidA {
			spread = b["questions"].([]any)[0].(map[string]any)
		}
	}
	if spread["lowest"] != float64(2) || spread["highest"] != float64(4) || spread["ready"] != true {
		t.Fatalf("spread = %v, want 2 to 4, ready", spread)
	}
	r = mo.Do("PUT", path, map[string]any{"mark": 3})
	want(t, r, 422)
	if r.FieldErrors()["body.rationale"] == "" {
		t.Fatalf("no rationale: %v", r.FieldErrors())
	}
	want(t, mo.Do("PUT", path, map[string]any{"mark": 3, "rationale": "Eve credited the safeguarding lead; Eli did not see it. 3 reflects both."}), 200)
	r = mo.Do("PUT", path, map[string]any{"mark": 4, "rationale": "On re-reading"})
	want(t, r, 422)
	if r.FieldErrors()["body.reason"] == "" {
		t.Fatalf("a change without a reason: %v", r.FieldErrors())
	}
	r = mo.Do("PUT", path, map[string]any{"mark": 4, "rationale": "On re-reading", "reason": "The panel found the lead named on page 2"})
	want(t, r, 200)
	if r.JSON()["moderated"].(map[string]any)["mark"] != float64(4) || len(r.JSON()["marks"].([]any)) != 2 {
		t.Fatalf("after the change: %s", r.Body)
	}
	var history []struct{ Action, BeforeValue, AfterValue, Reason string }
	if err := f.p.App.DB.Gorm.Raw("SELECT action, before_value, after_value, reason FROM evaluation_history WHERE bid_id = ? AND question_id = ? ORDER BY at, action",
		f.bidA, f.qualityQ).Scan(&history).Error; err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(history)
	if !strings.Contains(got, "moderated  3") || !strings.Contains(got, "moderation_changed 3 4 Changed because: The panel found") || strings.Count(got, "marked") != 2 {
		t.Fatalf("history = %s, want both marks, the moderation and its change with the reason", got)
	}
}

// TestPriceFormulas: each published method on a table of prices, with a tie and a zero.
func TestPriceFormulas(t *testing.T) {
	cases := []struct {
		name     string
		method   string
		budget   int64
		prices   []int64
		scores   []float64
		abnormal []bool
	}{
		{"lowest", evaluation.PriceLowest, 0, []int64{300, 400, 600}, []float64{1, 0.75, 0.5}, []bool{false, false, false}},
		{"lowest with a tie", evaluation.PriceLowest, 0, []int64{300, 150, 150}, []float64{0.5, 1, 1}, []bool{false, false, false}},
		{"lowest with a zero", evaluation.PriceLowest, 0, []int64{0, 100, 200}, []float64{1, 0, 0}, []bool{true, false, false}},
		{"abnormally low, under 70% of the median", evaluation.PriceLowest, 0, []int64{20, 60, 100}, []float64{1, 1.0 / 3, 0.2}, []bool{true, false, false}},
		{"budget", evaluation.PriceBudget, 1000, []int64{800, 1000, 2000}, []float64{1, 1, 0.5}, []bool{false, false, false}},
		{"ranking with a tie", evaluation.PriceRanking, 0, []int64{200, 250, 250, 300}, []float64{1, 0.5, 0.5, 0}, []bool{false, false, false, false}},
		{"ranking, one price", evaluation.PriceRanking, 0, []int64{500}, []float64{1}, []bool{false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := evaluation.ScorePrices(c.method, c.budget, 70, c.prices)
			for i := range c.prices {
				if math.Abs(got[i].Score-c.scores[i]) > 1e-9 || got[i].Abnormal != c.abnormal[i] {
					t.Errorf("price %d: score %v abnormal %v, want %v %v", c.prices[i], got[i].Score, got[i].Abnormal, c.scores[i], c.abnormal[i])
				}
			}
		})
	}
}

// TestResultsRankTheBidsOnceEverythingIsScored: prices taken after moderation, an abnormally
// low price resolved, totals and ranking by the published weights.
func TestResultsRankTheBidsOnceEverythingIsScored(t *testing.T) {
	f := newFixture(t)
	f.panel(t)
	f.declareAll(t)
	want(t, f.buyer.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 200)
	marks := map[string][2]int{f.bidA: {5, 4}, f.bidB: {3, 3}, f.bidLow: {1, 1}}
	for bid, m := range marks {
		f.mark(t, f.eve, bid, m[0], m[1])
		f.mark(t, f.eli, bid, m[0], m[1])
		f.moderate(t, bid, m[0], m[1])
	}
	want(t, f.as(t, f.eve).Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation/results", nil), 403) // evaluators do not see prices
	pat := f.as(t, f.pat)
	r := pat.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/prices", nil)
	want(t, r, 200)
	res := r.JSON()
	if res["toResolve"] != float64(1) || res["complete"] != false {
		t.Fatalf("results = %s, want one abnormally low price to resolve", r.Body)
	}
	rows := res["lots"].([]any)[0].(map[string]any)["rows"].([]any)
	row := func(i int) map[string]any { return rows[i].(map[string]any) }
	// A: quality 40 + social 16 = 56, price 20000/100000 × 40 = 8 → 64.
	// B: 24 + 12 = 36, price 20000/60000 × 40 = 13.33 → 49.33. Low: 8 + 4 + 40 = 52.
	if row(0)["bidId"] != f.bidA || row(0)["total"] != 64.0 || row(1)["bidId"] != f.bidLow || row(1)["total"] != 52.0 || row(1)["abnormallyLow"] != true ||
		row(2)["bidId"] != f.bidB || row(2)["total"] != 49.33 || row(3)["bidId"] != f.bidFail || row(3)["rank"] != 0.0 {
		t.Fatalf("ranking = %s", r.Body)
	}
	r = f.buyer.Do("POST", "/api/v1/evaluation/bids/"+f.bidLow+"/price-review", map[string]any{"decision": "excluded"})
	want(t, r, 422)
	r = f.buyer.Do("POST", "/api/v1/evaluation/bids/"+f.bidLow+"/price-review", map[string]any{"decision": "excluded",
		"reason": "Asked to explain; the price leaves nothing for drivers' wages at the London Living Wage."})
	want(t, r, 200)
	res = r.JSON()
	rows = res["lots"].([]any)[0].(map[string]any)["rows"].([]any)
	// Without the rejected price, B's is the lowest: B scores 36 + 40 = 76, A 56 + 24 = 80.
	if res["complete"] != true || row(0)["bidId"] != f.bidA || row(0)["total"] != 80.0 || row(1)["bidId"] != f.bidB || row(1)["total"] != 76.0 {
		t.Fatalf("after excluding the abnormally low price: %s", r.Body)
	}
	r = pat.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation/results?method=ranking", nil)
	want(t, r, 200)
	if r.JSON()["priceMethod"] != "ranking" {
		t.Fatalf("preview = %s", r.Body)
	}
	if r := f.buyer.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation", nil); r.JSON()["stage"] != "scored" {
		t.Fatalf("stage = %v, want scored", r.JSON()["stage"])
	}
	// The record has every mark, moderation and decision, with the reasons.
	want(t, pat.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation/record", nil), 403)
	r = f.buyer.Do("GET", "/api/v1/opportunities/"+f.oppID+"/evaluation/record", nil)
	want(t, r, 200)
	actions := map[string]int{}
	for _, e := range r.JSON()["entries"].([]any) {
		actions[e.(map[string]any)["action"].(string)]++
	}
	if actions["marked"] != 12 || actions["moderated"] != 6 || actions["price_excluded"] != 1 || actions["excluded"] != 1 || actions["declared"] != 5 {
		t.Fatalf("record actions = %v", actions)
	}
}
