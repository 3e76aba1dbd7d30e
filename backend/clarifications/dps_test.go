package clarifications_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

var london, _ = time.LoadLocation("Europe/London")

// publishDPS publishes a DPS taking applications until the end of the day endsOn (London).
func (w *world) publishDPS(t *testing.T, endsOn string) map[string]any {
	t.Helper()
	today := w.p.Clock.Now().In(london)
	r := w.buyer.Do("POST", "/api/v1/dps", map[string]any{
		"title": "Home care framework", "description": "Care at home for adults in the borough.", "regime": "pcr2015",
		"startsOn": today.AddDate(0, 0, -1).Format(time.DateOnly), "endsOn": endsOn,
		"categories": []map[string]any{{"name": "Home care", "cpvCodes": []string{"85000000-9"}}},
	})
	want(t, r, 201)
	r = w.buyer.Do("POST", "/api/v1/dps/"+r.JSON()["id"].(string)+"/publish", nil)
	want(t, r, 200)
	return r.JSON()
}

func askDPS(c *apptest.Client, dpsID string, body map[string]any) *apptest.Response {
	return c.Do("POST", "/api/v1/dps/"+dpsID+"/questions", body)
}

// TestQuestionsAboutJoiningADPS: a supplier asks about joining a DPS; the buyer sees it in the one
// queue with the DPS named, edits out who asked and publishes; a supplier who applied is told in
// the inbox and by email, the asker is told, and anyone reads the answer on the DPS, and no
// response to the applicant or the public names the asker.
func TestQuestionsAboutJoiningADPS(t *testing.T) {
	w := start(t)
	d := w.publishDPS(t, w.p.Clock.Now().In(london).AddDate(2, 0, 0).Format(time.DateOnly))
	id := d["id"].(string)
	asker := w.supplier(t, "Camden Green Cleaning", "Priya Okafor", "priya@camdengreen.example")
	applicant := w.supplier(t, "Rival Care Ltd", "Tom Rival", "tom@rivalcare.example")
	cat := d["categories"].([]any)[0].(map[string]any)["id"]
	want(t, applicant.Do("POST", "/api/v1/dps/"+id+"/applications", map[string]any{"categoryIds": []any{cat}}), 201)

	r := askDPS(asker, id, map[string]any{"subject": "Insurance", "lotId": cat, "question": "Is it about a lot?"})
	want(t, r, 422)
	if !strings.Contains(string(r.Body), "body.lotId") {
		t.Fatalf("a lot on a DPS question = %s, want body.lotId named", r.Body)
	}
	r = askDPS(asker, id, map[string]any{"subject": "Insurance",
		"question": "Camden Green Cleaning has £2m public liability cover: is that enough to join?"})
	want(t, r, 201)
	q := r.JSON()
	if q["dpsId"] != id || q["dpsTitle"] != "Home care framework" || q["status"] != "awaiting_answer" || q["questionsCloseText"] == "" {
		t.Fatalf("asked = %s", r.Body)
	}

	r = w.buyer.Do("GET", "/api/v1/clarifications/queue", nil)
	want(t, r, 200)
	if qs := items(r); len(qs) != 1 || qs[0]["id"] != q["id"] || qs[0]["dpsTitle"] != "Home care framework" {
		t.Fatalf("queue = %s", r.Body)
	}
	r = w.buyer.Do("GET", "/api/v1/questions/"+q["id"].(string), nil)
	want(t, r, 200)
	if r.JSON()["organisationName"] != "Camden Green Cleaning" {
		t.Fatalf("council's view = %s", r.Body)
	}
	r = w.buyer.Do("POST", "/api/v1/questions/"+q["id"].(string)+"/answer", map[string]any{"visibility": "everyone",
		"question": "Is £2m public liability cover enough to join?", "answer": "Yes: £2m is the minimum for every category."})
	want(t, r, 200)

	n := waitInbox(t, applicant, "New answer to a question on Home care framework")
	if n["link"] != "/dps/"+id+"#questions" {
		t.Fatalf("applicant's notice links to %v", n["link"])
	}
	waitInbox(t, asker, "has been answered to everyone")
	email := w.p.WaitEmail(t, "tom@rivalcare.example", 1)

	anonymous := w.p.Client(t)
	pub := anonymous.Do("GET", "/api/v1/dps/"+id+"/questions", nil)
	want(t, pub, 200)
	answers := items(pub)
	if len(answers) != 1 || answers[0]["number"] != float64(1) || answers[0]["threadRef"] != q["threadRef"] ||
		!strings.Contains(answers[0]["answer"].(string), "£2m is the minimum") {
		t.Fatalf("published = %s", pub.Body)
	}
	// A question about the DPS is not an answer on any opportunity, and the reverse.
	o := w.open(t)
	r = anonymous.Do("GET", "/api/v1/opportunities/"+o["id"].(string)+"/questions", nil)
	want(t, r, 200)
	if len(items(r)) != 0 {
		t.Fatalf("opportunity's answers = %s", r.Body)
	}

	secrets := []string{"Camden Green", "camdengreen", "Priya", "Okafor", orgOf(t, asker)}
	seen := map[string]string{
		"public DPS questions":      string(pub.Body),
		"applicant's DPS questions": string(applicant.Do("GET", "/api/v1/dps/"+id+"/questions", nil).Body),
		"public DPS page":           string(anonymous.Do("GET", "/api/v1/dps/"+id, nil).Body),
		"applicant's own questions": string(applicant.Do("GET", "/api/v1/supplier/questions", nil).Body),
		"applicant's inbox":         string(applicant.Do("GET", "/api/v1/notifications", nil).Body),
		"applicant's email":         email.Raw,
	}
	for where, body := range seen {
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(body), strings.ToLower(s)) {
				t.Errorf("%s contains %q:\n%s", where, s, body)
			}
		}
	}
	r = asker.Do("GET", "/api/v1/supplier/questions", nil)
	want(t, r, 200)
	if mine := items(r); len(mine) != 1 || mine[0]["dpsId"] != id || !strings.Contains(mine[0]["question"].(string), "Camden Green Cleaning") {
		t.Fatalf("asker's questions = %s", r.Body)
	}
}

// TestDPSQuestionsCloseWhenApplicationsDo: questions about joining close at midnight (London) at
// the end of the DPS's last day, decided by the server's clock, with when and who to contact.
func TestDPSQuestionsCloseWhenApplicationsDo(t *testing.T) {
	w := start(t)
	last := w.p.Clock.Now().In(london).AddDate(0, 0, 2)
	d := w.publishDPS(t, last.Format(time.DateOnly))
	id := d["id"].(string)
	y, m, day := last.Date()
	closes := time.Date(y, m, day+1, 0, 0, 0, 0, london)
	w.supplier(t, "Late Ltd", "Lee Late", "lee@late.example")
	body := map[string]any{"subject": "Joining", "question": "May we still apply?"}

	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) - 2*time.Minute)
	c := w.signIn(t, "lee@late.example")
	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) - time.Minute)
	want(t, askDPS(c, id, body), 201)
	w.p.Clock.Advance(closes.Sub(w.p.Clock.Now()) + time.Millisecond)
	r := askDPS(c, id, body)
	want(t, r, 409)
	detail := r.JSON()["detail"].(string)
	if !strings.Contains(detail, "closed at") || !strings.Contains(detail, "procurement@council.example") {
		t.Fatalf("refusal = %q, want when questions closed and who to contact", detail)
	}
}

// TestDPSAnswersAreNumberedAndMergedWithinTheDPS: a DPS's answers count from 1 on their own, a
// later question merges only with a thread of the same DPS, and answers about a DPS take no
// documents (those are uploaded per opportunity).
func TestDPSAnswersAreNumberedAndMergedWithinTheDPS(t *testing.T) {
	w := start(t)
	o := w.open(t)
	d := w.publishDPS(t, w.p.Clock.Now().In(london).AddDate(1, 0, 0).Format(time.DateOnly))
	id := d["id"].(string)
	c := w.supplier(t, "Asking Ltd", "Ann Asker", "ann@asking.example")
	onOpp := ask(c, o["id"].(string), map[string]any{"subject": "Keys", "question": "Who holds the keys?"})
	want(t, onOpp, 201)
	first := askDPS(c, id, map[string]any{"subject": "Insurance", "question": "Is £2m cover enough?"})
	want(t, first, 201)
	second := askDPS(c, id, map[string]any{"subject": "Insurance again", "question": "Is £2m public liability enough?"})
	want(t, second, 201)

	want(t, w.buyer.Do("POST", "/api/v1/questions/"+onOpp.JSON()["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "The caretaker."}), 200)
	r := w.buyer.Do("POST", "/api/v1/questions/"+first.JSON()["id"].(string)+"/answer", map[string]any{"visibility": "everyone",
		"answer": "Yes.", "documentIds": []string{"7f1e2d3c-0000-4000-8000-000000000001"}})
	want(t, r, 422)
	if !strings.Contains(string(r.Body), "body.documentIds") {
		t.Fatalf("documents on a DPS answer = %s, want body.documentIds named", r.Body)
	}
	r = w.buyer.Do("POST", "/api/v1/questions/"+first.JSON()["id"].(string)+"/answer", map[string]any{"visibility": "everyone", "answer": "Yes."})
	want(t, r, 200)
	if got := r.JSON()["answer"].(map[string]any)["number"]; got != float64(1) {
		t.Fatalf("the DPS's first answer is numbered %v, want 1 (the opportunity's answers count apart)", got)
	}
	// The opportunity's thread is not one this DPS question can merge with.
	oppThread := onOpp.JSON()["threadRef"].(string)
	r = w.buyer.Do("POST", "/api/v1/questions/"+second.JSON()["id"].(string)+"/merge", map[string]any{"intoThreadRef": oppThread})
	want(t, r, 422)
	r = w.buyer.Do("POST", "/api/v1/questions/"+second.JSON()["id"].(string)+"/merge", map[string]any{"intoThreadRef": first.JSON()["threadRef"]})
	want(t, r, 200)
	n := waitInbox(t, c, "is answered by answer 1")
	if n["link"] != "/dps/"+id+"#questions" {
		t.Fatalf("merge notice links to %v, want the DPS's answers", n["link"])
	}
}
