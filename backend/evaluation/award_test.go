package evaluation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/evaluation"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/workdays"
)

// awardFixture is an opportunity evaluated to the end through the API: three bidders, one lot,
// quality and social value each marked by one evaluator and moderated, prices taken.
type awardFixture struct {
	p              *apptest.Portal
	oppID, lot     string
	qualityQ, svQ  string
	priceQ         string
	emails         map[string]string // who → email
	clients        map[string]*apptest.Client
	bids           map[string]string // bidder (winner, second, third) → bid ID
	orgs           map[string]string // bidder → organisation name
	eveID, oluID   string
	buyerID        string
	deadline       time.Time
	awardRationale map[string]string // bidder → the moderator's rationale on the quality question
}

func awardWant(t testing.TB, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: status = %d, want %d; body %s", r.Header.Get("X-Test-Request"), r.Status, status, r.Body)
	}
}

// as is who signed in, again after the clock has moved on by days (sessions end).
func (f *awardFixture) as(t testing.TB, who string) *apptest.Client {
	t.Helper()
	if c := f.clients[who]; c != nil {
		return c
	}
	c := f.p.SignedIn(t, f.emails[who], apptest.Password)
	f.clients[who] = c
	return c
}

// advance moves the clock on and signs everyone out.
func (f *awardFixture) advance(d time.Duration) {
	f.p.Clock.Advance(d)
	f.clients = map[string]*apptest.Client{}
}

func awardJustification(mark int) string {
	return fmt.Sprintf("Mark %d: the answer to this question describes the rota and the staffing in enough detail to judge it.", mark)
}

// awardFixtureStart evaluates the opportunity as far as complete results, with the prices
// taken unless noPrices.
func awardFixtureStart(t *testing.T, noPrices bool) *awardFixture {
	t.Helper()
	// A Monday in November 2026: the 30-day tender and the standstill after it avoid bank holidays.
	p := apptest.Start(t, apptest.Options{Start: time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)})
	p.Clock.Freeze()
	f := &awardFixture{p: p, emails: map[string]string{}, clients: map[string]*apptest.Client{}, bids: map[string]string{}, orgs: map[string]string{},
		awardRationale: map[string]string{}}
	ctx := context.Background()
	buyer := p.CreateStaff(t, accounts.CreateUserInput{Email: "buyer@council.example", Name: "Bea Buyer", Role: string(auth.RoleBuyer), Password: apptest.Password})
	p.CreateStaff(t, accounts.CreateUserInput{Email: "admin@council.example", Name: "Ada Admin", Role: string(auth.RoleAdmin), Password: apptest.Password})
	p.CreateStaff(t, accounts.CreateUserInput{Email: "second@council.example", Name: "Sid Second", Role: string(auth.RoleBuyer), Password: apptest.Password})
	f.buyerID = buyer.ID
	f.emails["buyer"], f.emails["admin"], f.emails["approver"] = "buyer@council.example", "admin@council.example", "second@council.example"
	for _, who := range []string{"eve", "olu"} {
		e := who + "@council.example"
		u := p.CreateStaff(t, accounts.CreateUserInput{Email: e, Name: "Officer " + who, Role: string(auth.RoleEvaluator), Password: apptest.Password})
		if err := p.App.Accounts.SetUpDemoTwoStep(ctx, e, apptest.TwoStepSecret); err != nil {
			t.Fatal(err)
		}
		f.emails[who] = e
		if who == "eve" {
			f.eveID = u.ID
		} else {
			f.oluID = u.ID
		}
	}
	now := p.Clock.Now()
	f.deadline = now.Add(30 * 24 * time.Hour).Truncate(time.Second)
	b := f.as(t, "buyer")
	r := b.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": "Library cleaning", "summary": "Daily cleaning of four branch libraries in the borough.",
		"description": "Cleaning of four libraries, six days a week.", "procedure": "open_tender", "cpvCodes": []string{"90910000-9"},
		"lots":                []map[string]any{{"title": "North libraries", "description": "Two branches", "valuePence": 4000000, "cpvCode": "90910000-9"}},
		"estimatedValuePence": 8000000, "contractMonths": 24, "placeOfDelivery": "E09000007", "suitableForSmes": true, "reserved": "none",
		"clarificationDeadline": now.Add(20 * 24 * time.Hour).UTC().Format(time.RFC3339), "submissionDeadline": f.deadline.UTC().Format(time.RFC3339),
		"expectedAwardOn": now.Add(60 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 4000}, {"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	awardWant(t, r, 201)
	f.oppID = r.JSON()["id"].(string)
	f.lot = r.JSON()["lots"].([]any)[0].(map[string]any)["id"].(string)
	r = b.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/response-form", map[string]any{"questions": []map[string]any{
		{"kind": "text", "title": "Describe your method", "required": true, "wordLimit": 100, "criterion": "Quality", "weightShareBp": 10000},
		{"kind": "text", "title": "Your social value", "required": true, "wordLimit": 100, "criterion": "Social value", "weightShareBp": 10000},
		{"kind": "price", "title": "Your price", "required": true, "priceMode": "per_lot", "criterion": "Price", "weightShareBp": 10000},
	}})
	awardWant(t, r, 200)
	qs := r.JSON()["questions"].([]any)
	f.qualityQ, f.svQ, f.priceQ = qs[0].(map[string]any)["id"].(string), qs[1].(map[string]any)["id"].(string), qs[2].(map[string]any)["id"].(string)
	awardWant(t, b.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/opening-panel", map[string]any{"userIds": []string{f.eveID, f.oluID}}), 200)
	awardWant(t, b.Do("POST", "/api/v1/opportunities/"+f.oppID+"/publish", nil), 200)

	// winner: best quality, dearest; second: cheapest; third: neither.
	prices := map[string]int64{"winner": 1250000, "second": 1000000, "third": 1100000}
	for i, who := range []string{"winner", "second", "third"} {
		email := who + "@bidder.example"
		f.emails[who], f.orgs[who] = email, []string{"Acorn Cleaning Ltd", "Birch Services CIC", "Cedar Janitorial Co"}[i]
		c := p.Supplier(t, accounts.RegisterInput{Email: email, OrganisationName: f.orgs[who]})
		f.clients[who] = c
		r := c.Do("POST", "/api/v1/opportunities/"+f.oppID+"/bids", map[string]any{"lotIds": []string{f.lot}})
		awardWant(t, r, 201)
		id := r.JSON()["id"].(string)
		c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
		r = c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{
			{"questionId": f.qualityQ, "text": "We clean every branch each morning with a trained team of four."},
			{"questionId": f.svQ, "text": "We hire locally and pay the real living wage."},
			{"questionId": f.priceQ, "prices": []map[string]any{{"lotId": f.lot, "pricePence": prices[who]}}}}})
		awardWant(t, r, 200)
		c.Header = map[string]string{"Idempotency-Key": "k-" + who}
		awardWant(t, c.Do("POST", "/api/v1/bids/"+id+"/submit", nil), 200)
		c.Header = nil
		f.bids[who] = id
	}

	// Opening: both officers confirm with a fresh two-step code.
	f.advance(f.deadline.Sub(p.Clock.Now()) + time.Minute)
	for _, who := range []string{"eve", "olu"} {
		c := f.as(t, who)
		p.Clock.Advance(30 * time.Second)
		awardWant(t, c.Do("POST", "/api/v1/opportunities/"+f.oppID+"/opening", map[string]any{"password": apptest.Password,
			"code": apptest.TwoStepCode(t, apptest.TwoStepSecret, p.Clock.Now())}), 200)
	}
	b = f.as(t, "buyer")
	awardWant(t, b.Do("PUT", "/api/v1/opportunities/"+f.oppID+"/evaluation/panel", map[string]any{"seats": []map[string]any{
		{"userId": f.eveID, "role": "evaluator"}, {"userId": f.oluID, "role": "moderator"}, {"userId": f.buyerID, "role": "price"}}}), 200)
	for _, who := range []string{"buyer", "admin", "approver", "eve", "olu"} {
		awardWant(t, f.as(t, who).Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
	}
	awardWant(t, b.Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/start", nil), 200)
	marks := map[string][2]int{"winner": {5, 4}, "second": {3, 3}, "third": {2, 1}}
	for _, who := range []string{"winner", "second", "third"} {
		id, m := f.bids[who], marks[who]
		eve := f.as(t, "eve")
		awardWant(t, eve.Do("PUT", "/api/v1/evaluation/bids/"+id+"/marks", map[string]any{"marks": []map[string]any{
			{"questionId": f.qualityQ, "mark": m[0], "justification": awardJustification(m[0])},
			{"questionId": f.svQ, "mark": m[1], "justification": awardJustification(m[1])}}}), 200)
		awardWant(t, eve.Do("POST", "/api/v1/evaluation/bids/"+id+"/marks/submit", nil), 200)
		f.awardRationale[who] = "Rationale for " + who + ": the method answer names a rota of " + map[string]string{"winner": "Kestrel", "second": "Heron", "third": "Xylophone"}[who] + " shifts."
		improvements := "Say how you would cover staff absence."
		if who == "third" {
			// Hard to read: the moderator should be warned.
			improvements = "Notwithstanding the aforementioned considerations, comprehensive operational documentation demonstrating organisational contingency arrangements, incorporating substitution methodologies, was insufficiently substantiated."
		}
		olu := f.as(t, "olu")
		awardWant(t, olu.Do("PUT", "/api/v1/evaluation/bids/"+id+"/moderation/"+f.qualityQ, map[string]any{"mark": m[0], "rationale": f.awardRationale[who],
			"strengths": "Your morning rota for " + who + " is clear.", "improvements": improvements}), 200)
		awardWant(t, olu.Do("PUT", "/api/v1/evaluation/bids/"+id+"/moderation/"+f.svQ, map[string]any{"mark": m[1], "rationale": "Local hiring, as the answer says.",
			"strengths": "You hire locally.", "improvements": "Give numbers for local jobs."}), 200)
	}
	if !noPrices {
		f.takePrices(t)
	}
	return f
}

func (f *awardFixture) takePrices(t *testing.T) {
	t.Helper()
	r := f.as(t, "buyer").Do("POST", "/api/v1/opportunities/"+f.oppID+"/evaluation/prices", nil)
	awardWant(t, r, 200)
	if r.JSON()["complete"] != true {
		t.Fatalf("results after prices = %s, want complete", r.Body)
	}
}

func (f *awardFixture) award(t *testing.T, who, method, path string, body any, status int) map[string]any {
	t.Helper()
	r := f.as(t, who).Do(method, "/api/v1/opportunities/"+f.oppID+"/award"+path, body)
	awardWant(t, r, status)
	return r.JSON()
}

// sendAll proposes the default award, approves it as admin, reviews every summary and sends them.
func (f *awardFixture) sendAll(t *testing.T) {
	t.Helper()
	f.award(t, "buyer", "POST", "", map[string]any{}, 200)
	f.award(t, "admin", "POST", "/approve", nil, 200)
	for _, who := range []string{"winner", "second", "third"} {
		f.award(t, "buyer", "PUT", "/summaries/"+f.bids[who], map[string]any{}, 200)
	}
	f.award(t, "buyer", "POST", "/summaries/send", nil, 200)
}

func TestTheAwardNeedsCompleteResultsAndASecondOfficer(t *testing.T) {
	f := awardFixtureStart(t, true)
	// Prices not yet scored: nothing to award.
	f.award(t, "buyer", "POST", "", map[string]any{}, 409)
	f.takePrices(t)
	if v := f.award(t, "buyer", "GET", "", nil, 200); v["status"] != "ready" {
		t.Fatalf("award status = %v, want ready", v["status"])
	}

	// Choosing the second-ranked bid needs a reason.
	r := f.as(t, "buyer").Do("POST", "/api/v1/opportunities/"+f.oppID+"/award", map[string]any{"lots": []map[string]any{{"lotId": f.lot, "bidId": f.bids["second"]}}})
	awardWant(t, r, 422)
	if fe := r.FieldErrors(); fe["body.lots[0].reason"] == "" {
		t.Fatalf("field errors = %v, want body.lots[0].reason", fe)
	}
	v := f.award(t, "buyer", "POST", "", map[string]any{}, 200)
	lot := v["lots"].([]any)[0].(map[string]any)
	prop := lot["proposal"].(map[string]any)
	if v["status"] != "proposed" || prop["bidId"] != f.bids["winner"] || prop["organisationName"] != f.orgs["winner"] || prop["rank"] != float64(1) {
		t.Fatalf("proposal = %v (status %v), want the first-ranked bid of %s", prop, v["status"], f.orgs["winner"])
	}
	if v["canApprove"] != false {
		t.Fatalf("the proposer's page says canApprove = %v", v["canApprove"])
	}

	// The proposer cannot approve; a second buyer can, once.
	f.award(t, "buyer", "POST", "/approve", nil, 403)
	if v := f.award(t, "approver", "GET", "", nil, 200); v["canApprove"] != true {
		t.Fatalf("the second officer's page says canApprove = %v", v["canApprove"])
	}
	v = f.award(t, "approver", "POST", "/approve", nil, 200)
	if v["status"] != "approved" || v["summaries"] != float64(3) {
		t.Fatalf("after approval: status %v, %v summaries; want approved with 3 (one per assessed bidder)", v["status"], v["summaries"])
	}
	prop = v["lots"].([]any)[0].(map[string]any)["proposal"].(map[string]any)
	if prop["approvedBy"] != "Sid Second" || prop["proposedBy"] != "Bea Buyer" {
		t.Fatalf("proposal = %v, want proposed by Bea Buyer and approved by Sid Second", prop)
	}
	f.award(t, "admin", "POST", "/approve", nil, 409)
	f.award(t, "buyer", "POST", "", map[string]any{}, 409) // no re-proposing after approval
	// A supplier has no award page.
	awardWant(t, f.as(t, "second").Do("GET", "/api/v1/opportunities/"+f.oppID+"/award", nil), 403)
}

func TestAssessmentSummariesAreReviewedThenSentToEachBidderOnly(t *testing.T) {
	f := awardFixtureStart(t, false)
	f.award(t, "buyer", "POST", "", map[string]any{}, 200)
	f.award(t, "admin", "POST", "/approve", nil, 200)

	// Before sending, a bidder sees only the timeline.
	r := f.as(t, "second").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil)
	awardWant(t, r, 200)
	if v := r.JSON(); v["summary"] != nil || v["stage"] != "being_evaluated" || len(v["timeline"].([]any)) != 3 {
		t.Fatalf("outcome before sending = %s, want the three-step timeline and no summary", r.Body)
	}

	sums := f.award(t, "buyer", "GET", "/summaries", nil, 200)
	list := sums["summaries"].([]any)
	if len(list) != 3 {
		t.Fatalf("summaries = %d, want 3", len(list))
	}
	warned := map[string]bool{}
	for _, s := range list {
		s := s.(map[string]any)
		for _, w := range s["readabilityWarnings"].([]any) {
			if w.(map[string]any)["field"] == "improvements" {
				warned[s["organisationName"].(string)] = true
			}
		}
	}
	if !warned[f.orgs["third"]] || warned[f.orgs["winner"]] {
		t.Fatalf("readability warnings on improvements for %v, want only %s's", warned, f.orgs["third"])
	}

	f.award(t, "buyer", "POST", "/summaries/send", nil, 409) // none reviewed yet
	// Rewriting the winner's explanation changes it wherever it is quoted.
	plain := "Your method names the Kestrel rota and who covers each branch."
	f.award(t, "buyer", "PUT", "/summaries/"+f.bids["winner"], map[string]any{"edits": []map[string]any{
		{"questionId": f.qualityQ, "field": "explanation", "text": plain}}}, 200)
	f.award(t, "buyer", "PUT", "/summaries/"+f.bids["second"], map[string]any{}, 200)
	f.award(t, "buyer", "POST", "/summaries/send", nil, 409) // one still to review
	f.award(t, "buyer", "PUT", "/summaries/"+f.bids["third"], map[string]any{}, 200)
	sentAt := f.p.Clock.Now()
	v := f.award(t, "buyer", "POST", "/summaries/send", nil, 200)
	out := v["outcome"].(map[string]any)
	wantEnds := evaluation.StandstillEnd(workdays.Default(), sentAt)
	if v["status"] != "standstill" || out["noticeAt"] == nil || out["standstillEndsAt"] != wantEnds.UTC().Format(time.RFC3339) {
		t.Fatalf("after sending: %v, want standstill ending %s", v, wantEnds.UTC().Format(time.RFC3339))
	}
	f.award(t, "buyer", "POST", "/summaries/send", nil, 409)
	f.award(t, "buyer", "PUT", "/summaries/"+f.bids["third"], map[string]any{}, 409) // sent: fixed

	t.Run("each bidder reads their own summary only", func(t *testing.T) {
		// Another bidder, and the council, get nothing.
		awardWant(t, f.as(t, "third").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil), 404)
		awardWant(t, f.as(t, "winner").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil), 404)
		awardWant(t, f.as(t, "buyer").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil), 403)
		r := f.as(t, "second").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil)
		awardWant(t, r, 200)
		sum := r.JSON()["summary"].(map[string]any)
		if sum["bidId"] != f.bids["second"] || sum["organisationName"] != f.orgs["second"] {
			t.Fatalf("summary = %v, want the second bidder's own", sum)
		}
	})

	t.Run("a bidder's feedback never shows another loser's marks or name", func(t *testing.T) {
		r := f.as(t, "second").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil)
		awardWant(t, r, 200)
		body := string(r.Body)
		for _, leak := range []string{f.orgs["third"], f.bids["third"], "Xylophone", "Notwithstanding", "for third"} {
			if strings.Contains(body, leak) {
				t.Fatalf("the second bidder's outcome mentions %q of the third bidder: %s", leak, body)
			}
		}
		var v evaluation.BidOutcome
		if err := json.Unmarshal(r.Body, &v); err != nil {
			t.Fatal(err)
		}
		l := v.Summary.Lots[0]
		if l.Result != "unsuccessful" || l.WinnerName != f.orgs["winner"] || l.YourRank != 2 || l.NotMostAdvantageous == "" {
			t.Fatalf("lot = %+v, want unsuccessful, ranked 2nd, against %s, with why", l, f.orgs["winner"])
		}
		var q evaluation.AssessmentSummaryQuestion
		for _, c := range l.Criteria {
			for _, cq := range c.Questions {
				if cq.QuestionID == f.qualityQ {
					q = cq
				}
			}
		}
		if q.YourMark != 3 || q.WinnerMark != 5 || q.Explanation != f.awardRationale["second"] || q.WinnerExplanation != plain ||
			q.Strengths == "" || q.Improvements != "Say how you would cover staff absence." {
			t.Fatalf("quality question = %+v, want 3 against the winner's 5, with their feedback and the winner's rewritten explanation", q)
		}
		if !strings.Contains(l.NotMostAdvantageous, "Quality") || !strings.Contains(l.NotMostAdvantageous, "2nd of 3") {
			t.Fatalf("why not = %q, want the criteria it lost on and its rank", l.NotMostAdvantageous)
		}
		if v.StandstillEndsAt == nil || !v.StandstillEndsAt.Equal(wantEnds) || !strings.Contains(v.StandstillEndsText, awardDate(wantEnds)) || !v.CanAsk {
			t.Fatalf("standstill = %v %q canAsk %v, want it to end %s", v.StandstillEndsAt, v.StandstillEndsText, v.CanAsk, wantEnds)
		}
		// The winner sees their own success, not the losers.
		r = f.as(t, "winner").Do("GET", "/api/v1/bids/"+f.bids["winner"]+"/outcome", nil)
		awardWant(t, r, 200)
		for _, leak := range []string{f.orgs["second"], f.orgs["third"], "Heron", "Xylophone"} {
			if strings.Contains(string(r.Body), leak) {
				t.Fatalf("the winner's outcome mentions %q: %s", leak, r.Body)
			}
		}
	})

	t.Run("the outcome reached each bidder's inbox and email", func(t *testing.T) {
		for _, who := range []string{"winner", "second", "third"} {
			awardEmail(t, f.p, f.emails[who], "The outcome of your bid for Library cleaning")
		}
	})

	t.Run("follow-up questions are answered privately", func(t *testing.T) {
		r := f.as(t, "second").Do("POST", "/api/v1/bids/"+f.bids["second"]+"/outcome/questions", map[string]any{"question": "What would a 5 have needed?"})
		awardWant(t, r, 200)
		qs := r.JSON()["questions"].([]any)
		if len(qs) != 1 {
			t.Fatalf("questions = %v", qs)
		}
		qid := qs[0].(map[string]any)["id"].(string)
		awardWant(t, f.as(t, "third").Do("POST", "/api/v1/bids/"+f.bids["second"]+"/outcome/questions", map[string]any{"question": "Me too?"}), 404)
		page := f.award(t, "buyer", "GET", "", nil, 200)
		if len(page["questions"].([]any)) != 1 {
			t.Fatalf("award page questions = %v, want the one asked", page["questions"])
		}
		awardWant(t, f.as(t, "eve").Do("POST", "/api/v1/evaluation/feedback-questions/"+qid+"/answer", map[string]any{"answer": "x"}), 403)
		awardWant(t, f.as(t, "buyer").Do("POST", "/api/v1/evaluation/feedback-questions/"+qid+"/answer", map[string]any{"answer": "A named cover team for absence."}), 200)
		r = f.as(t, "second").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil)
		if a := r.JSON()["questions"].([]any)[0].(map[string]any)["answer"]; a != "A named cover team for absence." {
			t.Fatalf("answer = %v", a)
		}
		r = f.as(t, "third").Do("GET", "/api/v1/bids/"+f.bids["third"]+"/outcome", nil)
		if strings.Contains(string(r.Body), "cover team") || len(r.JSON()["questions"].([]any)) != 0 {
			t.Fatalf("the third bidder sees another's question: %s", r.Body)
		}
	})
}

// awardEmail waits for an email to to whose subject is subject.
func awardEmail(t *testing.T, p *apptest.Portal, to, subject string) {
	t.Helper()
	for range 200 {
		for _, e := range p.Emails(to) {
			if strings.Contains(e.Subject, subject) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	var got []string
	for _, e := range p.Emails(to) {
		got = append(got, e.Subject)
	}
	t.Fatalf("no email to %s with subject %q; got %q", to, subject, got)
}

// awardDate is how the outcome page writes a date.
func awardDate(t time.Time) string { return t.In(mustLondon()).Format("2 January 2006") }

func mustLondon() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}

func TestNoContractBeforeTheStandstillEnds(t *testing.T) {
	f := awardFixtureStart(t, false)
	f.award(t, "buyer", "POST", "/contract", nil, 409) // not even approved
	f.sendAll(t)
	ends := evaluation.StandstillEnd(workdays.Default(), f.p.Clock.Now())
	f.award(t, "buyer", "POST", "/contract", nil, 409)

	// A challenge pauses it after two days; resumed two days later, the days left run on.
	f.advance(48 * time.Hour)
	f.award(t, "buyer", "POST", "/standstill/pause", map[string]any{"reason": ""}, 422)
	v := f.award(t, "buyer", "POST", "/standstill/pause", map[string]any{"reason": "A bidder has challenged the decision."}, 200)
	if v["status"] != "paused" {
		t.Fatalf("status = %v, want paused", v["status"])
	}
	r := f.as(t, "second").Do("GET", "/api/v1/bids/"+f.bids["second"]+"/outcome", nil)
	if r.JSON()["stage"] != "standstill_paused" || r.JSON()["pauseReason"] != "A bidder has challenged the decision." {
		t.Fatalf("outcome while paused = %s", r.Body)
	}
	pausedAt := f.p.Clock.Now()
	f.advance(ends.Sub(f.p.Clock.Now()) + time.Hour) // past the original end, still paused
	f.award(t, "buyer", "POST", "/contract", nil, 409)
	resumedAt := f.p.Clock.Now()
	v = f.award(t, "buyer", "POST", "/standstill/resume", map[string]any{"reason": "The challenge was withdrawn."}, 200)
	cal := workdays.Default()
	left := cal.WorkingDaysBetween(pausedAt, ends)
	newEnds := cal.AddWorkingDays(resumedAt, left)
	got, _ := time.Parse(time.RFC3339, v["outcome"].(map[string]any)["standstillEndsAt"].(string))
	if got.In(mustLondon()).Format("2006-01-02") != newEnds.In(mustLondon()).Format("2006-01-02") || left < 1 {
		t.Fatalf("resumed standstill ends %s, want %d working days after %s", got, left, resumedAt)
	}
	f.award(t, "buyer", "POST", "/contract", nil, 409)
	f.advance(got.Sub(f.p.Clock.Now()) - time.Minute)
	f.award(t, "buyer", "POST", "/contract", nil, 409) // a minute before the end
	awardWant(t, f.as(t, "second").Do("POST", "/api/v1/bids/"+f.bids["second"]+"/outcome/questions", map[string]any{"question": "One more?"}), 200)
	f.advance(2 * time.Minute)
	awardWant(t, f.as(t, "second").Do("POST", "/api/v1/bids/"+f.bids["second"]+"/outcome/questions", map[string]any{"question": "Too late?"}), 409)
	v = f.award(t, "buyer", "POST", "/contract", nil, 200)
	if v["status"] != "contract_entered" {
		t.Fatalf("status = %v", v["status"])
	}
	f.award(t, "buyer", "POST", "/terminate", map[string]any{"reason": "Too late."}, 409)
	a, err := f.p.App.Evaluation.Awarded(context.Background(), f.oppID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Lots) != 1 || a.Lots[0].BidID != f.bids["winner"] || a.Lots[0].OrganisationName != f.orgs["winner"] || a.Lots[0].PricePence == nil ||
		*a.Lots[0].PricePence != 1250000 || a.ContractEnteredAt == nil {
		t.Fatalf("Awarded = %+v, want the winner's bid at £12,500 with the contract date", a)
	}
	r = f.as(t, "winner").Do("GET", "/api/v1/bids/"+f.bids["winner"]+"/outcome", nil)
	if r.JSON()["stage"] != "contract_entered" {
		t.Fatalf("winner's outcome = %s", r.Body)
	}
}

func TestEndingWithoutAwardTellsTheBidders(t *testing.T) {
	f := awardFixtureStart(t, false)
	f.award(t, "buyer", "POST", "/terminate", map[string]any{"reason": ""}, 422)
	v := f.award(t, "buyer", "POST", "/terminate", map[string]any{"reason": "The budget was withdrawn."}, 200)
	if v["status"] != "terminated" {
		t.Fatalf("status = %v", v["status"])
	}
	r := f.as(t, "third").Do("GET", "/api/v1/bids/"+f.bids["third"]+"/outcome", nil)
	if r.JSON()["stage"] != "terminated" || r.JSON()["terminationReason"] != "The budget was withdrawn." {
		t.Fatalf("outcome = %s", r.Body)
	}
	f.award(t, "buyer", "POST", "", map[string]any{}, 409)
	awardEmail(t, f.p, f.emails["third"], "Library cleaning has ended without an award")
}
