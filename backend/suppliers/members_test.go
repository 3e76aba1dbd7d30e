package suppliers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func memberIDs(t *testing.T, c *apptest.Client) map[string]string {
	t.Helper()
	r := c.Do("GET", "/api/v1/supplier/members", nil)
	want(t, r, 200)
	out := map[string]string{}
	for _, m := range r.JSON()["members"].([]any) {
		m := m.(map[string]any)
		out[m["email"].(string)] = m["userId"].(string) + ":" + m["role"].(string)
	}
	return out
}

func TestMembers(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	owner := supplier(t, p, "owner@kitchen.example", "Angel Kitchen CIC", "community_interest_company")
	ownerID := strings.Split(memberIDs(t, owner)["owner@kitchen.example"], ":")[0]

	t.Run("the last owner cannot leave", func(t *testing.T) {
		r := owner.Do("DELETE", "/api/v1/supplier/members/"+ownerID, nil)
		want(t, r, http.StatusConflict)
		if !strings.Contains(r.JSON()["detail"].(string), "owner") {
			t.Errorf("detail = %v", r.JSON()["detail"])
		}
	})

	// A new person, with no account, is invited and joins.
	want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "New.Person@Example.org", "role": "member"}), http.StatusAccepted)
	mail := p.WaitEmail(t, "new.person@example.org", 1)
	if !strings.HasPrefix(mail.Link(), p.URL+"/join-organisation?token=") || !strings.Contains(mail.Raw, "Angel Kitchen CIC") {
		t.Fatalf("invitation email: %q %q", mail.Subject, mail.Link())
	}
	newcomer := p.Client(t)
	r := newcomer.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": mail.Token(), "name": "New Person", "password": "cobalt meadow tunnel"})
	want(t, r, 200)
	want(t, newcomer.Do("POST", "/api/v1/auth/login", map[string]any{"email": "new.person@example.org", "password": "cobalt meadow tunnel"}), 200)
	members := memberIDs(t, newcomer)
	if !strings.HasSuffix(members["new.person@example.org"], ":member") || len(members) != 2 {
		t.Fatalf("members = %v", members)
	}
	newID := strings.Split(members["new.person@example.org"], ":")[0]

	t.Run("the invitation works once", func(t *testing.T) {
		want(t, p.Client(t).Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": mail.Token(), "name": "X", "password": "cobalt meadow tunnel"}), 422)
	})
	t.Run("a member cannot invite or remove others", func(t *testing.T) {
		want(t, newcomer.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "x@example.org", "role": "owner"}), http.StatusForbidden)
		want(t, newcomer.Do("DELETE", "/api/v1/supplier/members/"+ownerID, nil), http.StatusForbidden)
		want(t, newcomer.Do("PUT", "/api/v1/supplier/members/"+newID, map[string]any{"role": "owner"}), http.StatusForbidden)
	})
	t.Run("the last owner cannot be made a member", func(t *testing.T) {
		want(t, owner.Do("PUT", "/api/v1/supplier/members/"+ownerID, map[string]any{"role": "member"}), http.StatusConflict)
	})
	t.Run("with a second owner, the first may leave", func(t *testing.T) {
		want(t, owner.Do("PUT", "/api/v1/supplier/members/"+newID, map[string]any{"role": "owner"}), http.StatusNoContent)
		want(t, owner.Do("DELETE", "/api/v1/supplier/members/"+ownerID, nil), http.StatusNoContent)
		if m := memberIDs(t, newcomer); len(m) != 1 || !strings.HasSuffix(m["new.person@example.org"], ":owner") {
			t.Fatalf("members after leaving = %v", m)
		}
		want(t, owner.Do("GET", "/api/v1/supplier/members", nil), http.StatusForbidden)
	})
	t.Run("an existing account must sign in to accept", func(t *testing.T) {
		supplier(t, p, "has.account@example.org", "Other Org", "sole_trader")
		want(t, newcomer.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "has.account@example.org", "role": "member"}), http.StatusAccepted)
		inv := p.WaitEmail(t, "has.account@example.org", 1)
		want(t, p.Client(t).Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": inv.Token(), "name": "Thief", "password": "cobalt meadow tunnel"}), http.StatusUnauthorized)
		c := p.Client(t)
		want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "has.account@example.org", "password": pw}), 200)
		want(t, c.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": inv.Token()}), 200)
		me := c.Do("GET", "/api/v1/me", nil).JSON()
		if len(me["organisations"].([]any)) != 2 {
			t.Errorf("organisations = %v", me["organisations"])
		}
		t.Run("with two organisations the person must choose", func(t *testing.T) {
			r := c.Do("GET", "/api/v1/supplier/profile", nil)
			want(t, r, 422)
			if r.FieldErrors()["body.organisationId"] == "" {
				t.Errorf("errors = %v", r.FieldErrors())
			}
		})
	})
}

func TestOrganisationIDIsHonouredOnWrites(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := supplier(t, p, "two@example.org", "First Org", "sole_trader")
	supplier(t, p, "other@example.org", "Second Org", "sole_trader")
	var second string
	p.App.DB.Gorm.Table("organisations").Where("name = ?", "Second Org").Pluck("id", &second)
	// An owner of First Org must not be able to act on Second Org by naming it.
	r := c.Do("POST", "/api/v1/supplier/members/invitations?organisationId="+second, map[string]any{"email": "x@example.org", "role": "owner"})
	want(t, r, http.StatusForbidden)
	r = c.Do("PUT", "/api/v1/supplier/declarations?organisationId="+second, map[string]any{"declarations": []map[string]any{{"standard": "no_blacklisting", "answer": "yes"}}})
	want(t, r, http.StatusForbidden)
}
