package notifications_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

// orgOf is the ID of the first organisation the signed-in person belongs to.
func orgOf(t *testing.T, c *apptest.Client) string {
	t.Helper()
	return c.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)[0].(map[string]any)["id"].(string)
}

// invite makes email a member of owner's organisation, making their account if they have none;
// n is how many invitations they will have been sent.
func (w *world) invite(t *testing.T, owner *apptest.Client, email string, n int) {
	t.Helper()
	want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": email, "role": "member"}), 202)
	token := w.p.WaitEmail(t, email, n).Token()
	if n == 1 {
		want(t, w.p.Client(t).Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": token, "name": "Colleague", "password": pw}), 200)
		return
	}
	want(t, w.signIn(t, email).Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": token}), 200)
}

// interests lists what the caller's organisation registered interest in, as "title status
// deadline mine" lines, and the total.
func interests(t *testing.T, c *apptest.Client, query string) ([]string, float64) {
	t.Helper()
	r := c.Do("GET", "/api/v1/supplier/interests"+query, nil)
	want(t, r, 200)
	var got []string
	for _, it := range r.JSON()["items"].([]any) {
		m := it.(map[string]any)
		got = append(got, fmt.Sprintf("%s %s %s %v", m["title"], m["status"], m["submissionDeadline"].(map[string]any)["text"], m["registeredByYou"]))
	}
	return got, r.JSON()["total"].(float64)
}

// TestSuppliersSeeWhatTheirOrganisationRegisteredInterestIn: the list is the organisation's,
// each opportunity once, with its deadlines as they are after an amendment, open ones soonest
// first and what is over last; nobody sees another organisation's, and someone in several says
// which organisation they mean.
func TestSuppliersSeeWhatTheirOrganisationRegisteredInterestIn(t *testing.T) {
	w := start(t)
	owner := w.supplier(t, "owner@alpha.example")
	other := w.supplier(t, "owner@beta.example")
	// The colleague also works for the other organisation, so names which one they act for.
	w.invite(t, owner, "colleague@alpha.example", 1)
	w.invite(t, other, "colleague@alpha.example", 2)
	colleague := w.signIn(t, "colleague@alpha.example")
	alpha, beta := "?organisationId="+orgOf(t, owner), "?organisationId="+orgOf(t, other)

	now := w.p.Clock.Now()
	open := func(title string, days int) string {
		return w.publish(t, with(w.roofs(title), "submissionDeadline", rfc(now.Add(time.Duration(days)*24*time.Hour)),
			"expectedAwardOn", now.Add(90*24*time.Hour).Format("2006-01-02")))
	}
	library, school, depot, pool := open("Library roofs", 40), open("School roofs", 30), open("Depot roofs", 35), open("Pool roofs", 50)
	for _, id := range []string{library, school, pool} {
		want(t, owner.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	}
	for _, id := range []string{library, depot} {
		want(t, colleague.Do("POST", "/api/v1/opportunities/"+id+"/interest"+alpha, nil), 200)
	}
	deadline := func(id string) string {
		return w.buyer.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["submissionDeadline"].(map[string]any)["text"].(string)
	}
	check := func(t *testing.T, c *apptest.Client, query string, wantTotal float64, want ...string) {
		t.Helper()
		got, total := interests(t, c, query)
		if fmt.Sprint(got) != fmt.Sprint(want) || total != wantTotal {
			t.Errorf("interests%s = %q (total %v)\nwant %q (total %v)", query, got, total, want, wantTotal)
		}
	}

	t.Run("the organisation's interests, each once, soonest deadline first", func(t *testing.T) {
		check(t, owner, "", 4,
			"School roofs open "+deadline(school)+" true", "Depot roofs open "+deadline(depot)+" false",
			"Library roofs open "+deadline(library)+" true", "Pool roofs open "+deadline(pool)+" true")
		r := owner.Do("GET", "/api/v1/supplier/interests", nil).JSON()["items"].([]any)[0].(map[string]any)
		if r["reference"] == "" || r["id"] != school || r["clarificationDeadline"] == nil {
			t.Errorf("first item = %v, want the school roofs' ID, reference and deadline for questions", r)
		}
	})

	t.Run("an amended deadline is the one shown, and moves the opportunity down", func(t *testing.T) {
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+school+"/amendments", map[string]any{"note": "More time for site visits.",
			"submissionDeadline": rfc(now.Add(45 * 24 * time.Hour))}), 201)
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+pool+"/cancel", map[string]any{"reason": "The pool is to close."}), 200)
		check(t, colleague, alpha, 4,
			"Depot roofs open "+deadline(depot)+" true", "Library roofs open "+deadline(library)+" true",
			"School roofs open "+deadline(school)+" false", "Pool roofs cancelled "+deadline(pool)+" false")
	})

	t.Run("once a deadline passes, the opportunity goes below those still open", func(t *testing.T) {
		w.p.Clock.Advance(36 * 24 * time.Hour)
		// A month on, everyone signs in again.
		w.buyer, owner, other = w.signIn(t, "buyer@council.example"), w.signIn(t, "owner@alpha.example"), w.signIn(t, "owner@beta.example")
		colleague = w.signIn(t, "colleague@alpha.example")
		check(t, owner, "", 4,
			"Library roofs open "+deadline(library)+" true", "School roofs open "+deadline(school)+" true",
			"Depot roofs closed "+deadline(depot)+" false", "Pool roofs cancelled "+deadline(pool)+" true")
		check(t, owner, "?page=2&pageSize=3", 4, "Pool roofs cancelled "+deadline(pool)+" true")
	})

	t.Run("another organisation sees none of them", func(t *testing.T) {
		check(t, other, "", 0)
	})

	t.Run("someone in several organisations says which", func(t *testing.T) {
		r := colleague.Do("GET", "/api/v1/supplier/interests", nil)
		want(t, r, 422)
		if got := r.FieldErrors()["query.organisationId"]; got != accounts.ChooseOrganisationMessage {
			t.Errorf("error = %q, want %q", got, accounts.ChooseOrganisationMessage)
		}
		check(t, colleague, beta, 0)
		want(t, other.Do("GET", "/api/v1/supplier/interests"+alpha, nil), 403)
	})
}
