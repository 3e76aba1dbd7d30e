package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/secretbox"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// EmailTimeout bounds one attempt at sending an email. The SMTP sender gives each phase
// (connect and greet, send, say goodbye) 15 seconds and records the message as sent before the
// goodbye, so an attempt has finished or failed well within it. RescueStuckJobsAfter is a little
// more than this, so that an email whose process died mid-send goes out again within about a
// minute and a half of the crash (the rescuer looks every 30 seconds) rather than after an hour.
const EmailTimeout = JobTimeout

// SendEmailArgs is one email waiting to be sent. The template data holds one-time links, so it sits
// in the queue sealed rather than in plain text.
type SendEmailArgs struct {
	Template string `json:"template"`
	To       string `json:"to"`
	ToName   string `json:"toName"`
	Sealed   []byte `json:"sealed"`
}

// Kind names the job for River.
func (SendEmailArgs) Kind() string { return "send_email" }

// InsertOpts retries mail for about a day and a half: long enough to ride out a mail server outage.
func (SendEmailArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 20} }

// Mail queues emails in the caller's transaction and sends them from a worker.
//
// Sending is idempotent: each job's email carries a Message-ID derived from the job, and is
// recorded in sent_emails (owned by this package) the moment the mail server accepts it. A job
// retried after a crash finds its email recorded and does nothing. What remains is the instant
// between the server's acceptance and that one INSERT; a crash there sends the email again, with
// the same Message-ID, which most mail programs show once.
type Mail struct {
	db       *database.DB
	client   *Client
	box      *secretbox.Box
	renderer *mailer.Renderer
	sender   mailer.Sender
	log      *slog.Logger
}

// NewMail returns the mail queue on db. renderer and sender may be nil in a process that only
// inserts; log may be nil.
func NewMail(db *database.DB, secret string, renderer *mailer.Renderer, sender mailer.Sender, log *slog.Logger) (*Mail, error) {
	box, err := secretbox.New(secret, "email-job")
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Mail{db: db, box: box, renderer: renderer, sender: sender, log: log}, nil
}

// SetClient attaches the River client once it exists (the client needs the worker first).
func (m *Mail) SetClient(c *Client) { m.client = c }

// Enqueue queues template for to inside tx.
func (m *Mail) Enqueue(ctx context.Context, tx *gorm.DB, template, to, toName string, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("jobs: unable to encode email data: %w", err)
	}
	return InsertTx(ctx, m.client, tx, SendEmailArgs{Template: template, To: to, ToName: toName, Sealed: m.box.Seal(b)})
}

// Worker returns the River worker that renders and sends queued emails.
func (m *Mail) Worker() river.Worker[SendEmailArgs] { return &emailWorker{mail: m} }

type emailWorker struct {
	river.WorkerDefaults[SendEmailArgs]
	mail *Mail
}

// Timeout is EmailTimeout; see there.
func (w *emailWorker) Timeout(*river.Job[SendEmailArgs]) time.Duration { return EmailTimeout }

func (w *emailWorker) Work(ctx context.Context, job *river.Job[SendEmailArgs]) error {
	id := MessageID(job.JobRow)
	sent, err := w.mail.sent(ctx, id)
	if err != nil {
		return err
	}
	if sent {
		w.mail.log.InfoContext(ctx, "email already sent by an earlier attempt; not sending again", "job_id", job.ID,
			"message_id", id, "to_hash", mailer.AddressHash(job.Args.To))
		return nil
	}
	plain, err := w.mail.box.Open(job.Args.Sealed)
	if err != nil {
		return river.JobCancel(fmt.Errorf("email job %d: %w", job.ID, err))
	}
	var data map[string]any
	if err := json.Unmarshal(plain, &data); err != nil {
		return river.JobCancel(fmt.Errorf("email job %d: %w", job.ID, err))
	}
	subject, text, html, err := w.mail.renderer.Render(job.Args.Template, data)
	if err != nil {
		return river.JobCancel(fmt.Errorf("email job %d: %w", job.ID, err))
	}
	err = w.mail.sender.Send(ctx, mailer.Message{To: job.Args.To, ToName: job.Args.ToName, Subject: subject, Text: text, HTML: html,
		ID: id, Accepted: func() { w.mail.recordSent(job.ID, id) }})
	if err != nil {
		// River keeps and logs job errors, and servers quote the recipient in theirs.
		err = mailer.Redact(err, job.Args.To)
		if mailer.IsPermanent(err) {
			return river.JobCancel(err)
		}
	}
	return err
}

// MessageID is the Message-ID (left of the @) of the email that job sends: the same for every
// attempt at the job, and different for every job ever queued, even in a database rebuilt with
// the same job IDs.
func MessageID(job *rivertype.JobRow) string {
	sum := sha256.Sum256([]byte("fairtender-email\x00" + strconv.FormatInt(job.ID, 10) + "\x00" + job.CreatedAt.UTC().Format(time.RFC3339Nano)))
	return "ft." + strconv.FormatInt(job.ID, 10) + "." + hex.EncodeToString(sum[:12])
}

// sent reports whether the email with Message-ID id was accepted by the mail server before.
func (m *Mail) sent(ctx context.Context, id string) (bool, error) {
	var n int64
	if err := m.db.Gorm.WithContext(ctx).Table("sent_emails").Where("message_id = ?", id).Count(&n).Error; err != nil {
		return false, fmt.Errorf("jobs: unable to check whether email %s was sent: %w", id, err)
	}
	return n > 0, nil
}

// recordSent notes that the email with Message-ID id has been accepted. It runs on its own
// context: the job's may be ending, and the record is what stops a second sending. A failure is
// logged, not returned: the email has gone, and a retry would send it again.
func (m *Mail) recordSent(jobID int64, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := m.db.Gorm.WithContext(ctx).Exec("INSERT INTO sent_emails (message_id, sent_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING",
		id, time.Now().UTC()).Error
	if err != nil {
		m.log.Error("email sent but not recorded; a retry after a crash would send it again", "job_id", jobID, "message_id", id, "error", err)
	}
}
