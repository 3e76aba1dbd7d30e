package clarifications

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// DocumentUploadPrefix is where the council uploads documents to attach to an answer, as raw
// request bodies streamed to the document store; apart from the JSON routes so only uploads
// escape the JSON body limit.
const DocumentUploadPrefix = "/api/v1/clarification-uploads/"

// maxDocuments is how many documents one answer may attach.
const maxDocuments = 10

// document is a row of clarification_documents: uploaded for an opportunity, then attached to the
// answer that names it. An unattached document is the council's alone.
type document struct {
	ID            string `gorm:"primaryKey"`
	OpportunityID string
	AnswerID      *string
	Filename      string
	ContentType   string
	SizeBytes     int64
	SHA256        string `gorm:"column:sha256"`
	BlobKey       string
	UploadedBy    string
	UploadedAt    time.Time
}

func (document) TableName() string { return "clarification_documents" }

// ClarificationDocument is a document attached to an answer, with its checksum so a supplier can check
// their copy.
type ClarificationDocument struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

func documentView(d document) ClarificationDocument {
	return ClarificationDocument{ID: d.ID, Filename: d.Filename, ContentType: d.ContentType, Size: d.SizeBytes, SHA256: d.SHA256,
		URL: "/api/v1/clarification-documents/" + d.ID}
}

// UploadDocument stores a document for the council to attach to an answer on the opportunity: whole,
// with its SHA-256, or not at all. It is seen by nobody else until an answer attaches it.
// Errors: forbidden, not_found, invalid (query.filename, the type or size).
func (s *Service) UploadDocument(ctx context.Context, p *auth.Principal, opportunityID string, file blobstore.Upload) (ClarificationDocument, error) {
	if !isStaff(p) {
		return ClarificationDocument{}, apperr.New(apperr.Forbidden, "Only the council's buyers attach documents to answers")
	}
	var f apperr.Fields
	policy := opportunities.DocumentPolicy(s.cfg.MaxUploadBytes)
	_, ct := policy.Check(&f, file.Filename, file.ContentType)
	if err := f.Err(); err != nil {
		return ClarificationDocument{}, err
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return ClarificationDocument{}, err
	}
	id := uuid.NewString()
	key := "clarifications/" + o.ID + "/" + id
	info, err := blobstore.Accept(ctx, s.blobs, key, policy, file)
	if err != nil {
		return ClarificationDocument{}, err
	}
	d := document{ID: id, OpportunityID: o.ID, Filename: info.Filename, ContentType: ct, SizeBytes: info.Size, SHA256: info.SHA256, BlobKey: key,
		UploadedBy: p.UserID, UploadedAt: s.stamp()}
	if err := s.db.Gorm.WithContext(ctx).Create(&d).Error; err != nil {
		_ = s.blobs.Delete(context.WithoutCancel(ctx), key)
		return ClarificationDocument{}, fmt.Errorf("clarifications: unable to record the document: %w", err)
	}
	return documentView(d), nil
}

// attach gives the answer the documents named, which must be unattached uploads for its
// opportunity. Errors: invalid (documentIds).
func attach(tx *gorm.DB, a answer, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if len(ids) > maxDocuments {
		return apperr.Field("documentIds", fmt.Sprintf("Attach at most %d documents to one answer", maxDocuments))
	}
	for _, id := range ids {
		if !isID(id) {
			return apperr.Field("documentIds", "Choose documents uploaded for this opportunity")
		}
	}
	res := tx.Model(&document{}).Where("id IN ? AND opportunity_id = ? AND answer_id IS NULL", ids, a.OpportunityID).Update("answer_id", a.ID)
	if res.Error != nil {
		return fmt.Errorf("clarifications: unable to attach documents: %w", res.Error)
	}
	if res.RowsAffected != int64(len(ids)) {
		return apperr.Field("documentIds", "Choose documents uploaded for this opportunity and not yet attached to an answer")
	}
	return nil
}

// documentsFor are the documents of each answer.
func documentsFor(db *gorm.DB, answerIDs []string) (map[string][]ClarificationDocument, error) {
	out := map[string][]ClarificationDocument{}
	if len(answerIDs) == 0 {
		return out, nil
	}
	var rows []document
	if err := db.Where("answer_id IN ?", answerIDs).Order("uploaded_at, filename").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("clarifications: unable to read documents: %w", err)
	}
	for _, d := range rows {
		out[*d.AnswerID] = append(out[*d.AnswerID], documentView(d))
	}
	return out, nil
}

// OpenDocument opens a document for p: anyone when its answer is to everyone; the asker's
// organisation and the council when private; the council alone before it is attached.
// Errors: not_found (also when p may not see it, so its existence is not revealed).
func (s *Service) OpenDocument(ctx context.Context, p *auth.Principal, id string) (io.ReadCloser, ClarificationDocument, error) {
	notFound := apperr.New(apperr.NotFound, "There is no such document")
	if !isID(id) {
		return nil, ClarificationDocument{}, notFound
	}
	db := s.db.Gorm.WithContext(ctx)
	var d document
	if err := db.Where("id = ?", id).Take(&d).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ClarificationDocument{}, notFound
	} else if err != nil {
		return nil, ClarificationDocument{}, fmt.Errorf("clarifications: unable to read the document: %w", err)
	}
	if !isStaff(p) {
		if d.AnswerID == nil {
			return nil, ClarificationDocument{}, notFound
		}
		var a answer
		if err := db.Where("id = ?", *d.AnswerID).Take(&a).Error; err != nil {
			return nil, ClarificationDocument{}, fmt.Errorf("clarifications: unable to read the answer: %w", err)
		}
		if a.Visibility != Everyone {
			var q question
			if a.QuestionID == nil || p == nil || p.Role != auth.RoleSupplier {
				return nil, ClarificationDocument{}, notFound
			}
			if err := db.Where("id = ?", *a.QuestionID).Take(&q).Error; err != nil {
				return nil, ClarificationDocument{}, fmt.Errorf("clarifications: unable to read the question: %w", err)
			}
			if _, err := s.orgs.ActsFor(ctx, p, q.OrganisationID, apperr.InBody); err != nil {
				return nil, ClarificationDocument{}, notFound
			}
		}
	}
	rc, _, err := s.blobs.Get(ctx, d.BlobKey)
	if err != nil {
		return nil, ClarificationDocument{}, fmt.Errorf("clarifications: unable to open the document: %w", err)
	}
	return rc, documentView(d), nil
}
