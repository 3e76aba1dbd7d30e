package accounts_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

func codeAt(t *testing.T, secret string, at time.Time) map[string]any {
	t.Helper()
	return map[string]any{"code": apptest.TwoStepCode(t, secret, at)}
}

func auditCountFor(t *testing.T, p *apptest.Portal, action, subject string) int64 {
	t.Helper()
	var n int64
	if err := p.App.DB.Gorm.Table("audit_log").Where("action = ? AND subject_id = ?", action, subject).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func login(t *testing.T, c *apptest.Client, email, password, next string) {
	t.Helper()
	r := c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password})
	want(t, r, 200)
	if r.JSON()["next"] != next {
		t.Fatalf("after the password, next = %v, want %s (%s)", r.JSON()["next"], next, r.Body)
	}
}

func signOut(t *testing.T, c *apptest.Client) {
	t.Helper()
	want(t, c.Do("POST", "/api/v1/auth/logout", nil), http.StatusNoContent)
}

// setUp takes a signed-in person, or one half signed in when atSignIn, through setting up
// two-step verification and returns the secret and recovery codes.
func setUp(t *testing.T, p *apptest.Portal, c *apptest.Client, prefix string) (string, []string) {
	t.Helper()
	r := c.Do("POST", prefix+"/setup", nil)
	want(t, r, 200)
	secret, _ := r.JSON()["secret"].(string)
	if len(secret) < 32 {
		t.Fatalf("secret = %q: want at least 160 bits", secret)
	}
	r = c.Do("POST", prefix+"/setup/confirm", codeAt(t, secret, p.Clock.Now()))
	want(t, r, 200)
	var codes []string
	for _, c := range r.JSON()["recoveryCodes"].([]any) {
		codes = append(codes, c.(string))
	}
	return secret, codes
}

func userIDOf(t *testing.T, p *apptest.Portal, email string) string {
	t.Helper()
	var id string
	if err := p.App.DB.Gorm.Raw("SELECT id FROM users WHERE email = ?", email).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("no user %s: %v", email, err)
	}
	return id
}

func TestStaffWhoMustUseTwoStepSetItUpBeforeAnySession(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	admin, err := p.App.Accounts.CreateUser(context.Background(), createAdmin())
	if err != nil {
		t.Fatal(err)
	}
	c := p.Client(t)
	login(t, c, admin.Email, goodPassword, "two_step_setup")

	t.Run("the password alone gives no session", func(t *testing.T) {
		for _, name := range []string{httpapi.AccessCookie, httpapi.RefreshCookie} {
			if c.Cookie(name) != "" {
				t.Errorf("cookie %s set before two-step verification is set up", name)
			}
		}
		want(t, c.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		want(t, c.Do("POST", "/api/v1/auth/refresh", nil), http.StatusUnauthorized)
		want(t, c.Do("GET", "/api/v1/admin/two-step-policy", nil), http.StatusUnauthorized)
	})
	t.Run("the set-up token does not pass for a code sign-in", func(t *testing.T) {
		want(t, c.Do("POST", "/api/v1/auth/two-step", map[string]any{"code": "123456"}), http.StatusUnauthorized)
	})

	r := c.Do("POST", "/api/v1/auth/two-step/setup", nil)
	want(t, r, 200)
	setup := r.JSON()
	secret := setup["secret"].(string)
	t.Run("set-up shows a QR code and the secret in groups to type", func(t *testing.T) {
		qr := setup["qrCode"].(string)
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(qr, "data:image/png;base64,"))
		if !strings.HasPrefix(qr, "data:image/png;base64,") || err != nil {
			t.Fatalf("qrCode = %.40q…: %v", qr, err)
		}
		if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
			t.Errorf("QR code is not a PNG: %v", err)
		}
		var joined string
		for _, g := range setup["secretGroups"].([]any) {
			if len(g.(string)) > 4 {
				t.Errorf("group %q is longer than 4", g)
			}
			joined += g.(string)
		}
		if joined != secret {
			t.Errorf("groups %v do not spell the secret %s", setup["secretGroups"], secret)
		}
		uri := setup["otpauthUri"].(string)
		if !strings.HasPrefix(uri, "otpauth://totp/") || !strings.Contains(uri, "secret="+secret) || !strings.Contains(uri, "admin@council.example") {
			t.Errorf("otpauthUri = %s", uri)
		}
	})
	t.Run("the secret is sealed at rest", func(t *testing.T) {
		var sealed []byte
		p.App.DB.Gorm.Raw("SELECT secret_sealed FROM second_factors WHERE user_id = ?", admin.ID).Scan(&sealed)
		if len(sealed) == 0 || bytes.Contains(sealed, []byte(secret)) {
			t.Errorf("stored secret = %q, want it sealed", sealed)
		}
	})
	t.Run("a wrong code turns nothing on", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/auth/two-step/setup/confirm", codeAt(t, secret, p.Clock.Now().Add(-10*time.Minute)))
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.code"], "not right") {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		want(t, c.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
	})

	r = c.Do("POST", "/api/v1/auth/two-step/setup/confirm", codeAt(t, secret, p.Clock.Now()))
	want(t, r, 200)
	codes := r.JSON()["recoveryCodes"].([]any)
	t.Run("a right code turns it on, signs in and gives 10 recovery codes, stored hashed", func(t *testing.T) {
		if len(codes) != accounts.RecoveryCodeCount {
			t.Fatalf("got %d recovery codes, want %d", len(codes), accounts.RecoveryCodeCount)
		}
		seen := map[string]bool{}
		for _, rc := range codes {
			seen[rc.(string)] = true
			var n int64
			p.App.DB.Gorm.Table("recovery_codes").Where("code_hash = ?", rc).Count(&n)
			if n != 0 {
				t.Errorf("recovery code %s stored in clear", rc)
			}
		}
		if len(seen) != len(codes) {
			t.Errorf("recovery codes repeat: %v", codes)
		}
		me := c.Do("GET", "/api/v1/me", nil)
		want(t, me, 200)
		if c.Cookie("ft_two_step") != "" {
			t.Error("the half sign-in cookie is still held after signing in")
		}
		if auditCountFor(t, p, "account.two_step_enabled", admin.ID) != 1 {
			t.Error("turning two-step verification on is not audited")
		}
	})
	t.Run("the set-up cannot be confirmed twice", func(t *testing.T) {
		again := p.Client(t)
		want(t, again.Do("POST", "/api/v1/auth/two-step/setup/confirm", codeAt(t, secret, p.Clock.Now())), http.StatusUnauthorized)
	})

	signOut(t, c)
	t.Run("next time, the code that turned it on is refused as already used", func(t *testing.T) {
		login(t, c, admin.Email, goodPassword, "two_step_code")
		r := c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now()))
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.code"], "already been used") {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		want(t, c.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
	})
	p.Clock.Advance(60 * time.Second)
	t.Run("a code from 30 seconds ago is accepted, for clocks that drift", func(t *testing.T) {
		want(t, c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now().Add(-30*time.Second))), 200)
		want(t, c.Do("GET", "/api/v1/me", nil), 200)
	})
	signOut(t, c)
	t.Run("a code from 30 seconds ahead is accepted, one from a minute ahead is not", func(t *testing.T) {
		login(t, c, admin.Email, goodPassword, "two_step_code")
		want(t, c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now().Add(90*time.Second))), 422)
		want(t, c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now().Add(30*time.Second))), 200)
	})
	signOut(t, c)
	t.Run("an older code after a newer one is refused", func(t *testing.T) {
		login(t, c, admin.Email, goodPassword, "two_step_code")
		want(t, c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now())), 422)
	})
	t.Run("a recovery code signs in once and says how many are left", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/auth/two-step", map[string]any{"recoveryCode": " " + strings.ToUpper(codes[0].(string)) + " "})
		want(t, r, 200)
		if r.JSON()["recoveryCodesLeft"] != float64(9) {
			t.Errorf("recoveryCodesLeft = %v, want 9", r.JSON()["recoveryCodesLeft"])
		}
		signOut(t, c)
		login(t, c, admin.Email, goodPassword, "two_step_code")
		r = c.Do("POST", "/api/v1/auth/two-step", map[string]any{"recoveryCode": codes[0]})
		want(t, r, 422)
		if r.FieldErrors()["body.recoveryCode"] == "" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		r = c.Do("POST", "/api/v1/auth/two-step", map[string]any{"recoveryCode": strings.ReplaceAll(codes[1].(string), "-", "")})
		want(t, r, 200)
		if r.JSON()["recoveryCodesLeft"] != float64(8) {
			t.Errorf("recoveryCodesLeft = %v, want 8", r.JSON()["recoveryCodesLeft"])
		}
	})
	t.Run("an empty code names the field", func(t *testing.T) {
		d := p.Client(t)
		login(t, d, admin.Email, goodPassword, "two_step_code")
		r := d.Do("POST", "/api/v1/auth/two-step", map[string]any{"code": ""})
		want(t, r, 422)
		if r.FieldErrors()["body.code"] != "Enter the 6-digit code from your authenticator app" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		if r := d.Do("POST", "/api/v1/auth/two-step", map[string]any{"code": "12ab56"}); r.FieldErrors()["body.code"] != "The code must be 6 digits, like 123456" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
	})
	t.Run("the half sign-in expires", func(t *testing.T) {
		d := p.Client(t)
		login(t, d, admin.Email, goodPassword, "two_step_code")
		p.Clock.Advance(accounts.TwoStepPendingTTL + time.Minute)
		want(t, d.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now())), http.StatusUnauthorized)
	})
}

func TestWrongCodesAreThrottledLikeWrongPasswords(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	c := signUp(t, p, "throttle@example.org")
	secret, _ := setUp(t, p, c, "/api/v1/me/two-step")
	signOut(t, c)
	p.Clock.Advance(time.Minute)
	login(t, c, "throttle@example.org", goodPassword, "two_step_code")
	wrong := codeAt(t, secret, p.Clock.Now().Add(-time.Hour))
	for i := range 5 {
		if r := c.Do("POST", "/api/v1/auth/two-step", wrong); r.Status != 422 {
			t.Fatalf("wrong code %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	r := c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now()))
	want(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	p.Clock.Advance(31 * time.Second)
	want(t, c.Do("POST", "/api/v1/auth/two-step", codeAt(t, secret, p.Clock.Now())), 200)
}

func TestSupplierTurnsTwoStepOnAndOff(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	email := "choice@example.org"
	c := signUp(t, p, email)
	st := c.Do("GET", "/api/v1/me/two-step", nil)
	want(t, st, 200)
	if st.JSON()["enabled"] != false || st.JSON()["required"] != false {
		t.Fatalf("status = %s", st.Body)
	}
	t.Run("confirming before starting says to start again", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/two-step/setup/confirm", map[string]any{"code": "123456"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.code"], "Start again") {
			t.Errorf("errors = %v", r.FieldErrors())
		}
	})
	secret, codes := setUp(t, p, c, "/api/v1/me/two-step")
	st = c.Do("GET", "/api/v1/me/two-step", nil)
	if st.JSON()["enabled"] != true || st.JSON()["recoveryCodesLeft"] != float64(10) || st.JSON()["enabledAt"] == nil {
		t.Fatalf("status after set-up = %s", st.Body)
	}
	want(t, c.Do("POST", "/api/v1/me/two-step/setup", nil), http.StatusConflict)

	t.Run("new recovery codes need the password and replace the old", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/two-step/recovery-codes", map[string]any{"password": "not my password"})
		want(t, r, 422)
		if r.FieldErrors()["body.password"] != "Your password is not right" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		r = c.Do("POST", "/api/v1/me/two-step/recovery-codes", map[string]any{"password": goodPassword})
		want(t, r, 200)
		fresh := r.JSON()["recoveryCodes"].([]any)
		if len(fresh) != 10 || fresh[0] == codes[0] {
			t.Fatalf("new codes = %v", fresh)
		}
		d := p.Client(t)
		login(t, d, email, goodPassword, "two_step_code")
		want(t, d.Do("POST", "/api/v1/auth/two-step", map[string]any{"recoveryCode": codes[0]}), 422)
		want(t, d.Do("POST", "/api/v1/auth/two-step", map[string]any{"recoveryCode": fresh[0]}), 200)
	})
	t.Run("turning it off needs the password", func(t *testing.T) {
		r := c.Do("POST", "/api/v1/me/two-step/turn-off", map[string]any{"password": "not my password"})
		want(t, r, 422)
		p.Clock.Advance(time.Minute)
		login(t, p.Client(t), email, goodPassword, "two_step_code")
		want(t, c.Do("POST", "/api/v1/me/two-step/turn-off", map[string]any{"password": goodPassword}), http.StatusNoContent)
		login(t, p.Client(t), email, goodPassword, "signed_in")
		if auditCountFor(t, p, "account.two_step_disabled", userIDOf(t, p, email)) != 1 {
			t.Error("turning two-step verification off is not audited")
		}
	})
	_ = secret
}

func TestAdminChoosesWhichRolesMustUseTwoStep(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	adminUser := p.CreateStaff(t, createAdmin())
	admin := p.Client(t)
	want(t, admin.SignIn(adminUser.Email, goodPassword), 200)
	buyer := accounts.CreateUserInput{Email: "buyer@council.example", Name: "Bea Buyer", Role: "buyer", Password: goodPassword}
	p.CreateStaff(t, buyer)
	officer := p.CreateStaff(t, accounts.CreateUserInput{Email: "officer@council.example", Name: "Cas Officer", Role: "case_officer", Password: goodPassword})

	t.Run("by default admins and case officers must, buyers and evaluators need not", func(t *testing.T) {
		r := admin.Do("GET", "/api/v1/admin/two-step-policy", nil)
		want(t, r, 200)
		got := map[string]bool{}
		for _, row := range r.JSON()["roles"].([]any) {
			m := row.(map[string]any)
			got[m["role"].(string)] = m["required"].(bool)
		}
		wantPolicy := map[string]bool{"buyer": false, "evaluator": false, "case_officer": true, "admin": true}
		for role, req := range wantPolicy {
			if got[role] != req {
				t.Errorf("%s required = %v, want %v", role, got[role], req)
			}
		}
		login(t, p.Client(t), buyer.Email, goodPassword, "signed_in")
	})
	t.Run("an admin cannot turn off their own when admins must use it", func(t *testing.T) {
		want(t, admin.Do("POST", "/api/v1/me/two-step/turn-off", map[string]any{"password": goodPassword}), http.StatusConflict)
	})
	t.Run("a role that is not staff is refused", func(t *testing.T) {
		r := admin.Do("PUT", "/api/v1/admin/two-step-policy", map[string]any{"required": []string{"admin", "supplier"}})
		want(t, r, 422)
		if len(r.FieldErrors()) == 0 {
			t.Errorf("no field named: %s", r.Body)
		}
	})
	t.Run("once buyers must, a buyer sets it up before getting a session", func(t *testing.T) {
		r := admin.Do("PUT", "/api/v1/admin/two-step-policy", map[string]any{"required": []string{"admin", "case_officer", "buyer"}})
		want(t, r, 200)
		if auditCountFor(t, p, "admin.two_step_policy_changed", "staff_roles") != 1 {
			t.Error("the policy change is not audited")
		}
		b := p.Client(t)
		login(t, b, buyer.Email, goodPassword, "two_step_setup")
		want(t, b.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		setUp(t, p, b, "/api/v1/auth/two-step")
		want(t, b.Do("GET", "/api/v1/me", nil), 200)
	})
	t.Run("an admin resets a lost phone: the person is signed out and sets it up again", func(t *testing.T) {
		o := p.Client(t)
		want(t, o.SignIn(officer.Email, goodPassword), 200)
		want(t, o.Do("GET", "/api/v1/me", nil), 200)
		r := admin.Do("POST", "/api/v1/admin/two-step-resets", map[string]any{"email": "Officer@Council.example"})
		want(t, r, http.StatusCreated)
		want(t, o.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		login(t, o, officer.Email, goodPassword, "two_step_setup")
		if auditCountFor(t, p, "admin.two_step_reset", officer.ID) != 1 {
			t.Error("the reset is not audited")
		}
		r = admin.Do("POST", "/api/v1/admin/two-step-resets", map[string]any{"email": "nobody@council.example"})
		want(t, r, 422)
		if r.FieldErrors()["body.email"] != "There is no account with this email address" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
	})
}

func TestRecentSecondFactorForSealedBids(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	p.Clock.Freeze()
	ctx := context.Background()
	svc := p.App.Accounts
	u := p.CreateStaff(t, createAdmin())
	buyer := p.CreateStaff(t, accounts.CreateUserInput{Email: "buyer@council.example", Name: "Bea Buyer", Role: "buyer", Password: goodPassword})
	latestSession := func(userID string) string {
		var id string
		p.App.DB.Gorm.Raw("SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1", userID).Scan(&id)
		return id
	}
	want(t, p.Client(t).SignIn(u.Email, goodPassword), 200)
	want(t, p.Client(t).SignIn(buyer.Email, goodPassword), 200)
	adminSession, buyerSession := latestSession(u.ID), latestSession(buyer.ID)

	if on, err := svc.HasSecondFactor(ctx, u.ID); err != nil || !on {
		t.Errorf("HasSecondFactor(admin) = %v, %v; want true", on, err)
	}
	if on, err := svc.HasSecondFactor(ctx, buyer.ID); err != nil || on {
		t.Errorf("HasSecondFactor(buyer) = %v, %v; want false", on, err)
	}
	if ok, _ := svc.RecentSecondFactor(ctx, adminSession, 5*time.Minute); !ok {
		t.Error("a session that just signed in with a code has no recent second factor")
	}
	if ok, _ := svc.RecentSecondFactor(ctx, buyerSession, 5*time.Minute); ok {
		t.Error("a password-only session counts as a recent second factor")
	}
	p.Clock.Advance(10 * time.Minute)
	if ok, _ := svc.RecentSecondFactor(ctx, adminSession, 5*time.Minute); ok {
		t.Error("a code from 10 minutes ago counts as recent within 5 minutes")
	}
	if err := svc.VerifySecondFactor(ctx, u.ID, adminSession, "000000"); err == nil {
		t.Error("a wrong code was accepted")
	}
	if err := svc.VerifySecondFactor(ctx, u.ID, adminSession, apptest.TwoStepCode(t, apptest.TwoStepSecret, p.Clock.Now())); err != nil {
		t.Fatal(err)
	}
	if ok, _ := svc.RecentSecondFactor(ctx, adminSession, 5*time.Minute); !ok {
		t.Error("a step-up code does not count as recent")
	}
	if err := svc.VerifySecondFactor(ctx, u.ID, adminSession, apptest.TwoStepCode(t, apptest.TwoStepSecret, p.Clock.Now())); err == nil {
		t.Error("the same step-up code was accepted twice")
	}
}
