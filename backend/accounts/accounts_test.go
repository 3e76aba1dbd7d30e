package accounts_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

const goodPassword = "kettle orbit meadow 42"

func registration(email string) map[string]any {
	return map[string]any{"organisationName": "Holloway Handyman Ltd", "legalForm": "private_limited_company",
		"name": "Priya Shah", "email": email, "password": goodPassword}
}

func want(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

func count(t *testing.T, p *apptest.Portal, table string) int64 {
	t.Helper()
	var n int64
	if err := p.App.DB.Gorm.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRegisterVerifySignInSignOut(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)

	r := c.Do("POST", "/api/v1/auth/register", registration("Priya@Example.org"))
	want(t, r, http.StatusAccepted)
	if !strings.Contains(r.JSON()["message"].(string), "priya@example.org") {
		t.Errorf("message %q does not say where the email went", r.JSON()["message"])
	}
	mail := p.WaitEmail(t, "priya@example.org", 1)
	if !strings.Contains(mail.Subject, "Confirm") || mail.Token() == "" {
		t.Fatalf("verification email = %q with link %q", mail.Subject, mail.Link())
	}
	if !strings.HasPrefix(mail.Link(), p.URL+"/verify-email?token=") {
		t.Errorf("link %q does not lead to the portal's verify page", mail.Link())
	}

	t.Run("an unverified person can sign in and see only their own account", func(t *testing.T) {
		u := p.Client(t)
		want(t, u.Do("POST", "/api/v1/auth/login", map[string]any{"email": "priya@example.org", "password": goodPassword}), 200)
		me := u.Do("GET", "/api/v1/me", nil)
		want(t, me, 200)
		if me.JSON()["emailVerified"] != false {
			t.Errorf("emailVerified = %v, want false", me.JSON()["emailVerified"])
		}
	})

	want(t, c.Do("POST", "/api/v1/auth/verify-email", map[string]any{"token": mail.Token()}), 200)
	t.Run("using the verification link again says it is already done", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/auth/verify-email", map[string]any{"token": mail.Token()})
		want(t, r, 200)
		if !strings.Contains(r.JSON()["message"].(string), "already") {
			t.Errorf("message = %q", r.JSON()["message"])
		}
	})

	login := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "PRIYA@example.org ", "password": goodPassword})
	want(t, login, 200)
	for _, name := range []string{httpapi.AccessCookie, httpapi.RefreshCookie, httpapi.CSRFCookie} {
		if c.Cookie(name) == "" {
			t.Errorf("cookie %s not set", name)
		}
	}
	for _, h := range login.Header.Values("Set-Cookie") {
		if strings.HasPrefix(h, httpapi.AccessCookie) && !strings.Contains(h, "HttpOnly") {
			t.Errorf("access cookie is readable by scripts: %s", h)
		}
	}
	me := c.Do("GET", "/api/v1/me", nil)
	want(t, me, 200)
	m := me.JSON()
	orgs := m["organisations"].([]any)
	if m["emailVerified"] != true || m["role"] != "supplier" || len(orgs) != 1 || orgs[0].(map[string]any)["role"] != "owner" {
		t.Fatalf("me = %s", me.Body)
	}

	t.Run("an unsafe request without the CSRF token is refused", func(t *testing.T) {
		c.NoCSRF = true
		defer func() { c.NoCSRF = false }()
		want(t, c.Do("POST", "/api/v1/auth/logout", nil), http.StatusForbidden)
	})

	stolen := c.Cookie(httpapi.AccessCookie)
	want(t, c.Do("POST", "/api/v1/auth/logout", nil), http.StatusNoContent)
	want(t, c.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
	t.Run("an access token from before sign-out no longer works", func(t *testing.T) {
		thief := p.Client(t)
		thief.Bearer = stolen
		want(t, thief.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
	})
}

func TestRegisterWithKnownEmailRevealsNothing(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	first := c.Do("POST", "/api/v1/auth/register", registration("sam@example.org"))
	want(t, first, http.StatusAccepted)
	p.WaitEmail(t, "sam@example.org", 1)
	again := registration("sam@example.org")
	again["organisationName"] = "Another Ltd"
	second := c.Do("POST", "/api/v1/auth/register", again)
	want(t, second, http.StatusAccepted)
	if string(first.Body) != string(second.Body) {
		t.Errorf("answers differ:\n%s\n%s", first.Body, second.Body)
	}
	mail := p.WaitEmail(t, "sam@example.org", 2)
	if !strings.Contains(strings.ToLower(mail.Raw), "already") {
		t.Errorf("second email does not tell the holder they already have an account: %q", mail.Subject)
	}
	if n := count(t, p, "organisations"); n != 1 {
		t.Errorf("%d organisations, want 1", n)
	}
}

func TestRegisterBadInput(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"empty organisation name", map[string]any{"organisationName": " ", "legalForm": "sole_trader", "name": "A B", "email": "a@example.org", "password": goodPassword}, 422, "body.organisationName"},
		{"unknown legal form", map[string]any{"organisationName": "X", "legalForm": "empire", "name": "A B", "email": "a@example.org", "password": goodPassword}, 422, "body.legalForm"},
		{"invalid email", map[string]any{"organisationName": "X", "legalForm": "sole_trader", "name": "A B", "email": "not-an-email", "password": goodPassword}, 422, "body.email"},
		{"short password", map[string]any{"organisationName": "X", "legalForm": "sole_trader", "name": "A B", "email": "a@example.org", "password": "short"}, 422, "body.password"},
		{"common password", map[string]any{"organisationName": "X", "legalForm": "sole_trader", "name": "A B", "email": "a@example.org", "password": "password1234"}, 422, "body.password"},
		{"over-long name", map[string]any{"organisationName": "X", "legalForm": "sole_trader", "name": strings.Repeat("n", 201), "email": "a@example.org", "password": goodPassword}, 422, "body.name"},
		{"unknown field", map[string]any{"organisationName": "X", "legalForm": "sole_trader", "name": "A B", "email": "a@example.org", "password": goodPassword, "isAdmin": true}, 422, "body.isAdmin"},
		{"missing field", map[string]any{"legalForm": "sole_trader", "name": "A B", "email": "a@example.org", "password": goodPassword}, 422, "body.organisationName"},
		{"malformed JSON", `{"organisationName": "X",`, 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do("POST", "/api/v1/auth/register", tc.body)
			want(t, r, tc.status)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("Content-Type = %q, want problem+json", ct)
			}
			if tc.field != "" {
				if msg := r.FieldErrors()[tc.field]; msg == "" {
					t.Errorf("no error for %s in %s", tc.field, r.Body)
				}
			}
		})
	}
	if n := count(t, p, "users"); n != 0 {
		t.Errorf("%d users saved from bad input, want 0", n)
	}
}

// The password page says a password will be refused before the journey's end, by the same rule
// registering applies, and stores nothing.
func TestCheckPasswordBeforeRegistering(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	cases := []struct {
		name, password, email, org string
		wantMessage                string
	}{
		{"short", "short", "", "", "12 characters or more"},
		{"common", "password1234", "", "", "too easy to guess"},
		{"the email's name", "sam.decorator", "sam.decorator@example.org", "", "too easy to guess"},
		{"the organisation's name", "Holloway Gardens CIC", "a@example.org", "Holloway Gardens CIC", "too easy to guess"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do("POST", "/api/v1/auth/password-check", map[string]any{"password": tc.password, "email": tc.email, "organisationName": tc.org})
			want(t, r, 422)
			if msg := r.FieldErrors()["body.password"]; !strings.Contains(msg, tc.wantMessage) {
				t.Errorf("body.password = %q, want it to say %q", msg, tc.wantMessage)
			}
		})
	}
	want(t, c.Do("POST", "/api/v1/auth/password-check", map[string]any{"password": goodPassword, "email": "a@example.org"}), 204)
	if n := count(t, p, "users"); n != 0 {
		t.Errorf("%d users saved by checking passwords, want 0", n)
	}
}

func TestRegistrationIsOneTransaction(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	// Break the last write of registration: the organisation and user rows before it must not stay.
	if err := p.App.DB.Gorm.Exec("DROP TABLE memberships").Error; err != nil {
		t.Fatal(err)
	}
	r := p.Client(t).Do("POST", "/api/v1/auth/register", registration("tx@example.org"))
	want(t, r, http.StatusInternalServerError)
	if strings.Contains(string(r.Body), "memberships") {
		t.Errorf("the error leaks internals: %s", r.Body)
	}
	if o, u := count(t, p, "organisations"), count(t, p, "users"); o != 0 || u != 0 {
		t.Fatalf("after a failed registration: %d organisations and %d users remain, want none", o, u)
	}
}

// signUp registers and verifies a supplier, returning a signed-in client.
func signUp(t *testing.T, p *apptest.Portal, email string) *apptest.Client {
	t.Helper()
	c := p.Client(t)
	want(t, c.Do("POST", "/api/v1/auth/register", registration(email)), http.StatusAccepted)
	want(t, c.Do("POST", "/api/v1/auth/verify-email", map[string]any{"token": p.WaitEmail(t, email, 1).Token()}), 200)
	want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": goodPassword}), 200)
	return c
}

func TestPasswordReset(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	old := signUp(t, p, "reset@example.org")
	anon := p.Client(t)

	unknown := anon.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "nobody@example.org"})
	known := anon.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "reset@example.org"})
	want(t, unknown, http.StatusAccepted)
	want(t, known, http.StatusAccepted)
	if strings.ReplaceAll(string(unknown.Body), "nobody@example.org", "X") != strings.ReplaceAll(string(known.Body), "reset@example.org", "X") {
		t.Errorf("answers differ for known and unknown emails:\n%s\n%s", unknown.Body, known.Body)
	}
	mail := p.WaitEmail(t, "reset@example.org", 2)
	if !strings.HasPrefix(mail.Link(), p.URL+"/reset-password?token=") {
		t.Fatalf("reset link = %q", mail.Link())
	}
	time.Sleep(300 * time.Millisecond)
	if n := len(p.Emails("nobody@example.org")); n != 0 {
		t.Errorf("%d emails sent to an unknown address", n)
	}

	t.Run("a weak new password is refused and the link still works", func(t *testing.T) {
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": mail.Token(), "password": "qwertyuiop"})
		want(t, r, 422)
		if r.FieldErrors()["body.password"] == "" {
			t.Errorf("no password error: %s", r.Body)
		}
	})
	const newPassword = "violet harbour lantern"
	want(t, anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": mail.Token(), "password": newPassword}), 200)

	t.Run("sessions from before the reset are ended", func(t *testing.T) {
		want(t, old.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		want(t, old.Do("POST", "/api/v1/auth/refresh", nil), http.StatusUnauthorized)
	})
	t.Run("the old password no longer works and the new one does", func(t *testing.T) {
		want(t, anon.Do("POST", "/api/v1/auth/login", map[string]any{"email": "reset@example.org", "password": goodPassword}), http.StatusUnauthorized)
		want(t, anon.Do("POST", "/api/v1/auth/login", map[string]any{"email": "reset@example.org", "password": newPassword}), 200)
	})
	t.Run("the owner is told their password changed", func(t *testing.T) {
		if m := p.WaitEmail(t, "reset@example.org", 3); !strings.Contains(strings.ToLower(m.Subject), "password") {
			t.Errorf("third email subject = %q", m.Subject)
		}
	})
	t.Run("a used link says so", func(t *testing.T) {
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": mail.Token(), "password": "another fine password"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.token"], "already been used") {
			t.Errorf("token error = %q", r.FieldErrors()["body.token"])
		}
	})
	t.Run("an expired link says so", func(t *testing.T) {
		want(t, anon.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "reset@example.org"}), http.StatusAccepted)
		fresh := p.WaitEmail(t, "reset@example.org", 4)
		p.Clock.Advance(61 * time.Minute)
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": fresh.Token(), "password": "another fine password"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.token"], "expired") {
			t.Errorf("token error = %q", r.FieldErrors()["body.token"])
		}
	})
	t.Run("a made-up link is refused", func(t *testing.T) {
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": "made-up", "password": "another fine password"})
		want(t, r, 422)
	})
}

func TestRefreshTokenRotationAndReuse(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := signUp(t, p, "rotate@example.org")
	first := c.Cookie(httpapi.RefreshCookie)
	want(t, c.Do("POST", "/api/v1/auth/refresh", nil), 200)
	second := c.Cookie(httpapi.RefreshCookie)
	if second == "" || second == first {
		t.Fatalf("refresh token not rotated")
	}
	want(t, c.Do("GET", "/api/v1/me", nil), 200)

	// A thief replays the first, already-swapped refresh token.
	thief := p.Client(t)
	thief.SetCookie(httpapi.RefreshCookie, first, "/api/v1/auth")
	thief.SetCookie(httpapi.CSRFCookie, "x", "/")
	want(t, thief.Do("POST", "/api/v1/auth/refresh", nil), http.StatusUnauthorized)
	t.Run("reuse ends the whole session, for the owner too", func(t *testing.T) {
		want(t, c.Do("POST", "/api/v1/auth/refresh", nil), http.StatusUnauthorized)
		want(t, c.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
	})
}

func TestBearerToken(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := signUp(t, p, "api@example.org")
	api := p.Client(t)
	api.Bearer = c.Cookie(httpapi.AccessCookie)
	r := api.Do("GET", "/api/v1/me", nil)
	want(t, r, 200)
	if r.JSON()["email"] != "api@example.org" {
		t.Errorf("me = %s", r.Body)
	}
	api.Bearer = "not.a.jwt"
	want(t, api.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
}

func TestFailedSignInsSlowDownWithoutLockingOutTheOwner(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	signUp(t, p, "owner@example.org")
	attacker := p.Client(t)
	attacker.IP = "198.51.100.66"
	for i := 0; i < 5; i++ {
		want(t, attacker.Do("POST", "/api/v1/auth/login", map[string]any{"email": "owner@example.org", "password": "wrong password " + string(rune('a'+i))}), http.StatusUnauthorized)
	}
	r := attacker.Do("POST", "/api/v1/auth/login", map[string]any{"email": "owner@example.org", "password": goodPassword})
	want(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	t.Run("the owner elsewhere can still sign in", func(t *testing.T) {
		owner := p.Client(t)
		owner.IP = "192.0.2.44"
		want(t, owner.Do("POST", "/api/v1/auth/login", map[string]any{"email": "owner@example.org", "password": goodPassword}), 200)
	})
	t.Run("the wait ends", func(t *testing.T) {
		p.Clock.Advance(31 * time.Second)
		want(t, attacker.Do("POST", "/api/v1/auth/login", map[string]any{"email": "owner@example.org", "password": goodPassword}), 200)
	})
	var failures int64
	p.App.DB.Gorm.Table("audit_log").Where("action = ?", "auth.sign_in_failed").Count(&failures)
	if failures != 5 {
		t.Errorf("%d failed sign-ins audited, want 5", failures)
	}
}

func TestStaffInvitation(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.CreateStaff(t, createAdmin())
	admin := p.Client(t)
	want(t, admin.SignIn("admin@council.example", goodPassword), 200)

	t.Run("a supplier cannot invite staff", func(t *testing.T) {
		s := signUp(t, p, "sneaky@example.org")
		want(t, s.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": "x@council.example", "name": "X", "role": "admin"}), http.StatusForbidden)
	})
	t.Run("an unknown role is refused", func(t *testing.T) {
		r := admin.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": "x@council.example", "name": "X", "role": "supplier"})
		want(t, r, 422)
		if r.FieldErrors()["body.role"] == "" {
			t.Errorf("no role error: %s", r.Body)
		}
	})
	want(t, admin.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": "Buyer@Council.example", "name": "Bea Buyer", "role": "buyer"}), http.StatusCreated)
	t.Run("inviting the same address twice says it has an account", func(t *testing.T) {
		want(t, admin.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": "buyer@council.example", "name": "Bea", "role": "buyer"}), 422)
	})
	mail := p.WaitEmail(t, "buyer@council.example", 1)
	if !strings.HasPrefix(mail.Link(), p.URL+"/accept-invitation?token=") || !strings.Contains(mail.Raw, "buyer") {
		t.Fatalf("invitation link = %q", mail.Link())
	}
	invitee := p.Client(t)
	want(t, invitee.Do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": mail.Token(), "password": "summit copper violin"}), 200)
	want(t, invitee.Do("POST", "/api/v1/auth/login", map[string]any{"email": "buyer@council.example", "password": "summit copper violin"}), 200)
	me := invitee.Do("GET", "/api/v1/me", nil)
	if me.JSON()["role"] != "buyer" || me.JSON()["emailVerified"] != true {
		t.Errorf("me = %s", me.Body)
	}
}

func TestLogsHoldNoSecrets(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := signUp(t, p, "logs@example.org")
	want(t, c.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "logs@example.org"}), http.StatusAccepted)
	token := p.WaitEmail(t, "logs@example.org", 2).Token()
	logs := p.Logs.String()
	for name, secret := range map[string]string{"password": goodPassword, "reset token": token,
		"access token": c.Cookie(httpapi.AccessCookie), "refresh token": c.Cookie(httpapi.RefreshCookie)} {
		if secret != "" && strings.Contains(logs, secret) {
			t.Errorf("logs contain the %s", name)
		}
	}
	if !strings.Contains(logs, `"path":"/api/v1/auth/login"`) {
		t.Error("requests are not logged at all, so this test proves nothing")
	}
}
