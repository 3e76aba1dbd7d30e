package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

// actsForWorld is a consultant who bids for two charities, and a third organisation they are not
// in.
type actsForWorld struct {
	p                  *apptest.Portal
	consultant, single *apptest.Client
	alpha, beta, gamma string
}

func startActsFor(t *testing.T) actsForWorld {
	t.Helper()
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	signIn := func(email string) *apptest.Client {
		c := p.Client(t)
		if r := c.SignIn(email, password); r.Status != http.StatusOK {
			t.Fatalf("sign in %s: %d %s", email, r.Status, r.Body)
		}
		return c
	}
	owner := func(org, email string) *apptest.Client {
		if err := p.App.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: org, LegalForm: "charitable_incorporated_organisation",
			Name: "Owner of " + org, Email: email, Password: password}); err != nil {
			t.Fatal(err)
		}
		return signIn(email)
	}
	firstOrg := func(c *apptest.Client) string {
		t.Helper()
		orgs := c.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)
		return orgs[0].(map[string]any)["id"].(string)
	}
	alpha := owner("Alpha Youth Trust", "owner@alpha.example")
	beta := owner("Beta Food Bank", "owner@beta.example")
	gamma := owner("Gamma Builders", "owner@gamma.example")
	w := actsForWorld{p: p, single: alpha, alpha: firstOrg(alpha), beta: firstOrg(beta), gamma: firstOrg(gamma)}

	const email = "consultant@bids.example"
	invite := func(owner *apptest.Client) {
		if r := owner.Do("POST", "/api/v1/supplier/members/invitations", map[string]any{"email": email, "role": "member"}); r.Status != http.StatusAccepted {
			t.Fatalf("invite: %d %s", r.Status, r.Body)
		}
	}
	invite(alpha)
	c := p.Client(t)
	if r := c.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": p.WaitEmail(t, email, 1).Token(), "name": "Cass Consultant",
		"password": password}); r.Status != http.StatusOK {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	w.consultant = signIn(email)
	invite(beta)
	if r := w.consultant.Do("POST", "/api/v1/organisation-invitations/accept", map[string]any{"token": p.WaitEmail(t, email, 2).Token()}); r.Status != http.StatusOK {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	if n := len(w.consultant.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)); n != 2 {
		t.Fatalf("the consultant is in %d organisations, want 2", n)
	}
	return w
}

// wantChoose checks r is a 422 naming the organisation field, at location (query or body).
func wantChoose(t *testing.T, r *apptest.Response, location string) {
	t.Helper()
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422 (choose an organisation): %s", r.Status, r.Body)
	}
	if got := r.FieldErrors()[location]; got != accounts.ChooseOrganisationMessage {
		t.Errorf("%s error = %q, want %q (all: %v)", location, got, accounts.ChooseOrganisationMessage, r.FieldErrors())
	}
}

func wantStatus(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d: %s", r.Status, status, r.Body)
	}
}

// TestPeopleInSeveralOrganisationsChooseWhichTheyActFor: a consultant who bids for two charities
// must say which one a supplier, DPS or alert request is for, gets the one they name, and cannot
// name an organisation they are not in; someone in one organisation need not say.
func TestPeopleInSeveralOrganisationsChooseWhichTheyActFor(t *testing.T) {
	w := startActsFor(t)

	t.Run("supplier profile", func(t *testing.T) {
		wantChoose(t, w.consultant.Do("GET", "/api/v1/supplier/profile", nil), "query.organisationId")
		r := w.consultant.Do("GET", "/api/v1/supplier/profile?organisationId="+w.beta, nil)
		wantStatus(t, r, http.StatusOK)
		if got := r.JSON()["organisationName"]; got != "Beta Food Bank" {
			t.Errorf("profile is of %v, want Beta Food Bank", got)
		}
		wantStatus(t, w.consultant.Do("GET", "/api/v1/supplier/profile?organisationId="+w.gamma, nil), http.StatusForbidden)
		wantStatus(t, w.single.Do("GET", "/api/v1/supplier/profile", nil), http.StatusOK)
	})

	t.Run("DPS application", func(t *testing.T) {
		buyer := w.p.Client(t)
		w.p.CreateStaff(t, accounts.CreateUserInput{Email: "buyer@council.example", Name: "Buyer", Role: "buyer", Password: password})
		wantStatus(t, buyer.SignIn("buyer@council.example", password), http.StatusOK)
		today := w.p.Clock.Now()
		r := buyer.Do("POST", "/api/v1/dps", map[string]any{"title": "Youth services", "description": "Youth clubs and mentoring.", "regime": "pcr2015",
			"startsOn": today.AddDate(0, 0, -1).Format("2006-01-02"), "endsOn": today.AddDate(2, 0, 0).Format("2006-01-02"),
			"categories": []map[string]any{{"name": "Youth clubs", "cpvCodes": []string{"85312000-9"}}},
			"questions":  []map[string]any{{"kind": "yes_no", "text": "Do you pay the London Living Wage?"}}})
		wantStatus(t, r, http.StatusCreated)
		id := r.JSON()["id"].(string)
		r = buyer.Do("POST", "/api/v1/dps/"+id+"/publish", nil)
		wantStatus(t, r, http.StatusOK)
		cat := r.JSON()["categories"].([]any)[0].(map[string]any)["id"].(string)
		apply := func(c *apptest.Client, org string) *apptest.Response {
			body := map[string]any{"categoryIds": []string{cat}}
			if org != "" {
				body["organisationId"] = org
			}
			return c.Do("POST", "/api/v1/dps/"+id+"/applications", body)
		}
		wantChoose(t, apply(w.consultant, ""), "body.organisationId")
		wantStatus(t, apply(w.consultant, w.gamma), http.StatusForbidden)
		r = apply(w.consultant, w.beta)
		wantStatus(t, r, http.StatusCreated)
		if got := r.JSON()["organisationName"]; got != "Beta Food Bank" {
			t.Errorf("application is from %v, want Beta Food Bank", got)
		}
		r = apply(w.single, "")
		wantStatus(t, r, http.StatusCreated)
		if got := r.JSON()["organisationName"]; got != "Alpha Youth Trust" {
			t.Errorf("application is from %v, want Alpha Youth Trust", got)
		}
	})

	t.Run("alert", func(t *testing.T) {
		alert := map[string]any{"name": "Youth work", "frequency": "daily", "cpvCodes": []string{"85312000-9"}}
		wantChoose(t, w.consultant.Do("POST", "/api/v1/alerts", alert), "query.organisationId")
		wantStatus(t, w.consultant.Do("POST", "/api/v1/alerts?organisationId="+w.gamma, alert), http.StatusForbidden)
		r := w.consultant.Do("POST", "/api/v1/alerts?organisationId="+w.beta, alert)
		wantStatus(t, r, http.StatusCreated)
		var org string
		w.p.App.DB.Gorm.Raw("SELECT organisation_id FROM alerts WHERE id = ?", r.JSON()["id"]).Scan(&org)
		if org != w.beta {
			t.Errorf("the alert is for organisation %q, want Beta Food Bank's %q", org, w.beta)
		}
		wantStatus(t, w.single.Do("POST", "/api/v1/alerts", alert), http.StatusCreated)
	})
}
