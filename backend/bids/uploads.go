package bids

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"maps"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/fairtender/fairtender/backend/platform/sealing"
)

// UploadTarget lets bid documents arrive by resumable upload (platform/resumable's Target). The
// upload's metadata names bidId, questionId, filename and filetype. Its parts are stored through
// the bid's sealed store and its file name is sealed too (SealMetadata), so even a half-finished
// upload is ciphertext at rest; the completed upload's parts become the document (Adopt), with
// the same checks and deadline as any other.
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
	dk, err := t.key(ctx, meta)
	if err != nil {
		return nil, err
	}
	return dk.Store(t.svc.blobs), nil
}

// sealedFilename is the metadata key the file name is stored under while the upload is in
// progress: sealed with the bid's key, in base64.
const sealedFilename = "sealedFilename"

// SealMetadata keeps the file name of an upload in progress sealed with the bid's key, as the
// finished document's is: a name can say what is inside (resumable.MetadataSealer).
// Errors: not_found.
func (t UploadTarget) SealMetadata(ctx context.Context, meta map[string]string) (map[string]string, error) {
	dk, err := t.key(ctx, meta)
	if err != nil {
		return nil, err
	}
	ct, err := dk.Seal([]byte(meta["filename"]))
	if err != nil {
		return nil, fmt.Errorf("bids: unable to seal a file name: %w", err)
	}
	out := maps.Clone(meta)
	delete(out, "filename")
	out[sealedFilename] = base64.StdEncoding.EncodeToString(ct)
	return out, nil
}

// OpenMetadata gives back the metadata SealMetadata sealed (resumable.MetadataSealer).
// Errors: not_found.
func (t UploadTarget) OpenMetadata(ctx context.Context, stored map[string]string) (map[string]string, error) {
	sealed, ok := stored[sealedFilename]
	if !ok {
		return stored, nil // an upload begun before file names were sealed
	}
	dk, err := t.key(ctx, stored)
	if err != nil {
		return nil, err
	}
	ct, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, fmt.Errorf("bids: unable to read a sealed file name: %w", err)
	}
	name, err := dk.Open(ct)
	if err != nil {
		return nil, fmt.Errorf("bids: unable to open a sealed file name: %w", err)
	}
	out := maps.Clone(stored)
	delete(out, sealedFilename)
	out["filename"] = string(name)
	return out, nil
}

// key is the data key of the upload's bid.
func (t UploadTarget) key(ctx context.Context, meta map[string]string) (*sealing.DataKey, error) {
	b, err := loadBid(t.svc.db.Gorm.WithContext(ctx), meta["bidId"])
	if err != nil {
		return nil, err
	}
	return t.svc.key(b)
}

// Adopt makes a completed resumable upload a document of its bid, keeping its sealed parts as the
// document's content instead of sealing and storing it a second time (resumable.Adopter). It
// makes AddDocument's checks: the bid, question, count of files and deadline alike, the type by
// content from the first bytes, and for ZIP-based files (docx, xlsx, odt, ods) the archive
// limits, read back through the parts. Its SHA-256 is that of the bytes as received. The parts
// are claimed in the transaction that records the document; a refusal leaves them to the upload,
// which removes them.
// Errors: those of AddDocument.
func (t UploadTarget) Adopt(ctx context.Context, p *auth.Principal, meta map[string]string, u *resumable.Completed) (string, error) {
	d, err := t.svc.addDocument(ctx, p, meta["bidId"], meta["questionId"], meta["filetype"], func(_ blobstore.Store, _ string, pol blobstore.Policy) (stored, error) {
		acc, err := blobstore.Inspect(ctx, pol, blobstore.Received{Filename: meta["filename"], ContentType: meta["filetype"], Size: u.Size,
			SHA256: u.SHA256, Head: u.Head, Open: u.Open})
		return stored{Accepted: acc, key: u.Prefix, parts: u.Parts, claim: u.Claim}, err
	})
	if err != nil {
		return "", err
	}
	return d.ID, nil
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
