package apptest

import (
	"context"
	"net/http"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// The actors: people of each kind, made and signed in the way every feature's tests need them,
// so those tests say who acts rather than how accounts are made.

// Password is the password of every person the actors make, so a test can sign them in again.
const Password = "sturdy walnut compass"

// Supplier registers a verified supplier organisation, as `fairtender demo` does, and returns its
// owner signed in. Fields left empty take defaults: the organisation "Org of <email>", a sole
// trader, the owner "Sam Supplier", and Password.
func (p *Portal) Supplier(t testing.TB, in accounts.RegisterInput) *Client {
	t.Helper()
	if in.OrganisationName == "" {
		in.OrganisationName = "Org of " + in.Email
	}
	if in.LegalForm == "" {
		in.LegalForm = "sole_trader"
	}
	if in.Name == "" {
		in.Name = "Sam Supplier"
	}
	if in.Password == "" {
		in.Password = Password
	}
	if err := p.App.Accounts.CreateDemoSupplier(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return p.SignedIn(t, in.Email, in.Password)
}

// Staff creates a council officer (CreateStaff) and returns them signed in. Password is theirs
// unless in gives one.
func (p *Portal) Staff(t testing.TB, in accounts.CreateUserInput) *Client {
	t.Helper()
	if in.Password == "" {
		in.Password = Password
	}
	p.CreateStaff(t, in)
	return p.SignedIn(t, in.Email, in.Password)
}

// Buyer is a council buyer named "Buyer", signed in.
func (p *Portal) Buyer(t testing.TB, email string) *Client {
	t.Helper()
	return p.Staff(t, accounts.CreateUserInput{Email: email, Name: "Buyer", Role: string(auth.RoleBuyer)})
}

// SignedIn signs someone in, in a browser of their own, and fails t unless they are signed in.
func (p *Portal) SignedIn(t testing.TB, email, password string) *Client {
	t.Helper()
	c := p.Client(t)
	if r := c.SignIn(email, password); r.Status != http.StatusOK || r.JSON()["next"] == "two_step_code" {
		t.Fatalf("sign in as %s: status = %d, want 200; body %s", email, r.Status, r.Body)
	}
	return c
}
