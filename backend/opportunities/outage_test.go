package opportunities_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/heartbeat"
)

// beats writes a healthy beat for every minute in [from, to) except those in gaps.
func beats(t *testing.T, p *apptest.Portal, from, to time.Time, gaps ...[2]time.Time) {
	t.Helper()
	for m := from.Truncate(time.Minute); m.Before(to); m = m.Add(time.Minute) {
		down := false
		for _, g := range gaps {
			down = down || !m.Before(g[0]) && m.Before(g[1])
		}
		if !down {
			if err := heartbeat.Record(context.Background(), p.App.DB, heartbeat.Beat{Replica: "replica-a", Minute: heartbeat.MinuteOf(m), Ready: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func extendForOutages(t *testing.T, p *apptest.Portal) int {
	t.Helper()
	n, err := p.App.Opportunities.ExtendForOutages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// amendedNotices waits a little for the notification jobs and counts the "amended" notices in c's inbox.
func amendedNotices(t *testing.T, c *apptest.Client, want int) int {
	t.Helper()
	n := 0
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		n = 0
		for _, it := range c.Do("GET", "/api/v1/notifications", nil).JSON()["items"].([]any) {
			if it.(map[string]any)["kind"] == "amended" {
				n++
			}
		}
		if n >= want || time.Now().After(deadline) {
			return n
		}
	}
}

func TestAnOutageBeforeTheDeadlineMovesItToTheNextWorkingDay(t *testing.T) {
	// Monday 1 March 2027; the deadline is Friday 26 March at noon (GMT), and a day later is a
	// Saturday, then Easter Sunday and Easter Monday: the deadline must move to Tuesday 30 March at
	// noon London time, which is 11:00 UTC once the clocks have gone forward.
	start := time.Date(2027, time.March, 1, 9, 0, 0, 0, time.UTC)
	p := apptest.Start(t, apptest.Options{Start: start, Env: map[string]string{
		"FAIRTENDER_OUTAGE_MINUTES": "10", "FAIRTENDER_OUTAGE_WINDOW": "3h"}})
	p.Clock.Freeze()
	b := buyer(t, p, "buyer@council.example")
	deadline := time.Date(2027, time.March, 26, 12, 0, 0, 0, time.UTC)
	id := create(t, b, with(draft(start), "submissionDeadline", rfc(deadline)))
	want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)
	keen := p.Supplier(t, accounts.RegisterInput{Email: "keen@example.org"})
	want(t, keen.Do("POST", "/api/v1/opportunities/"+id+"/interest", nil), 200)

	// The portal ran until two hours before the deadline with one gap of 10 minutes. The beats are
	// written before the clock moves: the running portal checks for outages every minute (and
	// once on start, which on a busy machine can come late), and a check between the move and
	// the beats would see three hours without any.
	gapA := [2]time.Time{deadline.Add(-150 * time.Minute), deadline.Add(-140 * time.Minute)}
	beats(t, p, deadline.Add(-4*time.Hour), deadline.Add(-2*time.Hour), gapA)
	p.Clock.Advance(deadline.Add(-2 * time.Hour).Sub(p.Clock.Now()))
	t.Run("10 minutes down is within the limit: the deadline stands", func(t *testing.T) {
		if n := extendForOutages(t, p); n != 0 {
			t.Fatalf("%d deadlines moved, want none", n)
		}
		if got := b.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["submissionDeadline"].(map[string]any)["at"]; got != rfc(deadline) {
			t.Errorf("deadline = %v, want %s", got, rfc(deadline))
		}
	})

	// Five more minutes down an hour later: 15 in the window.
	gapB := [2]time.Time{deadline.Add(-90 * time.Minute), deadline.Add(-85 * time.Minute)}
	beats(t, p, p.Clock.Now(), deadline.Add(-time.Hour), gapB)
	p.Clock.Advance(time.Hour)
	moved := time.Date(2027, time.March, 30, 11, 0, 0, 0, time.UTC)
	t.Run("15 minutes down moves the deadline a day, past the weekend, with the reason shown publicly", func(t *testing.T) {
		// The running portal's own every-minute check may have got there first: either way the
		// deadline moves once (the amendments below, and the notices and audit after).
		if n := extendForOutages(t, p); n > 1 {
			t.Fatalf("%d deadlines moved, want 1", n)
		}
		page := p.Client(t).Do("GET", "/api/v1/opportunities/"+id, nil).JSON()
		if got := page["submissionDeadline"].(map[string]any)["at"]; got != rfc(moved) {
			t.Errorf("deadline = %v, want %s (Tuesday at noon in London)", got, rfc(moved))
		}
		ams := page["amendments"].([]any)
		note := ams[0].(map[string]any)["note"].(string)
		if len(ams) != 1 || !strings.Contains(note, "unavailable or failing for 15 minutes") || !strings.Contains(note, "Tuesday 30 March 2027") {
			t.Errorf("amendments = %v, want one saying why and when", ams)
		}
	})
	t.Run("everyone who follows it is told once, however often the check runs", func(t *testing.T) {
		if n := extendForOutages(t, p); n != 0 {
			t.Errorf("the check moved %d deadlines again", n)
		}
		p.Clock.Advance(time.Minute)
		beats(t, p, deadline.Add(-time.Hour), p.Clock.Now())
		if n := extendForOutages(t, p); n != 0 {
			t.Errorf("the outage that moved the deadline moved it again (%d)", n)
		}
		keen = p.SignedIn(t, "keen@example.org", apptest.Password) // the session ended while the clock moved on
		if n := amendedNotices(t, keen, 1); n != 1 {
			t.Errorf("the interested supplier got %d notices, want 1", n)
		}
		var audited int64
		p.App.DB.Gorm.Table("audit_log").Where("action = ? AND subject_id = ?", "opportunity.deadline_moved_for_outage", id).Count(&audited)
		if audited != 1 {
			t.Errorf("%d audit entries for the move, want 1", audited)
		}
	})
}

func TestAPortalDownAtTheDeadlineMovesItInsteadOfClosing(t *testing.T) {
	start := time.Date(2027, time.March, 1, 9, 0, 0, 0, time.UTC)
	p := apptest.Start(t, apptest.Options{Start: start, Env: map[string]string{
		"FAIRTENDER_OUTAGE_MINUTES": "10", "FAIRTENDER_OUTAGE_WINDOW": "2h"}})
	p.Clock.Freeze()
	bids := &hearer{}
	p.App.Opportunities.OnDeadline("bids", bids.handle)
	b := buyer(t, p, "buyer@council.example")
	deadline := time.Date(2027, time.March, 31, 12, 0, 0, 0, time.UTC) // a Wednesday
	id := create(t, b, with(draft(start), "submissionDeadline", rfc(deadline)))
	want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)

	// Up until 20 minutes before the deadline, then nothing until half an hour after it.
	beats(t, p, deadline.Add(-3*time.Hour), deadline.Add(-20*time.Minute))
	p.Clock.Advance(deadline.Add(30 * time.Minute).Sub(p.Clock.Now()))
	runJobs(t, p, id) // the deadline job, running late as the portal comes back
	sweep(t, p)
	// Only the clarification deadline passed; the deadline for bids did not.
	heardAll(t, "bids", bids.heard(), id+" clarification "+rfc(start.Add(20*24*time.Hour)))
	got := b.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()
	if at := got["submissionDeadline"].(map[string]any)["at"]; at != rfc(deadline.Add(24*time.Hour)) || got["status"] != "open" {
		t.Errorf("deadline %v status %v, want open until %s", at, got["status"], rfc(deadline.Add(24*time.Hour)))
	}
}
