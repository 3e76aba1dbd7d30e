package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/evaluation"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/workdays"
)

// setup points the command at a fresh database and data directory, and returns the database.
func setup(t *testing.T) *database.DB {
	t.Helper()
	db, url := dbtest.OpenURL(t)
	t.Cleanup(func() { db.Close() })
	t.Setenv("FAIRTENDER_DATABASE_URL", url)
	t.Setenv("FAIRTENDER_DATA_DIR", t.TempDir())
	t.Setenv("FAIRTENDER_LOG_LEVEL", "error")
	return db
}

func runCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out)
	return out.String(), err
}

func TestAdminCreateUserThenAuditVerify(t *testing.T) {
	setup(t)
	out, err := runCmd(t, "granite puffin orchard\n", "admin", "create-user", "--email", "Officer@Council.example", "--name", "Olu Officer", "--role", "case_officer", "--password-stdin")
	if err != nil || !strings.Contains(out, "officer@council.example (case_officer)") {
		t.Fatalf("create-user: %q, %v", out, err)
	}
	t.Run("a weak password is refused", func(t *testing.T) {
		if _, err := runCmd(t, "password1234\n", "admin", "create-user", "--email", "b@council.example", "--name", "B", "--role", "buyer", "--password-stdin"); err == nil {
			t.Fatal("weak password accepted")
		}
	})
	t.Run("an unknown role is refused", func(t *testing.T) {
		if _, err := runCmd(t, "granite puffin orchard\n", "admin", "create-user", "--email", "c@council.example", "--name", "C", "--role", "king", "--password-stdin"); err == nil {
			t.Fatal("unknown role accepted")
		}
	})
	t.Run("the password must come from stdin", func(t *testing.T) {
		if _, err := runCmd(t, "", "admin", "create-user", "--email", "d@council.example", "--name", "D", "--role", "buyer"); err == nil {
			t.Fatal("created a user without --password-stdin")
		}
	})
	out, err = runCmd(t, "", "audit", "verify")
	if err != nil || !strings.Contains(out, "intact: 1 entries") {
		t.Fatalf("audit verify: %q, %v", out, err)
	}
}

func TestDemoIsRepeatableAndPrintsSignIns(t *testing.T) {
	setup(t)
	first, err := runCmd(t, "", "demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"4 supplier organisations have complete profiles", "a question answered to everyone", "takes sealed bids in the portal", "Islington", "Camden, City of London, Hackney, Haringey", "buyer@demo.fairtender.localhost", "admin@demo.fairtender.localhost", "supplier@demo.fairtender.localhost", demoPassword,
		"admin@demo.fairtender.localhost  (asks for a two-step code)", "DEMO FAIR TEND ERTO TPKE Y234 567A BCDE"} {
		if !strings.Contains(first, want) {
			t.Errorf("demo output lacks %q:\n%s", want, first)
		}
	}
	if second, err := runCmd(t, "", "demo"); err != nil || second != first {
		t.Fatalf("second demo run: %v\n%s", err, second)
	}

	// What a supplier sees of each open demo opportunity: someone to ask, a specification to
	// read, and deadlines on working days.
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{NoWorkers: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	found, err := a.Opportunities.Search(context.Background(), opportunities.SearchFilter{}, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	cal := workdays.Default()
	open := 0
	for _, item := range found.Items {
		o, err := a.Opportunities.GetOpportunity(context.Background(), nil, item.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Status != opportunities.StatusOpen {
			continue
		}
		open++
		if o.ContactEmail != "buyer@demo.fairtender.localhost" {
			t.Errorf("%q names %q to contact, want the demo buyer", o.Title, o.ContactEmail)
		}
		if len(o.Documents) == 0 {
			t.Errorf("%q has no documents", o.Title)
		} else {
			r, doc, err := a.Opportunities.OpenDocument(context.Background(), nil, o.ID, o.Documents[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			head := make([]byte, 5)
			_, err = io.ReadFull(r, head)
			r.Close()
			if err != nil || string(head) != "%PDF-" || doc.ContentType != "application/pdf" {
				t.Errorf("%q's document %s (%s) is not a PDF: %q %v", o.Title, doc.Filename, doc.ContentType, head, err)
			}
		}
		for _, d := range []*opportunities.Deadline{o.ClarificationDeadline, o.SubmissionDeadline} {
			if d == nil || !cal.IsWorkingDay(d.At) {
				t.Errorf("%q has a deadline %v, not on a working day", o.Title, d)
			}
		}
	}
	if open != len(demoOpenings) {
		t.Errorf("%d demo opportunities are open, want %d", open, len(demoOpenings))
	}
	// The past opportunities: one being evaluated, one scored.
	buyer, err := a.Accounts.UserIDByEmail(context.Background(), "buyer@demo.fairtender.localhost")
	if err != nil {
		t.Fatal(err)
	}
	p := &auth.Principal{UserID: buyer, Role: auth.RoleBuyer, EmailVerified: true}
	stages := map[string]string{}
	mine, err := a.Opportunities.ListForBuyers(context.Background(), p, opportunities.BuyerFilter{}, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range mine.Items {
		if ev, err := a.Evaluation.Get(context.Background(), p, item.ID); err == nil && ev.Stage != evaluation.StageSealed {
			stages[item.Title] = ev.Stage
		}
	}
	if stages[demoPast[0].title] != evaluation.StageScoring || stages[demoPast[1].title] != evaluation.StageScored || len(stages) != 2 {
		t.Errorf("evaluation stages = %v, want %q scoring and %q scored", stages, demoPast[0].title, demoPast[1].title)
	}
	// The awarded one: the demo supplier won and can read its feedback.
	for _, item := range mine.Items {
		if item.Title != demoPast[1].title {
			continue
		}
		won, err := a.Evaluation.Awarded(context.Background(), item.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(won.Lots) != 1 || won.Lots[0].OrganisationName != demoOrganisations[0].org || won.StandstillEndsAt == nil {
			t.Errorf("awarded = %+v, want %s with a standstill running", won, demoOrganisations[0].org)
		}
	}
}

// The demo may be loaded on any day, and its deadlines follow: none may fall on a weekend or a
// bank holiday (loaded in December, the libraries tender closed on 1 January with questions on
// Christmas Day), each is at midday in London, and each still gives the procedure's minimum time.
func TestDemoDeadlinesFallOnWorkingDays(t *testing.T) {
	cal := workdays.Default()
	minDays := map[string]int{"open_tender": 25, "quick_quote": 10}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, format.London)
	for day := 0; day < 2*365; day++ {
		for _, hour := range []int{0, 13, 23} {
			now := start.AddDate(0, 0, day).Add(time.Duration(hour) * time.Hour)
			for _, d := range demoOpenings {
				clar, sub := d.deadlines(now)
				for name, at := range map[string]time.Time{"questions": clar, "bids": sub} {
					if !cal.IsWorkingDay(at) {
						holiday, _ := cal.Holiday(at)
						t.Fatalf("loaded at %v, %q takes %s on %s %s, not a working day", now, d.title, name, format.DateTime(at), holiday)
					}
					if l := at.In(format.London); l.Hour() != 12 || l.Minute() != 0 {
						t.Fatalf("loaded at %v, %q takes %s at %s, not midday", now, d.title, name, format.DateTime(at))
					}
				}
				if !clar.Before(sub) || clar.Before(now) {
					t.Fatalf("loaded at %v, %q: questions close %v, bids %v", now, d.title, clar, sub)
				}
				if sub.Sub(now) < time.Duration(minDays[d.procedure])*24*time.Hour {
					t.Fatalf("loaded at %v, %q gives less than %d days to bid", now, d.title, minDays[d.procedure])
				}
			}
		}
	}
}

func TestConfigMasksSecrets(t *testing.T) {
	t.Setenv("FAIRTENDER_SMTP_URL", "smtp://mailer:hunter2-smtp@mail.example:587")
	t.Setenv("FAIRTENDER_SECRET_KEY", "very-secret-signing-key-0123456789abcdef")
	out, err := runCmd(t, "", "config")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "hunter2-smtp") || strings.Contains(out, "very-secret-signing-key") {
		t.Fatalf("config printed a secret:\n%s", out)
	}
	if !strings.Contains(out, "mail.example:587") || !strings.Contains(out, "FAIRTENDER_LISTEN=:8080") {
		t.Fatalf("config output lacks settings:\n%s", out)
	}
}

func TestConfigWarnsOfAPublicHTTPBaseURL(t *testing.T) {
	t.Setenv("FAIRTENDER_BASE_URL", "http://portal.council.example")
	out, err := runCmd(t, "", "config")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "# Warning: FAIRTENDER_BASE_URL is http://portal.council.example") {
		t.Errorf("config does not warn of the http base URL:\n%s", out)
	}
	t.Setenv("FAIRTENDER_BASE_URL", "http://localhost:8080")
	if out, _ := runCmd(t, "", "config"); strings.Contains(out, "Warning") {
		t.Errorf("config warns of localhost:\n%s", out)
	}
}

func TestOpenAPIIsPrintedWithoutSettings(t *testing.T) {
	out, err := runCmd(t, "", "openapi")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Paths["/api/v1/auth/register"] == nil {
		t.Fatalf("openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
}

func TestUnknownCommand(t *testing.T) {
	if _, err := runCmd(t, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), "Usage") {
		t.Fatalf("err = %v", err)
	}
}

func TestAdminSwitchesAccountsFromTheCommandLine(t *testing.T) {
	setup(t)
	for _, u := range [][]string{{"boss@council.example", "admin"}, {"bea@council.example", "buyer"}} {
		if _, err := runCmd(t, "granite puffin orchard\n", "admin", "create-user", "--email", u[0], "--name", "Someone", "--role", u[1], "--password-stdin"); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		args []string
		out  string
	}{
		{[]string{"set-role", "--email", "Bea@Council.example", "--role", "evaluator"}, "bea@council.example is now evaluator"},
		{[]string{"end-sessions", "--email", "bea@council.example"}, "0 sessions ended"},
		{[]string{"deactivate", "--email", "bea@council.example"}, "Deactivated bea@council.example"},
		{[]string{"reactivate", "--email", "bea@council.example"}, "Reactivated bea@council.example"},
	}
	for _, s := range steps {
		out, err := runCmd(t, "", append([]string{"admin"}, s.args...)...)
		if err != nil || !strings.Contains(out, s.out) {
			t.Fatalf("admin %v: %q, %v; want %q", s.args, out, err, s.out)
		}
	}
	refusals := []struct {
		name string
		args []string
		err  string
	}{
		{"the last admin cannot be switched off", []string{"deactivate", "--email", "boss@council.example"}, "always be an active admin"},
		{"an unknown role is refused", []string{"set-role", "--email", "bea@council.example", "--role", "supplier"}, "--role"},
		{"an unknown email is named", []string{"deactivate", "--email", "nobody@council.example"}, "nobody@council.example"},
		{"an unknown command is refused", []string{"obliterate", "--email", "bea@council.example"}, "usage"},
	}
	for _, r := range refusals {
		t.Run(r.name, func(t *testing.T) {
			if _, err := runCmd(t, "", append([]string{"admin"}, r.args...)...); err == nil || !strings.Contains(err.Error(), r.err) {
				t.Fatalf("err = %v, want one mentioning %q", err, r.err)
			}
		})
	}
	out, err := runCmd(t, "", "audit", "verify")
	// Two users created, then four changes, each audited.
	if err != nil || !strings.Contains(out, "intact: 6 entries") {
		t.Fatalf("audit verify: %q, %v", out, err)
	}
}

func TestAdminResetTwoStepForALostPhone(t *testing.T) {
	setup(t)
	if _, err := runCmd(t, "", "demo"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "", "admin", "reset-two-step", "--email", "Admin@demo.fairtender.localhost")
	if err != nil || !strings.Contains(out, "removed for admin@demo.fairtender.localhost") {
		t.Fatalf("reset-two-step: %q, %v", out, err)
	}
	if _, err := runCmd(t, "", "admin", "reset-two-step", "--email", "admin@demo.fairtender.localhost"); err == nil || !strings.Contains(err.Error(), "has not set up") {
		t.Errorf("a second reset: %v, want it to say there is nothing to reset", err)
	}
	if _, err := runCmd(t, "", "admin", "reset-two-step", "--email", "nobody@demo.fairtender.localhost"); err == nil {
		t.Error("reset an account that does not exist")
	}
}
