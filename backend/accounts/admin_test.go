package accounts_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// staffClient creates a council officer and signs them in.
func staffClient(t *testing.T, p *apptest.Portal, email, role string) (*apptest.Client, string) {
	t.Helper()
	u := p.CreateStaff(t, accounts.CreateUserInput{Email: email, Name: "Staff " + email, Role: role, Password: goodPassword})
	c := p.Client(t)
	want(t, c.SignIn(email, goodPassword), 200)
	return c, u.ID
}

func postLogin(c *apptest.Client, email, password string) *apptest.Response {
	return c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password})
}

// auditCount counts audit entries with action whose actor and subject are as given.
func auditCount(t *testing.T, p *apptest.Portal, action, actor, subject string) int64 {
	t.Helper()
	var n int64
	if err := p.App.DB.Gorm.Table("audit_log").Where("action = ? AND actor_id = ? AND subject_id = ?", action, actor, subject).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func findAccount(t *testing.T, admin *apptest.Client, query string) map[string]any {
	t.Helper()
	r := admin.Do("GET", "/api/v1/admin/accounts?"+query, nil)
	want(t, r, 200)
	items := r.JSON()["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("GET /admin/accounts?%s: %d accounts, want 1: %s", query, len(items), r.Body)
	}
	return items[0].(map[string]any)
}

func TestAdminSwitchesAnAccountOffAndOn(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	admin, adminID := staffClient(t, p, "admin@council.example", "admin")
	supplier := signUp(t, p, "dee@example.org")
	laptop := p.Client(t)
	want(t, postLogin(laptop, "dee@example.org", goodPassword), 200)

	row := findAccount(t, admin, "q=DEE@example&role=supplier")
	id := row["id"].(string)
	if row["status"] != "active" || row["lastSignedInAt"] == nil {
		t.Fatalf("account in the list = %v, want active with a last sign-in", row)
	}
	acc := admin.Do("GET", "/api/v1/admin/accounts/"+id, nil)
	want(t, acc, 200)
	if a := acc.JSON(); a["role"] != "supplier" || a["activeSessions"] != float64(2) || len(a["organisations"].([]any)) != 1 {
		t.Fatalf("account page = %s", acc.Body)
	}

	r := admin.Do("POST", "/api/v1/admin/accounts/"+id+"/deactivate", nil)
	want(t, r, 200)
	if !strings.Contains(r.JSON()["message"].(string), "deactivated") || r.JSON()["account"].(map[string]any)["status"] != "deactivated" {
		t.Fatalf("deactivate answered %s", r.Body)
	}
	if n := auditCount(t, p, "admin.account_deactivated", adminID, id); n != 1 {
		t.Errorf("%d audit entries for the deactivation by the admin, want 1", n)
	}

	t.Run("the person's open sessions are refused on their next request", func(t *testing.T) {
		want(t, supplier.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		want(t, laptop.Do("GET", "/api/v1/supplier/profile", nil), http.StatusUnauthorized)
		want(t, supplier.Do("POST", "/api/v1/auth/refresh", nil), http.StatusUnauthorized)
	})
	t.Run("the right password is told the account is switched off", func(t *testing.T) {
		r := postLogin(p.Client(t), "dee@example.org", goodPassword)
		want(t, r, http.StatusForbidden)
		if !strings.Contains(r.JSON()["detail"].(string), "switched off") {
			t.Errorf("detail = %v", r.JSON()["detail"])
		}
	})
	t.Run("a wrong password gets the same answer as an unknown email", func(t *testing.T) {
		c := p.Client(t)
		c.IP = "192.0.2.77"
		wrong := postLogin(c, "dee@example.org", "not the password at all")
		unknown := postLogin(c, "nobody@example.org", "not the password at all")
		want(t, wrong, http.StatusUnauthorized)
		if string(wrong.Body) != string(unknown.Body) {
			t.Errorf("answers differ:\n%s\n%s", wrong.Body, unknown.Body)
		}
	})
	t.Run("no password reset email is sent", func(t *testing.T) {
		before := len(p.Emails("dee@example.org"))
		want(t, p.Client(t).Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "dee@example.org"}), http.StatusAccepted)
		want(t, p.Client(t).Do("POST", "/api/v1/auth/register", registration("dee@example.org")), http.StatusAccepted)
		time.Sleep(500 * time.Millisecond)
		if after := len(p.Emails("dee@example.org")); after != before {
			t.Errorf("%d emails sent to a switched-off account", after-before)
		}
	})
	t.Run("the list filters by status", func(t *testing.T) {
		findAccount(t, admin, "q=dee&status=deactivated")
		r := admin.Do("GET", "/api/v1/admin/accounts?q=dee&status=active", nil)
		want(t, r, 200)
		if r.JSON()["total"] != float64(0) {
			t.Errorf("active accounts matching dee: %s", r.Body)
		}
	})

	want(t, admin.Do("POST", "/api/v1/admin/accounts/"+id+"/reactivate", nil), 200)
	if n := auditCount(t, p, "admin.account_reactivated", adminID, id); n != 1 {
		t.Errorf("%d audit entries for the reactivation, want 1", n)
	}
	t.Run("once reactivated the person signs in again, but old sessions stay ended", func(t *testing.T) {
		want(t, supplier.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		want(t, postLogin(supplier, "dee@example.org", goodPassword), 200)
		want(t, supplier.Do("GET", "/api/v1/me", nil), 200)
	})

	t.Run("an admin ends all of a person's sessions", func(t *testing.T) {
		want(t, postLogin(laptop, "dee@example.org", goodPassword), 200)
		r := admin.Do("POST", "/api/v1/admin/accounts/"+id+"/end-sessions", nil)
		want(t, r, 200)
		if r.JSON()["account"].(map[string]any)["activeSessions"] != float64(0) {
			t.Errorf("after ending sessions: %s", r.Body)
		}
		want(t, supplier.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		want(t, laptop.Do("GET", "/api/v1/me", nil), http.StatusUnauthorized)
		if n := auditCount(t, p, "admin.account_sessions_ended", adminID, id); n != 1 {
			t.Errorf("%d audit entries for ending sessions, want 1", n)
		}
		want(t, postLogin(laptop, "dee@example.org", goodPassword), 200)
	})

	t.Run("an unknown account is not found", func(t *testing.T) {
		want(t, admin.Do("POST", "/api/v1/admin/accounts/00000000-0000-0000-0000-000000000000/deactivate", nil), http.StatusNotFound)
		want(t, admin.Do("GET", "/api/v1/admin/accounts/not-a-uuid", nil), http.StatusNotFound)
	})
}

func TestDeactivatedStaffGetNoNotificationsOrLinks(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	admin, _ := staffClient(t, p, "admin@council.example", "admin")
	want(t, admin.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": "new@council.example", "name": "Nia New", "role": "buyer"}), http.StatusCreated)
	link := p.WaitEmail(t, "new@council.example", 1)
	id := findAccount(t, admin, "q=new@council")["id"].(string)
	want(t, admin.Do("POST", "/api/v1/admin/accounts/"+id+"/deactivate", nil), 200)
	r := p.Client(t).Do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": link.Token(), "password": "summit copper violin"})
	want(t, r, 422)
	if !strings.Contains(r.FieldErrors()["body.token"], "expired") {
		t.Errorf("an invitation link of a switched-off account: %s", r.Body)
	}
}

func TestAdminChangesStaffRoles(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	admin, adminID := staffClient(t, p, "admin@council.example", "admin")
	buyer, buyerID := staffClient(t, p, "buyer@council.example", "buyer")
	signUp(t, p, "sup@example.org")
	supplierID := findAccount(t, admin, "q=sup@example.org")["id"].(string)

	r := admin.Do("PUT", "/api/v1/admin/accounts/"+buyerID+"/role", map[string]any{"role": "evaluator"})
	want(t, r, 200)
	t.Run("the new role applies from the person's next request", func(t *testing.T) {
		if me := buyer.Do("GET", "/api/v1/me", nil).JSON(); me["role"] != "evaluator" {
			t.Errorf("role = %v, want evaluator", me["role"])
		}
		want(t, buyer.Do("GET", "/api/v1/buyer/opportunities", nil), http.StatusForbidden)
	})
	var details string
	p.App.DB.Gorm.Table("audit_log").Where("action = ? AND actor_id = ? AND subject_id = ?", "admin.account_role_changed", adminID, buyerID).Pluck("details", &details)
	if !strings.Contains(details, `"from":"buyer"`) || !strings.Contains(details, `"to":"evaluator"`) {
		t.Errorf("audit details = %q", details)
	}

	t.Run("a supplier cannot be given a staff role", func(t *testing.T) {
		r := admin.Do("PUT", "/api/v1/admin/accounts/"+supplierID+"/role", map[string]any{"role": "admin"})
		want(t, r, 422)
		if r.FieldErrors()["body.role"] == "" {
			t.Errorf("no role error: %s", r.Body)
		}
	})
	t.Run("staff cannot be made a supplier", func(t *testing.T) {
		r := admin.Do("PUT", "/api/v1/admin/accounts/"+buyerID+"/role", map[string]any{"role": "supplier"})
		want(t, r, 422)
		if r.FieldErrors()["body.role"] == "" {
			t.Errorf("no role error: %s", r.Body)
		}
	})
	t.Run("the last active admin can neither step down nor be switched off", func(t *testing.T) {
		want(t, admin.Do("PUT", "/api/v1/admin/accounts/"+adminID+"/role", map[string]any{"role": "buyer"}), http.StatusConflict)
		r := admin.Do("POST", "/api/v1/admin/accounts/"+adminID+"/deactivate", nil)
		want(t, r, http.StatusConflict)
		if !strings.Contains(r.JSON()["detail"].(string), "admin") {
			t.Errorf("detail = %v", r.JSON()["detail"])
		}
		want(t, admin.Do("GET", "/api/v1/me", nil), 200)
	})
	t.Run("a switched-off admin does not count as another admin", func(t *testing.T) {
		want(t, admin.Do("PUT", "/api/v1/admin/accounts/"+buyerID+"/role", map[string]any{"role": "admin"}), 200)
		want(t, admin.Do("POST", "/api/v1/admin/accounts/"+buyerID+"/deactivate", nil), 200)
		want(t, admin.Do("PUT", "/api/v1/admin/accounts/"+adminID+"/role", map[string]any{"role": "buyer"}), http.StatusConflict)
	})
	t.Run("with another active admin, an admin may step down", func(t *testing.T) {
		want(t, admin.Do("POST", "/api/v1/admin/accounts/"+buyerID+"/reactivate", nil), 200)
		want(t, admin.Do("PUT", "/api/v1/admin/accounts/"+adminID+"/role", map[string]any{"role": "buyer"}), 200)
		want(t, admin.Do("GET", "/api/v1/admin/accounts", nil), http.StatusForbidden)
	})
}

func TestAccountListPages(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	admin, _ := staffClient(t, p, "admin@council.example", "admin")
	for i := range 3 {
		if _, err := p.App.Accounts.CreateUser(context.Background(), accounts.CreateUserInput{Email: fmt.Sprintf("e%d@council.example", i),
			Name: fmt.Sprintf("Evaluator %d", i), Role: "evaluator", Password: goodPassword}); err != nil {
			t.Fatal(err)
		}
	}
	r := admin.Do("GET", "/api/v1/admin/accounts?role=evaluator&pageSize=2&page=2", nil)
	want(t, r, 200)
	if j := r.JSON(); j["total"] != float64(3) || len(j["items"].([]any)) != 1 || j["items"].([]any)[0].(map[string]any)["name"] != "Evaluator 2" {
		t.Errorf("page 2 = %s", r.Body)
	}
	r = admin.Do("GET", "/api/v1/admin/accounts?role=evaluator&pageSize=2&page=1000000", nil)
	want(t, r, 200)
	if len(r.JSON()["items"].([]any)) != 0 {
		t.Errorf("a page past the last: %s", r.Body)
	}
	if r := admin.Do("GET", "/api/v1/admin/accounts?role=king", nil); r.Status != 422 || r.FieldErrors()["query.role"] == "" {
		t.Errorf("an unknown role: %d %s", r.Status, r.Body)
	}
}

func TestPasswordResetEndsEveryOtherLink(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	signUp(t, p, "links@example.org")
	anon := p.Client(t)
	want(t, anon.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "links@example.org"}), http.StatusAccepted)
	first := p.WaitEmail(t, "links@example.org", 2)
	want(t, anon.Do("POST", "/api/v1/auth/password-reset", map[string]any{"email": "links@example.org"}), http.StatusAccepted)
	second := p.WaitEmail(t, "links@example.org", 3)

	t.Run("a newer link ends the older one", func(t *testing.T) {
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": first.Token(), "password": "violet harbour lantern"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.token"], "expired") {
			t.Errorf("token error = %q", r.FieldErrors()["body.token"])
		}
	})

	// A link still outstanding when another is used (sent before this release, or at the same
	// moment as the one used) stops working too.
	var userID string
	p.App.DB.Gorm.Table("users").Where("email = ?", "links@example.org").Pluck("id", &userID)
	now := p.Clock.Now().UTC()
	if err := p.App.DB.Gorm.Table("one_time_tokens").Create(map[string]any{"id": "00000000-0000-0000-0000-0000000000aa", "user_id": userID,
		"purpose": "password_reset", "token_hash": auth.HashToken("stray-link"), "expires_at": now.Add(time.Hour), "created_at": now}).Error; err != nil {
		t.Fatal(err)
	}
	want(t, anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": second.Token(), "password": "violet harbour lantern"}), 200)
	t.Run("using a link ends every other", func(t *testing.T) {
		r := anon.Do("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": "stray-link", "password": "another fine password"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.token"], "expired") {
			t.Errorf("token error = %q", r.FieldErrors()["body.token"])
		}
		want(t, postLogin(anon, "links@example.org", "violet harbour lantern"), 200)
	})
}

func TestFailedSignInsForUnknownEmailsKeepNoAddress(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	for i := range 5 {
		want(t, postLogin(c, "Stranger@Example.org", fmt.Sprintf("guess number %d", i)), http.StatusUnauthorized)
	}
	t.Run("throttling still works", func(t *testing.T) {
		want(t, postLogin(c, "stranger@example.org", "guess number 6"), http.StatusTooManyRequests)
	})
	var rows []struct{ SubjectID, Details string }
	p.App.DB.Gorm.Table("audit_log").Select("subject_id, details").Where("action = ?", "auth.sign_in_failed").Scan(&rows)
	if len(rows) != 5 {
		t.Fatalf("%d failed sign-ins audited, want 5", len(rows))
	}
	for _, r := range rows {
		if strings.Contains(strings.ToLower(r.Details), "stranger") || !strings.Contains(r.Details, "emailHash") {
			t.Fatalf("audit details = %s, want a hash and no address", r.Details)
		}
		if r.Details != rows[0].Details {
			t.Errorf("the same address hashes differently: %s and %s", r.Details, rows[0].Details)
		}
	}
}

func TestStaffInvitationLimits(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_INVITATIONS_PER_INVITER": "2",
		"FAIRTENDER_INVITATIONS_PER_ORGANISATION": "3", "FAIRTENDER_PENDING_INVITATIONS_MAX": "4"}})
	first, _ := staffClient(t, p, "admin1@council.example", "admin")
	second, _ := staffClient(t, p, "admin2@council.example", "admin")
	invite := func(c *apptest.Client, n int) *apptest.Response {
		return c.Do("POST", "/api/v1/admin/invitations", map[string]any{"email": fmt.Sprintf("officer%d@council.example", n), "name": "Officer", "role": "buyer"})
	}
	want(t, invite(first, 1), http.StatusCreated)
	want(t, invite(first, 2), http.StatusCreated)
	t.Run("one admin is limited per hour", func(t *testing.T) {
		r := invite(first, 3)
		want(t, r, http.StatusTooManyRequests)
		if r.Header.Get("Retry-After") == "" || !strings.Contains(r.JSON()["detail"].(string), "You have sent 2 invitations") {
			t.Errorf("429 = %v %s", r.Header, r.Body)
		}
	})
	want(t, invite(second, 4), http.StatusCreated)
	t.Run("the council as a whole is limited per hour", func(t *testing.T) {
		r := invite(second, 5)
		want(t, r, http.StatusTooManyRequests)
		if !strings.Contains(r.JSON()["detail"].(string), "organisation has sent 3") {
			t.Errorf("detail = %v", r.JSON()["detail"])
		}
	})
	p.Clock.Advance(61 * time.Minute)
	want(t, first.SignIn("admin1@council.example", goodPassword), 200)
	want(t, second.SignIn("admin2@council.example", goodPassword), 200)
	want(t, invite(first, 6), http.StatusCreated)
	t.Run("invitations waiting to be accepted are capped", func(t *testing.T) {
		r := invite(second, 7)
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.email"], "4 invitations waiting") {
			t.Errorf("errors = %s", r.Body)
		}
	})
	if n := count(t, p, "users"); n != 6 {
		t.Errorf("%d users, want 2 admins and 4 invited", n)
	}
}
