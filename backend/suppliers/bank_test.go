package suppliers_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
)

const bankPassword = "copper lantern harbour 7"

// The account number of every test: it must never be seen again after entry.
const (
	bankAccount      = "73914582"
	bankAccountTyped = "7391 4582"
	bankOldPhone     = "020 7946 0000" // on the record for 40 days
	bankNewPhone     = "07700 900982"  // added 5 days ago
)

// bankWorld is one portal with a supplier organisation (two owners and a member), a second
// organisation, and three council officers.
type bankWorld struct {
	p                 *apptest.Portal
	orgID, otherOrgID string
	ids               map[string]string // email → user ID
	all               []*apptest.Response
}

func bankStart(t *testing.T) *bankWorld {
	t.Helper()
	ctx := context.Background()
	w := &bankWorld{p: apptest.Start(t, apptest.Options{}), ids: map[string]string{}}
	for _, s := range []struct{ name, email, org string }{
		{"Alice", "alice@holloway.example", "Holloway Handyman Ltd"},
		{"Bob", "bob@holloway.example", "Bob's own Ltd"},
		{"Mo", "mo@holloway.example", "Mo's own Ltd"},
		{"Olga", "olga@other.example", "Other Trading Ltd"},
	} {
		if err := w.p.App.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: s.org, LegalForm: "private_limited_company",
			Name: s.name, Email: s.email, Password: bankPassword}); err != nil {
			t.Fatal(err)
		}
		w.ids[s.email] = w.userID(t, s.email)
	}
	for _, o := range []struct{ email, name, role string }{
		{"bea@council.example", "Bea Buyer", "buyer"},
		{"ade@council.example", "Ade Admin", "admin"},
		{"eve@council.example", "Eve Evaluator", "evaluator"},
	} {
		w.ids[o.email] = w.p.CreateStaff(t, accounts.CreateUserInput{Email: o.email, Name: o.name, Role: o.role, Password: bankPassword}).ID
	}
	w.orgID = w.orgOf(t, "alice@holloway.example")
	w.otherOrgID = w.orgOf(t, "olga@other.example")
	// Bob becomes a second owner and Mo a member of Alice's organisation, and nothing else.
	db := w.p.App.DB.Gorm
	for _, m := range []struct{ email, role string }{{"bob@holloway.example", "owner"}, {"mo@holloway.example", "member"}} {
		if err := db.Exec("DELETE FROM memberships WHERE user_id = ?", w.ids[m.email]).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec("INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
			w.orgID, w.ids[m.email], m.role, time.Now().UTC()).Error; err != nil {
			t.Fatal(err)
		}
	}
	now := w.p.Clock.Now().UTC()
	w.contact(t, w.orgID, "Alice", "+442079460000", now.Add(-40*24*time.Hour))
	w.contact(t, w.orgID, "Newcomer", "+447700900982", now.Add(-5*24*time.Hour))
	w.contact(t, w.otherOrgID, "Olga", "+441632960001", now.Add(-90*24*time.Hour))
	return w
}

func (w *bankWorld) userID(t *testing.T, email string) string {
	t.Helper()
	var id string
	if err := w.p.App.DB.Gorm.Table("users").Select("id").Where("email = ?", email).Take(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *bankWorld) orgOf(t *testing.T, email string) string {
	t.Helper()
	var id string
	if err := w.p.App.DB.Gorm.Table("memberships").Select("organisation_id").Where("user_id = ?", w.ids[email]).Take(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *bankWorld) contact(t *testing.T, orgID, name, phone string, since time.Time) {
	t.Helper()
	c := suppliers.Contact{ID: uuid.NewString(), OrganisationID: orgID, Name: name, JobTitle: "Director", Email: strings.ToLower(name) + "@example.org",
		Phone: phone, PhoneSince: since, CreatedAt: since}
	if err := w.p.App.DB.Gorm.Create(&c).Error; err != nil {
		t.Fatal(err)
	}
}

// signIn returns a browser signed in as email. Sign in again after moving the clock on: access
// tokens expire.
func (w *bankWorld) signIn(t *testing.T, email string) *bankClient {
	t.Helper()
	c := w.p.Client(t)
	if r := c.SignIn(email, bankPassword); r.Status != 200 {
		t.Fatalf("sign in as %s: %d %s", email, r.Status, r.Body)
	}
	return &bankClient{c: c, w: w}
}

// bankClient records every answer, so the test can check none of them shows the account number.
type bankClient struct {
	c *apptest.Client
	w *bankWorld
}

func (b *bankClient) do(t *testing.T, method, path string, body any, status int) *apptest.Response {
	t.Helper()
	r := b.c.For(t).Do(method, path, body)
	b.w.all = append(b.w.all, r)
	if r.Status != status {
		t.Fatalf("%s %s: status = %d, want %d; body %s", method, path, r.Status, status, r.Body)
	}
	return r
}

func decode[T any](t *testing.T, r *apptest.Response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
	return v
}

type changeAnswer struct {
	Change  suppliers.BankChangeView `json:"change"`
	Message string                   `json:"message"`
}

func (b *bankClient) request(t *testing.T, account string, status int) *apptest.Response {
	t.Helper()
	return b.do(t, "POST", "/api/v1/supplier/bank-details",
		map[string]any{"accountName": "Holloway Handyman Ltd", "sortCode": "30-94-30", "accountNumber": account}, status)
}

func (b *bankClient) details(t *testing.T) suppliers.BankDetails {
	t.Helper()
	return decode[suppliers.BankDetails](t, b.do(t, "GET", "/api/v1/supplier/bank-details", nil, 200))
}

func (b *bankClient) queue(t *testing.T, query string) suppliers.BankQueue {
	t.Helper()
	return decode[suppliers.BankQueue](t, b.do(t, "GET", "/api/v1/bank-changes"+query, nil, 200))
}

func callback(phone string) map[string]any {
	return map[string]any{"phone": phone, "note": "Spoke to Alice, who confirmed the new account."}
}

func (w *bankWorld) activateDue(t *testing.T) int {
	t.Helper()
	n, err := w.p.App.Suppliers.ActivateDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// runJob runs the activation job's worker for a change, as River would, and returns its answer.
func (w *bankWorld) runJob(id string) error {
	return w.p.App.Suppliers.ActivateBankChangeWorker().Work(context.Background(), &river.Job[suppliers.ActivateBankChangeArgs]{
		Args: suppliers.ActivateBankChangeArgs{ChangeID: id}})
}

// runJobDone runs the activation job and wants it to finish (not wait for later).
func (w *bankWorld) runJobDone(t *testing.T, id string) {
	t.Helper()
	if err := w.runJob(id); err != nil {
		t.Fatalf("activation job: %v", err)
	}
}

func (w *bankWorld) status(t *testing.T, id string) suppliers.BankStatus {
	t.Helper()
	var s string
	if err := w.p.App.DB.Gorm.Table("bank_detail_changes").Select("status").Where("id = ?", id).Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	return suppliers.BankStatus(s)
}

func (w *bankWorld) auditActions(t *testing.T, id string) []string {
	t.Helper()
	var actions []string
	if err := w.p.App.DB.Gorm.Table("audit_log").Where("subject_type = ? AND subject_id = ?", "bank_detail_change", id).
		Order("seq").Pluck("action", &actions).Error; err != nil {
		t.Fatal(err)
	}
	return actions
}

// approveAll takes a pending change through the call-back and approval, returning when it takes effect.
func approveAll(t *testing.T, bea, ade *bankClient, id string) time.Time {
	t.Helper()
	bea.do(t, "POST", "/api/v1/bank-changes/"+id+"/callback", callback(bankOldPhone), 200)
	it := decode[suppliers.BankQueueItem](t, ade.do(t, "POST", "/api/v1/bank-changes/"+id+"/approve", nil, 200))
	if it.CoolingOffUntil == nil {
		t.Fatalf("approved change has no cooling-off end: %+v", it)
	}
	return *it.CoolingOffUntil
}
