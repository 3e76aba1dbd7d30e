package opportunities_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// hearer is one feature subscribed to deadlines; it notes what it heard.
type hearer struct {
	mu  sync.Mutex
	got []string
}

func (h *hearer) handle(_ context.Context, _ *gorm.DB, e opportunities.DeadlinePassed) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, fmt.Sprintf("%s %s %s", e.OpportunityID, e.Kind, e.At.UTC().Format(time.RFC3339)))
	return nil
}

func (h *hearer) heard() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.got...)
}

// deadlineJobs are the scheduled deadline jobs of opportunity id.
func deadlineJobs(t *testing.T, p *apptest.Portal, id string) []*river.Job[opportunities.DeadlineArgs] {
	t.Helper()
	res, err := p.App.Jobs.JobList(context.Background(), river.NewJobListParams().Kinds(opportunities.DeadlineArgs{}.Kind()).
		States(rivertype.JobStateScheduled, rivertype.JobStateAvailable).First(100))
	if err != nil {
		t.Fatal(err)
	}
	var out []*river.Job[opportunities.DeadlineArgs]
	for _, j := range res.Jobs {
		var a opportunities.DeadlineArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			t.Fatal(err)
		}
		if a.OpportunityID == id {
			out = append(out, &river.Job[opportunities.DeadlineArgs]{JobRow: j, Args: a})
		}
	}
	return out
}

// runJobs works every deadline job of id as River would at its scheduled time, and returns the
// jobs snoozed because their deadline is still ahead.
func runJobs(t *testing.T, p *apptest.Portal, id string) int {
	t.Helper()
	w, snoozed := p.App.Opportunities.DeadlineWorker(), 0
	for _, j := range deadlineJobs(t, p, id) {
		if err := w.Work(context.Background(), j); err != nil {
			var snooze *river.JobSnoozeError
			if !errors.As(err, &snooze) {
				t.Fatalf("deadline job %v: %v", j.Args, err)
			}
			snoozed++
		}
	}
	return snoozed
}

func signIn(t *testing.T, c *apptest.Client, email string) {
	t.Helper()
	want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": pw}), 200)
}

func sweep(t *testing.T, p *apptest.Portal) {
	t.Helper()
	if _, err := p.App.Opportunities.SweepDeadlines(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func heardAll(t *testing.T, who string, got []string, want ...string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s heard %v, want %v", who, got, want)
	}
}

func TestDeadlinePassed(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	b := buyer(t, p, "buyer@council.example")
	bids, clar := &hearer{}, &hearer{}
	p.App.Opportunities.OnDeadline("bids", bids.handle)
	p.App.Opportunities.OnDeadline("clarifications", clar.handle)
	now := p.Clock.Now()
	body := draft(now)
	id := create(t, b, body)
	want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)
	clarAt, subAt := body["clarificationDeadline"].(string), body["submissionDeadline"].(string)
	heardClar := id + " clarification " + clarAt

	t.Run("publishing schedules a job at each deadline", func(t *testing.T) {
		got := map[opportunities.DeadlineKind]string{}
		for _, j := range deadlineJobs(t, p, id) {
			got[j.Args.Deadline] = j.ScheduledAt.UTC().Format(time.RFC3339)
		}
		if got[opportunities.ClarificationDeadline] != clarAt || got[opportunities.SubmissionDeadline] != subAt || len(got) != 2 {
			t.Errorf("scheduled = %v, want clarification at %s and submission at %s", got, clarAt, subAt)
		}
	})

	t.Run("before the deadline nobody hears", func(t *testing.T) {
		if n := runJobs(t, p, id); n != 2 {
			t.Errorf("%d jobs snoozed, want 2", n)
		}
		sweep(t, p)
		heardAll(t, "bids", bids.heard())
		heardAll(t, "clarifications", clar.heard())
	})

	t.Run("the clarification deadline passes: each subscriber hears once", func(t *testing.T) {
		p.Clock.Advance(20*24*time.Hour + time.Minute)
		runJobs(t, p, id)
		heardAll(t, "bids", bids.heard(), heardClar)
		heardAll(t, "clarifications", clar.heard(), heardClar)
	})

	t.Run("a second run and a sweep repeat nothing", func(t *testing.T) {
		runJobs(t, p, id)
		sweep(t, p)
		heardAll(t, "bids", bids.heard(), heardClar)
		heardAll(t, "clarifications", clar.heard(), heardClar)
	})

	later := rfc(now.Add(40 * 24 * time.Hour))
	heardSub := id + " submission " + later
	t.Run("an extended deadline is heard at the new time, not the old", func(t *testing.T) {
		signIn(t, b, "buyer@council.example") // the session ended while the clock moved on
		want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "More time for site visits.", "submissionDeadline": later}), 201)
		p.Clock.Advance(10 * 24 * time.Hour) // past the old deadline
		runJobs(t, p, id)
		sweep(t, p)
		heardAll(t, "bids", bids.heard(), heardClar)
		p.Clock.Advance(10 * 24 * time.Hour) // past the new one
		runJobs(t, p, id)                    // the job scheduled by the amendment, before any sweep
		heardAll(t, "bids", bids.heard(), heardClar, heardSub)
		heardAll(t, "clarifications", clar.heard(), heardClar, heardSub)
		runJobs(t, p, id)
		sweep(t, p)
		heardAll(t, "bids after a second run and a sweep", bids.heard(), heardClar, heardSub)
	})

	t.Run("the sweep delivers a deadline whose job was lost, once", func(t *testing.T) {
		signIn(t, b, "buyer@council.example")
		body := draft(p.Clock.Now())
		lost := create(t, b, body)
		want(t, b.Do("POST", "/api/v1/opportunities/"+lost+"/publish", nil), 200)
		for _, j := range deadlineJobs(t, p, lost) {
			if _, err := p.App.Jobs.JobDelete(context.Background(), j.ID); err != nil {
				t.Fatal(err)
			}
		}
		p.Clock.Advance(20*24*time.Hour + time.Minute) // downtime across the clarification deadline
		sweep(t, p)
		sweep(t, p)
		h := lost + " clarification " + body["clarificationDeadline"].(string)
		heardAll(t, "bids", bids.heard(), heardClar, heardSub, h)
		heardAll(t, "clarifications", clar.heard(), heardClar, heardSub, h)
	})
}
