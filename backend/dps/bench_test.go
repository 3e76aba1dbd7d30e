package dps_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/dps"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
)

func insertRows(b *testing.B, db *database.DB, table, columns string, rows [][]any) {
	b.Helper()
	n := len(strings.Split(columns, ","))
	per := 30000 / n
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		args := make([]any, 0, (end-start)*n)
		for i, r := range rows[start:end] {
			if i > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")")
			args = append(args, r...)
		}
		if err := db.Gorm.Exec(sb.String(), args...).Error; err != nil {
			b.Fatalf("seeding %s: %v", table, err)
		}
	}
}

// BenchmarkInvite measures inviting to a call for competition every supplier admitted to its
// category, FAIRTENDER_BENCH_MEMBERS of them (default 5,000, the figure BENCHMARKS.md quotes):
// from the invitation job starting to every invitation and in-portal notice written and every
// email queued.
//
//	FAIRTENDER_TEST_DB=postgres go test -run '^$' -bench BenchmarkInvite -benchtime 3x ./backend/dps/
func BenchmarkInvite(b *testing.B) {
	n := 5000
	if v := os.Getenv("FAIRTENDER_BENCH_MEMBERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FAIRTENDER_BENCH_MEMBERS=%q: want a whole number", v)
		}
	}
	db := dbtest.Open(b)
	// A fixed day inside the DPS's term below, so that the benchmark does not expire with it.
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	buyer, dpsID, cat, opp := uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	users := [][]any{{buyer, "buyer@council.example", "Buyer", "buyer", now, now, now}}
	var orgs, members, apps, cats [][]any
	for i := range n {
		u, o, a := uuid.NewString(), uuid.NewString(), uuid.NewString()
		users = append(users, []any{u, fmt.Sprintf("member%05d@example.org", i), "Member", "supplier", now, now, now})
		orgs = append(orgs, []any{o, fmt.Sprintf("Member %05d Ltd", i), "private_limited_company", now, now})
		members = append(members, []any{o, u, "owner", now})
		apps = append(apps, []any{a, dpsID, o, "decided", now, now, false, "", now, 1, u, now, now})
		cats = append(cats, []any{a, cat, "admitted", "", buyer, now.Add(-time.Hour)})
	}
	start := time.Now()
	insertRows(b, db, "users", "id, email, name, role, email_verified_at, created_at, updated_at", users)
	insertRows(b, db, "organisations", "id, name, legal_form, created_at, updated_at", orgs)
	insertRows(b, db, "memberships", "organisation_id, user_id, role, created_at", members)
	if err := db.Gorm.Exec(`INSERT INTO dps (id, reference, status, title, description, regime, starts_on, ends_on, fee_bp, fee_description, decision_days,
		version, created_by, created_at, updated_at, published_at) VALUES (?, 'DPS-2026-0001', 'published', 'Facilities', 'Cleaning', 'pa2023', '2026-01-01',
		'2030-01-01', 0, '', 10, 1, ?, ?, ?, ?)`, dpsID, buyer, now, now, now).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Exec(`INSERT INTO dps_categories (id, dps_id, position, name, description, cpv_codes, max_contract_value_pence, area)
		VALUES (?, ?, 0, 'Cleaning', '', '90910000-9', 0, '')`, cat, dpsID).Error; err != nil {
		b.Fatal(err)
	}
	insertRows(b, db, "dps_applications", "id, dps_id, organisation_id, status, submitted_at, due_at, extended, extension_reason, decided_at, version, created_by, created_at, updated_at", apps)
	insertRows(b, db, "dps_application_categories", "application_id, category_id, status, reason, decided_by, decided_at", cats)
	if err := db.Gorm.Exec(`INSERT INTO opportunities (id, reference, status, title, summary, description, procedure, estimated_value_pence, contract_months,
		place_of_delivery, locality, suitable_for_smes, suitable_for_vcses, reserved, submission_deadline, expected_award_on, social_value_justification,
		short_period_reason, expected_quarter, contact_email, cancel_reason, version, created_by, created_at, updated_at, published_at)
		VALUES (?, 'FT-2026-000001', 'published', 'Library cleaning', 'Cleaning', 'Daily', 'dps_call', 5000000, 12, 'E09000019', 'local', true, true, 'none',
		?, '', '', '', '', '', '', 1, ?, ?, ?, ?)`, opp, now.Add(14*24*time.Hour), buyer, now, now, now).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Exec("INSERT INTO dps_calls (opportunity_id, dps_id, category_id) VALUES (?, ?, ?)", opp, dpsID, cat).Error; err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d members on %s in %s", n, db.Dialect, time.Since(start).Round(time.Millisecond))

	log := slog.New(slog.DiscardHandler)
	var client *jobs.Client
	clock := func() time.Time { return now }
	opps := opportunities.NewService(opportunities.Deps{DB: db, Now: clock, Config: cfg, Log: log})
	dir := accounts.NewDirectory(db)
	notes := notifications.NewService(notifications.Deps{DB: db, Jobs: func() *jobs.Client { return client }, Now: clock, Config: cfg, Log: log,
		Opportunities: opps, Accounts: dir})
	svc := dps.NewService(dps.Deps{DB: db, Jobs: func() *jobs.Client { return client }, Notifications: notes, Now: clock, Config: cfg, Log: log,
		Opportunities: opps, Accounts: dir})
	workers := river.NewWorkers()
	notes.AddWorkers(workers)
	svc.AddWorkers(workers)
	if client, err = jobs.New(db, workers, log, jobs.Options{}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var took []time.Duration
	for b.Loop() {
		b.StopTimer()
		db.Gorm.Exec("DELETE FROM dps_invitations")
		db.Gorm.Exec("DELETE FROM notifications")
		b.StartTimer()
		t0 := time.Now()
		invited, err := svc.Invite(ctx, opp)
		if err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
		b.StopTimer()
		var queued int64
		db.Gorm.Raw("SELECT count(*) FROM notifications WHERE kind = 'invited' AND email_status = 'queued'").Scan(&queued)
		if invited != int64(n) || queued != int64(n) {
			b.Fatalf("invited %d and queued %d emails, want %d of each", invited, queued, n)
		}
		b.StartTimer()
	}
	slices.Sort(took)
	med := took[len(took)/2]
	b.ReportMetric(med.Seconds()*1000, "invite-ms")
	b.Logf("%s: %d members invited, %d emails queued; median %s", db.Dialect, n, n, med.Round(time.Millisecond))
}
