package mailer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// smtpTimeout bounds connecting and then each SMTP command, so a stalled server cannot hold a
// job worker for ever. go-mail only applies the caller's context while dialling.
const smtpTimeout = 15 * time.Second

// SMTP is the Sender that hands messages to an SMTP server, one connection per message.
type SMTP struct {
	client *gomail.Client
	env    envelope
	addr   string // host:port, for error messages; never the credentials
}

// NewSMTP returns a sender for the server in smtpURL:
//
//	smtp://[user:password@]host[:port]   port 25 by default; STARTTLS when the server offers it
//	smtps://[user:password@]host[:port]  port 465 by default; TLS from the first byte
//
// With smtp:// and credentials, STARTTLS is mandatory unless the host is loopback, so a password
// never crosses the network in clear. Authentication picks the strongest mechanism the server
// offers, and never PLAIN or LOGIN without TLS.
func NewSMTP(smtpURL, from string) (*SMTP, error) {
	env, err := parseFrom(from)
	if err != nil {
		return nil, err
	}
	// The URL may hold a password, so errors describe it rather than quote it.
	u, err := url.Parse(smtpURL)
	if err != nil {
		return nil, errors.New("mailer: SMTP URL is not a valid URL")
	}
	var port int
	switch u.Scheme {
	case "smtp":
		port = 25
	case "smtps":
		port = 465
	default:
		return nil, fmt.Errorf("mailer: SMTP URL scheme %q is not smtp or smtps", u.Scheme)
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("mailer: SMTP URL has no host")
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("mailer: SMTP URL %s has a path or query; only scheme, credentials, host and port are used", u.Redacted())
	}
	if p := u.Port(); p != "" {
		port, err = strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("mailer: SMTP URL %s has an invalid port", u.Redacted())
		}
	}

	// Each message has a connection of its own, so a NOOP to check it is alive would only add a
	// round trip, and one more between the server's acceptance and our record of it.
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(smtpTimeout), gomail.WithoutNoop()}
	user := u.User.Username()
	password, _ := u.User.Password()
	switch {
	case u.Scheme == "smtps":
		opts = append(opts, gomail.WithSSL())
	case user != "" && !isLoopback(host):
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if user != "" {
		opts = append(opts,
			gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(user),
			gomail.WithPassword(password),
		)
	}
	client, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mailer: unable to configure SMTP client for %s: %w", u.Redacted(), err)
	}
	return &SMTP{client: client, env: env, addr: net.JoinHostPort(host, strconv.Itoa(port))}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send connects, sends m and disconnects. Connections are not pooled: transactional email is
// rare enough that a fresh connection costs little, and it keeps Send safe for concurrent use.
//
// Once the server has accepted the message, m.Accepted is called and Send returns nil even if
// what follows (RSET, QUIT) fails: the server has the message, and an error would make the
// caller send it a second time.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mailer: email not sent: %w", err)
	}
	msg, err := s.env.build(m, time.Now())
	if err != nil {
		return err
	}
	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("mailer: unable to send email through %s: dial failed: %w", s.addr, err)
	}
	// go-mail follows the accepted message with RSET; an error there still leaves msg delivered.
	if err := s.client.SendWithSMTPClient(conn, msg); err != nil && !msg.IsDelivered() {
		_ = s.client.CloseWithSMTPClient(conn)
		return fmt.Errorf("mailer: unable to send email through %s: send failed: %w", s.addr, err)
	}
	if m.Accepted != nil {
		m.Accepted()
	}
	_ = s.client.CloseWithSMTPClient(conn)
	return nil
}
