package notifications_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

const pw = apptest.Password

func want(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

type world struct {
	p     *apptest.Portal
	buyer *apptest.Client
}

func start(t *testing.T) *world {
	t.Helper()
	p := apptest.Start(t, apptest.Options{})
	return &world{p: p, buyer: p.Buyer(t, "buyer@council.example")}
}

// supplier registers a verified supplier and signs them in.
func (w *world) supplier(t *testing.T, email string) *apptest.Client {
	t.Helper()
	return w.p.Supplier(t, accounts.RegisterInput{Email: email})
}

func (w *world) signIn(t *testing.T, email string) *apptest.Client {
	t.Helper()
	return w.p.SignedIn(t, email, pw)
}

func alert(name, frequency string, kv ...any) map[string]any {
	a := map[string]any{"name": name, "frequency": frequency}
	for i := 0; i+1 < len(kv); i += 2 {
		a[kv[i].(string)] = kv[i+1]
	}
	return a
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// with returns a copy of body with the given fields changed.
func with(body map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// roofs is a complete open tender for roof repairs (CPV 45261000-4) that may be published now.
func (w *world) roofs(title string) map[string]any {
	now := w.p.Clock.Now()
	return map[string]any{
		"title":       title,
		"summary":     "We need a roofer to repair the roofs of three primary schools over the summer holidays.",
		"description": "Three schools in Holloway need flat roof repairs.",
		"procedure":   "open_tender", "cpvCodes": []string{"45261000-4"},
		"lots":                []map[string]any{{"title": "Roofs", "description": "All three schools", "valuePence": 15000000, "cpvCode": "45261000-4"}},
		"estimatedValuePence": 15000000, "contractMonths": 12, "placeOfDelivery": "E09000019",
		"suitableForSmes": true, "suitableForVcses": false, "reserved": "none",
		"clarificationDeadline": rfc(now.Add(20 * 24 * time.Hour)),
		"submissionDeadline":    rfc(now.Add(30 * 24 * time.Hour)),
		"expectedAwardOn":       now.Add(45 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{
			{"name": "Price", "kind": "price", "weightBp": 4000},
			{"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000},
		},
	}
}

// publish creates and publishes an opportunity and returns its ID.
func (w *world) publish(t *testing.T, body map[string]any) string {
	t.Helper()
	r := w.buyer.Do("POST", "/api/v1/opportunities", body)
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)
	return id
}

// waitInbox waits for the supplier's inbox to hold n notifications (the fan-out job runs in
// the portal's workers).
func waitInbox(t *testing.T, c *apptest.Client, n int) map[string]any {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := c.Do("GET", "/api/v1/notifications", nil)
		want(t, r, 200)
		if int(r.JSON()["total"].(float64)) >= n || time.Now().After(deadline) {
			if got := int(r.JSON()["total"].(float64)); got != n {
				t.Fatalf("inbox holds %d notifications, want %d: %s", got, n, r.Body)
			}
			return r.JSON()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *world) count(t *testing.T, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := w.p.App.DB.Gorm.Raw("SELECT count(*) FROM notifications WHERE "+where, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// rawEmail is the nth email to an address exactly as written to the outbox.
func rawEmail(t *testing.T, p *apptest.Portal, to string, n int) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(p.DataDir, "outbox", "*.eml"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(header(string(b), "To"), to) {
			if n--; n == 0 {
				return string(b)
			}
		}
	}
	t.Fatalf("no such email to %s", to)
	return ""
}

// header reads a header of a raw email as a mail program would: unfolded and decoded.
func header(raw, name string) string {
	m, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		return ""
	}
	v := m.Header.Get(name)
	if d, err := new(mime.WordDecoder).DecodeHeader(v); err == nil {
		return d
	}
	return v
}

func TestPublishingTellsSuppliersWhoseAlertsMatch(t *testing.T) {
	w := start(t)
	roofer := w.supplier(t, "roofer@example.org")
	cleaner := w.supplier(t, "cleaner@example.org")
	daily := w.supplier(t, "daily@example.org")
	want(t, roofer.Do("POST", "/api/v1/alerts", alert("Building work", "instant", "cpvCodes", []string{"45000000-7"})), 201)
	want(t, cleaner.Do("POST", "/api/v1/alerts", alert("Cleaning", "instant", "keywords", []string{"cleaning"})), 201)
	want(t, daily.Do("POST", "/api/v1/alerts", alert("Roofs", "daily", "keywords", []string{"roof"})), 201)

	unconfirmed := w.supplier(t, "unconfirmed@example.org")
	want(t, unconfirmed.Do("POST", "/api/v1/alerts", alert("Roofs", "instant", "keywords", []string{"roof"})), 201)
	w.p.App.DB.Gorm.Exec("UPDATE users SET email_verified_at = NULL WHERE email = ?", "unconfirmed@example.org")
	switchedOff := w.supplier(t, "switched.off@example.org")
	want(t, switchedOff.Do("POST", "/api/v1/alerts", alert("Roofs", "instant", "keywords", []string{"roof"})), 201)
	w.p.App.DB.Gorm.Exec("UPDATE users SET deactivated_at = ? WHERE email = ?", w.p.Clock.Now().UTC(), "switched.off@example.org")

	id := w.publish(t, w.roofs("School roof repairs"))

	inbox := waitInbox(t, roofer, 1)
	item := inbox["items"].([]any)[0].(map[string]any)
	if item["title"] != "School roof repairs" || item["link"] != "/opportunities/"+id || item["alertName"] != "Building work" {
		t.Errorf("inbox item = %v, want the opportunity, its link and the alert that matched", item)
	}
	if inbox["unread"].(float64) != 1 {
		t.Errorf("unread = %v, want 1", inbox["unread"])
	}
	email := w.p.WaitEmail(t, "roofer@example.org", 1)
	if !strings.Contains(email.Subject, "School roof repairs") {
		t.Errorf("subject = %q, want the opportunity's title", email.Subject)
	}
	if !strings.Contains(email.Raw, "text/plain") {
		t.Error("the email has no plain-text part")
	}
	unsub := header(email.Raw, "List-Unsubscribe")
	if !strings.HasPrefix(unsub, "<"+w.p.URL+"/api/v1/unsubscribe/") || !strings.HasSuffix(unsub, ">") {
		t.Errorf("List-Unsubscribe = %q, want <%s/api/v1/unsubscribe/…>", unsub, w.p.URL)
	}
	if got := header(email.Raw, "List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q, want List-Unsubscribe=One-Click", got)
	}

	t.Run("an alert that does not match tells nobody", func(t *testing.T) {
		waitInbox(t, cleaner, 0)
		if n := len(w.p.Emails("cleaner@example.org")); n != 0 {
			t.Errorf("cleaner got %d emails, want none", n)
		}
	})
	t.Run("someone who has not confirmed their address is not emailed", func(t *testing.T) {
		if n := w.count(t, "user_id = (SELECT id FROM users WHERE email = ?)", "unconfirmed@example.org"); n != 1 {
			t.Errorf("%d notifications, want 1 in the inbox", n)
		}
		if _, err := w.p.App.Notifications.SendQueued(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := len(w.p.Emails("unconfirmed@example.org")); n != 0 {
			t.Errorf("got %d emails, want none", n)
		}
	})
	t.Run("someone whose account is switched off is not emailed", func(t *testing.T) {
		if _, err := w.p.App.Notifications.SendQueued(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := len(w.p.Emails("switched.off@example.org")); n != 0 {
			t.Errorf("got %d emails, want none", n)
		}
	})
	t.Run("a daily alert waits for the digest", func(t *testing.T) {
		waitInbox(t, daily, 1)
		if n := len(w.p.Emails("daily@example.org")); n != 0 {
			t.Errorf("got %d emails before the digest, want none", n)
		}
	})
	t.Run("opening a notification marks it read", func(t *testing.T) {
		want(t, roofer.Do("POST", "/api/v1/notifications/"+item["id"].(string)+"/read", nil), 204)
		r := roofer.Do("GET", "/api/v1/notifications/unread-count", nil)
		want(t, r, 200)
		if r.JSON()["unread"].(float64) != 0 {
			t.Errorf("unread = %v after reading, want 0", r.JSON()["unread"])
		}
	})
	t.Run("nobody can read another person's notification", func(t *testing.T) {
		want(t, cleaner.Do("POST", "/api/v1/notifications/"+item["id"].(string)+"/read", nil), 404)
	})
}

func TestRetriedAndConcurrentFanOutsTellNobodyTwice(t *testing.T) {
	w := start(t)
	var suppliers []*apptest.Client
	for i := range 5 {
		c := w.supplier(t, fmt.Sprintf("s%d@example.org", i))
		// Two matching alerts each: still one notification per person.
		want(t, c.Do("POST", "/api/v1/alerts", alert("Building", "instant", "cpvCodes", []string{"45000000-7"})), 201)
		want(t, c.Do("POST", "/api/v1/alerts", alert("Roofs", "instant", "keywords", []string{"roof"})), 201)
		suppliers = append(suppliers, c)
	}
	// Quotes, a backslash and braces: the title survives PostgreSQL's array literals whole.
	title := `Roofs: "flat" {and} pitched \ gutters, é`
	id := w.publish(t, w.roofs(title))
	for _, c := range suppliers {
		inbox := waitInbox(t, c, 1)
		if got := inbox["items"].([]any)[0].(map[string]any)["title"]; got != title {
			t.Errorf("title = %q, want %q", got, title)
		}
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			n, err := w.p.App.Notifications.FanOut(ctx, "published", id, "")
			if err == nil && n != 0 {
				err = fmt.Errorf("a rerun wrote %d notifications, want 0", n)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := w.count(t, "opportunity_id = ?", id); n != 5 {
		t.Errorf("%d notifications for the opportunity, want 5 (one per supplier)", n)
	}
	for i := range 5 {
		w.p.WaitEmail(t, fmt.Sprintf("s%d@example.org", i), 1)
	}
	if _, err := w.p.App.Notifications.SendQueued(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // any second send the workers might make
	for i := range 5 {
		if n := len(w.p.Emails(fmt.Sprintf("s%d@example.org", i))); n != 1 {
			t.Errorf("s%d got %d emails, want 1", i, n)
		}
	}
}

func TestDigestHoldsEachMatchOnce(t *testing.T) {
	w := start(t)
	c := w.supplier(t, "daily@example.org")
	want(t, c.Do("POST", "/api/v1/alerts", alert("Building", "daily", "cpvCodes", []string{"45000000-7"})), 201)
	want(t, c.Do("POST", "/api/v1/alerts", alert("Roofs", "daily", "keywords", []string{"roof"})), 201)
	quitter := w.supplier(t, "quitter@example.org")
	r := quitter.Do("POST", "/api/v1/alerts", alert("Roofs", "daily", "keywords", []string{"roof"}))
	want(t, r, 201)
	w.publish(t, w.roofs("School roof repairs"))
	w.publish(t, w.roofs("Library roof repairs"))
	waitInbox(t, c, 2)
	waitInbox(t, quitter, 2)
	// Deleting an alert before 08:00 stops its waiting matches being emailed.
	want(t, quitter.Do("DELETE", "/api/v1/alerts/"+r.JSON()["id"].(string), nil), 204)

	ctx := context.Background()
	sent, err := w.p.App.Notifications.SendDigests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sent != 1 {
		t.Fatalf("sent %d digests, want 1 (both matched the first alert)", sent)
	}
	email := w.p.WaitEmail(t, "daily@example.org", 1)
	for _, title := range []string{"School roof repairs", "Library roof repairs"} {
		if n := strings.Count(email.Raw, title); n != 2 { // once in the text part, once in the HTML part
			t.Errorf("%q appears %d times in the digest, want once per part", title, n)
		}
	}
	if subject := header(rawEmail(t, w.p, "daily@example.org", 1), "Subject"); !strings.Contains(subject, "2 new opportunities match your alert “Building”") {
		t.Errorf("subject = %q, want it to count 2", subject)
	}
	if header(email.Raw, "List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Error("the digest has no one-click unsubscribe")
	}
	if n := len(w.p.Emails("quitter@example.org")); n != 0 {
		t.Errorf("the person who deleted their alert got %d digests, want none", n)
	}
	if sent, err := w.p.App.Notifications.SendDigests(ctx); err != nil || sent != 0 {
		t.Errorf("a second digest run sent %d (err %v), want 0", sent, err)
	}
}

func TestUnsubscribeWorksWithoutSigningIn(t *testing.T) {
	w := start(t)
	c := w.supplier(t, "roofer@example.org")
	r := c.Do("POST", "/api/v1/alerts", alert("Building work", "instant", "cpvCodes", []string{"45000000-7"}))
	want(t, r, 201)
	alertID := r.JSON()["id"].(string)
	w.publish(t, w.roofs("School roof repairs"))
	email := w.p.WaitEmail(t, "roofer@example.org", 1)
	link := strings.Trim(header(email.Raw, "List-Unsubscribe"), "<>")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	anon := w.p.Client(t)

	t.Run("the link in the email opens the portal's page", func(t *testing.T) {
		page := "/unsubscribe/" + strings.TrimPrefix(u.Path, "/api/v1/unsubscribe/")
		if !strings.Contains(email.Raw, w.p.URL+page) {
			t.Fatalf("the email does not link to %s", page)
		}
		r := anon.Do("GET", page, nil)
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s = %d %s, want the web app", page, r.Status, r.Header.Get("Content-Type"))
		}
	})

	d := anon.Do("GET", u.Path, nil)
	want(t, d, 200)
	if d.JSON()["name"] != "Building work" || d.JSON()["done"] != false {
		t.Errorf("describe = %s, want the alert's name, not yet done", d.Body)
	}
	want(t, c.Do("GET", "/api/v1/alerts/"+alertID, nil), 200) // looking does not unsubscribe

	// What a mail program sends for RFC 8058 one-click: a form POST, no cookies.
	r = anon.DoRaw("POST", u.Path, "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click"))
	want(t, r, 200)
	if r.JSON()["done"] != true {
		t.Errorf("unsubscribe = %s, want done", r.Body)
	}
	// Paused, not gone: the alerts page still has it, to resume.
	got := c.Do("GET", "/api/v1/alerts/"+alertID, nil)
	want(t, got, 200)
	if got.JSON()["pausedAt"] == nil {
		t.Errorf("alert after unsubscribing = %s, want it paused", got.Body)
	}
	want(t, anon.DoRaw("POST", u.Path, "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click")), 200)
	if again := anon.Do("GET", u.Path, nil); again.JSON()["done"] != true {
		t.Errorf("the link opened again: %s, want it to say the emails have already stopped", again.Body)
	}

	t.Run("a forged link is refused", func(t *testing.T) {
		forged := u.Path[:len(u.Path)-3] + "AAA"
		want(t, anon.DoRaw("POST", forged, "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click")), 404)
	})
	t.Run("later matches are not emailed", func(t *testing.T) {
		w.publish(t, w.roofs("Library roof repairs"))
		time.Sleep(time.Second)
		if n := len(w.p.Emails("roofer@example.org")); n != 1 {
			t.Errorf("got %d emails, want only the one before unsubscribing", n)
		}
	})
	t.Run("resumed from the alerts page, it tells of new matches again", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/alerts/"+alertID+"/resume", nil)
		want(t, r, 200)
		if r.JSON()["pausedAt"] != nil {
			t.Fatalf("resumed alert = %s, want it on", r.Body)
		}
		w.publish(t, w.roofs("Depot roof repairs"))
		if e := w.p.WaitEmail(t, "roofer@example.org", 2); !strings.Contains(e.Subject, "Depot roof repairs") {
			t.Errorf("email after resuming: %q, want the new match", e.Subject)
		}
		want(t, c.Do("POST", "/api/v1/alerts/"+alertID+"/pause", nil), 200)
		w.publish(t, w.roofs("Pool roof repairs"))
		time.Sleep(time.Second)
		if n := len(w.p.Emails("roofer@example.org")); n != 2 {
			t.Errorf("got %d emails, want none while paused from the alerts page", n)
		}
	})
}

func TestUnsubscribeLinksAreHTTPSWhenThePortalIs(t *testing.T) {
	// Written as an operator might: scheme and host are case-insensitive.
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_BASE_URL": "HTTPS://Portal.Council.Example"}})
	ctx := context.Background()
	buyer, err := p.App.Accounts.CreateUser(ctx, accounts.CreateUserInput{Email: "buyer@council.example", Name: "Buyer", Role: "buyer", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.App.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: "Roofers", LegalForm: "sole_trader",
		Name: "Sam Supplier", Email: "roofer@example.org", Password: pw}); err != nil {
		t.Fatal(err)
	}
	// Secure cookies do not travel over the test's plain http, so this acts through the services.
	var supplierID string
	p.App.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", "roofer@example.org").Scan(&supplierID)
	if _, err := p.App.Notifications.CreateAlert(ctx, &auth.Principal{UserID: supplierID, Role: auth.RoleSupplier, EmailVerified: true}, "",
		notifications.AlertInput{Name: "Building work", Frequency: "instant", CPVCodes: []string{"45000000-7"}}); err != nil {
		t.Fatal(err)
	}
	by := &auth.Principal{UserID: buyer.ID, Role: auth.RoleBuyer, EmailVerified: true}
	w := &world{p: p}
	var in opportunities.OpportunityInput
	b, _ := json.Marshal(w.roofs("School roof repairs"))
	if err := json.Unmarshal(b, &in); err != nil {
		t.Fatal(err)
	}
	v, err := p.App.Opportunities.CreateDraft(ctx, by, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.App.Opportunities.Publish(ctx, by, v.ID); err != nil {
		t.Fatal(err)
	}
	email := p.WaitEmail(t, "roofer@example.org", 1)
	if got := header(email.Raw, "List-Unsubscribe"); !strings.HasPrefix(got, "<https://portal.council.example/api/v1/unsubscribe/") {
		t.Errorf("List-Unsubscribe = %q, want an https link to the portal", got)
	}
	if !strings.Contains(email.Raw, "https://portal.council.example/unsubscribe/") {
		t.Errorf("the email body has no https unsubscribe link:\n%s", email.Raw)
	}
	if strings.Contains(strings.ToLower(email.Raw), "http://portal") {
		t.Errorf("the email links to the portal over http:\n%s", email.Raw)
	}
}

func TestAmendmentsAndCancellationsTellInterestedSuppliers(t *testing.T) {
	w := start(t)
	interested := w.supplier(t, "keen@example.org")
	bystander := w.supplier(t, "bystander@example.org")
	id := w.publish(t, w.roofs("School roof repairs"))
	r := interested.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil)
	want(t, r, 200)
	if r.JSON()["registered"] != true {
		t.Fatalf("interest = %s, want registered", r.Body)
	}
	want(t, interested.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200) // twice is harmless

	before := w.buyer.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["submissionDeadline"].(map[string]any)["text"].(string)
	// Noon in London next July is 11:00 UTC (British Summer Time), so the email must say midday.
	year := w.p.Clock.Now().Year() + 1
	later := time.Date(year, time.July, 1, 11, 0, 0, 0, time.UTC)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "More time for site visits.",
		"submissionDeadline": rfc(later), "expectedAwardOn": fmt.Sprintf("%d-07-31", year)}), 201)
	saysWhatChanged := []string{"More time for site visits.",
		"The deadline for bids is now midday on " + later.Format("Monday 2 January 2006") + " (London time); it was " + before + ".",
		fmt.Sprintf("The expected award date is now 31 July %d", year)}
	inbox := waitInbox(t, interested, 1)
	item := inbox["items"].([]any)[0].(map[string]any)
	for _, s := range saysWhatChanged {
		if item["kind"] != "amended" || !strings.Contains(item["body"].(string), s) {
			t.Errorf("notification = %v, want it to say %q", item, s)
		}
	}
	email := w.p.WaitEmail(t, "keen@example.org", 1)
	for _, s := range saysWhatChanged {
		if !strings.Contains(email.Raw, s) {
			t.Errorf("amendment email does not say %q:\n%s", s, email.Raw)
		}
	}
	if header(email.Raw, "List-Unsubscribe-Post") == "" {
		t.Errorf("amendment email lacks one-click unsubscribe:\n%s", email.Raw)
	}
	waitInbox(t, bystander, 0)

	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/cancel", map[string]any{"reason": "The schools are to be rebuilt."}), 200)
	inbox = waitInbox(t, interested, 2)
	item = inbox["items"].([]any)[0].(map[string]any)
	if item["kind"] != "cancelled" || !strings.Contains(item["body"].(string), "The schools are to be rebuilt.") {
		t.Errorf("notification = %v, want the cancellation and its reason", item)
	}
	w.p.WaitEmail(t, "keen@example.org", 2)
	waitInbox(t, bystander, 0)
}

// A message keeps the words it was written with, and the deadline in them may move: the inbox
// gives every message about an opportunity its deadline as it is now, and says when it moved
// after the message was written.
func TestInboxShowsTheCurrentDeadlineAfterAnAmendment(t *testing.T) {
	w := start(t)
	roofer := w.supplier(t, "roofer@example.org")
	want(t, roofer.Do("POST", "/api/v1/alerts", alert("Building work", "instant", "cpvCodes", []string{"45000000-7"})), 201)
	id := w.publish(t, w.roofs("School roof repairs"))
	match := waitInbox(t, roofer, 1)["items"].([]any)[0].(map[string]any)
	first := w.buyer.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["submissionDeadline"].(map[string]any)["text"].(string)
	if !strings.Contains(fmt.Sprint(match["body"]), "Bids by "+first) || match["deadlineChanged"] != false || match["deadline"].(map[string]any)["text"] != first {
		t.Fatalf("match before the amendment = %v, want the deadline %q, unchanged", match, first)
	}

	w.p.Clock.Advance(time.Minute)
	want(t, roofer.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	later := w.p.Clock.Now().Add(40 * 24 * time.Hour)
	r := w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "More time for site visits.", "submissionDeadline": rfc(later)})
	want(t, r, 201)
	now := r.JSON()["submissionDeadline"].(map[string]any)["text"].(string)

	items := waitInbox(t, roofer, 2)["items"].([]any)
	amended, match := items[0].(map[string]any), items[1].(map[string]any)
	if match["kind"] != "match" || match["deadlineChanged"] != true || match["deadline"].(map[string]any)["text"] != now {
		t.Errorf("the earlier match = %v, want it to give the new deadline %q and say it changed", match, now)
	}
	if amended["kind"] != "amended" || amended["deadlineChanged"] != false || amended["deadline"].(map[string]any)["text"] != now {
		t.Errorf("the amendment's message = %v, want the new deadline %q, not changed since", amended, now)
	}
}

func TestDeadlineRemindersAt7DaysAnd48Hours(t *testing.T) {
	w := start(t)
	keen := w.supplier(t, "keen@example.org")
	id := w.publish(t, w.roofs("School roof repairs")) // deadline in 30 days
	want(t, keen.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	ctx := context.Background()
	n := func() int64 {
		t.Helper()
		n, err := w.p.App.Notifications.WriteReminders(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// The running portal writes reminders too (every 15 minutes, and once on start, which on a
	// busy machine can come after the clock has moved): what counts is how many the supplier has,
	// whoever wrote them.
	reminders := func() int64 { t.Helper(); return w.count(t, "kind = ? AND opportunity_id = ?", "reminder", id) }
	if got := n(); got != 0 || reminders() != 0 {
		t.Errorf("30 days out: wrote %d reminders (%d in all), want 0", got, reminders())
	}
	w.p.Clock.Advance(23*24*time.Hour + time.Hour) // 6 days 23 hours left
	if got := n(); got > 1 || reminders() != 1 {
		t.Errorf("inside 7 days: wrote %d reminders, %d in all, want 1", got, reminders())
	}
	if got := n(); got != 0 {
		t.Errorf("run again: wrote %d reminders, want 0", got)
	}
	w.p.Clock.Advance(5 * 24 * time.Hour) // 1 day 23 hours left
	if got := n(); got > 1 || reminders() != 2 {
		t.Errorf("inside 48 hours: wrote %d reminders, %d in all, want 2 in all", got, reminders())
	}
	keen = w.signIn(t, "keen@example.org") // the clock has moved past the session's life
	inbox := waitInbox(t, keen, 2)
	first := inbox["items"].([]any)[0].(map[string]any)
	if !strings.HasPrefix(first["title"].(string), "46 hours to bid") { // 46:59 left: never overstate the time
		t.Errorf("reminder title = %q, want it to say 46 hours are left", first["title"])
	}
	w.p.WaitEmail(t, "keen@example.org", 2)
	w.p.Clock.Advance(48 * time.Hour) // closed
	if got := n(); got != 0 {
		t.Errorf("after the deadline: wrote %d reminders, want 0", got)
	}
	keen = w.signIn(t, "keen@example.org")
	want(t, keen.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 409)
}

func TestFirstAlertComesFromTheProfile(t *testing.T) {
	w := start(t)
	c := w.supplier(t, "roofer@example.org")
	ctx := context.Background()
	var orgID, userID string
	w.p.App.DB.Gorm.Raw("SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?", "roofer@example.org").Scan(&orgID)
	w.p.App.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", "roofer@example.org").Scan(&userID)
	err := w.p.App.DB.Tx(ctx, func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO supplier_cpv_codes (organisation_id, code) VALUES (?, ?), (?, ?)", orgID, "45261000-4", orgID, "45262000-1").Error
	})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Do("GET", "/api/v1/alerts", nil)
	want(t, r, 200)
	items := r.JSON()["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("alerts = %s, want the one made from the profile", r.Body)
	}
	a := items[0].(map[string]any)
	if a["fromProfile"] != true || len(a["cpvCodes"].([]any)) != 2 || a["frequency"] != "instant" {
		t.Errorf("profile alert = %v, want the profile's two codes, instant", a)
	}
	want(t, c.Do("DELETE", "/api/v1/alerts/"+a["id"].(string), nil), 204)
	r = c.Do("GET", "/api/v1/alerts", nil)
	want(t, r, 200)
	if n := len(r.JSON()["items"].([]any)); n != 0 {
		t.Errorf("after deleting it: %d alerts, want 0 (a deleted profile alert stays deleted)", n)
	}
	if err := w.p.App.Notifications.ProfileSaved(ctx, w.p.App.DB.Gorm, userID, orgID, []string{"45261000-4"}); err != nil {
		t.Fatal(err)
	}
	r = c.Do("GET", "/api/v1/alerts", nil)
	if n := len(r.JSON()["items"].([]any)); n != 0 {
		t.Errorf("after saving the profile again: %d alerts, want 0", n)
	}

	t.Run("the alerts page makes it again, from the profile as it is now", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/alerts/from-profile", nil)
		want(t, r, 201)
		if a := r.JSON(); a["fromProfile"] != true || len(a["cpvCodes"].([]any)) != 2 || a["pausedAt"] != nil {
			t.Errorf("made again: %s, want the profile's two codes, on", r.Body)
		}
		if r := c.Do("POST", "/api/v1/alerts/from-profile", nil); r.Status != 409 {
			t.Errorf("making it twice: %d %s, want 409", r.Status, r.Body)
		}
		bare := w.supplier(t, "new@example.org")
		if r := bare.Do("POST", "/api/v1/alerts/from-profile", nil); r.Status != 422 || !strings.Contains(string(r.Body), "kinds of work") {
			t.Errorf("from a profile without kinds of work: %d %s, want 422 saying to add them", r.Status, r.Body)
		}
	})
}

func TestAlertsRefuseBadInput(t *testing.T) {
	w := start(t)
	c := w.supplier(t, "roofer@example.org")
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"no name", alert("", "instant"), "body.name"},
		{"an unknown CPV code", alert("x", "instant", "cpvCodes", []string{"45000000-8"}), "body.cpvCodes[0]"},
		{"a keyword with a comma", alert("x", "instant", "keywords", []string{"roof", "a, b"}), "body.keywords[1]"},
		{"a maximum below the minimum", alert("x", "instant", "minValuePence", 500, "maxValuePence", 100), "body.maxValuePence"},
		{"an unknown locality", alert("x", "instant", "localities", []string{"moon"}), "body.localities[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do("POST", "/api/v1/alerts", tc.body)
			if r.Status != 422 {
				t.Fatalf("status = %d, want 422; %s", r.Status, r.Body)
			}
			if _, ok := r.FieldErrors()[tc.field]; !ok {
				t.Errorf("errors = %v, want one for %s", r.FieldErrors(), tc.field)
			}
		})
	}
	r := c.Do("GET", "/api/v1/alerts", nil)
	if n := len(r.JSON()["items"].([]any)); n != 0 {
		t.Errorf("%d alerts saved from bad input, want 0", n)
	}
}

func TestFeeds(t *testing.T) {
	w := start(t)
	id := w.publish(t, w.roofs("School roof repairs"))
	w.publish(t, with(w.roofs("Cleaning of three libraries"), "cpvCodes", []string{"90910000-9"}, "lots", []any{}))
	anon := w.p.Client(t)

	t.Run("the Atom feed takes the search filters", func(t *testing.T) {
		r := anon.Do("GET", "/api/v1/feeds/opportunities.atom?cpv=45000000-7", nil)
		want(t, r, 200)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
			t.Errorf("Content-Type = %q, want application/atom+xml", ct)
		}
		var feed struct {
			Entries []struct {
				Title string `xml:"title"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(r.Body, &feed); err != nil {
			t.Fatalf("the feed is not XML: %v\n%s", err, r.Body)
		}
		if len(feed.Entries) != 1 || feed.Entries[0].Title != "School roof repairs" || feed.Entries[0].Link.Href != w.p.URL+"/opportunities/"+id {
			t.Errorf("entries = %+v, want only the roof repairs, linking to its page", feed.Entries)
		}
	})
	t.Run("a malformed filter is a 422, not a 500", func(t *testing.T) {
		want(t, anon.Do("GET", "/api/v1/feeds/opportunities.atom?cpv=banana", nil), 422)
	})
	t.Run("the calendar has both deadlines", func(t *testing.T) {
		r := anon.Do("GET", "/api/v1/opportunities/"+id+"/calendar.ics", nil)
		want(t, r, 200)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
			t.Errorf("Content-Type = %q, want text/calendar", ct)
		}
		body := string(r.Body)
		for _, want := range []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:Deadline for bids: School roof repairs\r\n", "SUMMARY:Last day for questions: School roof repairs\r\n", "TRIGGER:-P1D", "END:VCALENDAR\r\n"} {
			if !strings.Contains(body, want) {
				t.Errorf("calendar lacks %q:\n%s", want, body)
			}
		}
		for _, l := range strings.Split(body, "\r\n") {
			if len(l) > 75 {
				t.Errorf("line longer than 75 octets: %q", l)
			}
		}
	})
}

// atomDoc is what the tests read of an Atom feed.
type atomDoc struct {
	Updated string `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, r *apptest.Response) atomDoc {
	t.Helper()
	want(t, r, 200)
	var d atomDoc
	if err := xml.Unmarshal(r.Body, &d); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, r.Body)
	}
	return d
}

func parseRFC3339(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%q is not an RFC 3339 date: %v", s, err)
	}
	return at
}

func TestAtomFeedFollowsChangesAndRevalidates(t *testing.T) {
	w := start(t)
	now := w.p.Clock.Now()
	roofs := w.publish(t, w.roofs("School roof repairs")) // bids due in 30 days
	w.p.Clock.Advance(2 * time.Minute)
	w.publish(t, with(w.roofs("Cleaning of three libraries"), "cpvCodes", []string{"90910000-9"}, "lots", []any{},
		"submissionDeadline", rfc(now.Add(50*24*time.Hour)), "expectedAwardOn", now.Add(60*24*time.Hour).Format("2006-01-02")))
	w.p.Clock.Advance(2 * time.Minute)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+roofs+"/amendments", map[string]any{"note": "More time for site visits.",
		"submissionDeadline": rfc(now.Add(40 * 24 * time.Hour))}), 201)
	r := w.buyer.Do("GET", "/api/v1/opportunities/"+roofs, nil)
	want(t, r, 200)
	amendedAt := parseRFC3339(t, r.JSON()["amendments"].([]any)[0].(map[string]any)["createdAt"].(string)).Truncate(time.Second)
	anon := w.p.Client(t)

	t.Run("an amended entry is updated at the amendment, and so is the feed", func(t *testing.T) {
		d := readFeed(t, anon.Do("GET", "/api/v1/feeds/opportunities.atom?cpv=45000000-7", nil))
		if len(d.Entries) != 1 {
			t.Fatalf("entries = %+v, want the roof repairs only", d.Entries)
		}
		e := d.Entries[0]
		if got := parseRFC3339(t, e.Updated); !got.Equal(amendedAt) {
			t.Errorf("entry updated = %s, want the amendment's time %s", e.Updated, amendedAt.Format(time.RFC3339))
		}
		if !parseRFC3339(t, e.Published).Before(amendedAt) {
			t.Errorf("entry published = %s, want the publication, before the amendment", e.Published)
		}
		if got := parseRFC3339(t, d.Updated); !got.Equal(amendedAt) {
			t.Errorf("feed updated = %s, want its newest change %s", d.Updated, amendedAt.Format(time.RFC3339))
		}
	})
	t.Run("newest first unless sort says otherwise", func(t *testing.T) {
		titles := func(d atomDoc) string {
			var out []string
			for _, e := range d.Entries {
				out = append(out, e.Title)
			}
			return strings.Join(out, ", ")
		}
		if got := titles(readFeed(t, anon.Do("GET", "/api/v1/feeds/opportunities.atom", nil))); got != "Cleaning of three libraries, School roof repairs" {
			t.Errorf("default order = %s, want the newest published first", got)
		}
		d := readFeed(t, anon.Do("GET", "/api/v1/feeds/opportunities.atom?sort=closing", nil))
		if got := titles(d); got != "School roof repairs, Cleaning of three libraries" {
			t.Errorf("sort=closing = %s, want the one closing soonest first", got)
		}
		if len(d.Links) == 0 || !strings.Contains(d.Links[0].Href, "sort=closing") {
			t.Errorf("self link = %+v, want it to keep sort=closing", d.Links)
		}
	})
	t.Run("an empty feed is dated now, not 1970", func(t *testing.T) {
		d := readFeed(t, anon.Do("GET", "/api/v1/feeds/opportunities.atom?cpv=33000000-0", nil))
		got := parseRFC3339(t, d.Updated)
		if clock := w.p.Clock.Now(); got.Before(clock.Add(-time.Minute)) || got.After(clock.Add(time.Minute)) {
			t.Errorf("empty feed updated = %s, want about %s", d.Updated, clock.Format(time.RFC3339))
		}
	})
	t.Run("a wrong CPV check digit is refused, naming cpv", func(t *testing.T) {
		r := anon.Do("GET", "/api/v1/feeds/opportunities.atom?cpv=45000000-8", nil)
		want(t, r, 422)
		var named bool
		for loc := range r.FieldErrors() {
			named = named || strings.HasSuffix(loc, "cpv")
		}
		if !named {
			t.Errorf("errors = %v, want one for cpv", r.FieldErrors())
		}
	})
	t.Run("ETag and Last-Modified give 304 while nothing has changed", func(t *testing.T) {
		path := "/api/v1/feeds/opportunities.atom?cpv=45000000-7"
		first := anon.Do("GET", path, nil)
		want(t, first, 200)
		etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if etag == "" || modified == "" {
			t.Fatalf("ETag = %q, Last-Modified = %q, want both", etag, modified)
		}
		if lm, err := http.ParseTime(modified); err != nil || !lm.Equal(amendedAt) {
			t.Errorf("Last-Modified = %q, want the feed's updated %s", modified, amendedAt.Format(http.TimeFormat))
		}
		ask := func(h map[string]string) *apptest.Response {
			c := w.p.Client(t)
			c.Header = h
			return c.Do("GET", path, nil)
		}
		r := ask(map[string]string{"If-None-Match": etag})
		if r.Status != 304 || len(r.Body) != 0 || r.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match: status %d, ETag %q, %d bytes; want 304 with the ETag and no body", r.Status, r.Header.Get("ETag"), len(r.Body))
		}
		if r := ask(map[string]string{"If-None-Match": `W/"other", ` + etag}); r.Status != 304 {
			t.Errorf("If-None-Match with a list: status %d, want 304", r.Status)
		}
		if r := ask(map[string]string{"If-Modified-Since": modified}); r.Status != 304 {
			t.Errorf("If-Modified-Since: status %d, want 304", r.Status)
		}
		if r := ask(map[string]string{"If-Modified-Since": amendedAt.Add(-time.Second).Format(http.TimeFormat)}); r.Status != 200 {
			t.Errorf("If-Modified-Since a second earlier: status %d, want 200", r.Status)
		}
		if r := ask(map[string]string{"If-None-Match": `W/"stale"`, "If-Modified-Since": modified}); r.Status != 200 {
			t.Errorf("a stale ETag with a current date: status %d, want 200 (If-None-Match decides)", r.Status)
		}

		w.p.Clock.Advance(2 * time.Minute)
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+roofs+"/amendments", map[string]any{"note": "Fixed a typo.", "title": "School roof repair"}), 201)
		r = ask(map[string]string{"If-None-Match": etag})
		if r.Status != 200 || r.Header.Get("ETag") == etag {
			t.Errorf("after an amendment: status %d, ETag %q; want 200 with a new ETag", r.Status, r.Header.Get("ETag"))
		}
		if r := ask(map[string]string{"If-Modified-Since": modified}); r.Status != 200 {
			t.Errorf("after an amendment, If-Modified-Since: status %d, want 200", r.Status)
		}
	})
	t.Run("an empty feed keeps its ETag as time passes", func(t *testing.T) {
		path := "/api/v1/feeds/opportunities.atom?cpv=33000000-0"
		first := anon.Do("GET", path, nil)
		w.p.Clock.Advance(time.Minute)
		c := w.p.Client(t)
		c.Header = map[string]string{"If-None-Match": first.Header.Get("ETag")}
		if r := c.Do("GET", path, nil); r.Status != 304 {
			t.Errorf("status %d, want 304: an empty feed has not changed", r.Status)
		}
	})
}

// vevents parses an iCalendar file's events as a calendar program reads them: content lines
// unfolded (RFC 5545 3.1), each event's properties by name, parameters dropped.
func vevents(t *testing.T, body []byte) map[string]map[string]string {
	t.Helper()
	text := string(body)
	if !strings.HasSuffix(text, "\r\n") || strings.Count(text, "\n") != strings.Count(text, "\r\n") {
		t.Fatalf("content lines do not all end CRLF:\n%q", text)
	}
	text = strings.ReplaceAll(text, "\r\n ", "")
	out := map[string]map[string]string{}
	var cur map[string]string
	depth := 0
	for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		name, _, _ = strings.Cut(name, ";")
		switch {
		case name == "BEGIN" && value == "VEVENT":
			cur = map[string]string{}
		case name == "END" && value == "VEVENT":
			out[cur["UID"]] = cur
			cur = nil
		case name == "BEGIN":
			depth++
		case name == "END":
			depth--
		case cur != nil && depth == 1: // the event's own properties, not its alarm's
			cur[name] = value
		}
	}
	return out
}

func icalTime(t *testing.T, v string) time.Time {
	t.Helper()
	at, err := time.Parse("20060102T150405Z", v)
	if err != nil {
		t.Fatalf("%q is not a UTC DATE-TIME: %v", v, err)
	}
	return at
}

func TestCalendarEventsUpdateWhenDeadlinesMove(t *testing.T) {
	w := start(t)
	id := w.publish(t, w.roofs("School roof repairs"))
	anon := w.p.Client(t)
	get := func(t *testing.T) (submission, questions map[string]string) {
		t.Helper()
		r := anon.Do("GET", "/api/v1/opportunities/"+id+"/calendar.ics", nil)
		want(t, r, 200)
		evs := vevents(t, r.Body)
		for uid, e := range evs {
			switch {
			case strings.Contains(uid, "-submission@"):
				submission = e
			case strings.Contains(uid, "-clarifications@"):
				questions = e
			}
		}
		if len(evs) != 2 || submission == nil || questions == nil {
			t.Fatalf("events = %v, want the deadline for bids and the last day for questions", evs)
		}
		return submission, questions
	}
	sub, q := get(t)
	for _, e := range []map[string]string{sub, q} {
		if start, end := icalTime(t, e["DTSTART"]), icalTime(t, e["DTEND"]); !end.After(start) {
			t.Errorf("%s: DTEND %s is not after DTSTART %s (RFC 5545 3.6.1)", e["SUMMARY"], e["DTEND"], e["DTSTART"])
		}
		if e["SEQUENCE"] != "0" {
			t.Errorf("%s: SEQUENCE = %q before any change, want 0", e["SUMMARY"], e["SEQUENCE"])
		}
	}
	wantStart := parseRFC3339(t, anon.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["submissionDeadline"].(map[string]any)["at"].(string)).Truncate(time.Second)
	if got := icalTime(t, sub["DTSTART"]); !got.Equal(wantStart) {
		t.Errorf("deadline for bids starts %s, want the deadline %s", got, wantStart)
	}

	w.p.Clock.Advance(3 * time.Minute)
	later := w.p.Clock.Now().Add(40 * 24 * time.Hour).UTC().Truncate(time.Second)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "More time for site visits.", "submissionDeadline": rfc(later)}), 201)
	changedAt := parseRFC3339(t, anon.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["amendments"].([]any)[0].(map[string]any)["createdAt"].(string)).Truncate(time.Second)
	sub2, q2 := get(t)
	t.Run("the moved deadline's event keeps its UID and moves on a higher SEQUENCE", func(t *testing.T) {
		if sub2["UID"] != sub["UID"] {
			t.Errorf("UID changed from %q to %q: calendars would keep both events", sub["UID"], sub2["UID"])
		}
		if got := icalTime(t, sub2["DTSTART"]); !got.Equal(later) {
			t.Errorf("DTSTART = %s, want the new deadline %s", got, later)
		}
		if sub2["SEQUENCE"] != "1" {
			t.Errorf("SEQUENCE = %q after the deadline moved, want 1", sub2["SEQUENCE"])
		}
		lm := icalTime(t, sub2["LAST-MODIFIED"])
		if !lm.After(icalTime(t, sub["LAST-MODIFIED"])) || !lm.Equal(changedAt) {
			t.Errorf("LAST-MODIFIED = %s, want the amendment's time %s", sub2["LAST-MODIFIED"], changedAt.Format(time.RFC3339))
		}
		if !icalTime(t, sub2["DTSTAMP"]).After(icalTime(t, sub["DTSTAMP"])) {
			t.Errorf("DTSTAMP = %s, was %s: want it later", sub2["DTSTAMP"], sub["DTSTAMP"])
		}
	})
	t.Run("the other deadline's event is unchanged", func(t *testing.T) {
		if q2["SEQUENCE"] != "0" || q2["DTSTART"] != q["DTSTART"] || q2["LAST-MODIFIED"] != q["LAST-MODIFIED"] {
			t.Errorf("questions event = %v, was %v", q2, q)
		}
	})
	t.Run("cancelling cancels both events", func(t *testing.T) {
		want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+id+"/cancel", map[string]any{"reason": "The schools are to be rebuilt."}), 200)
		sub3, q3 := get(t)
		if sub3["STATUS"] != "CANCELLED" || sub3["SEQUENCE"] != "2" || q3["STATUS"] != "CANCELLED" || q3["SEQUENCE"] != "1" {
			t.Errorf("after cancelling: bids %s/%s, questions %s/%s; want CANCELLED with SEQUENCE 2 and 1", sub3["STATUS"], sub3["SEQUENCE"], q3["STATUS"], q3["SEQUENCE"])
		}
	})
}

func TestPlannedProcurementsMatchAlertsToo(t *testing.T) {
	w := start(t)
	c := w.supplier(t, "roofer@example.org")
	want(t, c.Do("POST", "/api/v1/alerts", alert("Building work", "instant", "cpvCodes", []string{"45000000-7"})), 201)
	want(t, w.buyer.Do("POST", "/api/v1/pipeline", map[string]any{"title": "Housing repairs framework", "summary": "Builders for council homes.",
		"expectedQuarter": w.p.Clock.Now().AddDate(1, 0, 0).Format("2006") + "-Q2", "estimatedValuePence": 900000000,
		"cpvCodes": []string{"45000000-7"}, "contactEmail": "housing@council.example"}), 201)
	inbox := waitInbox(t, c, 1)
	item := inbox["items"].([]any)[0].(map[string]any)
	if item["kind"] != "planned" || item["title"] != "Planned: Housing repairs framework" {
		t.Errorf("notification = %v, want the planned procurement", item)
	}
	email := w.p.WaitEmail(t, "roofer@example.org", 1)
	if !strings.Contains(email.Raw, "not open for bids yet") {
		t.Errorf("the email does not say it is not open yet:\n%s", email.Raw)
	}
}

// TestBuyersSeeWhoRegisteredInterest: the manage page counts the organisations interested in an
// opportunity and names them, earliest first, for buyers only.
func TestBuyersSeeWhoRegisteredInterest(t *testing.T) {
	w := start(t)
	id := w.publish(t, w.roofs("Library roof repairs"))
	path := "/api/v1/opportunities/" + id + "/interested"
	r := w.buyer.Do("GET", path, nil)
	want(t, r, 200)
	if r.JSON()["organisations"] != 0.0 || len(r.JSON()["items"].([]any)) != 0 {
		t.Fatalf("before anyone registered: %s, want no interest", r.Body)
	}

	first := w.p.Supplier(t, accounts.RegisterInput{Email: "ana@slate.example", OrganisationName: "Slate & Tile Ltd"})
	want(t, first.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	w.p.Clock.Advance(time.Minute)
	second := w.p.Supplier(t, accounts.RegisterInput{Email: "bo@gutters.example", OrganisationName: "Gutter Co-op"})
	want(t, second.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)
	// A colleague of the first registers too: still one organisation, two people.
	w.p.Clock.Advance(time.Minute)
	org := first.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)[0].(map[string]any)["id"].(string)
	w.p.Supplier(t, accounts.RegisterInput{Email: "cy@elsewhere.example"})
	cy, err := w.p.App.Directory.PersonByEmail(w.p.App.DB.Gorm, "cy@elsewhere.example")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.p.App.Directory.AddMember(w.p.App.DB.Gorm, org, cy.ID, "member", w.p.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	colleague := w.signIn(t, "cy@elsewhere.example")
	want(t, colleague.Do("POST", "/api/v1/opportunities/"+id+"/interest?organisationId="+org, nil), 200)

	r = w.buyer.Do("GET", path, nil)
	want(t, r, 200)
	got := r.JSON()
	items := got["items"].([]any)
	if got["organisations"] != 2.0 || got["people"] != 3.0 || len(items) != 2 {
		t.Fatalf("interested = %s, want 2 organisations and 3 people", r.Body)
	}
	a, b := items[0].(map[string]any), items[1].(map[string]any)
	if a["organisationName"] != "Slate & Tile Ltd" || a["people"] != 2.0 || b["organisationName"] != "Gutter Co-op" || b["people"] != 1.0 {
		t.Errorf("interested items = %v, want Slate & Tile Ltd (2 people) then Gutter Co-op (1)", items)
	}
	want(t, first.Do("GET", path, nil), 403)
	want(t, w.buyer.Do("GET", "/api/v1/opportunities/00000000-0000-4000-8000-000000000000/interested", nil), 404)
}

// TestANewAlertShowsTheMatchingWorkAlreadyOpen: an alert tells only of what is published after
// it, so the page offers what it matches among the opportunities open now, soonest first.
func TestANewAlertShowsTheMatchingWorkAlreadyOpen(t *testing.T) {
	w := start(t)
	later := w.publish(t, w.roofs("Library roof repairs"))
	sooner := w.publish(t, with(w.roofs("School roof repairs"), "clarificationDeadline", rfc(w.p.Clock.Now().Add(10*24*time.Hour)),
		"submissionDeadline", rfc(w.p.Clock.Now().Add(26*24*time.Hour))))
	w.publish(t, with(w.roofs("Office cleaning"), "cpvCodes", []string{"90910000-9"},
		"lots", []map[string]any{{"title": "Offices", "description": "All offices", "valuePence": 15000000, "cpvCode": "90910000-9"}}))
	c := w.supplier(t, "roofer@example.org")
	r := c.Do("POST", "/api/v1/alerts", alert("Building work", "instant", "cpvCodes", []string{"45000000-7"}))
	want(t, r, 201)
	id := r.JSON()["id"].(string)

	r = c.Do("GET", "/api/v1/alerts/"+id+"/open-matches", nil)
	want(t, r, 200)
	items := r.JSON()["items"].([]any)
	if r.JSON()["total"] != 2.0 || len(items) != 2 || items[0].(map[string]any)["id"] != sooner || items[1].(map[string]any)["id"] != later {
		t.Fatalf("open matches = %s, want the two roofing jobs, the one closing sooner first (not the cleaning)", r.Body)
	}
	if txt, _ := items[0].(map[string]any)["deadlineText"].(string); txt == "" {
		t.Errorf("open match %v has no deadline in words", items[0])
	}
	other := w.supplier(t, "nosy@example.org")
	want(t, other.Do("GET", "/api/v1/alerts/"+id+"/open-matches", nil), 404)
}
