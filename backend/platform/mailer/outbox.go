package mailer

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Outbox is the Sender for a single machine without an SMTP server: it writes each message as an
// .eml file that any mail program can open, and logs where it put it.
type Outbox struct {
	dir string
	env envelope
	log *slog.Logger
	now func() time.Time
}

// NewOutbox returns an Outbox writing into dir, creating it if needed. The directory and its
// files are readable by the owner only, because the messages hold one-time sign-in links.
func NewOutbox(dir, from string, log *slog.Logger) (*Outbox, error) {
	if dir == "" {
		return nil, fmt.Errorf("mailer: outbox directory not set")
	}
	env, err := parseFrom(from)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("mailer: unable to create outbox %s: %w", dir, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Outbox{dir: dir, env: env, log: log, now: time.Now}, nil
}

// Send writes m to a new file named <UTC time>-<m.ID or random>.eml. The file appears complete
// or not at all: it is written under a temporary name and renamed into place, so a reader
// watching the directory never sees half a message. A message whose ID is already in the outbox
// is not written again: the earlier attempt delivered it.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mailer: email not written to outbox: %w", err)
	}
	now := o.now().UTC()
	msg, err := o.env.build(m, now)
	if err != nil {
		return err
	}
	id := m.ID
	if id != "" {
		// build has checked the ID holds no glob or path characters.
		if found, _ := filepath.Glob(filepath.Join(o.dir, "*-"+id+".eml")); len(found) > 0 {
			o.log.InfoContext(ctx, "email already in outbox; not written again", "message_id", id, "path", found[0])
			if m.Accepted != nil {
				m.Accepted()
			}
			return nil
		}
	} else {
		id = randomHex(6)
	}
	name := now.Format("20060102T150405.000000000Z") + "-" + id + ".eml"
	final := filepath.Join(o.dir, name)

	// The leading dot keeps half-written files out of a plain "ls" and of *.eml globs.
	tmp, err := os.CreateTemp(o.dir, ".outbox-*.tmp")
	if err != nil {
		return fmt.Errorf("mailer: unable to create a file in outbox %s: %w", o.dir, err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // fails harmlessly once renamed
	w := bufio.NewWriter(tmp)
	if _, err := msg.WriteTo(w); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mailer: unable to write email to outbox: %w", err)
	}
	if err := w.Flush(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mailer: unable to write email to outbox: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mailer: unable to write email to outbox: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mailer: unable to write email to outbox: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("mailer: unable to move email into outbox: %w", err)
	}
	if m.Accepted != nil {
		m.Accepted()
	}
	// Never log the body (it holds one-time links that would let anyone reading the logs in), nor
	// the address or subject (personal data: subjects name people and organisations).
	o.log.InfoContext(ctx, "email written to outbox", "to_hash", AddressHash(m.To), "path", final)
	return nil
}
