package bids_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
)

// TestABidderWhoNeverRegisteredInterestHearsAnswers: starting a bid is enough to be told of a
// published clarification (and, like everyone told, once).
func TestABidderWhoNeverRegisteredInterestHearsAnswers(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	drafter, _ := w.bidder(t, "drafter@bidder.example")
	asker := w.p.Supplier(t, accounts.RegisterInput{Email: "asker@example.org", OrganisationName: "Curious Cleaners"})
	r := asker.Do("POST", "/api/v1/opportunities/"+w.oppID+"/questions", map[string]any{"subject": "TUPE",
		"question": "Does TUPE apply to the staff at the branches?"})
	want(t, r, 201)
	r = w.buyer.Do("POST", "/api/v1/questions/"+r.JSON()["id"].(string)+"/answer", map[string]any{"visibility": "everyone",
		"question": "Does TUPE apply to the staff at the branches?", "answer": "Yes: staff lists are in appendix C."})
	want(t, r, 200)
	count := func() int {
		r := drafter.Do("GET", "/api/v1/notifications", nil)
		want(t, r, 200)
		n := 0
		for _, it := range r.JSON()["items"].([]any) {
			if it.(map[string]any)["kind"] == "clarification" {
				n++
			}
		}
		return n
	}
	for deadline := time.Now().Add(20 * time.Second); count() == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the bidder with a draft was not told of the published answer")
		}
	}
	time.Sleep(300 * time.Millisecond) // a duplicate would be written by now
	if n := count(); n != 1 {
		t.Errorf("the bidder got %d notices of one answer, want 1", n)
	}
	email := w.p.WaitEmail(t, "drafter@bidder.example", 1)
	if !strings.Contains(email.Raw, "Answer 1: TUPE") {
		t.Errorf("the email does not name the answer:\n%s", email.Raw)
	}
}
