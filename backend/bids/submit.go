package bids

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"gorm.io/gorm"
)

// ReceiptItem is one answer or file a receipt vouches for.
type ReceiptItem struct {
	Kind       string `json:"kind" enum:"answer,document"`
	QuestionID string `json:"questionId"`
	Name       string `json:"name" doc:"The file's name, or the question's number and title for an answer."`
	Size       int64  `json:"size" doc:"Bytes: of the file, or of the answer's canonical plaintext."`
	SHA256     string `json:"sha256"`
}

// ReceiptOpportunity names what the bid was for.
type ReceiptOpportunity struct {
	ID        string `json:"id"`
	Reference string `json:"reference"`
	Title     string `json:"title"`
}

// BidReceipt is the proof of what was submitted and when (see the package doc for how to
// recompute receiptHash).
type BidReceipt struct {
	Reference        string             `json:"reference"`
	BidID            string             `json:"bidId"`
	Version          int                `json:"version" doc:"The version of the bid that was frozen: it counts every save, so it is not how many times the bid was submitted."`
	Submission       int                `json:"submission" doc:"Which submission of this bid the receipt is for: 1 for the first, 2 for the one after it (a resubmission), and so on. Only the latest counts."`
	SubmittedAt      time.Time          `json:"submittedAt" doc:"UTC, to the microsecond."`
	SubmittedAtText  string             `json:"submittedAtText" doc:"London time, to the second."`
	Opportunity      ReceiptOpportunity `json:"opportunity"`
	OrganisationName string             `json:"organisationName"`
	Items            []ReceiptItem      `json:"items" nullable:"false"`
	ReceiptHash      string             `json:"receiptHash"`
}

// Manifest is the canonical text a receipt hash is the SHA-256 of (see the package doc).
func (r BidReceipt) Manifest(opportunityID string) string {
	var b strings.Builder
	b.WriteString("fairtender-receipt-v1\n")
	fmt.Fprintf(&b, "bid %s\nreference %s\nopportunity %s\nversion %d\nsubmitted %s\n", r.BidID, r.Reference, opportunityID, r.Version,
		r.SubmittedAt.UTC().Format("2006-01-02T15:04:05.000000Z"))
	items := slices.Clone(r.Items)
	slices.SortFunc(items, func(a, b ReceiptItem) int {
		return strings.Compare(a.Kind+" "+a.QuestionID+" "+a.SHA256, b.Kind+" "+b.QuestionID+" "+b.SHA256)
	})
	for _, it := range items {
		fmt.Fprintf(&b, "item %s %s %d %s\n", it.Kind, it.QuestionID, it.Size, it.SHA256)
	}
	return b.String()
}

func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// abandonedAfter is how long an idempotency key may stay taken by a request that never
// finished: far longer than a submission takes, short enough for a bidder's retry before a deadline.
const abandonedAfter = time.Minute

var (
	errInProgress = apperr.New(apperr.Conflict, "This bid is being submitted in another request: wait a moment, then look at Your bids")
	errKeyReused  = apperr.New(apperr.Invalid, "This Idempotency-Key was used for another request: send a new one")
)

// Submit freezes the draft as a new submitted version and returns its receipt. The deadline is
// decided by the server's clock as the request completes: a submission a millisecond late is
// refused and nothing is stored. With an idempotency key (Stripe's semantics) a retry gets the
// same receipt and a concurrent duplicate gets conflict; a failed attempt leaves the key free.
// Errors: not_found, invalid (what is missing, each by field), conflict (closed, already being
// submitted, nothing changed since the last submission).
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id, idemKey string) (BidReceipt, error) {
	if idemKey == "" {
		return s.submit(ctx, p, id)
	}
	if len(idemKey) > 255 {
		return BidReceipt{}, apperr.New(apperr.Invalid, "Idempotency-Key must be at most 255 characters")
	}
	b, _, err := s.readable(ctx, p, id)
	if err != nil {
		return BidReceipt{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	req := hashHex([]byte("submit\n" + id + "\n" + p.UserID))
	row := idempotencyRow{BidID: id, IdemKey: idemKey, RequestHash: req, CreatedAt: s.stamp()}
	// The key's row is inserted first, on its own: a concurrent duplicate finds it and stops.
	if err := db.Create(&row).Error; err != nil {
		if !database.IsDuplicate(err) {
			return BidReceipt{}, fmt.Errorf("bids: unable to record the idempotency key: %w", err)
		}
		var cur idempotencyRow
		if err := db.Take(&cur, "bid_id = ? AND idem_key = ?", id, idemKey).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			// The request holding the key failed and freed it in between: it submitted nothing,
			// so this one may take the key now.
			return s.Submit(ctx, p, id, idemKey)
		} else if err != nil {
			return BidReceipt{}, fmt.Errorf("bids: unable to read the idempotency key: %w", err)
		}
		switch {
		case cur.RequestHash != req:
			return BidReceipt{}, errKeyReused
		case cur.Status == 0 && cur.CreatedAt.Before(s.stamp().Add(-abandonedAfter)):
			// The request that took the key died before finishing (a crash, a lost
			// connection to the database): nothing was submitted, so the key is free again.
			res := db.Where("bid_id = ? AND idem_key = ? AND status = 0 AND created_at = ?", id, idemKey, cur.CreatedAt).Delete(&idempotencyRow{})
			if res.Error != nil {
				return BidReceipt{}, fmt.Errorf("bids: unable to free an abandoned idempotency key: %w", res.Error)
			}
			return s.Submit(ctx, p, id, idemKey)
		case cur.Status == 0:
			return BidReceipt{}, errInProgress
		}
		var r BidReceipt
		if err := s.openJSON(b, cur.Response, &r); err != nil {
			return BidReceipt{}, fmt.Errorf("bids: unable to read the saved answer: %w", err)
		}
		return r, nil
	}
	r, err := s.submit(ctx, p, id)
	if err != nil {
		if derr := db.Where("bid_id = ? AND idem_key = ?", id, idemKey).Delete(&idempotencyRow{}).Error; derr != nil {
			s.log.Error("bids: unable to free an idempotency key", "bid", id, "err", derr)
		}
		return BidReceipt{}, err
	}
	saved, err := s.sealJSON(b, r)
	if err != nil {
		return BidReceipt{}, err
	}
	if err := db.Model(&idempotencyRow{}).Where("bid_id = ? AND idem_key = ?", id, idemKey).Updates(map[string]any{"status": 200, "response": saved}).Error; err != nil {
		return BidReceipt{}, fmt.Errorf("bids: unable to save the answer for retries: %w", err)
	}
	return r, nil
}

func (s *Service) submit(ctx context.Context, p *auth.Principal, id string) (BidReceipt, error) {
	b, o, err := s.editable(ctx, p, id)
	if err != nil {
		return BidReceipt{}, err
	}
	if b.Status == StatusSubmitted && b.SubmittedVersion != nil && *b.SubmittedVersion == b.Version {
		return BidReceipt{}, apperr.New(apperr.Conflict, "This bid is already submitted and has not changed since: your receipt is on the bid's page")
	}
	v, err := s.view(ctx, b, o)
	if err != nil {
		return BidReceipt{}, err
	}
	if len(v.Missing) > 0 {
		var f apperr.Fields
		for _, m := range v.Missing {
			f.Add(m.Field, m.Message)
		}
		return BidReceipt{}, f.Err()
	}
	db := s.db.Gorm.WithContext(ctx)
	dk, err := s.key(b)
	if err != nil {
		return BidReceipt{}, err
	}
	answers, err := draftAnswers(db, dk, b.ID)
	if err != nil {
		return BidReceipt{}, err
	}
	_, qs, _, err := loadForm(db, o.ID)
	if err != nil {
		return BidReceipt{}, err
	}
	titles := map[string]string{}
	for _, q := range qs {
		titles[q.ID] = fmt.Sprintf("Question %d: %s", q.Number, q.Title)
	}
	snap := snapshot{LotIDs: v.LotIDs, Answers: []storedAnswer{}, DocumentIDs: []string{}}
	r := BidReceipt{Reference: b.Reference, BidID: b.ID, Version: b.Version, Opportunity: ReceiptOpportunity{ID: o.ID, Reference: o.Reference, Title: o.Title},
		OrganisationName: v.OrganisationName, Items: []ReceiptItem{}}
	for _, a := range answers {
		if _, ok := titles[a.QuestionID]; !ok {
			continue // a question since removed from the form (before publication)
		}
		raw, _ := json.Marshal(a.Answer)
		snap.Answers = append(snap.Answers, a)
		r.Items = append(r.Items, ReceiptItem{Kind: "answer", QuestionID: a.QuestionID, Name: titles[a.QuestionID], Size: int64(len(raw)), SHA256: hashHex(raw)})
	}
	for _, d := range v.Documents {
		snap.DocumentIDs = append(snap.DocumentIDs, d.ID)
		r.Items = append(r.Items, ReceiptItem{Kind: "document", QuestionID: d.QuestionID, Name: d.Filename, Size: d.Size, SHA256: d.SHA256})
	}
	rawSnap, _ := json.Marshal(snap)
	sealed, err := dk.Seal(rawSnap)
	if err != nil {
		return BidReceipt{}, fmt.Errorf("bids: unable to seal the submission: %w", err)
	}
	members, err := s.dir.Members(db, b.OrganisationID)
	if err != nil {
		return BidReceipt{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The clock is read last, as the request completes: the deadline is the server's, and a
		// submission after it leaves nothing behind.
		now := s.stamp()
		if !now.Before(o.SubmissionDeadline.At) {
			return closedErr(o)
		}
		r.SubmittedAt, r.SubmittedAtText = now, now.In(format.London).Format("15:04:05 on Monday 2 January 2006")
		var earlier int64
		if err := tx.Model(&submissionRow{}).Where("bid_id = ?", b.ID).Count(&earlier).Error; err != nil {
			return fmt.Errorf("bids: unable to count earlier submissions: %w", err)
		}
		r.Submission = int(earlier) + 1
		r.ReceiptHash = hashHex([]byte(r.Manifest(o.ID)))
		sealedReceipt, err := s.sealJSON(b, r)
		if err != nil {
			return err
		}
		res := tx.Model(&bid{}).Where("id = ? AND version = ? AND (submitted_version IS NULL OR submitted_version <> ?)", b.ID, b.Version, b.Version).
			Updates(map[string]any{"status": StatusSubmitted, "submitted_version": b.Version, "submitted_at": now, "receipt_hash": r.ReceiptHash,
				"before_amendment": nil, "first_before_amendment": nil, "confirmed_amendment": nil, "confirmed_at": nil, "confirmed_by": nil})
		if res.Error != nil {
			return fmt.Errorf("bids: unable to submit: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.Conflict, "This bid changed or was submitted while you were submitting it: reload it and check before submitting again")
		}
		if err := tx.Create(&submissionRow{BidID: b.ID, Version: b.Version, Sealed: sealed, Receipt: sealedReceipt, ReceiptHash: r.ReceiptHash,
			SubmittedBy: p.UserID, SubmittedAt: now}).Error; err != nil {
			return fmt.Errorf("bids: unable to keep the submitted version: %w", err)
		}
		for _, m := range members {
			if !m.CanEmail {
				continue
			}
			if err := s.mail.Enqueue(ctx, tx, "bid-receipt", m.Email, m.Name, s.receiptMail(r, m.Name)); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.submitted", SubjectType: "bid", SubjectID: b.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"opportunity": o.ID, "version": b.Version, "receiptHash": r.ReceiptHash}})
	})
	if err != nil {
		return BidReceipt{}, err
	}
	return r, nil
}

// submissionText says which submission n is, for people: the version number counts saves, and
// "version 5" on a first submission made bidders think they had sent it five times.
func submissionText(n int) string {
	if n <= 1 {
		return "first submission"
	}
	return fmt.Sprintf("submission %d, which replaces the earlier ones", n)
}

// receiptMail is what the receipt email shows.
func (s *Service) receiptMail(r BidReceipt, name string) map[string]any {
	items := make([]map[string]any, 0, len(r.Items))
	for _, it := range r.Items {
		// Sizes as text: the data passes through JSON, and a large float prints as 1.048576e+08.
		items = append(items, map[string]any{"Kind": it.Kind, "Name": it.Name, "Size": format.Int(it.Size), "SHA256": it.SHA256})
	}
	return map[string]any{"Name": name, "Link": s.cfg.BaseURL + "/bids/" + r.BidID + "/receipt", "Reference": r.Reference, "BidID": r.BidID, "Version": r.Version, "Submission": submissionText(r.Submission), "SubmittedAt": r.SubmittedAt.Format("2006-01-02T15:04:05.000000Z"),
		"SubmittedAtText": r.SubmittedAtText, "OpportunityTitle": r.Opportunity.Title, "OpportunityReference": r.Opportunity.Reference,
		"OrganisationName": r.OrganisationName, "Items": items, "ReceiptHash": r.ReceiptHash}
}

// Withdraw withdraws a submitted bid before the deadline: it no longer counts, its versions and
// receipts are kept, and it may be submitted again. Errors: not_found, conflict (closed, not
// submitted).
func (s *Service) Withdraw(ctx context.Context, p *auth.Principal, id string) (BidView, error) {
	b, o, err := s.editable(ctx, p, id)
	if err != nil {
		return BidView{}, err
	}
	if b.Status != StatusSubmitted {
		return BidView{}, apperr.New(apperr.Conflict, "Only a submitted bid can be withdrawn")
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		if !now.Before(o.SubmissionDeadline.At) {
			return closedErr(o)
		}
		res := tx.Model(&bid{}).Where("id = ? AND status = ?", b.ID, StatusSubmitted).Updates(map[string]any{"status": StatusWithdrawn, "submitted_version": nil,
			"receipt_hash": "", "version": gorm.Expr("version + 1")})
		if res.Error != nil || res.RowsAffected != 1 {
			return errors.Join(res.Error, apperr.New(apperr.Conflict, "Only a submitted bid can be withdrawn"))
		}
		if err := tx.Model(&submissionRow{}).Where("bid_id = ? AND withdrawn_at IS NULL", b.ID).Update("withdrawn_at", now).Error; err != nil {
			return fmt.Errorf("bids: unable to withdraw: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.withdrawn", SubjectType: "bid", SubjectID: b.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"opportunity": o.ID}})
	})
	if err != nil {
		return BidView{}, err
	}
	if b, err = loadBid(s.db.Gorm.WithContext(ctx), b.ID); err != nil {
		return BidView{}, err
	}
	return s.view(ctx, b, o)
}

// Receipt returns the receipt of a submitted version (the latest when version is 0), to the
// bidder's organisation. Errors: not_found.
func (s *Service) Receipt(ctx context.Context, p *auth.Principal, id string, version int) (BidReceipt, error) {
	b, _, err := s.readable(ctx, p, id)
	if err != nil {
		return BidReceipt{}, err
	}
	q := s.db.Gorm.WithContext(ctx).Where("bid_id = ?", b.ID)
	if version > 0 {
		q = q.Where("version = ?", version)
	}
	var row submissionRow
	if err := q.Order("version DESC").Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return BidReceipt{}, apperr.New(apperr.NotFound, "This bid has no submitted version with that number")
	} else if err != nil {
		return BidReceipt{}, fmt.Errorf("bids: unable to read the receipt: %w", err)
	}
	var r BidReceipt
	if err := s.openJSON(b, row.Receipt, &r); err != nil {
		return BidReceipt{}, fmt.Errorf("bids: unable to read the receipt: %w", err)
	}
	if r.Submission == 0 {
		// Kept before receipts said which submission they were: count them.
		var n int64
		if err := s.db.Gorm.WithContext(ctx).Model(&submissionRow{}).Where("bid_id = ? AND version <= ?", b.ID, row.Version).Count(&n).Error; err != nil {
			return BidReceipt{}, fmt.Errorf("bids: unable to read the receipt: %w", err)
		}
		r.Submission = int(n)
	}
	return r, nil
}

// ConfirmStands records, before the deadline, that the organisation's bid submitted before an
// amendment still stands as submitted: the mark is cleared for the bidder, while the council
// (after opening) still sees that the version came before the amendment, and who confirmed
// when. Errors: not_found, conflict (nothing to confirm, closed).
func (s *Service) ConfirmStands(ctx context.Context, p *auth.Principal, id string) (BidView, error) {
	b, o, err := s.editable(ctx, p, id)
	if err != nil {
		return BidView{}, err
	}
	if b.Status != StatusSubmitted || b.BeforeAmendment == nil {
		return BidView{}, apperr.New(apperr.Conflict, "There is nothing to confirm: the opportunity has not been amended since your bid was submitted")
	}
	latest := *b.BeforeAmendment
	for _, a := range o.Amendments {
		latest = max(latest, a.Number)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.stamp()
		if !now.Before(o.SubmissionDeadline.At) {
			return closedErr(o)
		}
		res := tx.Model(&bid{}).Where("id = ? AND status = ? AND before_amendment = ?", b.ID, StatusSubmitted, *b.BeforeAmendment).
			Updates(map[string]any{"before_amendment": nil, "confirmed_amendment": latest, "confirmed_at": now, "confirmed_by": p.UserID})
		if res.Error != nil {
			return fmt.Errorf("bids: unable to confirm the bid: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.Conflict, "Your bid changed while you were confirming it: reload it and check")
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.confirmed_stands", SubjectType: "bid", SubjectID: b.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"opportunity": o.ID, "version": *b.SubmittedVersion, "afterAmendment": latest}})
	})
	if err != nil {
		return BidView{}, err
	}
	if b, err = loadBid(s.db.Gorm.WithContext(ctx), b.ID); err != nil {
		return BidView{}, err
	}
	return s.view(ctx, b, o)
}
