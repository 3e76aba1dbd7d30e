package suppliers_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
)

func TestBankChangeTakesEffectOnlyAfterEveryStep(t *testing.T) {
	w := bankStart(t)
	mo := w.signIn(t, "mo@holloway.example")
	bea := w.signIn(t, "bea@council.example")
	ade := w.signIn(t, "ade@council.example")

	// A member, not an owner, asks: every owner must hear of it.
	ch := decode[changeAnswer](t, mo.request(t, bankAccountTyped, http.StatusAccepted)).Change
	id := ch.ID
	if ch.Status != suppliers.BankPending || ch.AccountLast4 != "4582" || ch.SortCode != "30-94-30" {
		t.Fatalf("requested change = %+v, want pending, last 4 4582, sort code 30-94-30", ch)
	}

	t.Run("every owner is emailed at the address on file with a way to say it was not them", func(t *testing.T) {
		for _, owner := range []string{"alice@holloway.example", "bob@holloway.example"} {
			m := w.p.WaitEmail(t, owner, 1)
			if !strings.Contains(m.Subject, "bank details") {
				t.Errorf("email to %s has subject %q", owner, m.Subject)
			}
			link := w.p.URL + "/bank-details/not-us?change=" + id
			for _, want := range []string{link, "4582", "Mo", "mo@holloway.example"} {
				if !strings.Contains(m.Raw, want) {
					t.Errorf("email to %s does not contain %q", owner, want)
				}
			}
		}
		if n := len(w.p.Emails("mo@holloway.example")); n != 0 {
			t.Errorf("the member who asked got %d emails; only owners are told", n)
		}
	})

	t.Run("the supplier is told it waits for a call-back", func(t *testing.T) {
		d := mo.details(t)
		if d.Current != nil || len(d.Changes) != 1 || d.Changes[0].ID != id {
			t.Fatalf("details = %+v, want no current details and the one pending change", d)
		}
		if got := d.Changes[0].Explanation; !strings.Contains(got, "Waiting for a council officer to call you back") || !strings.Contains(got, "30 days") {
			t.Errorf("explanation = %q", got)
		}
		if d.YourRole != "member" {
			t.Errorf("yourRole = %q, want member", d.YourRole)
		}
	})

	t.Run("approval without a call-back is refused", func(t *testing.T) {
		r := ade.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, http.StatusConflict)
		if !strings.Contains(string(r.Body), "call-back") {
			t.Errorf("answer does not say a call-back is needed: %s", r.Body)
		}
	})

	t.Run("a call-back to a number added 5 days ago is refused", func(t *testing.T) {
		r := bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback(bankNewPhone), http.StatusUnprocessableEntity)
		if got := r.FieldErrors()["body.phone"]; !strings.Contains(got, "at least 30 days") || !strings.Contains(got, "fraudster") {
			t.Errorf("phone error = %q, want the 30-day rule explained", got)
		}
	})

	t.Run("a call-back to a number not on the record is refused", func(t *testing.T) {
		r := bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback("01632 960 999"), http.StatusUnprocessableEntity)
		if got := r.FieldErrors()["body.phone"]; !strings.Contains(got, "not on the supplier's record") {
			t.Errorf("phone error = %q", got)
		}
	})

	t.Run("the queue offers only numbers held long enough", func(t *testing.T) {
		q := bea.queue(t, "")
		if q.Total != 1 || len(q.Items) != 1 {
			t.Fatalf("queue = %+v, want the one change", q)
		}
		it := q.Items[0]
		if len(it.CallbackNumbers) != 1 || it.CallbackNumbers[0].Phone != "+442079460000" {
			t.Errorf("callback numbers = %+v, want only +442079460000", it.CallbackNumbers)
		}
		if it.OrganisationName != "Holloway Handyman Ltd" || it.RequestedBy.Email != "mo@holloway.example" || it.AccountLast4 != "4582" {
			t.Errorf("queue item = %+v", it)
		}
	})

	// The old number, written differently from the record.
	cb := decode[suppliers.BankQueueItem](t, bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback("+44 (0)20 7946 0000"), 200))
	if cb.Callback == nil || cb.Callback.By.ID != w.ids["bea@council.example"] || cb.Callback.Phone != "+442079460000" {
		t.Fatalf("call-back = %+v", cb.Callback)
	}

	t.Run("the officer who called back cannot also approve", func(t *testing.T) {
		r := bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, http.StatusForbidden)
		if !strings.Contains(string(r.Body), "A second officer must approve this change") {
			t.Errorf("answer = %s", r.Body)
		}
	})

	t.Run("an evaluator cannot work the queue", func(t *testing.T) {
		eve := w.signIn(t, "eve@council.example")
		eve.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, http.StatusForbidden)
		eve.do(t, "GET", "/api/v1/bank-changes", nil, http.StatusForbidden)
	})

	approved := decode[suppliers.BankQueueItem](t, ade.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, 200))
	if approved.Status != suppliers.BankCoolingOff || approved.ApprovedBy == nil || approved.ApprovedBy.ID != w.ids["ade@council.example"] ||
		approved.CoolingOffUntil == nil || approved.ApprovedAt == nil {
		t.Fatalf("approved = %+v", approved)
	}
	until := *approved.CoolingOffUntil
	cal := workdays.Default()
	if got := cal.WorkingDaysBetween(*approved.ApprovedAt, until); got != 3 || !cal.IsWorkingDay(until) {
		t.Errorf("cooling off ends %s, %d working days after approval; want 3", until, got)
	}

	t.Run("the activation job is scheduled for the end of cooling off", func(t *testing.T) {
		var at []time.Time
		if err := w.p.App.DB.Gorm.Table("river_job").Where("kind = ?", "activate_bank_change").Pluck("scheduled_at", &at).Error; err != nil {
			t.Fatal(err)
		}
		// River on SQLite keeps milliseconds.
		if len(at) != 1 || at[0].Sub(until).Abs() > time.Millisecond {
			t.Errorf("activation jobs scheduled at %v, want one at %s", at, until)
		}
	})

	t.Run("during cooling off the change is not in effect", func(t *testing.T) {
		if n := w.activateDue(t); n != 0 {
			t.Errorf("activated %d changes during cooling off", n)
		}
		// A job running early waits until the end of cooling off and changes nothing.
		var snooze *river.JobSnoozeError
		if err := w.runJob(id); !errors.As(err, &snooze) || snooze.Duration.Round(time.Minute) != until.Sub(w.p.Clock.Now()).Round(time.Minute) {
			t.Errorf("early job returned %v, want it snoozed until %s", err, until)
		}
		d := mo.details(t)
		if d.Current != nil || d.Changes[0].Status != suppliers.BankCoolingOff {
			t.Fatalf("details = %+v, want nothing current and the change cooling off", d)
		}
		if got := d.Changes[0].Explanation; !strings.Contains(got, "Approved on") || !strings.Contains(got, "cooling-off period of 3 working days") {
			t.Errorf("explanation = %q", got)
		}
	})

	w.p.Clock.Advance(until.Sub(w.p.Clock.Now()) - time.Minute)
	if n := w.activateDue(t); n != 0 {
		t.Fatalf("activated %d changes a minute before cooling off ends", n)
	}
	w.p.Clock.Advance(2 * time.Minute)
	if n := w.activateDue(t); n != 1 {
		t.Fatalf("activated %d changes after cooling off, want 1", n)
	}

	t.Run("activation happens once however often it runs", func(t *testing.T) {
		w.runJobDone(t, id)
		if n := w.activateDue(t); n != 0 {
			t.Errorf("activated %d more", n)
		}
		acts := w.auditActions(t, id)
		want := []string{"bank.change_requested", "bank.callback_recorded", "bank.change_approved", "bank.change_activated"}
		if strings.Join(acts, ",") != strings.Join(want, ",") {
			t.Errorf("audit = %v, want %v", acts, want)
		}
	})

	alice := w.signIn(t, "alice@holloway.example")
	d := alice.details(t)
	if d.Current == nil || d.Current.ID != id || d.Current.Status != suppliers.BankActive || d.Current.AccountLast4 != "4582" || len(d.Changes) != 0 {
		t.Fatalf("details after cooling off = %+v, want the change in use", d)
	}
	for _, owner := range []string{"alice@holloway.example", "bob@holloway.example"} {
		if m := w.p.WaitEmail(t, owner, 2); !strings.Contains(m.Subject, "now in use") || !strings.Contains(m.Raw, "4582") {
			t.Errorf("second email to %s = %q", owner, m.Subject)
		}
	}

	t.Run("a later change replaces the one in use only when it takes effect", func(t *testing.T) {
		bea, ade := w.signIn(t, "bea@council.example"), w.signIn(t, "ade@council.example")
		next := decode[changeAnswer](t, alice.request(t, "12345678", http.StatusAccepted)).Change
		if d := alice.details(t); d.Current == nil || d.Current.ID != id {
			t.Fatalf("current details changed on request: %+v", d.Current)
		}
		until := approveAll(t, bea, ade, next.ID)
		w.p.Clock.Advance(until.Sub(w.p.Clock.Now()) + time.Minute)
		if n := w.activateDue(t); n != 1 {
			t.Fatalf("activated %d, want 1", n)
		}
		if got := w.status(t, id); got != suppliers.BankSuperseded {
			t.Errorf("first change is %s, want superseded", got)
		}
		if d := w.signIn(t, "alice@holloway.example").details(t); d.Current == nil || d.Current.ID != next.ID {
			t.Errorf("current = %+v, want the later change", d.Current)
		}
	})

	t.Run("the account number is never shown, logged or stored in clear", func(t *testing.T) {
		w.assertNumberHidden(t, bankAccount, "12345678")
	})
}

// assertNumberHidden checks that no answer, email, audit entry, log line, queued job or stored
// column holds the account numbers in clear.
func (w *bankWorld) assertNumberHidden(t *testing.T, numbers ...string) {
	t.Helper()
	forms := func(n string) []string { return []string{n, n[:4] + " " + n[4:], n[:4] + "-" + n[4:]} }
	check := func(where, text string) {
		t.Helper()
		for _, n := range numbers {
			for _, f := range forms(n) {
				if strings.Contains(text, f) {
					t.Errorf("%s contains the account number %s", where, f)
				}
			}
		}
	}
	for _, r := range w.all {
		check("an API answer", string(r.Body))
	}
	emails := w.p.Emails("")
	if len(emails) == 0 {
		t.Error("no emails to check")
	}
	for _, m := range emails {
		check("the email "+m.Subject, m.Raw)
	}
	var details []string
	if err := w.p.App.DB.Gorm.Table("audit_log").Pluck("details", &details).Error; err != nil {
		t.Fatal(err)
	}
	check("the audit log", strings.Join(details, "\n"))
	check("the logs", w.p.Logs.String())
	var args []string
	if err := w.p.App.DB.Gorm.Table("river_job").Pluck("CAST(args AS TEXT)", &args).Error; err != nil {
		t.Fatal(err)
	}
	check("the job queue", strings.Join(args, "\n"))
	var rows []suppliers.BankDetailChange
	if err := w.p.App.DB.Gorm.Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no bank changes stored")
	}
	for _, r := range rows {
		b, _ := json.Marshal(r) // every column, the sealed one as base64
		check("a stored change", string(b))
		for _, n := range numbers {
			if bytes.Contains(r.AccountSealed, []byte(n)) {
				t.Errorf("account_sealed of %s holds the number in clear", r.ID)
			}
		}
		if len(r.AccountSealed) < 8+16 {
			t.Errorf("account_sealed of %s is %d bytes: not sealed", r.ID, len(r.AccountSealed))
		}
	}
}

func TestBankChangeQueueIsOldestFirst(t *testing.T) {
	w := bankStart(t)
	mo := w.signIn(t, "mo@holloway.example")
	olga := w.signIn(t, "olga@other.example")
	bea := w.signIn(t, "bea@council.example")

	first := decode[changeAnswer](t, mo.request(t, "10000001", http.StatusAccepted)).Change.ID
	w.p.Clock.Advance(time.Minute)
	second := decode[changeAnswer](t, olga.request(t, "20000002", http.StatusAccepted)).Change.ID
	w.p.Clock.Advance(time.Minute)
	third := decode[changeAnswer](t, mo.request(t, "30000003", http.StatusAccepted)).Change.ID

	t.Run("a new request replaces one still pending", func(t *testing.T) {
		if got := w.status(t, first); got != suppliers.BankSuperseded {
			t.Errorf("first = %s, want superseded", got)
		}
		bea.do(t, "POST", "/api/v1/bank-changes/"+first+"/callback", callback(bankOldPhone), http.StatusConflict)
	})

	q := bea.queue(t, "")
	if q.Total != 2 || len(q.Items) != 2 || q.Items[0].ID != second || q.Items[1].ID != third {
		t.Fatalf("queue = %+v, want %s then %s", q, second, third)
	}
	if q.Items[0].OrganisationName != "Other Trading Ltd" || len(q.Items[0].CallbackNumbers) != 1 {
		t.Errorf("first item = %+v", q.Items[0])
	}
	page2 := bea.queue(t, "?page=2&pageSize=1")
	if page2.Total != 2 || len(page2.Items) != 1 || page2.Items[0].ID != third || page2.Page != 2 || page2.PageSize != 1 {
		t.Errorf("page 2 = %+v", page2)
	}
	bea.do(t, "GET", "/api/v1/bank-changes?pageSize=1000", nil, http.StatusUnprocessableEntity)
	mo.do(t, "GET", "/api/v1/bank-changes", nil, http.StatusForbidden)
	bea.do(t, "POST", "/api/v1/bank-changes/not-a-uuid/approve", nil, http.StatusNotFound)
	bea.do(t, "POST", "/api/v1/bank-changes/"+uuid.NewString()+"/approve", nil, http.StatusNotFound)
	mo.do(t, "GET", "/api/v1/supplier/bank-details?organisationId=not-a-uuid", nil, http.StatusForbidden)
}

func TestBankChangeBadInput(t *testing.T) {
	w := bankStart(t)
	mo := w.signIn(t, "mo@holloway.example")
	cases := []struct {
		name  string
		body  map[string]any
		field string
		want  string
	}{
		{"missing name", map[string]any{"accountName": "  ", "sortCode": "309430", "accountNumber": bankAccount}, "accountName", "Enter the name on the account"},
		{"long name", map[string]any{"accountName": strings.Repeat("a", 141), "sortCode": "309430", "accountNumber": bankAccount}, "accountName", "140 characters"},
		{"short sort code", map[string]any{"accountName": "A Ltd", "sortCode": "30-94", "accountNumber": bankAccount}, "sortCode", "sort code"},
		{"letters in sort code", map[string]any{"accountName": "A Ltd", "sortCode": "30-94-3O", "accountNumber": bankAccount}, "sortCode", "sort code"},
		{"7-digit account number", map[string]any{"accountName": "A Ltd", "sortCode": "309430", "accountNumber": "7391458"}, "accountNumber", "8 digits"},
		{"missing account number", map[string]any{"accountName": "A Ltd", "sortCode": "309430", "accountNumber": ""}, "accountNumber", "Enter an account number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := mo.do(t, "POST", "/api/v1/supplier/bank-details", tc.body, http.StatusUnprocessableEntity)
			if got := r.FieldErrors()["body."+tc.field]; !strings.Contains(got, tc.want) {
				t.Errorf("error for %s = %q, want it to mention %q (all: %v)", tc.field, got, tc.want, r.FieldErrors())
			}
		})
	}
	t.Run("every bad field is reported at once", func(t *testing.T) {
		r := mo.do(t, "POST", "/api/v1/supplier/bank-details", map[string]any{"accountName": "", "sortCode": "1", "accountNumber": "2"}, http.StatusUnprocessableEntity)
		if got := len(r.FieldErrors()); got != 3 {
			t.Errorf("%d field errors, want 3: %s", got, r.Body)
		}
	})
	t.Run("a badly written phone number is refused", func(t *testing.T) {
		id := decode[changeAnswer](t, mo.request(t, bankAccount, http.StatusAccepted)).Change.ID
		bea := w.signIn(t, "bea@council.example")
		r := bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback("12345"), http.StatusUnprocessableEntity)
		if r.FieldErrors()["body.phone"] == "" {
			t.Errorf("no phone error: %s", r.Body)
		}
	})
	w.p.WaitEmail(t, "alice@holloway.example", 1)
	w.p.WaitEmail(t, "bob@holloway.example", 1)
	var n int64
	w.p.App.DB.Gorm.Table("bank_detail_changes").Count(&n)
	if n != 1 {
		t.Errorf("%d changes stored, want only the valid one", n)
	}
	w.assertNumberHidden(t, bankAccount)
}

// TestFirstBankDetailsAreCheckedOnAnIndependentNumber: a supplier that registered this month has
// no number held for 30 days, so its first bank details are called back on a number the officer
// finds in a source the supplier does not control, recorded with the call-back; the supplier is
// told what will happen, and a second officer still approves.
func TestFirstBankDetailsAreCheckedOnAnIndependentNumber(t *testing.T) {
	w := bankStart(t)
	// Only the number added 5 days ago is left on the organisation's record.
	if err := w.p.App.DB.Gorm.Exec("DELETE FROM supplier_contacts WHERE organisation_id = ? AND phone = ?", w.orgID, "+442079460000").Error; err != nil {
		t.Fatal(err)
	}
	alice := w.signIn(t, "alice@holloway.example")
	bea := w.signIn(t, "bea@council.example")
	ade := w.signIn(t, "ade@council.example")
	before := alice.details(t)
	if before.CheckWorkdays != 5 || before.CoolingOffWorkdays != 3 || before.CallbackDays != 30 {
		t.Errorf("before sending, the page is told checks %d, cooling off %d, call-back %d days; want the settings 5, 3 and 30",
			before.CheckWorkdays, before.CoolingOffWorkdays, before.CallbackDays)
	}
	sent := decode[changeAnswer](t, alice.request(t, bankAccountTyped, http.StatusAccepted))
	id := sent.Change.ID
	// 5 working days of checks and 3 of cooling off (the defaults).
	if !strings.Contains(sent.Message, "first bank details") || !strings.Contains(sent.Message, "about 8 working days") ||
		!strings.Contains(sent.Message, "second officer") {
		t.Errorf("after sending, the supplier is told %q; want what happens to first details and how long it takes", sent.Message)
	}

	d := alice.details(t)
	if len(d.Changes) != 1 || !d.Changes[0].First || !strings.Contains(d.Changes[0].Explanation, "Companies House") ||
		!strings.Contains(d.Changes[0].Explanation, "about 8 working days in all") {
		t.Fatalf("the supplier is told %+v, want first details checked on a number the council finds, and how long it takes", d.Changes)
	}
	mail := strings.NewReplacer("=\r\n", "", "=\n", "").Replace(w.p.WaitEmail(t, "alice@holloway.example", 1).Raw)
	if !strings.Contains(mail, "Companies House") || !strings.Contains(mail, "about 8 working days in all") {
		t.Errorf("the owner's email says:\n%s\nwant the independent call-back and how long it takes", mail)
	}
	it := bea.queue(t, "").Items[0]
	if !it.First || len(it.CallbackNumbers) != 0 || !strings.Contains(it.NextStep, "source they do not control") || strings.Contains(it.NextStep, "refuse") {
		t.Fatalf("queue item first=%v numbers=%v next step %q, want the independent source asked for, not a refusal", it.First, it.CallbackNumbers, it.NextStep)
	}

	r := bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback("020 7946 0999"), http.StatusUnprocessableEntity)
	if got := r.FieldErrors()["body.phone"]; !strings.Contains(got, "first bank details") || !strings.Contains(got, "say where you found it") {
		t.Errorf("without saying where the number came from: %q, want the first-details way explained", got)
	}
	body := callback("020 7946 0999")
	body["source"] = "Companies House record for Holloway Handyman Ltd, registered office telephone"
	cb := decode[suppliers.BankQueueItem](t, bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", body, 200))
	if cb.Callback == nil || cb.Callback.Phone != "+442079460999" || cb.Callback.Source != body["source"] {
		t.Fatalf("call-back = %+v, want the number and where it was found", cb.Callback)
	}
	// The same officer cannot approve it; another can.
	bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, http.StatusForbidden)
	ade.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, 200)
	if st := w.status(t, id); st != suppliers.BankCoolingOff {
		t.Errorf("status after approval = %s, want cooling off", st)
	}
}
