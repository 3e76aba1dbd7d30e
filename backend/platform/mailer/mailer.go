// Package mailer sends email: through SMTP (go-mail) when a server is configured, otherwise into a
// local outbox directory of .eml files. It also renders the templates in the emails package.
//
// Both senders build the message with go-mail, so an .eml file in the outbox holds exactly the
// bytes an SMTP server would have received.
package mailer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one email to one person. Text is required; HTML, when given, is sent as the
// alternative that mail programs show by preference.
type Message struct {
	To      string // the recipient's address
	ToName  string // the recipient's name, shown in the To header; may be empty
	Subject string
	Text    string
	HTML    string
	// Unsubscribe, when set, is an https URL that stops these emails when POSTed to without
	// signing in. It becomes the RFC 8058 one-click List-Unsubscribe headers, which mail programs
	// show as an "Unsubscribe" button.
	Unsubscribe string
	// ID, when set, names this message for good: the Message-ID header is <ID>@<sender's domain>,
	// so a second attempt at the same message carries the same Message-ID (mail programs show
	// one message), and the outbox writes a message with a given ID only once. It must be made
	// of letters, digits, '.', '-' and '_'.
	ID string
	// Accepted, when set, is called as soon as the message is delivered (the SMTP server has
	// answered the end of its data; the outbox file is in place), before anything else can fail,
	// so the caller can record at once that it was sent. Send returns nil after calling it.
	Accepted func()
}

// Sender sends email. Implementations are safe for concurrent use.
type Sender interface {
	// Send delivers m, or returns an error for which IsPermanent tells whether trying again
	// could ever succeed.
	Send(ctx context.Context, m Message) error
}

// New returns the sender the configuration asks for: SMTP when smtpURL is set, otherwise an
// outbox in outboxDir. from is the From header, an address with or without a name
// ("Islington Council <noreply@example.org>").
func New(smtpURL, outboxDir, from string, log *slog.Logger) (Sender, error) {
	if smtpURL != "" {
		return NewSMTP(smtpURL, from)
	}
	return NewOutbox(outboxDir, from, log)
}

// permanentError marks a failure that no retry can cure, such as a malformed or rejected
// recipient address.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// IsPermanent reports whether err means the message can never be delivered as it stands, so the
// caller should stop retrying: the message itself is invalid, or the server answered with a 5xx
// code to the recipient or to the message content. Everything else, including connection
// failures, timeouts, 4xx answers and authentication or sender problems (which an operator can
// fix), is temporary.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	var pe *permanentError
	if errors.As(err, &pe) {
		return true
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		switch se.Reason {
		case gomail.ErrGetSender, gomail.ErrGetRcpts:
			return true
		case gomail.ErrSMTPRcptTo, gomail.ErrSMTPData, gomail.ErrSMTPDataClose:
			return !se.IsTemp() && se.ErrorCode() >= 500 && se.ErrorCode() < 600
		}
	}
	return false
}

// envelope is what both senders need to know about the sender address.
type envelope struct {
	from   *mail.Address
	domain string // for Message-ID, so IDs look like they come from the sending domain
}

func parseFrom(from string) (envelope, error) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return envelope{}, fmt.Errorf("mailer: invalid from address %q: %w", from, err)
	}
	_, domain, _ := strings.Cut(addr.Address, "@")
	return envelope{from: addr, domain: domain}, nil
}

// build turns m into a go-mail message. Its errors are permanent: the same message would fail
// the same way every time.
func (e envelope) build(m Message, now time.Time) (*gomail.Msg, error) {
	if m.To == "" {
		return nil, &permanentError{errors.New("mailer: message has no recipient")}
	}
	subject := strings.Join(strings.Fields(m.Subject), " ")
	if subject == "" {
		return nil, &permanentError{errors.New("mailer: message has no subject")}
	}
	if m.Text == "" {
		return nil, &permanentError{errors.New("mailer: message has no text body")}
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(e.from)
	to, err := mail.ParseAddress(m.To)
	if err != nil || to.Address != m.To {
		// A bare address is expected: a display name or angle brackets here would mean the
		// caller mixed up To and ToName.
		return nil, &permanentError{fmt.Errorf("mailer: invalid recipient address (to_hash %s)", AddressHash(m.To))}
	}
	to.Name = strings.Join(strings.Fields(m.ToName), " ")
	msg.ToMailAddress(to)
	msg.Subject(subject)
	msg.SetDateWithValue(now)
	id := m.ID
	if id == "" {
		id = randomHex(16)
	} else if !validID(id) {
		return nil, &permanentError{fmt.Errorf("mailer: invalid message ID %q", m.ID)}
	}
	msg.SetMessageIDWithValue(id + "@" + e.domain)
	// RFC 3834: tells autoresponders (out-of-office replies) not to answer.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	if m.Unsubscribe != "" {
		msg.SetGenHeader(gomail.Header("List-Unsubscribe"), "<"+m.Unsubscribe+">")
		msg.SetGenHeader(gomail.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// validID reports whether id is safe both in a Message-ID header and in a file name.
func validID(id string) bool {
	if len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// AddressHash is how an email address appears in logs and errors: the first 12 hex digits of the
// SHA-256 of the address in lower case. Logs then never hold anyone's address, yet an operator
// asked about one can find its lines with
//
//	printf %s 'person@example.org' | sha256sum | cut -c1-12
func AddressHash(addr string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(addr))))
	return hex.EncodeToString(sum[:6])
}

// randomHex returns n random bytes in hex. crypto/rand.Read never fails (since Go 1.24 it
// crashes the program instead), so there is no error to return.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Redact returns err with the recipient's address replaced by its hash, for logs: a mail server's
// refusal often quotes the address ("550 <person@example.org>: no such user"). Nil stays nil.
func Redact(err error, addr string) error {
	if err == nil || addr == "" {
		return err
	}
	return &redactedError{err: err, addr: addr}
}

// redactedError is a sending error with the recipient's address replaced by its hash; errors.Is
// and errors.As still see the error inside (IsPermanent among them).
type redactedError struct {
	err  error
	addr string
}

func (e *redactedError) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.addr, "(to_hash "+AddressHash(e.addr)+")")
}

func (e *redactedError) Unwrap() error { return e.err }
