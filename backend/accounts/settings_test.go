package accounts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

func myEmail(t *testing.T, c *apptest.Client) string {
	t.Helper()
	r := c.Do("GET", "/api/v1/me", nil)
	want(t, r, 200)
	return r.JSON()["email"].(string)
}

func TestChangeYourName(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Supplier(t, accounts.RegisterInput{Email: "name@example.org", Name: "Priya Sha"})

	r := c.Do("PUT", "/api/v1/me/name", map[string]any{"name": "  Priya Shah "})
	want(t, r, 200)
	if got := r.JSON()["name"]; got != "Priya Shah" {
		t.Errorf("name = %v, want Priya Shah", got)
	}
	if got := c.Do("GET", "/api/v1/me", nil).JSON()["name"]; got != "Priya Shah" {
		t.Errorf("after the change, /me says %v", got)
	}

	for _, bad := range []string{"", "Priya\u0007Shah", strings.Repeat("a", 201)} {
		r := c.Do("PUT", "/api/v1/me/name", map[string]any{"name": bad})
		if r.Status != http.StatusUnprocessableEntity || r.FieldErrors()["body.name"] == "" {
			t.Errorf("name %q: status %d, errors %v; want 422 naming body.name", bad, r.Status, r.FieldErrors())
		}
	}
	var n int64
	p.App.DB.Gorm.Table("audit_log").Where("action = ? AND details NOT LIKE ?", "account.name_changed", "%Priya%").Count(&n)
	if n != 1 {
		t.Errorf("%d audit entries for the name change without the name in them, want 1", n)
	}
}

// mailpitMessage is one email as Mailpit's API gives it.
type mailpitMessage struct {
	Subject string
	Text    string
}

// waitMailpit waits for the nth email (1-based, oldest first) to an address to reach Mailpit.
func waitMailpit(t *testing.T, api, to string, n int) mailpitMessage {
	t.Helper()
	get := func(u string, v any) {
		t.Helper()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	q := url.Values{"query": {fmt.Sprintf("to:%q", to)}}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		var res struct{ Messages []struct{ ID string } }
		get(api+"/api/v1/search?"+q.Encode(), &res)
		if len(res.Messages) >= n {
			// Newest first.
			var m mailpitMessage
			get(api+"/api/v1/message/"+url.PathEscape(res.Messages[len(res.Messages)-n].ID), &m)
			return m
		}
	}
	t.Fatalf("no email number %d to %s in Mailpit after 20s", n, to)
	return mailpitMessage{}
}

func tokenIn(t *testing.T, text, path string) string {
	t.Helper()
	i := strings.Index(text, path+"?token=")
	if i < 0 {
		t.Fatalf("no %s link in %q", path, text)
	}
	tok := text[i+len(path+"?token="):]
	if j := strings.IndexAny(tok, " \r\n"); j >= 0 {
		tok = tok[:j]
	}
	return tok
}

// TestChangeYourEmail goes through Mailpit, as a real email change would: the link goes to the
// new address, the old one is told, and nothing changes until the link is followed.
func TestChangeYourEmail(t *testing.T) {
	smtpURL := testenv.Require(t, "FAIRTENDER_TEST_SMTP_URL")
	api := testenv.Require(t, "FAIRTENDER_TEST_MAILPIT_URL")
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_SMTP_URL": smtpURL}})
	run := strings.ToLower(fmt.Sprintf("%d", time.Now().UnixNano()))
	old, next := "old-"+run+"@example.org", "new-"+run+"@example.org"
	c := p.Supplier(t, accounts.RegisterInput{Email: old, Name: "Priya Shah"})

	t.Run("a wrong password changes nothing", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": next, "password": "not my password"})
		if r.Status != 422 || !strings.Contains(r.FieldErrors()["body.password"], "not right") {
			t.Fatalf("status %d, errors %v; want 422 on body.password", r.Status, r.FieldErrors())
		}
	})
	t.Run("the current address is refused", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": strings.ToUpper(old), "password": apptest.Password})
		if r.Status != 422 || r.FieldErrors()["body.email"] == "" {
			t.Fatalf("status %d, errors %v; want 422 on body.email", r.Status, r.FieldErrors())
		}
	})

	r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": next, "password": apptest.Password})
	want(t, r, http.StatusAccepted)
	if !strings.Contains(r.JSON()["message"].(string), next) {
		t.Errorf("message %q does not say where the link went", r.JSON()["message"])
	}
	confirm := waitMailpit(t, api, next, 1)
	if !strings.Contains(confirm.Subject, "Confirm your new email address") {
		t.Errorf("the new address got %q", confirm.Subject)
	}
	told := waitMailpit(t, api, old, 1)
	if !strings.Contains(told.Subject, "change your email address") || !strings.Contains(told.Text, next) ||
		!strings.Contains(told.Text, "change your password") {
		t.Errorf("the old address was told %q: %s", told.Subject, told.Text)
	}
	if got := myEmail(t, c); got != old {
		t.Errorf("before the link is followed the email is %s, want still %s", got, old)
	}
	token := tokenIn(t, confirm.Text, "/account/settings/confirm-email")

	r = p.Client(t).Do("POST", "/api/v1/auth/email-change/confirm", map[string]any{"token": token})
	want(t, r, 200)
	if got := myEmail(t, c); got != next {
		t.Errorf("after the link the email is %s, want %s", got, next)
	}
	t.Run("both addresses are told the change happened", func(t *testing.T) {
		for _, to := range []string{old, next} {
			m := waitMailpit(t, api, to, 2)
			if !strings.Contains(m.Subject, "email address has been changed") || !strings.Contains(m.Text, old) || !strings.Contains(m.Text, next) ||
				!strings.Contains(m.Text, "If you did not make this change") {
				t.Errorf("%s was told %q: %s; want the change from the old to the new address and what to do if it was not them", to, m.Subject, m.Text)
			}
		}
	})
	t.Run("the link works once", func(t *testing.T) {
		r := p.Client(t).Do("POST", "/api/v1/auth/email-change/confirm", map[string]any{"token": token})
		if r.Status != 422 || !strings.Contains(r.FieldErrors()["body.token"], "already been used") {
			t.Fatalf("second use: %d %v", r.Status, r.FieldErrors())
		}
	})
	t.Run("the new address signs in and the old one does not", func(t *testing.T) {
		want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": next, "password": apptest.Password}), 200)
		want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": old, "password": apptest.Password}), 401)
	})
	t.Run("an address with an account gets the same answer, and its holder is told instead", func(t *testing.T) {
		taken := "taken-" + run + "@example.org"
		p.Supplier(t, accounts.RegisterInput{Email: taken})
		r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": taken, "password": apptest.Password})
		want(t, r, http.StatusAccepted)
		if !strings.Contains(r.JSON()["message"].(string), taken) {
			t.Errorf("message %q differs from a free address's", r.JSON()["message"])
		}
		m := waitMailpit(t, api, taken, 1)
		if !strings.Contains(m.Subject, "already has an account") || strings.Contains(m.Text, "token=") {
			t.Errorf("the holder got %q with text %s; want told, with no link", m.Subject, m.Text)
		}
		if got := myEmail(t, c); got != next {
			t.Errorf("email is now %s, want still %s", got, next)
		}
	})
	t.Run("a link expires after 24 hours", func(t *testing.T) {
		later := "later-" + run + "@example.org"
		want(t, c.Do("POST", "/api/v1/me/email", map[string]any{"email": later, "password": apptest.Password}), http.StatusAccepted)
		tok := tokenIn(t, waitMailpit(t, api, later, 1).Text, "/account/settings/confirm-email")
		p.Clock.Advance(accounts.EmailChangeTTL + time.Minute)
		r := p.Client(t).Do("POST", "/api/v1/auth/email-change/confirm", map[string]any{"token": tok})
		if r.Status != 422 || !strings.Contains(r.FieldErrors()["body.token"], "expired") {
			t.Fatalf("expired link: %d %v", r.Status, r.FieldErrors())
		}
	})
	var hashes []string
	p.App.DB.Gorm.Table("one_time_tokens").Where("purpose = ?", "email_change").Pluck("token_hash", &hashes)
	for _, h := range hashes {
		if h == token {
			t.Errorf("a link's token is stored as it is, not hashed")
		}
	}
	var leaked int64
	p.App.DB.Gorm.Table("audit_log").Where("details LIKE ? OR details LIKE ?", "%"+next+"%", "%"+old+"%").Count(&leaked)
	if leaked != 0 {
		t.Errorf("%d audit entries hold an email address", leaked)
	}
}

// TestCorrectAnUnconfirmedEmail: someone who mistyped their address at registration never gets the
// verification link, so they correct the address while signed in; the new address gets the link,
// and the session they are using carries on through confirming it.
func TestCorrectAnUnconfirmedEmail(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	const typo, right = "priya@exmaple.org", "priya@example.org"
	c := p.Client(t)
	want(t, c.Do("POST", "/api/v1/auth/register", registration(typo)), http.StatusAccepted)
	first := p.WaitEmail(t, typo, 1).Token()
	want(t, c.SignIn(typo, goodPassword), 200)

	t.Run("the password is still needed", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": right, "password": "not mine"})
		if r.Status != 422 || r.FieldErrors()["body.password"] == "" {
			t.Fatalf("status %d, errors %v; want 422 on body.password", r.Status, r.FieldErrors())
		}
	})
	r := c.Do("POST", "/api/v1/me/email", map[string]any{"email": right, "password": goodPassword})
	want(t, r, http.StatusAccepted)
	if msg := r.JSON()["message"].(string); !strings.Contains(msg, right) || !strings.Contains(msg, "confirm") {
		t.Errorf("message %q, want it to say the link went to %s", msg, right)
	}
	me := c.Do("GET", "/api/v1/me", nil)
	want(t, me, 200)
	if me.JSON()["email"] != right || me.JSON()["emailVerified"] != false {
		t.Errorf("after correcting, /me says %s; want %s, not yet confirmed, in the same session", me.Body, right)
	}
	if n := len(p.Emails(typo)); n != 1 {
		t.Errorf("%d emails to the mistyped address, want only the first link: it was never shown to be theirs", n)
	}
	mail := p.WaitEmail(t, right, 1)
	if !strings.Contains(mail.Subject, "Confirm") || mail.Token() == "" {
		t.Fatalf("the corrected address got %q with link %q, want a verification link", mail.Subject, mail.Link())
	}
	t.Run("the link sent to the wrong address no longer works", func(t *testing.T) {
		if r := p.Client(t).Do("POST", "/api/v1/auth/verify-email", map[string]any{"token": first}); r.Status == 200 {
			t.Errorf("the old link confirmed the account: %s", r.Body)
		}
	})
	want(t, p.Client(t).Do("POST", "/api/v1/auth/verify-email", map[string]any{"token": mail.Token()}), 200)
	// The session in use carries on, now confirmed (a fresh access token reads the account again).
	want(t, c.Do("POST", "/api/v1/auth/refresh", nil), 200)
	if me := c.Do("GET", "/api/v1/me", nil).JSON(); me["email"] != right || me["emailVerified"] != true {
		t.Errorf("after the link, /me says %v; want %s confirmed", me, right)
	}
	want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": typo, "password": goodPassword}), 401)

	t.Run("an address with an account changes nothing, and its holder is told", func(t *testing.T) {
		const taken = "taken@example.org"
		p.Supplier(t, accounts.RegisterInput{Email: taken})
		u := p.Client(t)
		want(t, u.Do("POST", "/api/v1/auth/register", registration("sam@exmaple.org")), http.StatusAccepted)
		want(t, u.SignIn("sam@exmaple.org", goodPassword), 200)
		r := u.Do("POST", "/api/v1/me/email", map[string]any{"email": taken, "password": goodPassword})
		want(t, r, http.StatusAccepted)
		if !strings.Contains(r.JSON()["message"].(string), taken) {
			t.Errorf("message %q differs from a free address's", r.JSON()["message"])
		}
		if m := p.WaitEmail(t, taken, 1); !strings.Contains(m.Subject, "already has an account") || m.Token() != "" {
			t.Errorf("the holder got %q; want told, with no link", m.Subject)
		}
		if got := myEmail(t, u); got != "sam@exmaple.org" {
			t.Errorf("email is now %s, want unchanged", got)
		}
	})
}

func TestChangeYourPassword(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	const email = "pw@example.org"
	laptop := p.Supplier(t, accounts.RegisterInput{Email: email, Name: "Priya Shah"})
	phone := p.SignedIn(t, email, apptest.Password)

	t.Run("the current password must be right", func(t *testing.T) {
		r := laptop.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": "wrong", "newPassword": "quiet heron teapot 7"})
		if r.Status != 422 || r.FieldErrors()["body.currentPassword"] == "" {
			t.Fatalf("%d %v", r.Status, r.FieldErrors())
		}
	})
	t.Run("the new password obeys the registration rule", func(t *testing.T) {
		for _, weak := range []string{"short", "password1234", "Priya Shah"} {
			r := laptop.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": apptest.Password, "newPassword": weak})
			if r.Status != 422 || r.FieldErrors()["body.newPassword"] == "" {
				t.Errorf("%q: %d %v", weak, r.Status, r.FieldErrors())
			}
		}
		r := laptop.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": apptest.Password, "newPassword": apptest.Password})
		if r.Status != 422 || !strings.Contains(r.FieldErrors()["body.newPassword"], "different") {
			t.Errorf("the same password: %d %v", r.Status, r.FieldErrors())
		}
	})

	const newPassword = "quiet heron teapot 7"
	want(t, laptop.Do("POST", "/api/v1/me/password", map[string]any{"currentPassword": apptest.Password, "newPassword": newPassword}), 200)
	want(t, laptop.Do("GET", "/api/v1/me", nil), 200)
	want(t, phone.Do("GET", "/api/v1/me", nil), 401)
	if m := p.WaitEmail(t, email, 1); !strings.Contains(m.Subject, "password has been changed") {
		t.Errorf("email %q", m.Subject)
	}
	want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": apptest.Password}), 401)
	want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": newPassword}), 200)
}

func TestYourSessions(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	const email = "sessions@example.org"
	if err := p.App.Accounts.CreateDemoSupplier(context.Background(), accounts.RegisterInput{OrganisationName: "Org", LegalForm: "sole_trader",
		Name: "Sam", Email: email, Password: apptest.Password}); err != nil {
		t.Fatal(err)
	}
	signIn := func(ua string) *apptest.Client {
		c := p.Client(t)
		c.Header = map[string]string{"User-Agent": ua}
		want(t, c.SignIn(email, apptest.Password), 200)
		return c
	}
	laptop := signIn("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
	phone := signIn("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")
	tablet := signIn("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")

	list := func(c *apptest.Client) []map[string]any {
		t.Helper()
		r := c.Do("GET", "/api/v1/me/sessions", nil)
		want(t, r, 200)
		var out []map[string]any
		for _, it := range r.JSON()["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		return out
	}
	items := list(laptop)
	if len(items) != 3 {
		t.Fatalf("%d sessions listed, want 3: %v", len(items), items)
	}
	if items[0]["current"] != true || items[0]["device"] != "Chrome on Windows" {
		t.Errorf("first row %v, want this device, Chrome on Windows", items[0])
	}
	devices := map[string]string{}
	for _, it := range items[1:] {
		devices[it["device"].(string)] = it["id"].(string)
		if it["current"] == true {
			t.Errorf("%v marked as this device too", it)
		}
	}
	if devices["Safari on iPhone"] == "" || devices["Firefox on Android"] == "" {
		t.Errorf("devices %v", devices)
	}

	t.Run("this session cannot be ended here", func(t *testing.T) {
		want(t, laptop.Do("POST", "/api/v1/me/sessions/"+items[0]["id"].(string)+"/end", nil), 409)
	})
	t.Run("another person's session is not found", func(t *testing.T) {
		other := p.Supplier(t, accounts.RegisterInput{Email: "other@example.org"})
		want(t, other.Do("POST", "/api/v1/me/sessions/"+devices["Safari on iPhone"]+"/end", nil), 404)
		want(t, phone.Do("GET", "/api/v1/me", nil), 200)
	})

	want(t, laptop.Do("POST", "/api/v1/me/sessions/"+devices["Safari on iPhone"]+"/end", nil), 200)
	want(t, phone.Do("GET", "/api/v1/me", nil), 401)
	want(t, tablet.Do("GET", "/api/v1/me", nil), 200)
	if n := len(list(laptop)); n != 2 {
		t.Errorf("%d sessions after ending one, want 2", n)
	}

	r := laptop.Do("POST", "/api/v1/me/sessions/end-others", nil)
	want(t, r, 200)
	if !strings.Contains(r.JSON()["message"].(string), "1 other device") {
		t.Errorf("message %q", r.JSON()["message"])
	}
	want(t, tablet.Do("GET", "/api/v1/me", nil), 401)
	want(t, laptop.Do("GET", "/api/v1/me", nil), 200)
	if n := len(list(laptop)); n != 1 {
		t.Errorf("%d sessions after ending the others, want 1", n)
	}
}

func TestDescribeDevice(t *testing.T) {
	for ua, want := range map[string]string{
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15":         "Safari on Mac",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0": "Edge on Windows",
		"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0":                                                        "Firefox on Linux",
		"curl/8.5.0": "An unknown browser or app",
		"":           "An unknown browser or app",
	} {
		if got := accounts.DescribeDevice(ua); got != want {
			t.Errorf("DescribeDevice(%q) = %q, want %q", ua, got, want)
		}
	}
}

func TestDeleteYourAccount(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()

	t.Run("the only member deletes the account and the organisation closes", func(t *testing.T) {
		const email = "solo@example.org"
		c := p.Supplier(t, accounts.RegisterInput{Email: email, Name: "Solo Trader", OrganisationName: "Solo Trading"})
		me := c.Do("GET", "/api/v1/me", nil).JSON()
		userID := me["id"].(string)
		orgID := me["organisations"].([]any)[0].(map[string]any)["id"].(string)
		other := p.SignedIn(t, email, apptest.Password)

		plan := c.Do("GET", "/api/v1/me/deletion", nil)
		want(t, plan, 200)
		orgs := plan.JSON()["organisations"].([]any)
		if plan.JSON()["canDelete"] != true || len(orgs) != 1 || orgs[0].(map[string]any)["outcome"] != "close" {
			t.Fatalf("plan %s", plan.Body)
		}
		r := c.Do("POST", "/api/v1/me/delete", map[string]any{"password": "wrong"})
		if r.Status != 422 || r.FieldErrors()["body.password"] == "" {
			t.Fatalf("wrong password: %d %s", r.Status, r.Body)
		}
		want(t, c.Do("POST", "/api/v1/me/delete", map[string]any{"password": apptest.Password}), 200)
		want(t, c.Do("GET", "/api/v1/me", nil), 401)
		told := p.WaitEmail(t, email, 1)
		text := strings.NewReplacer("=\r\n", "", "=\n", "").Replace(told.Raw)
		if !strings.Contains(told.Subject, "account has been deleted") || !strings.Contains(text, "was deleted at") ||
			!strings.Contains(text, "Solo Trading was closed") || !strings.Contains(text, "Deleted account") {
			t.Errorf("the address the account had got %q:\n%s\nwant when it was deleted and what happened to its data", told.Subject, text)
		}
		want(t, other.Do("GET", "/api/v1/me", nil), 401)
		want(t, p.Client(t).Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": apptest.Password}), 401)

		people, err := p.App.Directory.People(p.App.DB.Gorm, []string{userID})
		if err != nil {
			t.Fatal(err)
		}
		if got := people[userID]; got.Name != accounts.DeletedName || strings.Contains(got.Email, "solo") || got.CanEmail {
			t.Errorf("the kept record shows %+v, want no personal details and no email", got)
		}
		org, err := p.App.Directory.Organisation(p.App.DB.Gorm, orgID)
		if err != nil || org.ClosedAt == nil {
			t.Errorf("organisation %+v (%v), want kept and closed", org, err)
		}
		var details []string
		p.App.DB.Gorm.Table("audit_log").Where("action = ? AND subject_id = ?", "account.deleted", userID).Pluck("details", &details)
		if len(details) != 1 || strings.Contains(details[0], "solo") || strings.Contains(details[0], "Solo") {
			t.Errorf("audit of the deletion %v: want one entry without personal details", details)
		}
		if strings.Contains(p.Logs.String(), email) {
			t.Errorf("the logs hold the deleted person's email address")
		}
		t.Run("the address can register again", func(t *testing.T) {
			want(t, p.Client(t).Do("POST", "/api/v1/auth/register", registration(email)), http.StatusAccepted)
			if m := p.WaitEmail(t, email, 2); !strings.Contains(m.Subject, "Confirm") {
				t.Errorf("registering again sent %q, want a new verification link", m.Subject)
			}
		})
		t.Run("an admin cannot switch it back on", func(t *testing.T) {
			if err := p.App.Accounts.Reactivate(ctx, accounts.ActorCommandLine, userID); err == nil {
				t.Errorf("reactivated a deleted account")
			}
		})
	})

	t.Run("the last owner must hand over first; a member just leaves", func(t *testing.T) {
		owner := p.Supplier(t, accounts.RegisterInput{Email: "owner@example.org", OrganisationName: "Two People Ltd"})
		orgID := owner.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)[0].(map[string]any)["id"].(string)
		member := p.Supplier(t, accounts.RegisterInput{Email: "member@example.org"})
		memberID := member.Do("GET", "/api/v1/me", nil).JSON()["id"].(string)
		if err := p.App.Directory.AddMember(p.App.DB.Gorm, orgID, memberID, accounts.OrgMember, p.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		plan := owner.Do("GET", "/api/v1/me/deletion", nil).JSON()
		if plan["canDelete"] != false || plan["organisations"].([]any)[0].(map[string]any)["outcome"] != "hand_over_first" {
			t.Errorf("owner's plan %v", plan)
		}
		r := owner.Do("POST", "/api/v1/me/delete", map[string]any{"password": apptest.Password})
		if r.Status != 409 || !strings.Contains(string(r.Body), "Two People Ltd") {
			t.Fatalf("last owner: %d %s", r.Status, r.Body)
		}
		want(t, owner.Do("GET", "/api/v1/me", nil), 200)

		want(t, member.Do("POST", "/api/v1/me/delete", map[string]any{"password": apptest.Password}), 200)
		if m := p.WaitEmail(t, "member@example.org", 1); !strings.Contains(strings.NewReplacer("=\r\n", "", "=\n", "").Replace(m.Raw),
			"You are no longer a member of Two People Ltd") {
			t.Errorf("the member was told:\n%s\nwant that they left Two People Ltd", m.Raw)
		}
		members, err := p.App.Directory.Members(p.App.DB.Gorm, orgID)
		if err != nil || len(members) != 1 {
			t.Fatalf("members after the member left: %v (%v), want the owner alone", members, err)
		}
		if org, _ := p.App.Directory.Organisation(p.App.DB.Gorm, orgID); org.ClosedAt != nil {
			t.Errorf("the organisation closed though its owner stays")
		}
	})

	t.Run("council staff cannot delete their own account", func(t *testing.T) {
		b := p.Buyer(t, "buyer@council.example")
		want(t, b.Do("POST", "/api/v1/me/delete", map[string]any{"password": apptest.Password}), 403)
	})
}
