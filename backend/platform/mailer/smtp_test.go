package mailer_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/mailer/mailertest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

func TestSMTPDeliversToMailpit(t *testing.T) {
	smtpURL := testenv.Require(t, "FAIRTENDER_TEST_SMTP_URL")
	api := testenv.Require(t, "FAIRTENDER_TEST_MAILPIT_URL")

	s, err := mailer.NewSMTP(smtpURL, from)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	// A unique recipient keeps this test independent of whatever else is in Mailpit.
	to := "smtp-test-" + strings.ToLower(rand.Text()) + "@example.com"
	m := renderedMessage(t, to)
	m.ID = "smtp-test-id.1"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.Send(ctx, m); err != nil {
		t.Fatalf("Send: %v", err)
	}

	id := findMailpitMessage(t, ctx, api, to)
	var got struct {
		Subject   string
		Text      string
		HTML      string
		MessageID string
		From      struct{ Name, Address string }
		To        []struct{ Name, Address string }
	}
	getJSON(t, ctx, api+"/api/v1/message/"+url.PathEscape(id), &got)
	if got.Subject != m.Subject {
		t.Errorf("got Subject %q, want %q", got.Subject, m.Subject)
	}
	if strings.TrimSpace(strings.ReplaceAll(got.Text, "\r\n", "\n")) != strings.TrimSpace(m.Text) {
		t.Errorf("got Text\n%q\nwant\n%q", got.Text, m.Text)
	}
	if strings.TrimSpace(strings.ReplaceAll(got.HTML, "\r\n", "\n")) != strings.TrimSpace(m.HTML) {
		t.Errorf("got HTML\n%q\nwant\n%q", got.HTML, m.HTML)
	}
	if got.MessageID != "smtp-test-id.1@islington.example.org" {
		t.Errorf("got Message-ID %q, want smtp-test-id.1@islington.example.org: a retry must carry the same one", got.MessageID)
	}
	if got.From.Address != "noreply@islington.example.org" || got.From.Name != "Islington Council" {
		t.Errorf("got From %+v, want %s", got.From, from)
	}
	if len(got.To) != 1 || got.To[0].Address != to || got.To[0].Name != m.ToName {
		t.Errorf("got To %+v, want %q <%s>", got.To, m.ToName, to)
	}

	// The raw message must have the same shape as an outbox file.
	raw := get(t, ctx, api+"/api/v1/message/"+url.PathEscape(id)+"/raw")
	checkEmail(t, parseEmail(t, strings.NewReader(raw)), m)
}

// findMailpitMessage waits for the message to reach Mailpit's store and returns its ID.
func findMailpitMessage(t *testing.T, ctx context.Context, api, to string) string {
	t.Helper()
	query := url.Values{"query": {fmt.Sprintf("to:%q", to)}}
	for {
		var res struct {
			Messages []struct{ ID string }
		}
		getJSON(t, ctx, api+"/api/v1/search?"+query.Encode(), &res)
		switch len(res.Messages) {
		case 0:
		case 1:
			return res.Messages[0].ID
		default:
			t.Fatalf("got %d messages to %s, want 1", len(res.Messages), to)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("message to %s not found in Mailpit: %v", to, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func get(t *testing.T, ctx context.Context, u string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	var b strings.Builder
	if _, err := bufio.NewReader(res.Body).WriteTo(&b); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: got status %d: %s", u, res.StatusCode, b.String())
	}
	return b.String()
}

func getJSON(t *testing.T, ctx context.Context, u string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(get(t, ctx, u)), v); err != nil {
		t.Fatalf("GET %s: decoding JSON: %v", u, err)
	}
}

func TestSMTPConnectionRefusedIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens on addr now

	s, err := mailer.NewSMTP("smtp://"+addr, from)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	err = s.Send(context.Background(), mailer.Message{To: "a@example.com", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("got no error sending to a closed port")
	}
	if mailer.IsPermanent(err) {
		t.Errorf("got permanent error %v, want a temporary one: the server may come back", err)
	}
}

// TestSMTPServerRepliesDecidePermanence uses a scripted SMTP server because Mailpit accepts
// everything or rejects with 5xx only, and this is the logic that decides whether a job retries.
func TestSMTPServerRepliesDecidePermanence(t *testing.T) {
	tests := []struct {
		name          string
		replies       map[string]string
		wantPermanent bool
	}{
		{"recipient rejected with 550 is permanent", map[string]string{"RCPT": "550 5.1.1 No such user"}, true},
		{"recipient deferred with 451 is temporary", map[string]string{"RCPT": "451 4.3.0 Try again later"}, false},
		{"message rejected with 554 is permanent", map[string]string{".": "554 5.7.1 Message refused"}, true},
		{"message deferred with 452 is temporary", map[string]string{".": "452 4.3.1 Mailbox full"}, false},
		{"sender refused with 530 is temporary (configuration)", map[string]string{"MAIL": "530 5.7.0 Authentication required"}, false},
		{"server shutting down with 421 is temporary", map[string]string{"EHLO": "421 4.3.2 Shutting down"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mailer.NewSMTP("smtp://"+mailertest.Scripted(t, tt.replies), from)
			if err != nil {
				t.Fatalf("NewSMTP: %v", err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err = s.Send(ctx, mailer.Message{To: "a@example.com", Subject: "s", Text: "t", HTML: "<p>t</p>"})
			if err == nil {
				t.Fatal("got no error")
			}
			if got := mailer.IsPermanent(err); got != tt.wantPermanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", err, got, tt.wantPermanent)
			}
		})
	}

	t.Run("accepted message is no error", func(t *testing.T) {
		s, err := mailer.NewSMTP("smtp://"+mailertest.Scripted(t, nil), from)
		if err != nil {
			t.Fatalf("NewSMTP: %v", err)
		}
		if err := s.Send(context.Background(), mailer.Message{To: "a@example.com", Subject: "s", Text: "t"}); err != nil {
			t.Errorf("Send: %v", err)
		}
	})
}

// TestSMTPAcceptedMeansSent: once the server has taken the message, the caller hears so at once
// and Send reports success whatever happens after, because an error would make the caller send
// the message again.
func TestSMTPAcceptedMeansSent(t *testing.T) {
	tests := []struct {
		name         string
		replies      map[string]string
		wantAccepted bool
	}{
		{"a failed goodbye after the message was taken", map[string]string{"QUIT": "554 5.0.0 Goodbye failed"}, true},
		{"a failed reset after the message was taken", map[string]string{"RSET": "421 4.3.2 Closing"}, true},
		{"a normal goodbye", nil, true},
		{"a refused message", map[string]string{".": "554 5.7.1 Message refused"}, false},
		{"a deferred message", map[string]string{".": "451 4.3.0 Try again later"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mailer.NewSMTP("smtp://"+mailertest.Scripted(t, tt.replies), from)
			if err != nil {
				t.Fatalf("NewSMTP: %v", err)
			}
			accepted := 0
			err = s.Send(context.Background(), mailer.Message{To: "a@example.com", Subject: "s", Text: "t", ID: "job-7.abc",
				Accepted: func() { accepted++ }})
			if tt.wantAccepted && (err != nil || accepted != 1) {
				t.Errorf("got error %v and %d calls of Accepted, want no error and 1 call", err, accepted)
			}
			if !tt.wantAccepted && (err == nil || accepted != 0) {
				t.Errorf("got error %v and %d calls of Accepted, want an error and no call", err, accepted)
			}
		})
	}
}

func TestNewSMTPRejectsBadURLs(t *testing.T) {
	tests := []struct{ name, url string }{
		{"wrong scheme", "http://mail.example.org"},
		{"no host", "smtp://"},
		{"bad port", "smtp://mail.example.org:99999"},
		{"path", "smtp://user:s3cret@mail.example.org/x"},
		{"unparseable", "smtp://user:s3cret%zz@mail.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mailer.NewSMTP(tt.url, from)
			if err == nil {
				t.Fatalf("NewSMTP(%q): got no error", tt.url)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("got error %q, which reveals the password", err)
			}
		})
	}
}

func TestNewChoosesSender(t *testing.T) {
	t.Run("outbox without an SMTP URL", func(t *testing.T) {
		s, err := mailer.New("", t.TempDir(), from, nil)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		if _, ok := s.(*mailer.Outbox); !ok {
			t.Errorf("got %T, want *mailer.Outbox", s)
		}
	})
	t.Run("SMTP with an SMTP URL", func(t *testing.T) {
		s, err := mailer.New("smtps://user:pw@mail.example.org", t.TempDir(), from, nil)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		if _, ok := s.(*mailer.SMTP); !ok {
			t.Errorf("got %T, want *mailer.SMTP", s)
		}
	})
}
