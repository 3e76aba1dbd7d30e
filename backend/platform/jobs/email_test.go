package jobs_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/mailer/mailertest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/fairtender/fairtender/emails"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

const testFrom = "Islington Council <noreply@islington.example.org>"

// queued inserts one email job to `to` through mail and returns its row as a worker would get it.
func queued(t *testing.T, db *database.DB, mail *jobs.Mail, c *jobs.Client, to string) *river.Job[jobs.SendEmailArgs] {
	t.Helper()
	ctx := context.Background()
	if err := db.Tx(ctx, func(tx *gorm.DB) error {
		return mail.Enqueue(ctx, tx, "member-invitation", to, "", map[string]any{"Name": to, "Link": "https://tenders.example/join?token=t0k3n",
			"Organisation": "Archway Cleaning CIC", "Inviter": "Sam Okoro", "Role": "member"})
	}); err != nil {
		t.Fatal(err)
	}
	for _, j := range emailJobs(t, c) {
		var a jobs.SendEmailArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err == nil && a.To == to {
			return &river.Job[jobs.SendEmailArgs]{JobRow: j, Args: a}
		}
	}
	t.Fatalf("no job to %s", to)
	return nil
}

// mailQueue is a mail queue on a fresh database with the real templates and the given sender.
func mailQueue(t *testing.T, sender mailer.Sender, log *slog.Logger) (*database.DB, *jobs.Mail, *jobs.Client) {
	t.Helper()
	db := dbtest.Open(t)
	renderer, err := mailer.NewRenderer(emails.FS, map[string]any{"CouncilName": "Islington Council", "ServiceName": "Find and win council work",
		"BaseURL": "https://tenders.example"})
	if err != nil {
		t.Fatal(err)
	}
	mail, err := jobs.NewMail(db, testSecret, renderer, sender, log)
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, mail.Worker())
	c, err := jobs.New(db, workers, slog.New(slog.DiscardHandler), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mail.SetClient(c)
	return db, mail, c
}

// TestRetriedEmailJobSendsNothingMore runs the same email job twice, as River does when it rescues
// a job whose process died after the mail server had taken the email but before the job was marked
// completed: the person must get one email, not two.
func TestRetriedEmailJobSendsNothingMore(t *testing.T) {
	t.Run("through SMTP to Mailpit", func(t *testing.T) {
		smtpURL := testenv.Require(t, "FAIRTENDER_TEST_SMTP_URL")
		api := testenv.Require(t, "FAIRTENDER_TEST_MAILPIT_URL")
		sender, err := mailer.NewSMTP(smtpURL, testFrom)
		if err != nil {
			t.Fatal(err)
		}
		db, mail, c := mailQueue(t, sender, nil)
		to := "retry-" + strings.ToLower(rand.Text()) + "@example.org"
		job := queued(t, db, mail, c, to)
		for attempt := 1; attempt <= 3; attempt++ {
			job.Attempt = attempt
			if err := mail.Worker().Work(context.Background(), job); err != nil {
				t.Fatalf("attempt %d: %v", attempt, err)
			}
		}
		id := waitMailpit(t, api, to, 10*time.Second)
		// Give a second sending time to arrive before counting.
		time.Sleep(500 * time.Millisecond)
		var res struct {
			Messages []struct{ ID, MessageID string }
		}
		getJSON(t, api+"/api/v1/search?"+url.Values{"query": {fmt.Sprintf("to:%q", to)}}.Encode(), &res)
		if len(res.Messages) != 1 {
			t.Fatalf("got %d emails to %s after 3 attempts at one job, want 1", len(res.Messages), to)
		}
		if want := jobs.MessageID(job.JobRow) + "@islington.example.org"; res.Messages[0].MessageID != want {
			t.Errorf("got Message-ID %q (message %s), want %q", res.Messages[0].MessageID, id, want)
		}
	})

	t.Run("into the outbox", func(t *testing.T) {
		dir := t.TempDir()
		sender, err := mailer.NewOutbox(dir, testFrom, nil)
		if err != nil {
			t.Fatal(err)
		}
		var logs bytes.Buffer
		db, mail, c := mailQueue(t, sender, slog.New(slog.NewTextHandler(&logs, nil)))
		to := "outbox-retry@example.org"
		job := queued(t, db, mail, c, to)
		for attempt := 1; attempt <= 2; attempt++ {
			job.Attempt = attempt
			if err := mail.Worker().Work(context.Background(), job); err != nil {
				t.Fatalf("attempt %d: %v", attempt, err)
			}
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 1 {
			t.Fatalf("got %d outbox files after 2 attempts at one job, want 1", len(files))
		}
		if !strings.Contains(logs.String(), "not sending again") || strings.Contains(logs.String(), to) {
			t.Errorf("log %q: want the second attempt noted, without the address", logs.String())
		}
	})

	t.Run("an email that never reached the outbox is sent on the retry", func(t *testing.T) {
		dir := t.TempDir()
		sender, err := mailer.NewOutbox(dir, testFrom, nil)
		if err != nil {
			t.Fatal(err)
		}
		db, mail, c := mailQueue(t, sender, nil)
		job := queued(t, db, mail, c, "first-try-failed@example.org")
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the first attempt dies before writing anything
		if err := mail.Worker().Work(ctx, job); err == nil {
			t.Fatal("an attempt on a cancelled context succeeded")
		}
		if err := mail.Worker().Work(context.Background(), job); err != nil {
			t.Fatal(err)
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 1 {
			t.Fatalf("got %d outbox files, want 1: the retry must send what the first attempt did not", len(files))
		}
	})
}

func TestEmailJobErrorsHideTheAddress(t *testing.T) {
	to := "private.person@example.org"
	addr := mailertest.Scripted(t, map[string]string{"RCPT": "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown"})
	sender, err := mailer.NewSMTP("smtp://"+addr, testFrom)
	if err != nil {
		t.Fatal(err)
	}
	db, mail, c := mailQueue(t, sender, nil)
	job := queued(t, db, mail, c, to)
	err = mail.Worker().Work(context.Background(), job)
	if err == nil {
		t.Fatal("a rejected recipient gave no error")
	}
	var cancel *rivertype.JobCancelError
	if !errors.As(err, &cancel) {
		t.Errorf("got %v, want the job cancelled: a 550 will never succeed", err)
	}
	if strings.Contains(err.Error(), to) {
		t.Errorf("job error %q holds the address; River logs and keeps job errors", err)
	}
	if !strings.Contains(err.Error(), mailer.AddressHash(to)) || !strings.Contains(err.Error(), "Recipient address rejected") {
		t.Errorf("job error %q lacks the address's hash or the server's reason", err)
	}
}
