package bids

import (
	"context"
	"io"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

// UploadTarget lets bid documents arrive by resumable upload (platform/resumable's Target). The
// upload's metadata names bidId, questionId, filename and filetype. Its parts are stored through
// the bid's sealed store, so even a half-finished upload is ciphertext at rest; the completed file
// becomes a document through AddDocument, with the same checks and deadline as any other.
type UploadTarget struct{ svc *Service }

// UploadTarget returns the bids' target for resumable uploads.
func (s *Service) UploadTarget() UploadTarget { return UploadTarget{svc: s} }

// Begin authorises a new upload: the bid is a draft of p's organisation that may still change,
// the question asks for files of the declared type, and the deadline has not passed. It returns
// the bid's sealed store and the largest file allowed.
// Errors: not_found, invalid (questionId, filetype, filename), conflict (closed).
func (t UploadTarget) Begin(ctx context.Context, p *auth.Principal, meta map[string]string, size int64) (blobstore.Store, int64, error) {
	s := t.svc
	b, o, err := s.editable(ctx, p, meta["bidId"])
	if err != nil {
		return nil, 0, err
	}
	q, err := s.documentQuestion(s.db.Gorm.WithContext(ctx), o.ID, meta["questionId"])
	if err != nil {
		return nil, 0, err
	}
	var f apperr.Fields
	s.policy(q).Check(&f, meta["filename"], meta["filetype"])
	if err := f.Err(); err != nil {
		return nil, 0, err
	}
	dk, err := s.key(b)
	if err != nil {
		return nil, 0, err
	}
	return dk.Store(s.blobs), s.cfg.MaxUploadBytes, nil
}

// Reopen returns the sealed store of the upload's bid, for a later request on any replica, for
// Complete, or for the sweep of abandoned uploads. Errors: not_found.
func (t UploadTarget) Reopen(ctx context.Context, meta map[string]string) (blobstore.Store, error) {
	s := t.svc
	b, err := loadBid(s.db.Gorm.WithContext(ctx), meta["bidId"])
	if err != nil {
		return nil, err
	}
	dk, err := s.key(b)
	if err != nil {
		return nil, err
	}
	return dk.Store(s.blobs), nil
}

// Complete adds the whole file to the bid (AddDocument): refused, and not kept, when it
// completes after the deadline or fails the upload checks.
// Errors: those of AddDocument.
func (t UploadTarget) Complete(ctx context.Context, p *auth.Principal, meta map[string]string, file io.Reader, size int64) (string, error) {
	d, err := t.svc.AddDocument(ctx, p, meta["bidId"], meta["questionId"], blobstore.Upload{Filename: meta["filename"], ContentType: meta["filetype"],
		Body: file, Length: size})
	if err != nil {
		return "", err
	}
	return d.ID, nil
}
