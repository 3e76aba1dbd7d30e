package bids

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

var errNoDocument = apperr.New(apperr.NotFound, "There is no such document in this bid")

// documentQuestion finds the document question questionID of the bid's form.
// Errors: invalid (questionId).
func (s *Service) documentQuestion(db *gorm.DB, opportunityID, questionID string) (BidFormQuestion, error) {
	_, qs, _, err := loadForm(db, opportunityID)
	if err != nil {
		return BidFormQuestion{}, err
	}
	for _, q := range qs {
		if q.ID == questionID && q.Kind == KindDocument {
			return q, nil
		}
	}
	return BidFormQuestion{}, apperr.Field("questionId", "Choose a question of the form that asks for files")
}

// policy is what a document question accepts.
func (s *Service) policy(q BidFormQuestion) blobstore.Policy {
	var types []string
	for _, t := range q.DocumentTypes {
		types = append(types, documentTypes[t]...)
	}
	return blobstore.Policy{Types: types, MaxSize: s.cfg.MaxUploadBytes,
		TypesMessage: "This question accepts only these types of file: " + joinTypes(q.DocumentTypes)}
}

func joinTypes(ts []string) string {
	out := ""
	for i, t := range ts {
		if i > 0 {
			out += ", "
		}
		out += t
	}
	return out
}

// AddDocument adds a file to a draft's answer to a document question: checked by the shared
// upload checks and sealed under the bid's key as it is stored, so the document store never
// holds its plaintext. The deadline is the server's as the upload completes: a file that
// finishes after it is refused and not kept.
// Errors: not_found, invalid (questionId, file, filename; too many files), conflict (closed).
func (s *Service) AddDocument(ctx context.Context, p *auth.Principal, bidID, questionID string, u blobstore.Upload) (BidDocument, error) {
	return s.addDocument(ctx, p, bidID, questionID, u.ContentType, func(st blobstore.Store, key string, pol blobstore.Policy) (stored, error) {
		acc, err := blobstore.Accept(ctx, st, key, pol, u)
		return stored{Accepted: acc, key: key}, err
	})
}

// stored is a document's content as kept in the document store: one sealed object at key, or
// (parts > 0) a resumable upload's sealed parts under the prefix key, handed over by claim.
type stored struct {
	blobstore.Accepted
	key   string
	parts int
	claim func(tx *gorm.DB) error
}

// addDocument is AddDocument with the storing left to store, given the bid's sealed store, the
// key for a new object and the question's policy: the bid, question, count of files and deadline
// are checked the same way however the content arrived.
func (s *Service) addDocument(ctx context.Context, p *auth.Principal, bidID, questionID, declared string,
	store func(st blobstore.Store, key string, pol blobstore.Policy) (stored, error)) (BidDocument, error) {
	b, o, err := s.editable(ctx, p, bidID)
	if err != nil {
		return BidDocument{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	q, err := s.documentQuestion(db, o.ID, questionID)
	if err != nil {
		return BidDocument{}, err
	}
	var n int64
	if err := db.Model(&documentRow{}).Where("bid_id = ? AND question_id = ? AND removed_at IS NULL", b.ID, q.ID).Count(&n).Error; err != nil {
		return BidDocument{}, fmt.Errorf("bids: unable to count documents: %w", err)
	}
	if n >= int64(q.MaxFiles) {
		return BidDocument{}, apperr.Field("file", fmt.Sprintf("This question takes at most %d files: remove one first", q.MaxFiles))
	}
	dk, err := s.key(b)
	if err != nil {
		return BidDocument{}, err
	}
	id := uuid.NewString()
	acc, err := store(dk.Store(s.blobs), "bids/"+b.ID+"/"+id, s.policy(q))
	if err != nil {
		return BidDocument{}, err
	}
	// Parts are removed by their upload when this fails; a single object is this method's.
	discard := func() {
		if acc.parts == 0 {
			s.discard(ctx, acc.key)
		}
	}
	name, err := dk.Seal([]byte(acc.Filename))
	if err != nil {
		discard()
		return BidDocument{}, fmt.Errorf("bids: unable to seal a file name: %w", err)
	}
	ct := acc.ContentType
	for _, t := range q.DocumentTypes {
		if slices.Contains(documentTypes[t], declared) {
			ct = declared
		}
	}
	row := documentRow{ID: id, BidID: b.ID, QuestionID: q.ID, Filename: name, ContentType: ct, SizeBytes: acc.Size, SHA256: acc.SHA256,
		BlobKey: acc.key, Parts: acc.parts, UploadedBy: p.UserID}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The clock is read last, as the upload completes: the deadline is the server's.
		row.UploadedAt = s.stamp()
		if o.SubmissionDeadline == nil || !row.UploadedAt.Before(o.SubmissionDeadline.At) {
			return closedErr(o)
		}
		if acc.claim != nil {
			if err := acc.claim(tx); err != nil {
				return err
			}
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("bids: unable to save the document: %w", err)
		}
		return tx.Model(&bid{}).Where("id = ?", b.ID).Updates(map[string]any{"version": gorm.Expr("version + 1"), "last_change_by": p.UserID,
			"last_change_at": row.UploadedAt, "last_change_question": q.ID}).Error
	})
	if err != nil {
		discard()
		return BidDocument{}, err
	}
	people, _ := s.dir.People(db, []string{p.UserID})
	return BidDocument{ID: id, QuestionID: q.ID, Filename: acc.Filename, Size: acc.Size, SHA256: acc.SHA256, ContentType: ct, UploadedAt: row.UploadedAt,
		UploadedBy: people[p.UserID].Name}, nil
}

func (s *Service) discard(ctx context.Context, key string) {
	if err := s.blobs.Delete(context.WithoutCancel(ctx), key); err != nil && !errors.Is(err, blobstore.ErrNotFound) {
		s.log.Warn("bids: unable to remove a refused document", "key", key, "err", err)
	}
}

// RemoveDocument takes a file out of a draft. A submitted version that named it keeps it.
// Errors: not_found, conflict (closed).
func (s *Service) RemoveDocument(ctx context.Context, p *auth.Principal, bidID, documentID string) error {
	b, _, err := s.editable(ctx, p, bidID)
	if err != nil {
		return err
	}
	now := s.stamp()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&documentRow{}).Where("id = ? AND bid_id = ? AND removed_at IS NULL", documentID, b.ID).Update("removed_at", now)
		if res.Error != nil {
			return fmt.Errorf("bids: unable to remove the document: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return errNoDocument
		}
		return tx.Model(&bid{}).Where("id = ?", b.ID).Updates(map[string]any{"version": gorm.Expr("version + 1"), "last_change_by": p.UserID,
			"last_change_at": now, "last_change_question": ""}).Error
	})
}

// OpenDocument streams a document's plaintext: to the bidder's organisation, or after opening to
// council staff (only documents of the version that counts, each read audited).
// Errors: not_found.
func (s *Service) OpenDocument(ctx context.Context, p *auth.Principal, bidID, documentID string) (io.ReadCloser, BidDocument, error) {
	b, how, err := s.readable(ctx, p, bidID)
	if err != nil {
		return nil, BidDocument{}, err
	}
	if !isID(documentID) {
		return nil, BidDocument{}, errNoDocument
	}
	db := s.db.Gorm.WithContext(ctx)
	var d documentRow
	if err := db.Take(&d, "id = ? AND bid_id = ?", documentID, b.ID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, BidDocument{}, errNoDocument
	} else if err != nil {
		return nil, BidDocument{}, fmt.Errorf("bids: unable to read the document: %w", err)
	}
	dk, err := s.key(b)
	if err != nil {
		return nil, BidDocument{}, err
	}
	if how == asCouncil {
		snap, _, err := s.loadSnapshot(db, dk, b, *b.SubmittedVersion)
		if err != nil {
			return nil, BidDocument{}, err
		}
		if !slices.Contains(snap.DocumentIDs, d.ID) {
			return nil, BidDocument{}, errNoDocument
		}
		// A file in a sealed price envelope is as closed as the prices (none today: files
		// answer quality questions; this keeps it so should price documents come).
		f, qs, _, err := loadForm(db, b.OpportunityID)
		if err != nil {
			return nil, BidDocument{}, err
		}
		if open, err := pricesOpen(db, b.OpportunityID, f.TwoStage); err != nil || (!open && priceQuestions(qs)[d.QuestionID]) {
			return nil, BidDocument{}, errors.Join(err, errNoDocument)
		}
		if err := s.auditRead(ctx, p, b, "bids.document_read", map[string]any{"document": d.ID}); err != nil {
			return nil, BidDocument{}, err
		}
	} else if d.RemovedAt != nil {
		return nil, BidDocument{}, errNoDocument
	}
	name, err := dk.Open(d.Filename)
	if err != nil {
		return nil, BidDocument{}, fmt.Errorf("bids: unable to open a document name: %w", err)
	}
	rc, err := s.content(ctx, dk.Store(s.blobs), d)
	if err != nil {
		return nil, BidDocument{}, err
	}
	return rc, BidDocument{ID: d.ID, QuestionID: d.QuestionID, Filename: string(name), Size: d.SizeBytes, SHA256: d.SHA256, ContentType: d.ContentType,
		UploadedAt: d.UploadedAt}, nil
}

// content streams d's plaintext from st, its bid's sealed store: one object, or the parts of the
// resumable upload it arrived by, decrypted and joined in order.
func (s *Service) content(ctx context.Context, st blobstore.Store, d documentRow) (io.ReadCloser, error) {
	if d.Parts > 0 {
		return resumable.OpenParts(ctx, st, d.BlobKey, d.Parts, d.SizeBytes)
	}
	rc, _, err := st.Get(ctx, d.BlobKey)
	return rc, err
}
