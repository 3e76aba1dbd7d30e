package clarifications_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

const pw = "sturdy walnut compass"

func want(t testing.TB, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

type world struct {
	p     *apptest.Portal
	buyer *apptest.Client
}

func start(t testing.TB) *world {
	t.Helper()
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_PROCUREMENT_EMAIL": "procurement@council.example"}})
	if _, err := p.App.Accounts.CreateUser(context.Background(), accounts.CreateUserInput{Email: "buyer@council.example", Name: "Bola Buyer", Role: "buyer", Password: pw}); err != nil {
		t.Fatal(err)
	}
	w := &world{p: p}
	w.buyer = w.signIn(t, "buyer@council.example")
	return w
}

func (w *world) signIn(t testing.TB, email string) *apptest.Client {
	t.Helper()
	c := w.p.Client(t)
	want(t, c.SignIn(email, pw), 200)
	return c
}

// supplier registers a verified supplier organisation with one person, and signs them in.
func (w *world) supplier(t testing.TB, org, name, email string) *apptest.Client {
	t.Helper()
	if err := w.p.App.Accounts.CreateDemoSupplier(context.Background(), accounts.RegisterInput{OrganisationName: org, LegalForm: "sole_trader",
		Name: name, Email: email, Password: pw}); err != nil {
		t.Fatal(err)
	}
	return w.signIn(t, email)
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// publish publishes an open tender whose questions close at clarify and bids at submit.
func (w *world) publish(t testing.TB, clarify, submit time.Time) map[string]any {
	t.Helper()
	now := w.p.Clock.Now()
	r := w.buyer.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": "Library cleaning", "summary": "Daily cleaning of four branch libraries in the borough.",
		"description": "Cleaning of four libraries, six days a week.", "procedure": "open_tender", "cpvCodes": []string{"90910000-9"},
		"lots":                []map[string]any{{"title": "North libraries", "description": "Two branches", "valuePence": 4000000, "cpvCode": "90910000-9"}},
		"estimatedValuePence": 8000000, "contractMonths": 24, "placeOfDelivery": "E09000007", "suitableForSmes": true, "reserved": "none",
		"clarificationDeadline": rfc(clarify), "submissionDeadline": rfc(submit),
		"expectedAwardOn": now.Add(60 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 4000}, {"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	r = w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil)
	want(t, r, 200)
	return r.JSON()
}

func (w *world) open(t testing.TB) map[string]any {
	t.Helper()
	now := w.p.Clock.Now()
	return w.publish(t, now.Add(20*24*time.Hour), now.Add(30*24*time.Hour))
}

func ask(c *apptest.Client, oppID string, body map[string]any) *apptest.Response {
	return c.Do("POST", "/api/v1/opportunities/"+oppID+"/questions", body)
}

func items(r *apptest.Response) []map[string]any {
	var out []map[string]any
	for _, it := range r.JSON()["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

// waitInbox waits until c's inbox holds a notification whose title contains text.
func waitInbox(t *testing.T, c *apptest.Client, text string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		r := c.Do("GET", "/api/v1/notifications", nil)
		want(t, r, 200)
		for _, n := range items(r) {
			if strings.Contains(n["title"].(string), text) {
				return n
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no notification %q after 20s", text)
	return nil
}

// TestTheAskerIsNeverNamedToAnyoneElse: a question from Camden Green Cleaning, answered to
// everyone with the name edited out, reaches a rival who registered interest and the public, and
// not one of their responses or emails holds the organisation's name, ID, person or address.
func TestTheAskerIsNeverNamedToAnyoneElse(t *testing.T) {
	w := start(t)
	o := w.open(t)
	id := o["id"].(string)
	asker := w.supplier(t, "Camden Green Cleaning", "Priya Okafor", "priya@camdengreen.example")
	rival := w.supplier(t, "Rival Shine Ltd", "Tom Rival", "tom@rivalshine.example")
	want(t, rival.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)

	r := ask(asker, id, map[string]any{"subject": "TUPE", "lotId": o["lots"].([]any)[0].(map[string]any)["id"],
		"question": "We at Camden Green Cleaning already clean two of these branches: does TUPE apply to our staff?"})
	want(t, r, 201)
	q := r.JSON()
	if q["status"] != "awaiting_answer" || q["threadRef"] == "" || q["answerByText"] == "" {
		t.Fatalf("asked question = %v", q)
	}

	// The council sees who asked, and that read is audited.
	r = w.buyer.Do("GET", "/api/v1/clarifications/queue", nil)
	want(t, r, 200)
	if qs := items(r); len(qs) != 1 || qs[0]["id"] != q["id"] || qs[0]["timeLeftText"] == "" {
		t.Fatalf("queue = %v", qs)
	}
	r = w.buyer.Do("GET", "/api/v1/questions/"+q["id"].(string), nil)
	want(t, r, 200)
	if r.JSON()["organisationName"] != "Camden Green Cleaning" {
		t.Fatalf("council's view = %s", r.Body)
	}

	r = w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone",
		"question": "An existing supplier already cleans some of these branches: does TUPE apply?", "answer": "Yes: TUPE applies. Staff lists are in appendix C."})
	want(t, r, 200)
	if r.JSON()["status"] != "answered" {
		t.Fatalf("answered = %s", r.Body)
	}

	waitInbox(t, rival, "New answer to a question on Library cleaning")
	waitInbox(t, asker, "has been answered to everyone")
	email := w.p.WaitEmail(t, "tom@rivalshine.example", 1)

	orgID := orgOf(t, asker)
	secrets := []string{"Camden Green", "camdengreen", "Priya", "Okafor", orgID}
	anonymous := w.p.Client(t)
	pub := anonymous.Do("GET", "/api/v1/opportunities/"+id+"/questions", nil)
	want(t, pub, 200)
	answers := items(pub)
	if len(answers) != 1 || answers[0]["number"] != float64(1) || !strings.Contains(answers[0]["answer"].(string), "TUPE applies") ||
		answers[0]["threadRef"] != q["threadRef"] || answers[0]["publishedOn"] == "" {
		t.Fatalf("published = %s", pub.Body)
	}
	seen := map[string]string{
		"public questions":         string(pub.Body),
		"rival's questions":        string(rival.Do("GET", "/api/v1/opportunities/"+id+"/questions", nil).Body),
		"public opportunity page":  string(anonymous.Do("GET", "/api/v1/opportunities/"+id, nil).Body),
		"rival's opportunity page": string(rival.Do("GET", "/api/v1/opportunities/"+id, nil).Body),
		"rival's own questions":    string(rival.Do("GET", "/api/v1/supplier/questions", nil).Body),
		"rival's inbox":            string(rival.Do("GET", "/api/v1/notifications", nil).Body),
		"Atom feed":                string(anonymous.Do("GET", "/api/v1/feeds/opportunities.atom", nil).Body),
		"rival's email":            email.Raw,
	}
	for where, body := range seen {
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(body), strings.ToLower(s)) {
				t.Errorf("%s contains %q:\n%s", where, s, body)
			}
		}
	}
	// The question as asked is kept for the record, and the asker still sees their own words.
	r = asker.Do("GET", "/api/v1/supplier/questions?opportunityId="+id, nil)
	want(t, r, 200)
	mine := items(r)
	if len(mine) != 1 || !strings.Contains(mine[0]["question"].(string), "Camden Green Cleaning") ||
		mine[0]["answer"].(map[string]any)["number"] != float64(1) {
		t.Fatalf("asker's questions = %s", r.Body)
	}
}

// orgOf is the ID of the organisation c acts for.
func orgOf(t *testing.T, c *apptest.Client) string {
	t.Helper()
	r := c.Do("GET", "/api/v1/me", nil)
	want(t, r, 200)
	orgs := r.JSON()["organisations"].([]any)
	return orgs[0].(map[string]any)["id"].(string)
}

// TestQuestionsCloseAtTheClarificationDeadline: the server's clock decides, to the millisecond.
func TestQuestionsCloseAtTheClarificationDeadline(t *testing.T) {
	w := start(t)
	now := w.p.Clock.Now()
	closes := now.Add(48 * time.Hour).Truncate(time.Second)
	o := w.publish(t, closes, now.Add(30*24*time.Hour))
	id := o["id"].(string)
	c := w.supplier(t, "Late Ltd", "Lee Late", "lee@late.example")
	body := map[string]any{"subject": "Keys", "question": "Who holds the keys?"}

	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) - 2*time.Minute)
	c = w.signIn(t, "lee@late.example") // the session from two days ago has expired
	// The portal's clock moves on with real time as well, so "just before" is a minute before (a
	// busy machine may take seconds over a request), and "just after" is at least a millisecond after.
	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) - time.Minute)
	want(t, ask(c, id, body), 201)
	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) + time.Millisecond)
	r := ask(c, id, body)
	want(t, r, 409)
	detail := r.JSON()["detail"].(string)
	if !strings.Contains(detail, "closed at") || !strings.Contains(detail, "procurement@council.example") {
		t.Fatalf("refusal = %q, want when questions closed and who to contact", detail)
	}
}

// TestBadQuestionsAreRefusedByField: empty, whitespace-only and control characters.
func TestBadQuestionsAreRefusedByField(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	c := w.supplier(t, "Careful Ltd", "Cara Careful", "cara@careful.example")
	for name, tc := range map[string]struct {
		body  map[string]any
		field string
	}{
		"empty":            {map[string]any{"subject": "Keys", "question": ""}, "body.question"},
		"whitespace":       {map[string]any{"subject": "Keys", "question": " \n\t "}, "body.question"},
		"no subject":       {map[string]any{"subject": "  ", "question": "Who holds the keys?"}, "body.subject"},
		"control":          {map[string]any{"subject": "Keys", "question": "Who holds\x00 the keys?"}, "body.question"},
		"lot of another":   {map[string]any{"subject": "Keys", "question": "Which lot?", "lotId": "00000000-0000-0000-0000-000000000000"}, "body.lotId"},
		"private, no why":  {map[string]any{"subject": "Keys", "question": "Who?", "answerPrivately": true}, "body.privateReason"},
		"right-to-left ov": {map[string]any{"subject": "Keys\u202e", "question": "Who holds the keys?"}, "body.subject"},
	} {
		r := ask(c, id, tc.body)
		want(t, r, 422)
		if _, ok := r.FieldErrors()[tc.field]; !ok {
			t.Errorf("%s: errors %v, want one for %s", name, r.FieldErrors(), tc.field)
		}
	}
	r := c.Do("GET", "/api/v1/supplier/questions", nil)
	want(t, r, 200)
	if n := len(items(r)); n != 0 {
		t.Fatalf("%d questions saved from bad input", n)
	}
}

// TestAnOrganisationAsksTwentyQuestionsAnHour.
func TestAnOrganisationAsksTwentyQuestionsAnHour(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	c := w.supplier(t, "Curious Ltd", "Cur Ious", "cur@curious.example")
	for i := range 20 {
		want(t, ask(c, id, map[string]any{"subject": "Detail", "question": fmt.Sprintf("Question %d?", i)}), 201)
	}
	r := ask(c, id, map[string]any{"subject": "Detail", "question": "One more?"})
	want(t, r, 429)
	w.p.Clock.Advance(61 * time.Minute)
	c = w.signIn(t, "cur@curious.example")
	want(t, ask(c, id, map[string]any{"subject": "Detail", "question": "One more, an hour later?"}), 201)
}

// TestPrivateAnswersReachOnlyTheAskersOrganisation: only when the asker asked and the council
// says why; the public list and other suppliers never see it.
func TestPrivateAnswersReachOnlyTheAskersOrganisation(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	asker := w.supplier(t, "Quiet Approach CIC", "Qi Quiet", "qi@quiet.example")
	other := w.supplier(t, "Other Ltd", "Oz Other", "oz@other.example")
	want(t, other.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)

	open := ask(asker, id, map[string]any{"subject": "Hours", "question": "May we clean at night?"}).JSON()
	r := w.buyer.Do("POST", "/api/v1/questions/"+open["id"].(string)+"/answer", map[string]any{"visibility": "private", "answer": "Yes", "privateReason": "x"})
	want(t, r, 422)
	if _, ok := r.FieldErrors()["body.visibility"]; !ok {
		t.Fatalf("private answer to a question not asked privately: %s", r.Body)
	}

	q := ask(asker, id, map[string]any{"subject": "Our robots", "question": "Could our cleaning robots count as social value?",
		"answerPrivately": true, "privateReason": "It reveals our approach"}).JSON()
	r = w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "private", "answer": "Yes, if measured."})
	want(t, r, 422)
	if _, ok := r.FieldErrors()["body.privateReason"]; !ok {
		t.Fatalf("private answer without the council's reason: %s", r.Body)
	}
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "private", "answer": "Yes, if measured.",
		"privateReason": "It concerns only this supplier's own equipment"}), 200)
	waitInbox(t, asker, "answered to you privately")

	pub := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+id+"/questions", nil)
	want(t, pub, 200)
	if strings.Contains(string(pub.Body), "robots") || strings.Contains(string(pub.Body), "if measured") {
		t.Fatalf("private answer published: %s", pub.Body)
	}
	if body := string(other.Do("GET", "/api/v1/notifications", nil).Body); strings.Contains(body, "robots") || strings.Contains(body, "New answer") {
		t.Fatalf("another supplier was told of a private answer: %s", body)
	}
	mine := items(asker.Do("GET", "/api/v1/supplier/questions", nil))
	var found bool
	for _, m := range mine {
		if m["id"] == q["id"] {
			found = m["status"] == "answered_privately" && m["answer"].(map[string]any)["answer"] == "Yes, if measured."
		}
	}
	if !found {
		t.Fatalf("asker's questions = %v", mine)
	}
}

// TestEveryonePersonIsToldOncePerAnswer: telling again (a retried job) writes nothing new.
func TestEachPersonIsToldOncePerAnswer(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	keen := w.supplier(t, "Keen Ltd", "Kim Keen", "kim@keen.example")
	want(t, keen.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	r := w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/clarifications", map[string]any{"subject": "Site visits", "answer": "Site visits are on 3 March."})
	want(t, r, 201)
	if r.JSON()["number"] != float64(1) {
		t.Fatalf("clarification = %s", r.Body)
	}
	waitInbox(t, keen, "New answer")
	answerID := answerIDs(t, w, id)[0]
	for range 3 {
		n, err := w.p.App.Clarifications.Tell(context.Background(), answerID)
		if err != nil || n != 0 {
			t.Fatalf("telling again wrote %d (%v), want 0", n, err)
		}
	}
	count := 0
	for _, n := range items(keen.Do("GET", "/api/v1/notifications", nil)) {
		if strings.HasPrefix(n["title"].(string), "New answer") {
			count++
		}
	}
	if count != 1 {
		t.Fatalf("%d notifications of one answer, want 1", count)
	}
}

// answerIDs are the IDs of an opportunity's answers, read as the job would be given them.
func answerIDs(t testing.TB, w *world, oppID string) []string {
	t.Helper()
	var ids []string
	if err := w.p.App.DB.Gorm.Table("clarification_answers").Where("opportunity_id = ?", oppID).Order("number").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestDeclineMergeAndCorrect: the asker is told why, or where the answer is; a published answer
// is corrected by a later one that links to it, never changed.
func TestDeclineMergeAndCorrect(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	a := w.supplier(t, "First Ltd", "Fi First", "fi@first.example")
	b := w.supplier(t, "Second Ltd", "Se Second", "se@second.example")
	first := ask(a, id, map[string]any{"subject": "Parking", "question": "Is there parking?"}).JSON()
	same := ask(b, id, map[string]any{"subject": "Parking", "question": "Can our vans park on site?"}).JSON()
	off := ask(b, id, map[string]any{"subject": "Other work", "question": "Will you buy windows next year?"}).JSON()

	want(t, w.buyer.Do("POST", "/api/v1/questions/"+first["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "Two spaces at each branch."}), 200)
	r := w.buyer.Do("POST", "/api/v1/questions/"+same["id"].(string)+"/merge", map[string]any{"intoThreadRef": first["threadRef"]})
	want(t, r, 200)
	if r.JSON()["status"] != "merged" {
		t.Fatalf("merged = %s", r.Body)
	}
	waitInbox(t, b, "is answered by answer 1")

	r = w.buyer.Do("POST", "/api/v1/questions/"+off["id"].(string)+"/decline", map[string]any{"reason": " "})
	want(t, r, 422)
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+off["id"].(string)+"/decline", map[string]any{"reason": "It is not about this opportunity."}), 200)
	n := waitInbox(t, b, "will not answer your question")
	if !strings.Contains(n["body"].(string), "not about this opportunity") {
		t.Fatalf("decline notice = %v", n)
	}
	// Dealt with once only.
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+off["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "Maybe"}), 409)

	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/clarifications", map[string]any{"subject": "Parking", "answer": "One space at each branch, not two.",
		"correctsNumber": 1}), 201)
	r = w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/clarifications", map[string]any{"subject": "Parking", "answer": "x", "correctsNumber": 9})
	want(t, r, 422)
	pub := items(w.p.Client(t).Do("GET", "/api/v1/opportunities/"+id+"/questions", nil))
	if len(pub) != 2 || pub[0]["number"] != float64(2) || pub[0]["correctsNumber"] != float64(1) || pub[1]["correctedByNumber"] != float64(2) ||
		pub[1]["answer"] != "Two spaces at each branch." {
		t.Fatalf("published = %v", pub)
	}
	mine := items(b.Do("GET", "/api/v1/supplier/questions", nil))
	for _, m := range mine {
		if m["id"] == same["id"] && m["mergedIntoThreadRef"] != first["threadRef"] {
			t.Fatalf("merged question = %v", m)
		}
		if m["id"] == off["id"] && m["declineReason"] != "It is not about this opportunity." {
			t.Fatalf("declined question = %v", m)
		}
	}
}

// TestLateAnswersOfferAnExtension: when the answer-by time passes with a question waiting, the
// buyer is told once and offered a one-step extension; declining needs a reason shown publicly; a
// late answer offers it again, and extending is an amendment everyone sees.
func TestLateAnswersOfferAnExtension(t *testing.T) {
	w := start(t)
	now := w.p.Clock.Now()
	submit := now.Add(30 * 24 * time.Hour).Truncate(time.Minute)
	id := w.publish(t, now.Add(20*24*time.Hour), submit)["id"].(string)
	c := w.supplier(t, "Patient Ltd", "Pat Patient", "pat@patient.example")
	q := ask(c, id, map[string]any{"subject": "Bins", "question": "Who empties the bins?"}).JSON()

	if n, err := w.p.App.Clarifications.WarnLate(context.Background()); err != nil || n != 0 {
		t.Fatalf("warned %d (%v) before the answer-by time", n, err)
	}
	r := w.buyer.Do("GET", "/api/v1/opportunities/"+id+"/late-answers", nil)
	want(t, r, 200)
	if r.JSON()["offered"] != false {
		t.Fatalf("offered before anything is late: %s", r.Body)
	}

	// Six days before bids close (the default), the question is late.
	w.p.Clock.Advance(submit.Add(-6*24*time.Hour + time.Minute).Sub(w.p.Clock.Now()))
	w.buyer = w.signIn(t, "buyer@council.example")
	// The running portal also warns (every 10 minutes, and once on start, which on a busy
	// machine can come after the clock has moved): the first run here may find it done. What
	// counts is that the buyer is warned, and only once.
	for i, most := range []int64{1, 0} {
		if n, err := w.p.App.Clarifications.WarnLate(context.Background()); err != nil || n > most {
			t.Fatalf("run %d warned %d (%v), want at most %d", i+1, n, err, most)
		}
	}
	waitInbox(t, w.buyer, "is not answered in time")
	r = w.buyer.Do("GET", "/api/v1/opportunities/"+id+"/late-answers", nil)
	want(t, r, 200)
	late := r.JSON()
	if late["offered"] != true || len(late["items"].([]any)) != 1 || late["items"].([]any)[0].(map[string]any)["kind"] != "unanswered" {
		t.Fatalf("late answers = %s", r.Body)
	}

	r = w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/late-answers/decision", map[string]any{"decision": "decline", "reason": " "})
	want(t, r, 422)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/late-answers/decision", map[string]any{"decision": "decline",
		"reason": "The question does not affect how to bid."}), 200)
	pub := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+id+"/questions", nil)
	want(t, pub, 200)
	ds := pub.JSON()["lateAnswerDecisions"].([]any)
	if len(ds) != 1 || ds[0].(map[string]any)["decision"] != "declined" || ds[0].(map[string]any)["reason"] != "The question does not affect how to bid." {
		t.Fatalf("public decisions = %s", pub.Body)
	}
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/late-answers/decision", map[string]any{"decision": "decline", "reason": "Again"}), 409)

	// Answered late: told at once, and offered again.
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "The council does."}), 200)
	waitInbox(t, w.buyer, "was answered late")
	newDeadline := submit.Add(10 * 24 * time.Hour)
	r = w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/late-answers/decision", map[string]any{"decision": "extend",
		"submissionDeadline": rfc(newDeadline), "reason": "An answer came late, so bidders get ten more days."})
	want(t, r, 200)
	if r.JSON()["offered"] != false {
		t.Fatalf("still offered after extending: %s", r.Body)
	}
	o := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+id, nil).JSON()
	at, _ := time.Parse(time.RFC3339, o["submissionDeadline"].(map[string]any)["at"].(string))
	if !at.Equal(newDeadline) || !strings.Contains(fmt.Sprint(o["amendments"]), "ten more days") {
		t.Fatalf("opportunity after extending: deadline %v, amendments %v", at, o["amendments"])
	}
}

// TestIDsThatAreNotIDsAreNotFound: on PostgreSQL, comparing a uuid column with anything else is
// an error; here it is a 404, on both.
func TestIDsThatAreNotIDsAreNotFound(t *testing.T) {
	w := start(t)
	for _, path := range []string{"/api/v1/questions/not-an-id", "/api/v1/questions/FT-2026-000001"} {
		want(t, w.buyer.Do("GET", path, nil), 404)
		want(t, w.buyer.Do("POST", path+"/decline", map[string]any{"reason": "x"}), 404)
	}
	want(t, w.buyer.Do("GET", "/api/v1/clarifications/queue?opportunityId=nope", nil), 200)
}

// TestTheStrictRuleHoldsBidsOpen: with FAIRTENDER_CLARIFICATION_BLOCKS_CLOSE, an hour before the
// deadline with a question waiting, the deadline moves a day later in public; once answered, it
// does not.
func TestTheStrictRuleHoldsBidsOpen(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict=%v", strict), func(t *testing.T) {
			p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_CLARIFICATION_BLOCKS_CLOSE": fmt.Sprint(strict)}})
			if _, err := p.App.Accounts.CreateUser(context.Background(), accounts.CreateUserInput{Email: "buyer@council.example", Name: "Bola Buyer", Role: "buyer", Password: pw}); err != nil {
				t.Fatal(err)
			}
			w := &world{p: p}
			w.buyer = w.signIn(t, "buyer@council.example")
			now := w.p.Clock.Now()
			submit := now.Add(30 * 24 * time.Hour).Truncate(time.Minute)
			id := w.publish(t, now.Add(20*24*time.Hour), submit)["id"].(string)
			c := w.supplier(t, "Waiting Ltd", "Wai Ting", "wai@waiting.example")
			q := ask(c, id, map[string]any{"subject": "Keys", "question": "Who holds the keys?"}).JSON()
			hold := func() int {
				n, err := w.p.App.Clarifications.HoldOpen(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			deadline := func() time.Time {
				o := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+id, nil).JSON()
				at, _ := time.Parse(time.RFC3339, o["submissionDeadline"].(map[string]any)["at"].(string))
				return at
			}
			if n := hold(); n != 0 {
				t.Fatalf("moved %d deadlines a month early", n)
			}
			w.p.Clock.Advance(submit.Add(-30 * time.Minute).Sub(w.p.Clock.Now()))
			if !strict {
				if n := hold(); n != 0 || !deadline().Equal(submit) {
					t.Fatalf("without the rule: moved %d, deadline %v", n, deadline())
				}
				return
			}
			if n := hold(); n != 1 || !deadline().Equal(submit.Add(24*time.Hour)) {
				t.Fatalf("moved %d, deadline %v, want %v", n, deadline(), submit.Add(24*time.Hour))
			}
			if n := hold(); n != 0 {
				t.Fatalf("moved again at once: %d", n)
			}
			w.buyer = w.signIn(t, "buyer@council.example")
			want(t, w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "Reception does."}), 200)
			w.p.Clock.Advance(submit.Add(24*time.Hour - 30*time.Minute).Sub(w.p.Clock.Now()))
			if n := hold(); n != 0 || !deadline().Equal(submit.Add(24*time.Hour)) {
				t.Fatalf("answered, yet moved %d, deadline %v", n, deadline())
			}
		})
	}
}

// TestAnswersAttachDocuments: uploaded whole with a checksum, seen by nobody outside the council
// until an answer attaches it, then by whoever may read that answer.
func TestAnswersAttachDocuments(t *testing.T) {
	w := start(t)
	id := w.open(t)["id"].(string)
	other := w.open(t)["id"].(string)
	asker := w.supplier(t, "Asker Ltd", "Ash Asker", "ash@asker.example")
	rival := w.supplier(t, "Rival Ltd", "Rae Rival", "rae@rival.example")
	anonymous := w.p.Client(t)
	pdf := []byte("%PDF-1.4\n% Staff list\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	upload := func(opp, name string) map[string]any {
		r := w.buyer.DoRaw("POST", "/api/v1/clarification-uploads/"+opp+"?filename="+name, "application/pdf", pdf)
		want(t, r, 201)
		return r.JSON()
	}
	staffList := upload(id, "staff-list.pdf")
	if staffList["sha256"] != fmt.Sprintf("%x", sha256.Sum256(pdf)) {
		t.Fatalf("upload = %v", staffList)
	}
	url := staffList["url"].(string)
	want(t, anonymous.Do("GET", url, nil), 404) // not attached yet
	want(t, w.buyer.Do("GET", url, nil), 200)

	q := ask(asker, id, map[string]any{"subject": "Staff", "question": "Who works there now?"}).JSON()
	elsewhere := upload(other, "elsewhere.pdf")
	r := w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "See the list.",
		"documentIds": []string{staffList["id"].(string), elsewhere["id"].(string)}})
	want(t, r, 422)
	if _, ok := r.FieldErrors()["body.documentIds"]; !ok {
		t.Fatalf("a document of another opportunity attached: %s", r.Body)
	}
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "See the list.",
		"documentIds": []string{staffList["id"].(string)}}), 200)
	pub := items(anonymous.Do("GET", "/api/v1/opportunities/"+id+"/questions", nil))
	docs := pub[0]["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["filename"] != "staff-list.pdf" {
		t.Fatalf("published documents = %v", pub[0]["documents"])
	}
	r = anonymous.Do("GET", url, nil)
	want(t, r, 200)
	if string(r.Body) != string(pdf) || r.Header.Get("X-Checksum-SHA256") != staffList["sha256"] {
		t.Fatalf("download: %d bytes, checksum %q", len(r.Body), r.Header.Get("X-Checksum-SHA256"))
	}
	// Attached once only.
	r = w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/clarifications", map[string]any{"subject": "Again", "answer": "x", "documentIds": []string{staffList["id"].(string)}})
	want(t, r, 422)

	// A private answer's document: the asker's organisation and the council only.
	pq := ask(asker, id, map[string]any{"subject": "Our plan", "question": "Would our plan fit?", "answerPrivately": true, "privateReason": "It is our approach"}).JSON()
	plan := upload(id, "plan-notes.pdf")
	want(t, w.buyer.Do("POST", "/api/v1/questions/"+pq["id"].(string)+"/answer", map[string]any{"visibility": "private", "answer": "See the notes.",
		"privateReason": "About this supplier's plan only", "documentIds": []string{plan["id"].(string)}}), 200)
	want(t, asker.Do("GET", plan["url"].(string), nil), 200)
	want(t, rival.Do("GET", plan["url"].(string), nil), 404)
	want(t, anonymous.Do("GET", plan["url"].(string), nil), 404)
	r = w.buyer.DoRaw("POST", "/api/v1/clarification-uploads/"+id+"?filename=notes.pdf", "application/pdf", []byte("not a pdf at all"))
	want(t, r, 422)
}
