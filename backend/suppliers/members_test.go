package suppliers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/suppliers"
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
			if r.FieldErrors()["query.organisationId"] == "" {
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

// joinAsMember invites email into the owner's organisation and has them join with a new account,
// returning them signed in.
func joinAsMember(t *testing.T, p *apptest.Portal, owner *apptest.Client, email string) *apptest.Client {
	t.Helper()
	want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": email, "role": "member"}), http.StatusAccepted)
	c := p.Client(t)
	want(t, c.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": p.WaitEmail(t, email, 1).Token(), "name": "Mo Member", "password": pw}), 200)
	want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": pw}), 200)
	return c
}

func TestRemovedMemberLosesTheOrganisationAtOnce(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	owner := supplier(t, p, "owner@removal.example", "Removal Org", "sole_trader")
	member := joinAsMember(t, p, owner, "mo@removal.example")
	var org string
	p.App.DB.Gorm.Table("organisations").Where("name = ?", "Removal Org").Pluck("id", &org)
	want(t, member.Do("GET", "/api/v1/supplier/profile", nil), 200)
	moID := strings.Split(memberIDs(t, owner)["mo@removal.example"], ":")[0]

	want(t, owner.Do("DELETE", "/api/v1/supplier/members/"+moID, nil), http.StatusNoContent)
	// The same session, on its very next requests: the organisation is chosen from the
	// memberships on every request, so nothing it held lets the removed person back in.
	for _, path := range []string{"/api/v1/supplier/profile", "/api/v1/supplier/profile?organisationId=" + org, "/api/v1/supplier/members?organisationId=" + org,
		"/api/v1/supplier/bank-details?organisationId=" + org, suppliers.InsuranceUploadPrefix + "?organisationId=" + org} {
		if r := member.Do("GET", path, nil); r.Status != http.StatusForbidden {
			t.Errorf("GET %s after removal: %d %s", path, r.Status, r.Body)
		}
	}
	r := member.Do("PUT", "/api/v1/supplier/declarations?organisationId="+org, map[string]any{"declarations": []map[string]any{{"standard": "no_blacklisting", "answer": "yes"}}})
	want(t, r, http.StatusForbidden)
	if me := member.Do("GET", "/api/v1/me", nil).JSON(); len(me["organisations"].([]any)) != 0 {
		t.Errorf("organisations after removal = %v", me["organisations"])
	}
}

func TestMemberInvitationLimits(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_INVITATIONS_PER_INVITER": "2",
		"FAIRTENDER_INVITATIONS_PER_ORGANISATION": "3", "FAIRTENDER_PENDING_INVITATIONS_MAX": "4"}})
	owner := supplier(t, p, "owner@limits.example", "Limits Org", "sole_trader")
	invite := func(c *apptest.Client, n int) *apptest.Response {
		return c.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": fmt.Sprintf("person%d@limits.example", n), "role": "owner"})
	}
	want(t, invite(owner, 1), http.StatusAccepted)
	second := p.Client(t)
	want(t, second.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": p.WaitEmail(t, "person1@limits.example", 1).Token(),
		"name": "Second Owner", "password": pw}), 200)
	want(t, second.Do("POST", "/api/v1/auth/login", map[string]any{"email": "person1@limits.example", "password": pw}), 200)
	want(t, invite(owner, 2), http.StatusAccepted)
	t.Run("one inviter is limited per hour", func(t *testing.T) {
		r := invite(owner, 3)
		want(t, r, http.StatusTooManyRequests)
		if r.Header.Get("Retry-After") == "" || !strings.Contains(r.JSON()["detail"].(string), "You have sent 2") {
			t.Errorf("429 = %v %s", r.Header, r.Body)
		}
	})
	want(t, invite(second, 4), http.StatusAccepted)
	t.Run("the organisation is limited per hour, whoever invites", func(t *testing.T) {
		r := invite(second, 5)
		want(t, r, http.StatusTooManyRequests)
		if !strings.Contains(r.JSON()["detail"].(string), "organisation has sent 3") {
			t.Errorf("detail = %v", r.JSON()["detail"])
		}
	})
	p.Clock.Advance(61 * time.Minute)
	for email, c := range map[string]*apptest.Client{"owner@limits.example": owner, "person1@limits.example": second} {
		want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": pw}), 200)
	}
	want(t, invite(owner, 6), http.StatusAccepted)
	want(t, invite(owner, 7), http.StatusAccepted)
	t.Run("invitations waiting to be accepted are capped", func(t *testing.T) {
		r := invite(second, 8)
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.email"], "4 invitations waiting") {
			t.Errorf("errors = %s", r.Body)
		}
	})
	var n int64
	p.App.DB.Gorm.Table("organisation_invitations").Count(&n)
	if n != 5 {
		t.Errorf("%d invitations stored, want 5", n)
	}
}

func TestInvitationSubjectIsOneLine(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	owner := supplier(t, p, "eve@subject.example", "Subject Org", "sole_trader")
	// Names saved before text fields refused control characters may still hold them.
	p.App.DB.Gorm.Exec("UPDATE users SET name = ? WHERE email = ?", "Eve\r\nBcc: victim@evil.example\x07", "eve@subject.example")
	p.App.DB.Gorm.Exec("UPDATE organisations SET name = ? WHERE name = ?", "Subject\rOrg\x1b", "Subject Org")
	want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "sam@subject.example", "role": "member"}), http.StatusAccepted)
	mail := p.WaitEmail(t, "sam@subject.example", 1)
	if want := "Eve Bcc: victim@evil.example invited you to join Subject Org on"; !strings.HasPrefix(mail.Subject, want) {
		t.Errorf("subject = %q, want it to start %q", mail.Subject, want)
	}
	header, _, _ := strings.Cut(strings.ReplaceAll(mail.Raw, "\r\n", "\n"), "\n\n")
	for _, l := range strings.Split(header, "\n") {
		if strings.HasPrefix(strings.ToLower(l), "bcc:") || strings.ContainsAny(l, "\x07\x1b\r") {
			t.Errorf("header line %q", l)
		}
	}
	if got := p.Emails("victim@evil.example"); len(got) != 0 {
		t.Errorf("%d emails to the injected address", len(got))
	}
}

func TestInvitationsCanBeLookedUpCancelledAndResent(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	owner := supplier(t, p, "ola@bakery.example", "Ola's Bakery", "sole_trader")
	pending := func(c *apptest.Client) []map[string]any {
		t.Helper()
		r := c.Do("GET", "/api/v1/supplier/members", nil)
		want(t, r, 200)
		var out []map[string]any
		for _, i := range r.JSON()["invitations"].([]any) {
			out = append(out, i.(map[string]any))
		}
		return out
	}
	want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "kit@example.org", "role": "member"}), http.StatusAccepted)
	first := p.WaitEmail(t, "kit@example.org", 1)

	t.Run("the link says which organisation, who invited and for which address", func(t *testing.T) {
		r := p.Client(t).Do("POST", "/api/v1/organisation-invitations/look-up", map[string]any{"token": first.Token()})
		want(t, r, 200)
		got := r.JSON()
		if got["organisation"] != "Ola's Bakery" || got["email"] != "kit@example.org" || got["role"] != "member" || got["invitedBy"] == "" {
			t.Errorf("look-up = %v", got)
		}
		r = p.Client(t).Do("POST", "/api/v1/organisation-invitations/look-up", map[string]any{"token": "not-a-token"})
		want(t, r, 422)
		if !strings.Contains(r.FieldErrors()["body.token"], "not valid") {
			t.Errorf("errors = %v", r.FieldErrors())
		}
	})

	inv := pending(owner)
	if len(inv) != 1 {
		t.Fatalf("invitations = %v", inv)
	}
	id := inv[0]["id"].(string)

	t.Run("a member cannot cancel or resend", func(t *testing.T) {
		want(t, owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": "mo@example.org", "role": "member"}), http.StatusAccepted)
		joinMail := p.WaitEmail(t, "mo@example.org", 1)
		mo := p.Client(t)
		want(t, mo.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": joinMail.Token(), "name": "Mo Member", "password": "cobalt meadow tunnel"}), 200)
		want(t, mo.Do("POST", "/api/v1/auth/login", map[string]any{"email": "mo@example.org", "password": "cobalt meadow tunnel"}), 200)
		want(t, mo.Do("DELETE", "/api/v1/supplier/members/invitations/"+id, nil), http.StatusForbidden)
		want(t, mo.Do("POST", "/api/v1/supplier/members/invitations/"+id+"/resend", nil), http.StatusForbidden)
	})

	t.Run("resending sends a new link and the old one stops working", func(t *testing.T) {
		want(t, owner.Do("POST", "/api/v1/supplier/members/invitations/"+id+"/resend", nil), http.StatusAccepted)
		second := p.WaitEmail(t, "kit@example.org", 2)
		if second.Token() == first.Token() {
			t.Fatal("the resent invitation has the old link")
		}
		want(t, p.Client(t).Do("POST", "/api/v1/organisation-invitations/look-up", map[string]any{"token": first.Token()}), 422)
		want(t, p.Client(t).Do("POST", "/api/v1/organisation-invitations/look-up", map[string]any{"token": second.Token()}), 200)
		if now := pending(owner); len(now) != 1 || now[0]["email"] != "kit@example.org" {
			t.Fatalf("invitations after resending = %v", now)
		}
	})

	t.Run("cancelling stops the link and takes it off the list", func(t *testing.T) {
		id := pending(owner)[0]["id"].(string)
		want(t, owner.Do("DELETE", "/api/v1/supplier/members/invitations/"+id, nil), http.StatusNoContent)
		if now := pending(owner); len(now) != 0 {
			t.Fatalf("invitations after cancelling = %v", now)
		}
		second := p.WaitEmail(t, "kit@example.org", 2)
		want(t, p.Client(t).Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": second.Token(), "name": "Kit", "password": "cobalt meadow tunnel"}), 422)
		want(t, owner.Do("DELETE", "/api/v1/supplier/members/invitations/"+id, nil), http.StatusNotFound)
	})
}
