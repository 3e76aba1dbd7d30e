package jobs_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

const testSecret = "jobs-test-secret-0123456789abcdef0123456789"

// insertOnly returns an insert-only client and mail queue on a fresh database.
func insertOnly(t *testing.T) (*database.DB, *jobs.Client, *jobs.Mail) {
	t.Helper()
	db := dbtest.Open(t)
	mail, err := jobs.NewMail(db, testSecret, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, mail.Worker())
	c, err := jobs.New(db, workers, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mail.SetClient(c)
	return db, c, mail
}

func emailJobs(t *testing.T, c *jobs.Client) []*rivertype.JobRow {
	t.Helper()
	res, err := c.JobList(context.Background(), river.NewJobListParams().Kinds(jobs.SendEmailArgs{}.Kind()))
	if err != nil {
		t.Fatalf("JobList: %v", err)
	}
	return res.Jobs
}

func TestEmailJobLivesAndDiesWithItsTransaction(t *testing.T) {
	db, c, mail := insertOnly(t)
	ctx := context.Background()
	link := "https://tenders.example.gov.uk/verify-email?token=plain-token-4f2b9c"
	data := map[string]any{"Name": "Priya Shah", "Link": link}

	boom := errors.New("the registration failed")
	err := db.Tx(ctx, func(tx *gorm.DB) error {
		if err := mail.Enqueue(ctx, tx, "verify-email", "priya@example.org", "Priya Shah", data); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx = %v, want %v", err, boom)
	}
	if got := emailJobs(t, c); len(got) != 0 {
		t.Fatalf("%d email jobs after a rolled-back transaction, want 0: a person would be emailed about something that never happened", len(got))
	}

	if err := db.Tx(ctx, func(tx *gorm.DB) error {
		return mail.Enqueue(ctx, tx, "verify-email", "priya@example.org", "Priya Shah", data)
	}); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	got := emailJobs(t, c)
	if len(got) != 1 {
		t.Fatalf("%d email jobs after a commit, want 1", len(got))
	}
	t.Run("the link sits in the queue sealed", func(t *testing.T) {
		var args string
		if err := db.Gorm.Raw("SELECT CAST(args AS TEXT) FROM river_job WHERE id = ?", got[0].ID).Scan(&args).Error; err != nil {
			t.Fatal(err)
		}
		if args == "" {
			t.Fatal("no args stored")
		}
		for _, secret := range []string{"plain-token-4f2b9c", "verify-email?token"} {
			if strings.Contains(args, secret) {
				t.Errorf("river_job.args holds %q in plain text: %s", secret, args)
			}
		}
	})
	t.Run("jobs retry long enough to ride out an outage", func(t *testing.T) {
		if got[0].MaxAttempts < 10 {
			t.Errorf("max attempts = %d, want at least 10", got[0].MaxAttempts)
		}
	})
}

func TestPing(t *testing.T) {
	_, c, _ := insertOnly(t)
	if err := jobs.Ping(context.Background(), c); err != nil {
		t.Errorf("Ping on a migrated database: %v", err)
	}
}

// TestMailServerOutageDelaysMailAndLosesNone registers a supplier while the mail server is down,
// then brings the mail server up: the verification email must still arrive.
func TestMailServerOutageDelaysMailAndLosesNone(t *testing.T) {
	smtpURL := testenv.Require(t, "FAIRTENDER_TEST_SMTP_URL")
	mailpit := testenv.Require(t, "FAIRTENDER_TEST_MAILPIT_URL")
	u, err := url.Parse(smtpURL)
	if err != nil {
		t.Fatalf("FAIRTENDER_TEST_SMTP_URL: %v", err)
	}
	upstream := u.Host

	// A port nothing listens on: the mail server is "down".
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := probe.Addr().String()
	probe.Close()

	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_SMTP_URL": "smtp://" + down}})
	to := "outage-" + strings.ToLower(rand.Text()) + "@example.org"
	r := p.Client(t).Do("POST", "/api/v1/auth/register", map[string]any{"organisationName": "Archway Cleaning CIC",
		"legalForm": "community_interest_company", "name": "Sam Okoro", "email": to, "password": "kettle orbit meadow 42"})
	if r.Status != http.StatusAccepted {
		t.Fatalf("register: status %d, want 202; body %s", r.Status, r.Body)
	}

	failed := waitJob(t, p, to, 30*time.Second, "a failed attempt", func(j *rivertype.JobRow) bool {
		return j.Attempt >= 1 && len(j.Errors) > 0
	})
	if failed.State == rivertype.JobStateCompleted || failed.State == rivertype.JobStateCancelled || failed.State == rivertype.JobStateDiscarded {
		t.Fatalf("after a failed send the job is %s, want it waiting to retry", failed.State)
	}
	if msg := failed.Errors[0].Error; !strings.Contains(msg, down) {
		t.Errorf("recorded error %q does not name the mail server %s", msg, down)
	}

	// The mail server comes back on the same address.
	forward(t, down, upstream)

	id := waitMailpit(t, mailpit, to, 90*time.Second)
	done := waitJob(t, p, to, 30*time.Second, "completed", func(j *rivertype.JobRow) bool {
		return j.State == rivertype.JobStateCompleted
	})
	if done.Attempt < 2 {
		t.Errorf("completed after %d attempts, want at least 2", done.Attempt)
	}

	var msg struct{ Subject, Text string }
	getJSON(t, mailpit+"/api/v1/message/"+url.PathEscape(id), &msg)
	token := regexp.MustCompile(`token=([A-Za-z0-9_\-]+)`).FindStringSubmatch(msg.Text)
	if token == nil {
		t.Fatalf("no link with a token in the delivered message %q:\n%s", msg.Subject, msg.Text)
	}
	var args string
	if err := p.App.DB.Gorm.Raw("SELECT CAST(args AS TEXT) FROM river_job WHERE id = ?", done.ID).Scan(&args).Error; err != nil {
		t.Fatal(err)
	}
	if args == "" || strings.Contains(args, token[1]) {
		t.Errorf("river_job.args = %s; want it stored and without the token %s", args, token[1])
	}
}

// waitJob polls until the send_email job to the address satisfies ok.
func waitJob(t *testing.T, p *apptest.Portal, to string, within time.Duration, what string, ok func(*rivertype.JobRow) bool) *rivertype.JobRow {
	t.Helper()
	deadline := time.Now().Add(within)
	var last *rivertype.JobRow
	for time.Now().Before(deadline) {
		res, err := p.App.Jobs.JobList(context.Background(), river.NewJobListParams().Kinds(jobs.SendEmailArgs{}.Kind()))
		if err != nil {
			t.Fatalf("JobList: %v", err)
		}
		for _, j := range res.Jobs {
			var a jobs.SendEmailArgs
			if json.Unmarshal(j.EncodedArgs, &a) == nil && a.To == to {
				last = j
				if ok(j) {
					return j
				}
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	if last == nil {
		t.Fatalf("no email job to %s after %s", to, within)
	}
	t.Fatalf("email job to %s not %s after %s: state %s, attempt %d, errors %v", to, what, within, last.State, last.Attempt, last.Errors)
	return nil
}

// forward listens on addr and pipes every connection to upstream until the test ends.
func forward(t *testing.T, addr, upstream string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("unable to bring the mail server back on %s: %v", addr, err)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", upstream)
			if err != nil {
				in.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, in, out)
			mu.Unlock()
			wg.Add(2)
			go pipe(&wg, in, out)
			go pipe(&wg, out, in)
		}
	}()
}

func pipe(wg *sync.WaitGroup, dst, src net.Conn) {
	defer wg.Done()
	io.Copy(dst, src)
	dst.Close()
	src.Close()
}

// waitMailpit waits for a message to the address to reach Mailpit and returns its ID.
func waitMailpit(t *testing.T, api, to string, within time.Duration) string {
	t.Helper()
	q := url.Values{"query": {fmt.Sprintf("to:%q", to)}}
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		var res struct{ Messages []struct{ ID string } }
		getJSON(t, api+"/api/v1/search?"+q.Encode(), &res)
		switch len(res.Messages) {
		case 0:
		case 1:
			return res.Messages[0].ID
		default:
			t.Fatalf("%d messages to %s, want exactly 1: a retry sent the email twice", len(res.Messages), to)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no message to %s in Mailpit after %s: the email was lost", to, within)
	return ""
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: status %d: %s", u, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}
