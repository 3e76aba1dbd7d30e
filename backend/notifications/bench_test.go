package notifications_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/fairtender/fairtender/emails"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
	gomail "github.com/wneessen/go-mail"
)

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a whole number", name, v)
	}
	return n
}

// seedSuppliers makes n verified suppliers with one to three alerts each, about a third of which
// match roof repairs (CPV 45261000-4, "roof"), and one published roof repairs opportunity. It
// returns the opportunity's ID.
func seedSuppliers(b *testing.B, db *database.DB, n int, now time.Time) string {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	users := make([][]any, 0, n+1)
	var alerts [][]any
	cpvs := []string{"45000000-7", "45261000-4", "90910000-9", "79000000-4", "72000000-5", "85000000-9"}
	keywords := []string{"roof", "cleaning", "catering", "software", "", "", ""}
	for i := range n {
		id := uuid.NewString()
		users = append(users, []any{id, fmt.Sprintf("supplier%06d@example.org", i), "Supplier", "supplier", now, now, now})
		for range 1 + rng.IntN(3) {
			freq := notifications.FrequencyInstant
			if rng.IntN(4) == 0 {
				freq = notifications.FrequencyDaily
			}
			alerts = append(alerts, []any{uuid.NewString(), id, "Alert", keywords[rng.IntN(len(keywords))], cpvs[rng.IntN(len(cpvs))], "", "", int64(0), int64(0), freq, false, now, now})
		}
	}
	buyer := uuid.NewString()
	users = append(users, []any{buyer, "buyer@council.example", "Buyer", "buyer", now, now, now})
	dbtest.BulkInsert(b, db, "users", "id, email, name, role, email_verified_at, created_at, updated_at", users)
	dbtest.BulkInsert(b, db, "alerts", "id, user_id, name, keywords, cpv_codes, localities, procedures, min_value_pence, max_value_pence, frequency, from_profile, created_at, updated_at", alerts)
	opp := uuid.NewString()
	deadline := now.Add(30 * 24 * time.Hour)
	err := db.Gorm.Exec(`INSERT INTO opportunities (id, reference, status, title, summary, description, procedure, estimated_value_pence, contract_months,
		place_of_delivery, locality, suitable_for_smes, suitable_for_vcses, reserved, submission_deadline, expected_award_on, social_value_justification,
		short_period_reason, expected_quarter, contact_email, cancel_reason, version, created_by, created_at, updated_at, published_at)
		VALUES (?, 'FT-2026-000001', 'published', 'School roof repairs', 'Flat roof repairs at three primary schools.', 'Over the summer holidays.',
		'open_tender', 15000000, 12, 'E09000019', 'local', true, false, 'none', ?, '', '', '', '', '', '', 1, ?, ?, ?, ?)`,
		opp, deadline, buyer, now, now, now).Error
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Exec("INSERT INTO opportunity_cpv_codes (opportunity_id, code) VALUES (?, '45261000-4')", opp).Error; err != nil {
		b.Fatal(err)
	}
	return opp
}

// BenchmarkFanOut measures matching one published opportunity against every alert of
// FAIRTENDER_BENCH_SUPPLIERS suppliers (default 2,000; BENCHMARKS.md quotes 100,000) holding one
// to three alerts each: from the fan-out job starting to every notification written and every
// email queued (instant ones queued for the sender, daily ones waiting for the digest). Beside
// it, the floor: one INSERT … SELECT writing the same rows, and the ratio of the two.
//
//	FAIRTENDER_TEST_DB=postgres FAIRTENDER_BENCH_SUPPLIERS=100000 go test -run '^$' -bench BenchmarkFanOut -benchtime 3x ./backend/notifications/
func BenchmarkFanOut(b *testing.B) {
	n := envInt(b, "FAIRTENDER_BENCH_SUPPLIERS", 2000)
	db := dbtest.Open(b)
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	opp := seedSuppliers(b, db, n, now)
	b.Logf("seeded %d suppliers on %s in %s", n, db.Dialect, time.Since(start).Round(time.Millisecond))
	log := slog.New(slog.DiscardHandler)
	var client *jobs.Client
	svc := notifications.NewService(notifications.Deps{DB: db, Jobs: func() *jobs.Client { return client }, Now: func() time.Time { return now }, Config: cfg, Log: log,
		Opportunities: opportunities.NewService(opportunities.Deps{DB: db, Now: func() time.Time { return now }, Config: cfg, Log: log}),
		Accounts:      accounts.NewDirectory(db)})
	workers := river.NewWorkers()
	svc.AddWorkers(workers)
	if client, err = jobs.New(db, workers, log, jobs.Options{}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var fan, floor []time.Duration
	var written int64
	for b.Loop() {
		b.StopTimer()
		if err := db.Gorm.Exec("DELETE FROM notifications").Error; err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		w, err := svc.FanOut(ctx, "published", opp, "")
		if err != nil {
			b.Fatal(err)
		}
		fan = append(fan, time.Since(t0))
		b.StopTimer()
		written = w
		var distinct int64
		db.Gorm.Raw("SELECT count(DISTINCT user_id) FROM notifications WHERE opportunity_id = ?", opp).Scan(&distinct)
		if distinct != w {
			b.Fatalf("wrote %d notifications for %d people: someone was told twice or not at all", w, distinct)
		}
		newID := "gen_random_uuid()"
		if db.Dialect == database.SQLite {
			newID = "lower(hex(randomblob(16)))"
		}
		t1 := time.Now()
		res := db.Gorm.Exec(`INSERT INTO notifications (id, user_id, dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at,
			read_at, email_status, email_attempts, email_due_at, emailed_at)
			SELECT `+newID+`, user_id, 'floor:' || dedupe_key, kind, opportunity_id, alert_id, interest_id, title, body, link, created_at, read_at,
			email_status, email_attempts, email_due_at, emailed_at FROM notifications WHERE opportunity_id = ?`, opp)
		if res.Error != nil {
			b.Fatal(res.Error)
		}
		floor = append(floor, time.Since(t1))
		b.StartTimer()
	}
	f, fl := median(fan), median(floor)
	b.ReportMetric(float64(written), "notifications")
	b.ReportMetric(f.Seconds()*1000, "fanout-ms")
	b.ReportMetric(fl.Seconds()*1000, "floor-ms")
	b.ReportMetric(float64(f)/float64(fl), "ratio")
	var queued, digest int64
	db.Gorm.Raw("SELECT count(*) FROM notifications WHERE email_status = 'queued' AND dedupe_key NOT LIKE 'floor:%'").Scan(&queued)
	db.Gorm.Raw("SELECT count(*) FROM notifications WHERE email_status = 'digest' AND dedupe_key NOT LIKE 'floor:%'").Scan(&digest)
	b.Logf("%s: %d suppliers, %d notifications (%d emails queued, %d for the digest); fan-out median %s, floor median %s, ratio %.1f",
		db.Dialect, n, written, queued, digest, f.Round(time.Millisecond), fl.Round(time.Millisecond), float64(f)/float64(fl))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkEmailDelivery measures notification emails delivered to the SMTP server of
// FAIRTENDER_TEST_SMTP_URL (Mailpit) per second, FAIRTENDER_BENCH_EMAILS of them (default 300),
// beside a bare go-mail loop sending as many messages of the same size in the same run.
//
//	FAIRTENDER_TEST_DB=postgres go test -run '^$' -bench BenchmarkEmailDelivery -benchtime 1x ./backend/notifications/
func BenchmarkEmailDelivery(b *testing.B) {
	smtpURL := testenv.Require(b, "FAIRTENDER_TEST_SMTP_URL")
	n := envInt(b, "FAIRTENDER_BENCH_EMAILS", 300)
	db := dbtest.Open(b)
	now := time.Now().UTC()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	sender, err := mailer.NewSMTP(smtpURL, "Bench <noreply@bench.example>")
	if err != nil {
		b.Fatal(err)
	}
	renderer, err := mailer.NewRenderer(emails.FS, map[string]any{"CouncilName": "Islington Council", "ServiceName": "Find and win council work", "BaseURL": "https://portal.example"})
	if err != nil {
		b.Fatal(err)
	}
	opp := seedSuppliers(b, db, n, now)
	log := slog.New(slog.DiscardHandler)
	svc := notifications.NewService(notifications.Deps{DB: db, Now: time.Now, Config: cfg, Log: log, Renderer: renderer, Sender: sender,
		Opportunities: opportunities.NewService(opportunities.Deps{DB: db, Now: time.Now, Config: cfg, Log: log}), Accounts: accounts.NewDirectory(db)})
	ctx := context.Background()
	var portal, bare []float64
	var size int
	for b.Loop() {
		b.StopTimer()
		db.Gorm.Exec("DELETE FROM notifications")
		if _, err := svc.FanOut(ctx, "published", opp, ""); err != nil {
			b.Fatal(err)
		}
		db.Gorm.Exec("UPDATE notifications SET email_status = 'queued', email_due_at = ?", now) // the digest ones too: n emails in all
		var queued int64
		db.Gorm.Raw("SELECT count(*) FROM notifications WHERE email_status = 'queued'").Scan(&queued)
		b.StartTimer()
		t0 := time.Now()
		sent, err := svc.SendQueued(ctx)
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(t0)
		if int64(sent) != queued {
			b.Fatalf("sent %d of %d queued emails", sent, queued)
		}
		portal = append(portal, float64(sent)/el.Seconds())

		b.StopTimer()
		// The bare loop: go-mail alone, one connection per message as the portal's sender uses,
		// the same number of messages of about the same size, sent one after another.
		host, port := hostPort(b, smtpURL)
		client, err := gomail.NewClient(host, gomail.WithPort(port), gomail.WithTLSPolicy(gomail.NoTLS))
		if err != nil {
			b.Fatal(err)
		}
		body := strings.Repeat("An opportunity matches your alert. ", 60)
		size = len(body)
		t1 := time.Now()
		for i := range int(queued) {
			m := gomail.NewMsg()
			_ = m.From("noreply@bench.example")
			_ = m.To(fmt.Sprintf("bare%06d@example.org", i))
			m.Subject("Bare go-mail")
			m.SetBodyString(gomail.TypeTextPlain, body)
			if err := client.DialAndSendWithContext(ctx, m); err != nil {
				b.Fatal(err)
			}
		}
		bare = append(bare, float64(queued)/time.Since(t1).Seconds())
		b.StartTimer()
	}
	p, r := medianF(portal), medianF(bare)
	b.ReportMetric(p, "portal-emails/s")
	b.ReportMetric(r, "bare-emails/s")
	b.ReportMetric(p/r, "ratio")
	b.Logf("%s: %d emails; portal %.0f/s (rendered, %d at a time, recorded), bare go-mail %.0f/s (%d-byte text, one at a time); ratio %.2f",
		db.Dialect, n, p, 4, r, size, p/r)
}

func medianF(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func hostPort(b *testing.B, smtpURL string) (string, int) {
	rest := strings.TrimPrefix(smtpURL, "smtp://")
	host, p, ok := strings.Cut(rest, ":")
	port, err := strconv.Atoi(p)
	if !ok || err != nil {
		b.Fatalf("FAIRTENDER_TEST_SMTP_URL=%q: want smtp://host:port", smtpURL)
	}
	return host, port
}
