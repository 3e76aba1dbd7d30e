package jobs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/secretbox"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

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
type Mail struct {
	client   *Client
	box      *secretbox.Box
	renderer *mailer.Renderer
	sender   mailer.Sender
}

// NewMail returns the mail queue. renderer and sender may be nil in a process that only inserts.
func NewMail(secret string, renderer *mailer.Renderer, sender mailer.Sender) (*Mail, error) {
	box, err := secretbox.New(secret, "email-job")
	if err != nil {
		return nil, err
	}
	return &Mail{box: box, renderer: renderer, sender: sender}, nil
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

func (w *emailWorker) Work(ctx context.Context, job *river.Job[SendEmailArgs]) error {
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
	err = w.mail.sender.Send(ctx, mailer.Message{To: job.Args.To, ToName: job.Args.ToName, Subject: subject, Text: text, HTML: html})
	if err != nil && mailer.IsPermanent(err) {
		return river.JobCancel(err)
	}
	return err
}
