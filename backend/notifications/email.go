package notifications

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"gorm.io/gorm"
)

// Sending. A claimed email is leased: if the sender dies, another takes it once the lease ends,
// so an email is sent at least once and, short of a crash between sending and recording it, once.
const (
	claimBatch   = 50
	sendLease    = 10 * time.Minute
	sendParallel = 4
	maxAttempts  = 12
)

// outgoing is a claimed notification with what its email needs.
type outgoing struct {
	Notification
	Email string
	Name  string
	// Verified: only people who have confirmed their address are emailed.
	Verified  bool
	AlertName *string
	// LiveInterest is the interest's ID while it still exists.
	LiveInterest *string
	OppTitle     *string
	OppSummary   *string
	OppValue     *int64
	OppDeadline  *time.Time
	OppQuarter   *string
}

// SendQueued sends every email queued now, a batch at a time, and returns how many it sent.
func (s *Service) SendQueued(ctx context.Context) (int, error) {
	sent := 0
	for {
		batch, err := s.claim(ctx, "email_status IN ('queued', 'sending') AND email_due_at <= ?", s.stamp())
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		n, err := s.deliver(ctx, batch)
		sent += n
		if err != nil {
			return sent, err
		}
	}
}

// claim leases up to claimBatch emails matching where.
func (s *Service) claim(ctx context.Context, where string, args ...any) ([]outgoing, error) {
	return s.claimLimit(ctx, claimBatch, where, args...)
}

// outcome is what became of one email.
type outcome struct {
	id  string
	err error
	// skipped: the alert or interest behind it has gone (the person unsubscribed), so it is
	// not sent at all.
	skipped bool
}

// deliver sends a claimed batch a few at a time and records each outcome.
func (s *Service) deliver(ctx context.Context, batch []outgoing) (int, error) {
	results := make([]outcome, len(batch))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(sendParallel, len(batch)) {
		wg.Go(func() {
			for i := range work {
				results[i] = s.sendOne(ctx, batch[i])
			}
		})
	}
	for i := range batch {
		work <- i
	}
	close(work)
	wg.Wait()
	return s.record(ctx, batch, results)
}

func (s *Service) sendOne(ctx context.Context, o outgoing) outcome {
	msg, ok, err := s.message(o)
	if err != nil {
		return outcome{id: o.ID, err: err}
	}
	if !ok {
		return outcome{id: o.ID, skipped: true}
	}
	return outcome{id: o.ID, err: mailer.Redact(s.sender.Send(ctx, msg), msg.To)}
}

// message renders the email for one notification; ok is false when it should not be sent.
func (s *Service) message(o outgoing) (mailer.Message, bool, error) {
	if !o.Verified {
		return mailer.Message{}, false, nil
	}
	data := map[string]any{"Name": o.Name, "Title": o.Title, "Body": o.Body, "Link": s.link(o.Link)}
	var template, token string
	switch {
	case o.Kind == KindMatch || o.Kind == KindPlanned:
		if o.AlertID == nil || o.AlertName == nil { // the alert was deleted: they unsubscribed
			return mailer.Message{}, false, nil
		}
		template, token = "opportunity-alert", s.unsubscribeToken(tokenAlert, *o.AlertID)
		data["AlertName"] = deref(o.AlertName)
		data["Planned"] = o.Kind == KindPlanned
		data["OpportunityTitle"] = deref(o.OppTitle)
		data["Summary"] = deref(o.OppSummary)
		data["Value"] = ""
		if o.OppValue != nil && *o.OppValue > 0 {
			data["Value"] = format.Money(*o.OppValue)
		}
		data["Deadline"] = ""
		if o.OppDeadline != nil {
			data["Deadline"] = format.DateTime(*o.OppDeadline)
		}
		data["Quarter"] = deref(o.OppQuarter)
	case o.InterestID != nil:
		if o.LiveInterest == nil { // interest withdrawn
			return mailer.Message{}, false, nil
		}
		template, token = "opportunity-update", s.unsubscribeToken(tokenInterest, *o.InterestID)
		data["OpportunityTitle"] = deref(o.OppTitle)
	default:
		// A service notice: no unsubscribe, since it is about work the person is doing.
		subject, text, html, err := s.renderer.Render("notice", data)
		if err != nil {
			return mailer.Message{}, false, err
		}
		return mailer.Message{To: o.Email, ToName: o.Name, Subject: subject, Text: text, HTML: html}, true, nil
	}
	data["UnsubscribeLink"] = s.link("/unsubscribe/" + token)
	data["AlertsLink"] = s.link("/alerts")
	subject, text, html, err := s.renderer.Render(template, data)
	if err != nil {
		return mailer.Message{}, false, err
	}
	return mailer.Message{To: o.Email, ToName: o.Name, Subject: subject, Text: text, HTML: html,
		Unsubscribe: s.link("/api/v1/unsubscribe/" + token)}, true, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// record writes each outcome: sent; skipped; failed for good; or back in the queue after a
// wait that grows with each attempt.
func (s *Service) record(ctx context.Context, batch []outgoing, results []outcome) (int, error) {
	now := s.stamp()
	sent := 0
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var sentIDs, skippedIDs []string
		for i, r := range results {
			switch {
			case r.skipped:
				skippedIDs = append(skippedIDs, r.id)
			case r.err == nil:
				sentIDs = append(sentIDs, r.id)
			default:
				attempts := batch[i].EmailAttempts + 1
				upd := map[string]any{"email_attempts": attempts, "email_status": emailQueued, "email_due_at": now.Add(backoff(attempts))}
				if mailer.IsPermanent(r.err) || attempts >= maxAttempts {
					upd["email_status"] = emailFailed
				}
				s.log.Warn("notification email not sent", "notification_id", r.id, "attempt", attempts, "error", r.err.Error())
				if err := tx.Model(&Notification{}).Where("id = ?", r.id).Updates(upd).Error; err != nil {
					return fmt.Errorf("notifications: unable to record a failed email: %w", err)
				}
			}
		}
		if len(sentIDs) > 0 {
			if err := tx.Model(&Notification{}).Where("id IN ?", sentIDs).Updates(map[string]any{"email_status": emailSent, "emailed_at": now}).Error; err != nil {
				return fmt.Errorf("notifications: unable to record sent emails: %w", err)
			}
		}
		if len(skippedIDs) > 0 {
			if err := tx.Model(&Notification{}).Where("id IN ?", skippedIDs).Update("email_status", emailNone).Error; err != nil {
				return fmt.Errorf("notifications: unable to record unsent emails: %w", err)
			}
		}
		sent = len(sentIDs)
		return nil
	})
	return sent, err
}

// backoff is 1, 2, 4 … minutes, at most 6 hours: a mail server down overnight is ridden out.
func backoff(attempt int) time.Duration {
	d := time.Minute << min(attempt-1, 9)
	return min(d, 6*time.Hour)
}

// DigestItem is one opportunity in a daily digest email.
type DigestItem struct {
	Title, Summary, Link, Deadline, Value string
}

// SendDigests sends each person one email per daily alert holding every match waiting for it,
// each match once, and returns how many emails it sent.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	var groups []struct {
		UserID  string
		AlertID *string
		// Alive: the alert still exists.
		Alive bool
	}
	db := s.db.Gorm.WithContext(ctx)
	if err := db.Raw(`SELECT DISTINCT n.user_id, n.alert_id, (a.id IS NOT NULL) AS alive
		FROM notifications n LEFT JOIN alerts a ON a.id = n.alert_id WHERE n.email_status = ? ORDER BY n.user_id`, emailDigest).
		Scan(&groups).Error; err != nil {
		return 0, fmt.Errorf("notifications: unable to find digests: %w", err)
	}
	userIDs := make([]string, 0, len(groups))
	for _, g := range groups {
		if len(userIDs) == 0 || userIDs[len(userIDs)-1] != g.UserID {
			userIDs = append(userIDs, g.UserID)
		}
	}
	people, err := s.accounts.People(db, userIDs)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, g := range groups {
		person, ok := people[g.UserID]
		if !ok {
			continue // the account is gone, and its notifications with it
		}
		// Live: the alert still exists and its owner can be emailed (confirmed, not switched off).
		live := g.Alive && person.CanEmail
		if g.AlertID == nil || !live {
			// The alert was deleted (or its owner cannot be emailed): its matches stay in the inbox only.
			q := s.db.Gorm.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND email_status = ?", g.UserID, emailDigest)
			if g.AlertID == nil {
				q = q.Where("alert_id IS NULL")
			} else {
				q = q.Where("alert_id = ?", *g.AlertID)
			}
			if err := q.Update("email_status", emailNone).Error; err != nil {
				return sent, fmt.Errorf("notifications: unable to drop digest items: %w", err)
			}
			continue
		}
		for {
			batch, err := s.claimDigest(ctx, g.UserID, *g.AlertID)
			if err != nil {
				return sent, err
			}
			if len(batch) == 0 {
				break
			}
			err = s.sendDigest(ctx, batch)
			results := make([]outcome, len(batch))
			for i := range batch {
				results[i] = outcome{id: batch[i].ID, err: err}
			}
			if err != nil && !mailer.IsPermanent(err) {
				// Back to waiting for the digest rather than the instant queue.
				ids := make([]string, len(batch))
				for i := range batch {
					ids[i] = batch[i].ID
				}
				s.log.Warn("digest email not sent", "user_id", g.UserID, "error", err.Error())
				if uerr := s.db.Gorm.WithContext(ctx).Model(&Notification{}).Where("id IN ?", ids).
					Updates(map[string]any{"email_status": emailDigest, "email_attempts": gorm.Expr("email_attempts + 1")}).Error; uerr != nil {
					return sent, errors.Join(err, uerr)
				}
				break
			}
			if _, err := s.record(ctx, batch, results); err != nil {
				return sent, err
			}
			if err == nil {
				sent++
			}
		}
	}
	return sent, nil
}

// digestLimit caps one digest email; a busy day's remainder goes in a second email.
const digestLimit = 50

func (s *Service) claimDigest(ctx context.Context, userID, alertID string) ([]outgoing, error) {
	return s.claimLimit(ctx, digestLimit, "email_status = ? AND user_id = ? AND alert_id = ?", emailDigest, userID, alertID)
}

// claimLimit leases up to limit emails matching where and reads what they need. On PostgreSQL
// SKIP LOCKED lets several senders share the work; SQLite has one writer at a time anyway.
func (s *Service) claimLimit(ctx context.Context, limit int, where string, args ...any) ([]outgoing, error) {
	now := s.stamp()
	lease := now.Add(sendLease)
	var ids []string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		q := "SELECT id FROM notifications WHERE " + where + " ORDER BY created_at, id LIMIT ?"
		if s.db.Dialect == database.Postgres {
			q += " FOR UPDATE SKIP LOCKED"
		}
		if err := tx.Raw(q, append(args, limit)...).Scan(&ids).Error; err != nil {
			return fmt.Errorf("notifications: unable to find emails to send: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		return tx.Model(&Notification{}).Where("id IN ?", ids).Updates(map[string]any{"email_status": emailSending, "email_due_at": lease}).Error
	})
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	db := s.db.Gorm.WithContext(ctx)
	var rows []outgoing
	err = db.Raw(`SELECT n.*, a.name AS alert_name, i.id AS live_interest
		FROM notifications n LEFT JOIN alerts a ON a.id = n.alert_id
		LEFT JOIN opportunity_interests i ON i.id = n.interest_id WHERE n.id IN ? ORDER BY n.created_at, n.id`, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("notifications: unable to read emails to send: %w", err)
	}
	var userIDs, oppIDs []string
	for _, r := range rows {
		userIDs = append(userIDs, r.UserID)
		if r.OpportunityID != nil {
			oppIDs = append(oppIDs, *r.OpportunityID)
		}
	}
	people, err := s.accounts.People(db, userIDs)
	if err != nil {
		return nil, err
	}
	opps, err := s.opportunities.ByIDs(db, oppIDs)
	if err != nil {
		return nil, err
	}
	out := make([]outgoing, 0, len(rows))
	for _, r := range rows {
		u, ok := people[r.UserID]
		if !ok {
			continue // the account is gone, and its notifications with it
		}
		r.Email, r.Name, r.Verified = u.Email, u.Name, u.CanEmail
		if r.OpportunityID != nil {
			if o, ok := opps[*r.OpportunityID]; ok {
				r.OppTitle, r.OppSummary, r.OppValue, r.OppDeadline, r.OppQuarter = &o.Title, &o.Summary, &o.EstimatedValuePence, o.SubmissionDeadline, &o.ExpectedQuarter
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Service) sendDigest(ctx context.Context, batch []outgoing) error {
	first := batch[0]
	items := make([]DigestItem, len(batch))
	for i, o := range batch {
		it := DigestItem{Title: deref(o.OppTitle), Summary: deref(o.OppSummary), Link: s.link(o.Link)}
		if o.Kind == KindPlanned {
			it.Title = "Planned: " + it.Title
		}
		if o.OppDeadline != nil {
			it.Deadline = format.DateTime(*o.OppDeadline)
		}
		if o.OppValue != nil && *o.OppValue > 0 {
			it.Value = format.Money(*o.OppValue)
		}
		items[i] = it
	}
	token := s.unsubscribeToken(tokenAlert, *first.AlertID)
	subject, text, html, err := s.renderer.Render("opportunity-digest", map[string]any{"Name": first.Name, "AlertName": deref(first.AlertName),
		"Count": len(items), "Items": items, "UnsubscribeLink": s.link("/unsubscribe/" + token), "AlertsLink": s.link("/alerts")})
	if err != nil {
		return err
	}
	return mailer.Redact(s.sender.Send(ctx, mailer.Message{To: first.Email, ToName: first.Name, Subject: subject, Text: text, HTML: html,
		Unsubscribe: s.link("/api/v1/unsubscribe/" + token)}), first.Email)
}
