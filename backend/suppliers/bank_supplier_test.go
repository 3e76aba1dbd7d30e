package suppliers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/suppliers"
)

func TestBankChangeThisWasntUsFreezesIt(t *testing.T) {
	w := bankStart(t)
	mo := w.signIn(t, "mo@holloway.example")
	bob := w.signIn(t, "bob@holloway.example")
	bea := w.signIn(t, "bea@council.example")
	ade := w.signIn(t, "ade@council.example")
	olga := w.signIn(t, "olga@other.example")

	id := decode[changeAnswer](t, mo.request(t, bankAccount, http.StatusAccepted)).Change.ID
	notUs := "/api/v1/supplier/bank-details/" + id + "/not-us"

	t.Run("a member of another organisation can neither see nor freeze it", func(t *testing.T) {
		olga.do(t, "GET", "/api/v1/supplier/bank-details?organisationId="+w.orgID, nil, http.StatusForbidden)
		olga.do(t, "POST", notUs, nil, http.StatusNotFound)
		if d := olga.details(t); d.OrganisationID != w.otherOrgID || len(d.Changes) != 0 || d.Current != nil {
			t.Errorf("other organisation sees %+v", d)
		}
	})
	t.Run("a member who is not an owner cannot freeze it", func(t *testing.T) {
		mo.do(t, "POST", notUs, nil, http.StatusForbidden)
	})

	// Bob follows the link in his email.
	raw := w.p.WaitEmail(t, "bob@holloway.example", 1).Raw
	at := strings.Index(raw, w.p.URL+"/bank-details/not-us")
	if at < 0 {
		t.Fatalf("no not-us link in Bob's email:\n%s", raw)
	}
	link, err := url.Parse(strings.Fields(raw[at:])[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := link.Query().Get("change"); got != id {
		t.Fatalf("link names change %q, want %q", got, id)
	}
	frozen := decode[changeAnswer](t, bob.do(t, "POST", notUs, nil, 200)).Change
	if frozen.Status != suppliers.BankFrozen || frozen.FrozenAt == nil || !strings.Contains(frozen.Explanation, "Frozen") {
		t.Fatalf("after not-us: %+v", frozen)
	}

	t.Run("nothing can continue a frozen change", func(t *testing.T) {
		bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback(bankOldPhone), http.StatusConflict)
		ade.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, http.StatusConflict)
		w.runJobDone(t, id)
		w.p.Clock.Advance(10 * 24 * time.Hour)
		if n := w.activateDue(t); n != 0 {
			t.Errorf("activated %d", n)
		}
		if got := w.status(t, id); got != suppliers.BankFrozen {
			t.Errorf("status = %s, want frozen", got)
		}
	})

	// The clock moved on: sign in again.
	mo, bob = w.signIn(t, "mo@holloway.example"), w.signIn(t, "bob@holloway.example")
	bea, ade = w.signIn(t, "bea@council.example"), w.signIn(t, "ade@council.example")

	t.Run("saying so twice changes nothing", func(t *testing.T) {
		bob.do(t, "POST", notUs, nil, 200)
	})
	t.Run("no new change can be asked for while one is frozen", func(t *testing.T) {
		mo.request(t, "11112222", http.StatusConflict)
	})
	t.Run("the queue flags it", func(t *testing.T) {
		q := bea.queue(t, "?status=frozen")
		if q.Total != 1 || !q.Items[0].Frozen || q.Items[0].ID != id {
			t.Errorf("queue = %+v", q)
		}
	})
	t.Run("the supplier is told to contact the council", func(t *testing.T) {
		d := mo.details(t)
		if len(d.Changes) != 1 || !strings.Contains(d.Changes[0].Explanation, "Contact the council") {
			t.Errorf("details = %+v", d)
		}
	})

	t.Run("an officer clears it by refusing it, then a new change can be asked for", func(t *testing.T) {
		bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/reject", map[string]any{"reason": " "}, http.StatusUnprocessableEntity)
		it := decode[suppliers.BankQueueItem](t, bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/reject",
			map[string]any{"reason": "The owner confirmed nobody asked for this"}, 200))
		if it.Status != suppliers.BankRejected {
			t.Fatalf("after reject: %+v", it)
		}
		d := mo.details(t)
		if len(d.Changes) != 1 || !strings.Contains(d.Changes[0].Explanation, "The owner confirmed nobody asked for this.") {
			t.Errorf("details after reject = %+v", d)
		}
		mo.request(t, "11112222", http.StatusAccepted)
	})

	t.Run("an owner can still stop a change while it cools off", func(t *testing.T) {
		q := bea.queue(t, "?status=pending")
		if len(q.Items) != 1 {
			t.Fatalf("queue = %+v", q)
		}
		next := q.Items[0].ID
		until := approveAll(t, bea, ade, next)
		bob.do(t, "POST", "/api/v1/supplier/bank-details/"+next+"/not-us", nil, 200)
		w.p.Clock.Advance(until.Sub(w.p.Clock.Now()) + time.Hour)
		w.runJobDone(t, next)
		if n := w.activateDue(t); n != 0 {
			t.Errorf("activated %d", n)
		}
		if got := w.status(t, next); got != suppliers.BankFrozen {
			t.Errorf("status = %s, want frozen", got)
		}
		acts := w.auditActions(t, next)
		if acts[len(acts)-1] != "bank.change_frozen" {
			t.Errorf("audit = %v, want it to end with the freeze", acts)
		}
	})

	w.assertNumberHidden(t, bankAccount, "11112222")
}
