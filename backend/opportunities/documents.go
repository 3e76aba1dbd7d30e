package opportunities

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// DocumentTypes are the kinds of file accepted as documents: office documents, PDFs, images,
// plain data and archives of them. Buyers attach them to opportunities, and suppliers give them
// as answers to a DPS's document questions (package dps), so both accept the same files.
var DocumentTypes = []string{
	"application/pdf", "text/plain", "text/csv", "image/png", "image/jpeg", "application/zip",
	"application/msword", "application/vnd.ms-excel", "application/rtf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
}

// DocumentPolicy is what Accept checks a document against: DocumentTypes, up to maxSize bytes.
// The dps package uses it for the files suppliers give as answers.
func DocumentPolicy(maxSize int64) blobstore.Policy {
	return blobstore.Policy{Types: DocumentTypes, MaxSize: maxSize,
		TypesMessage: "The document must be a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP file"}
}

// DocumentInput describes an uploaded document.
type DocumentInput struct {
	// Replaces is the ID of the document this one replaces, which stays listed as superseded.
	Replaces string
	// Note explains the change to suppliers; required once the opportunity is published.
	Note string
}

// AddDocument stores a document: the file is accepted into the document store whole or not at
// all (blobstore.Accept), with its SHA-256, and only then recorded. On a draft that is all; on an open opportunity it
// is an amendment, with a note, and a replaced document stays visible as superseded.
// Errors: invalid, not_found, conflict.
func (s *Service) AddDocument(ctx context.Context, p *auth.Principal, id string, in DocumentInput, file blobstore.Upload) (OpportunityDocument, error) {
	var f apperr.Fields
	policy := DocumentPolicy(s.maxUpload)
	_, ct := policy.Check(&f, file.Filename, file.ContentType)
	if in.Replaces != "" && !isUUID(in.Replaces) {
		f.Add("replaces", "Choose the document this one replaces from the list")
	}
	note := strings.TrimSpace(in.Note)
	if err := f.Err(); err != nil {
		return OpportunityDocument{}, err
	}
	o, err := s.load(s.db.Gorm.WithContext(ctx), id, false)
	if err != nil {
		return OpportunityDocument{}, err
	}
	if err := s.checkDocumentChange(o, note); err != nil {
		return OpportunityDocument{}, err
	}
	docID := uuid.NewString()
	key := "opportunities/" + o.ID + "/" + docID
	info, err := blobstore.Accept(ctx, s.blobs, key, policy, file)
	if err != nil {
		return OpportunityDocument{}, err
	}
	name := info.Filename
	now := s.stamp()
	row := Document{ID: docID, OpportunityID: o.ID, Filename: name, ContentType: ct, SizeBytes: info.Size, SHA256: info.SHA256, BlobKey: key,
		UploadedBy: p.UserID, UploadedAt: now}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The upload took time: look again, under the row lock, in case the opportunity closed or
		// was cancelled meanwhile.
		o, err := s.load(tx, o.ID, true)
		if err != nil {
			return err
		}
		if err := s.checkDocumentChange(o, note); err != nil {
			return err
		}
		if o.Status == StatusPublished {
			if err := s.check(ctx, tx, Event{Kind: EventAmended, OpportunityID: o.ID, At: now}); err != nil {
				return err
			}
		}
		before := map[string]string{}
		if in.Replaces != "" {
			var old Document
			if err := tx.Take(&old, "id = ? AND opportunity_id = ? AND superseded_at IS NULL", in.Replaces, o.ID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
				return apperr.Field("replaces", "Choose a current document of this opportunity to replace")
			} else if err != nil {
				return fmt.Errorf("opportunities: unable to read document: %w", err)
			}
			row.ReplacesID = &old.ID
			if err := tx.Model(&Document{}).Where("id = ?", old.ID).Update("superseded_at", now).Error; err != nil {
				return fmt.Errorf("opportunities: unable to supersede document: %w", err)
			}
			before["document"] = old.Filename + " (SHA-256 " + old.SHA256 + ")"
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("opportunities: unable to record document: %w", err)
		}
		if o.Status == StatusPublished {
			am, err := s.recordAmendment(tx, p, o.ID, "document", note, before, map[string]string{"document": row.Filename + " (SHA-256 " + row.SHA256 + ")"}, now)
			if err != nil {
				return err
			}
			if err := tx.Model(&Opportunity{}).Where("id = ?", o.ID).Updates(map[string]any{"updated_at": now, "version": o.Version + 1}).Error; err != nil {
				return fmt.Errorf("opportunities: unable to amend: %w", err)
			}
			if err := s.react(ctx, tx, Event{Kind: EventAmended, OpportunityID: o.ID, AmendmentID: am.ID, At: now}); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.document_added", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"document": docID, "sha256": info.SHA256, "replaces": in.Replaces}})
	})
	if err != nil {
		// The record failed, so the stored file would be an orphan: remove it.
		s.blobs.Delete(context.WithoutCancel(ctx), key)
		return OpportunityDocument{}, err
	}
	return documentView(o, row), nil
}

// checkDocumentChange allows documents on drafts, and on open opportunities as an amendment with
// a note.
func (s *Service) checkDocumentChange(o Opportunity, note string) error {
	switch st := publicStatus(o, s.now()); st {
	case StatusDraft:
		return nil
	case StatusOpen:
		if note == "" {
			return apperr.Field("note", "Say what the document is or what changed: suppliers see this note with the change")
		}
		return nil
	default:
		return errNotAmendable(st)
	}
}

func documentView(o Opportunity, d Document) OpportunityDocument {
	v := OpportunityDocument{ID: d.ID, Filename: d.Filename, ContentType: d.ContentType, Size: d.SizeBytes, SHA256: d.SHA256, UploadedAt: d.UploadedAt,
		Current: d.SupersededAt == nil, SupersededAt: d.SupersededAt, URL: "/api/v1/opportunities/" + o.ID + "/documents/" + d.ID}
	if d.ReplacesID != nil {
		v.ReplacesID = *d.ReplacesID
	}
	return v
}

func (s *Service) documents(db *gorm.DB, o Opportunity) ([]OpportunityDocument, error) {
	var rows []Document
	if err := db.Where("opportunity_id = ?", o.ID).Order("uploaded_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("opportunities: unable to read documents: %w", err)
	}
	out := []OpportunityDocument{}
	for _, d := range rows {
		out = append(out, documentView(o, d))
	}
	return out, nil
}

// OpenDocument opens a document for download: anyone for a public opportunity, buyers and
// administrators for a draft.
// Errors: not_found.
func (s *Service) OpenDocument(ctx context.Context, p *auth.Principal, oppID, docID string) (io.ReadCloser, OpportunityDocument, error) {
	db := s.db.Gorm.WithContext(ctx)
	o, err := s.load(db, oppID, false)
	if err != nil {
		return nil, OpportunityDocument{}, err
	}
	if o.Status == StatusDraft && !isStaff(p) {
		return nil, OpportunityDocument{}, errNotFound
	}
	if hidden, why, err := s.documentsHidden(ctx, p, o.ID); err != nil {
		return nil, OpportunityDocument{}, err
	} else if hidden {
		return nil, OpportunityDocument{}, apperr.New(apperr.Forbidden, why)
	}
	var d Document
	errNoDoc := apperr.New(apperr.NotFound, "There is no such document")
	if !isUUID(docID) {
		return nil, OpportunityDocument{}, errNoDoc
	}
	if err := db.Take(&d, "id = ? AND opportunity_id = ?", docID, o.ID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, OpportunityDocument{}, errNoDoc
	} else if err != nil {
		return nil, OpportunityDocument{}, fmt.Errorf("opportunities: unable to read document: %w", err)
	}
	rc, _, err := s.blobs.Get(ctx, d.BlobKey)
	if err != nil {
		return nil, OpportunityDocument{}, fmt.Errorf("opportunities: unable to open document: %w", err)
	}
	return rc, documentView(o, d), nil
}

// RemoveDocument deletes a document from a draft. Once published, documents are replaced by
// amendment instead, so suppliers can see what changed.
// Errors: not_found, conflict.
func (s *Service) RemoveDocument(ctx context.Context, p *auth.Principal, oppID, docID string) error {
	var key string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.load(tx, oppID, true)
		if err != nil {
			return err
		}
		if o.Status != StatusDraft {
			return apperr.New(apperr.Conflict, "A published document cannot be removed: upload a replacement with a note instead")
		}
		var d Document
		if !isUUID(docID) {
			return apperr.New(apperr.NotFound, "There is no such document")
		}
		if err := tx.Take(&d, "id = ? AND opportunity_id = ?", docID, o.ID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.New(apperr.NotFound, "There is no such document")
		} else if err != nil {
			return fmt.Errorf("opportunities: unable to read document: %w", err)
		}
		key = d.BlobKey
		// A later version that replaced this one loses the link; nobody outside saw a draft's history.
		if err := tx.Model(&Document{}).Where("replaces_id = ?", d.ID).Update("replaces_id", nil).Error; err != nil {
			return fmt.Errorf("opportunities: unable to unlink document: %w", err)
		}
		if err := tx.Delete(&Document{}, "id = ?", d.ID).Error; err != nil {
			return fmt.Errorf("opportunities: unable to remove document: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.document_removed", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"document": d.ID, "sha256": d.SHA256}})
	})
	if err == nil {
		s.blobs.Delete(ctx, key)
	}
	return err
}
