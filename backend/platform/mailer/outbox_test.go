package mailer_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/mailer"
)

const from = "Islington Council <noreply@islington.example.org>"

// parsedEmail is an RFC 5322 message read back with the standard library only, so the tests do
// not trust go-mail to check its own output.
type parsedEmail struct {
	header mail.Header
	text   string
	html   string
}

func parseEmail(t *testing.T, r io.Reader) parsedEmail {
	t.Helper()
	msg, err := mail.ReadMessage(r)
	if err != nil {
		t.Fatalf("mail.ReadMessage: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	if mediaType != "multipart/alternative" {
		t.Fatalf("got Content-Type %s, want multipart/alternative", mediaType)
	}
	got := parsedEmail{header: msg.Header}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var order []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading MIME part: %v", err)
		}
		partType, partParams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part Content-Type %q: %v", part.Header.Get("Content-Type"), err)
		}
		if cs := strings.ToLower(partParams["charset"]); cs != "utf-8" {
			t.Errorf("got %s charset %q, want utf-8", partType, cs)
		}
		// multipart.Reader decodes quoted-printable itself.
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatalf("reading %s part: %v", partType, err)
		}
		normalised := strings.ReplaceAll(string(body), "\r\n", "\n")
		switch partType {
		case "text/plain":
			got.text = normalised
		case "text/html":
			got.html = normalised
		default:
			t.Errorf("unexpected part %s", partType)
		}
		order = append(order, partType)
	}
	// RFC 2046: the preferred alternative comes last.
	if strings.Join(order, ",") != "text/plain,text/html" {
		t.Errorf("got parts %v, want text/plain then text/html", order)
	}
	return got
}

func decodeHeader(t *testing.T, h mail.Header, name string) string {
	t.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(h.Get(name))
	if err != nil {
		t.Fatalf("decoding %s header %q: %v", name, h.Get(name), err)
	}
	return s
}

// checkEmail checks the headers and both bodies of an email built from m.
func checkEmail(t *testing.T, got parsedEmail, m mailer.Message) {
	t.Helper()
	if s := decodeHeader(t, got.header, "Subject"); s != m.Subject {
		t.Errorf("got Subject %q, want %q", s, m.Subject)
	}
	f, err := got.header.AddressList("From")
	if err != nil || len(f) != 1 || f[0].Address != "noreply@islington.example.org" || f[0].Name != "Islington Council" {
		t.Errorf("got From %v (%v), want %s", f, err, from)
	}
	to, err := got.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != m.To || to[0].Name != m.ToName {
		t.Errorf("got To %v (%v), want %q <%s>", to, err, m.ToName, m.To)
	}
	if _, err := got.header.Date(); err != nil {
		t.Errorf("Date header %q: %v", got.header.Get("Date"), err)
	}
	if m.ID != "" {
		if id := got.header.Get("Message-Id"); id != "<"+m.ID+"@islington.example.org>" {
			t.Errorf("got Message-ID %q, want <%s@islington.example.org>", id, m.ID)
		}
	} else if id := got.header.Get("Message-Id"); !regexp.MustCompile(`^<[0-9a-f]{32}@islington\.example\.org>$`).MatchString(id) {
		t.Errorf("got Message-ID %q, want <random@islington.example.org>", id)
	}
	if v := got.header.Get("Mime-Version"); v != "1.0" {
		t.Errorf("got MIME-Version %q, want 1.0", v)
	}
	if v := got.header.Get("Auto-Submitted"); v != "auto-generated" {
		t.Errorf("got Auto-Submitted %q, want auto-generated", v)
	}
	if strings.TrimSpace(got.text) != strings.TrimSpace(m.Text) {
		t.Errorf("got text part\n%q\nwant\n%q", got.text, m.Text)
	}
	if strings.TrimSpace(got.html) != strings.TrimSpace(m.HTML) {
		t.Errorf("got html part\n%q\nwant\n%q", got.html, m.HTML)
	}
}

// renderedMessage renders a real template so the tests send what production sends, including
// long lines that quoted-printable must wrap and non-ASCII text.
func renderedMessage(t *testing.T, to string) mailer.Message {
	t.Helper()
	data := map[string]any{"Name": "Zoë O’Brien", "Link": "https://fairtender.example.org/reset-password?token=" + strings.Repeat("Ab3_-", 12)}
	subject, text, html, err := newRenderer(t).Render("password-reset", data)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return mailer.Message{To: to, ToName: "Zoë O’Brien", Subject: subject + " – £0 café", Text: text, HTML: html}
}

func TestOutbox(t *testing.T) {
	t.Run("writes one parseable eml per message and logs without the body", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "outbox")
		var logs bytes.Buffer
		o, err := mailer.NewOutbox(dir, from, slog.New(slog.NewTextHandler(&logs, nil)))
		if err != nil {
			t.Fatalf("NewOutbox: %v", err)
		}
		m := renderedMessage(t, "zoe@example.com")
		if err := o.Send(context.Background(), m); err != nil {
			t.Fatalf("Send: %v", err)
		}

		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("got %d files in the outbox, want 1 (no temporary files left)", len(entries))
		}
		name := entries[0].Name()
		if !regexp.MustCompile(`^\d{8}T\d{6}\.\d{9}Z-[0-9a-f]{12}\.eml$`).MatchString(name) {
			t.Errorf("got file name %q, want <UTC time>-<random>.eml", name)
		}
		info, err := entries[0].Info()
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("got file mode %v, want 0600: the file holds a one-time link", perm)
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		checkEmail(t, parseEmail(t, f), m)

		log := logs.String()
		for _, want := range []string{"email written to outbox", "to_hash=" + mailer.AddressHash("zoe@example.com"), "path=" + filepath.Join(dir, name)} {
			if !strings.Contains(log, want) {
				t.Errorf("log %q does not contain %q", log, want)
			}
		}
		for _, secret := range []string{"token=", "zoe@example.com", "Zoë", "Reset your password"} {
			if strings.Contains(log, secret) {
				t.Errorf("log %q contains %q: links, addresses, names and subjects stay out of logs", log, secret)
			}
		}
	})

	t.Run("a message with an ID is written once however often it is sent", func(t *testing.T) {
		dir := t.TempDir()
		o, err := mailer.NewOutbox(dir, from, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := renderedMessage(t, "zoe@example.com")
		m.ID = "job-42.a1b2c3"
		accepted := 0
		m.Accepted = func() { accepted++ }
		for range 3 {
			if err := o.Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
		if len(files) != 1 {
			t.Fatalf("got %d files after sending the same message 3 times, want 1: %v", len(files), files)
		}
		if accepted != 3 {
			t.Errorf("Accepted called %d times, want 3 (each attempt learns the message is delivered)", accepted)
		}
		f, err := os.Open(files[0])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		got := parseEmail(t, f)
		if id := got.header.Get("Message-Id"); id != "<job-42.a1b2c3@islington.example.org>" {
			t.Errorf("got Message-ID %q, want <job-42.a1b2c3@islington.example.org>", id)
		}
		other := m
		other.ID = "job-43.d4e5f6"
		if err := o.Send(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 2 {
			t.Errorf("got %d files after a message with another ID, want 2", len(files))
		}
	})

	t.Run("an ID that could escape the outbox is refused", func(t *testing.T) {
		o, err := mailer.NewOutbox(t.TempDir(), from, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"../x", "a*b", "a b", "a@b", strings.Repeat("x", 129)} {
			m := renderedMessage(t, "zoe@example.com")
			m.ID = id
			if err := o.Send(context.Background(), m); !mailer.IsPermanent(err) {
				t.Errorf("ID %q: got %v, want a permanent error", id, err)
			}
		}
	})

	t.Run("names files so they sort in sending order", func(t *testing.T) {
		dir := t.TempDir()
		o, err := mailer.NewOutbox(dir, from, nil)
		if err != nil {
			t.Fatalf("NewOutbox: %v", err)
		}
		for _, subject := range []string{"first", "second", "third"} {
			m := mailer.Message{To: "a@example.com", Subject: subject, Text: "hello"}
			if err := o.Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}
		}
		names, err := filepath.Glob(filepath.Join(dir, "*.eml"))
		if err != nil {
			t.Fatal(err)
		}
		var subjects []string
		for _, n := range names { // Glob sorts
			f, err := os.Open(n)
			if err != nil {
				t.Fatal(err)
			}
			msg, err := mail.ReadMessage(f)
			if err != nil {
				t.Fatal(err)
			}
			subjects = append(subjects, msg.Header.Get("Subject"))
			f.Close()
		}
		if got, want := strings.Join(subjects, ","), "first,second,third"; got != want {
			t.Errorf("got subjects in file order %s, want %s", got, want)
		}
	})

	t.Run("invalid recipient is a permanent error", func(t *testing.T) {
		o, err := mailer.NewOutbox(t.TempDir(), from, nil)
		if err != nil {
			t.Fatalf("NewOutbox: %v", err)
		}
		for _, to := range []string{"", "not an address", "Ada <ada@example.com>"} {
			err := o.Send(context.Background(), mailer.Message{To: to, Subject: "s", Text: "t"})
			if err == nil || !mailer.IsPermanent(err) {
				t.Errorf("To %q: got error %v, want a permanent one", to, err)
			}
		}
	})

	t.Run("cancelled context writes nothing", func(t *testing.T) {
		dir := t.TempDir()
		o, err := mailer.NewOutbox(dir, from, nil)
		if err != nil {
			t.Fatalf("NewOutbox: %v", err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := o.Send(ctx, mailer.Message{To: "a@example.com", Subject: "s", Text: "t"}); err == nil {
			t.Error("got no error with a cancelled context")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("got %d files, want none", len(entries))
		}
	})

	t.Run("invalid from address is refused at construction", func(t *testing.T) {
		if _, err := mailer.NewOutbox(t.TempDir(), "Islington Council", nil); err == nil {
			t.Error("got no error for a from address without an address")
		}
	})
}
