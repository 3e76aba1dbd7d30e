package dps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AnswerFile is the file given as the answer to a document question.
type AnswerFile struct {
	ApplicationID string `gorm:"primaryKey"`
	QuestionID    string `gorm:"primaryKey"`
	Filename      string
	ContentType   string
	SizeBytes     int64
	SHA256        string `gorm:"column:sha256"`
	BlobKey       string
	UploadedBy    string
	UploadedAt    time.Time
}

// TableName is the dps_answer_documents table.
func (AnswerFile) TableName() string { return "dps_answer_documents" }

// AnswerDocument is the file that answers a document question: one the supplier uploaded, or the
// certificate on their profile when the answer came from it.
type AnswerDocument struct {
	Filename   string     `json:"filename"`
	Size       int64      `json:"size" doc:"In bytes."`
	SHA256     string     `json:"sha256" doc:"Lowercase hex SHA-256 of the file as stored."`
	UploadedAt *time.Time `json:"uploadedAt,omitempty" doc:"When it was uploaded; absent for a certificate from the profile."`
	URL        string     `json:"url" doc:"Where to download it."`
}

func answerFileURL(appID, questionID string) string {
	return "/api/v1/dps-applications/" + appID + "/answers/" + questionID + "/document"
}

// UploadAnswer stores a file as the answer to a document question of the supplier's own draft
// application. The file is accepted into the document store whole or not at all (blobstore.Accept),
// under a key of its own so that a failed upload leaves the earlier answer in place, with its
// SHA-256, and only then recorded; if the record fails the stored file is removed, and a file it replaces is removed
// once the new one is recorded.
// Errors: invalid (the file, or a question that is not a document question), not_found (the
// application or the question), forbidden, conflict (no longer a draft).
func (s *Service) UploadAnswer(ctx context.Context, p *auth.Principal, appID, questionID string, file blobstore.Upload) (ApplicationView, error) {
	var f apperr.Fields
	policy := opportunities.DocumentPolicy(s.cfg.MaxUploadBytes)
	policy.TypesMessage = "The file must be a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP file"
	_, ct := policy.Check(&f, file.Filename, file.ContentType)
	if err := f.Err(); err != nil {
		return ApplicationView{}, err
	}
	db := s.db.Gorm.WithContext(ctx)
	a, _, err := s.loadApplication(db, p, appID)
	if err != nil {
		return ApplicationView{}, err
	}
	if err := s.checkAnswerFile(db, p, a, questionID); err != nil {
		return ApplicationView{}, err
	}
	key := "dps-applications/" + a.ID + "/" + uuid.NewString()
	info, err := blobstore.Accept(ctx, s.blobs, key, policy, file)
	if err != nil {
		return ApplicationView{}, err
	}
	name := info.Filename
	row := AnswerFile{ApplicationID: a.ID, QuestionID: questionID, Filename: name, ContentType: ct, SizeBytes: info.Size, SHA256: info.SHA256,
		BlobKey: key, UploadedBy: p.UserID, UploadedAt: s.stamp()}
	var replaced string
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The upload took time: look again, holding the application's row, in case it was
		// submitted or withdrawn meanwhile or another upload for the question got in first.
		if s.db.Dialect == database.Postgres {
			if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Select("id").Take(&Application{}, "id = ?", a.ID).Error; err != nil {
				return fmt.Errorf("dps: unable to lock application: %w", err)
			}
		}
		a, _, err := s.loadApplication(tx, p, a.ID)
		if err != nil {
			return err
		}
		if err := s.checkAnswerFile(tx, p, a, questionID); err != nil {
			return err
		}
		var old AnswerFile
		if err := tx.Take(&old, "application_id = ? AND question_id = ?", a.ID, questionID).Error; err == nil {
			replaced = old.BlobKey
			if err := tx.Delete(&AnswerFile{}, "application_id = ? AND question_id = ?", a.ID, questionID).Error; err != nil {
				return fmt.Errorf("dps: unable to replace answer document: %w", err)
			}
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("dps: unable to read answer document: %w", err)
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("dps: unable to record answer document: %w", err)
		}
		// The file is the answer now: a line from the profile no longer stands for it.
		if err := tx.Where("application_id = ? AND question_id = ?", a.ID, questionID).Delete(&Answer{}).Error; err != nil {
			return fmt.Errorf("dps: unable to save answer: %w", err)
		}
		if err := tx.Model(&a).Updates(map[string]any{"version": a.Version + 1, "updated_at": row.UploadedAt}).Error; err != nil {
			return fmt.Errorf("dps: unable to save application: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.answer_document_uploaded", SubjectType: "dps_application", SubjectID: a.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"question": questionID, "sha256": info.SHA256, "size": info.Size}})
	})
	if err != nil {
		// The record failed, so the stored file would be an orphan: remove it.
		s.blobs.Delete(context.WithoutCancel(ctx), key)
		return ApplicationView{}, err
	}
	if replaced != "" {
		// The old file is no longer anyone's answer; one left behind by a failure here is
		// unreachable, not exposed.
		s.blobs.Delete(context.WithoutCancel(ctx), replaced)
	}
	return s.GetApplication(ctx, p, a.ID)
}

// checkAnswerFile allows a file only from the supplier, on a draft, for a document question asked
// of this application.
func (s *Service) checkAnswerFile(db *gorm.DB, p *auth.Principal, a Application, questionID string) error {
	if isStaff(p) {
		return apperr.New(apperr.Forbidden, "Only the supplier can change its application")
	}
	switch a.Status {
	case AppDraft:
	case AppWithdrawn:
		return apperr.New(apperr.Conflict, "This application has been withdrawn: start a new one to upload documents")
	default:
		return apperr.New(apperr.Conflict, "This application has been submitted and can no longer be changed, so you cannot upload documents to it")
	}
	errNoQuestion := apperr.New(apperr.NotFound, "There is no such question in this application")
	if _, err := uuid.Parse(questionID); err != nil {
		return errNoQuestion
	}
	var q Question
	if err := db.Take(&q, "id = ? AND dps_id = ?", questionID, a.DPSID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return errNoQuestion
	} else if err != nil {
		return fmt.Errorf("dps: unable to read question: %w", err)
	}
	if q.Kind != QDocument {
		return apperr.Field("questionId", "This question is answered in words, not with a file")
	}
	var chosen []string
	if err := db.Model(&AppCategory{}).Where("application_id = ?", a.ID).Pluck("category_id", &chosen).Error; err != nil {
		return fmt.Errorf("dps: unable to read categories: %w", err)
	}
	set := map[string]bool{}
	for _, c := range chosen {
		set[c] = true
	}
	if len(applicable([]Question{q}, set)) == 0 {
		return apperr.Field("questionId", "This question is not asked for the categories you chose")
	}
	return nil
}

// OpenAnswerDocument opens the file uploaded as the answer to a question, for whoever may see the
// application: its supplier and the council's buyers.
// Errors: not_found.
func (s *Service) OpenAnswerDocument(ctx context.Context, p *auth.Principal, appID, questionID string) (io.ReadCloser, AnswerFile, error) {
	db := s.db.Gorm.WithContext(ctx)
	a, _, err := s.loadApplication(db, p, appID)
	if err != nil {
		return nil, AnswerFile{}, err
	}
	errNoFile := apperr.New(apperr.NotFound, "No file has been uploaded as the answer to that question")
	if _, err := uuid.Parse(questionID); err != nil {
		return nil, AnswerFile{}, errNoFile
	}
	var row AnswerFile
	if err := db.Take(&row, "application_id = ? AND question_id = ?", a.ID, questionID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, AnswerFile{}, errNoFile
	} else if err != nil {
		return nil, AnswerFile{}, fmt.Errorf("dps: unable to read answer document: %w", err)
	}
	rc, _, err := s.blobs.Get(ctx, row.BlobKey)
	if err != nil {
		return nil, AnswerFile{}, fmt.Errorf("dps: unable to open answer document: %w", err)
	}
	return rc, row, nil
}

// answerDocuments fills in the file of each document question in v: the one uploaded, or, for an
// answer filled in from the profile, the profile's current certificate (tell us once), which the
// supplier and the council's buyers can download from the profile.
func (s *Service) answerDocuments(db *gorm.DB, a Application, v *ApplicationView) error {
	var rows []AnswerFile
	if err := db.Where("application_id = ?", a.ID).Find(&rows).Error; err != nil {
		return fmt.Errorf("dps: unable to read answer documents: %w", err)
	}
	var profileFields map[string]string
	var certs map[string]suppliers.Insurance // read once, when the first answer needs them
	for i := range v.Answers {
		an := &v.Answers[i]
		if an.Kind != QDocument {
			continue
		}
		if j := slices.IndexFunc(rows, func(r AnswerFile) bool { return r.QuestionID == an.QuestionID }); j >= 0 {
			r := rows[j]
			at := r.UploadedAt
			an.Document = &AnswerDocument{Filename: r.Filename, Size: r.SizeBytes, SHA256: r.SHA256, UploadedAt: &at, URL: answerFileURL(a.ID, r.QuestionID)}
			an.Value, an.FromProfile = r.Filename, false
			continue
		}
		if !an.FromProfile {
			continue
		}
		if profileFields == nil {
			profileFields = map[string]string{}
			var qs []Question
			if err := db.Select("id", "profile_field").Where("dps_id = ? AND kind = ?", a.DPSID, QDocument).Find(&qs).Error; err != nil {
				return fmt.Errorf("dps: unable to read questions: %w", err)
			}
			for _, q := range qs {
				profileFields[q.ID] = q.ProfileField
			}
		}
		kind, ok := strings.CutPrefix(profileFields[an.QuestionID], "insurance:")
		if !ok {
			continue
		}
		if certs == nil {
			var err error
			if certs, err = s.suppliers.CurrentInsurances(db, a.OrganisationID, s.now().In(london).Format("2006-01-02")); err != nil {
				return err
			}
		}
		if c, ok := certs[kind]; ok {
			an.Document = &AnswerDocument{Filename: c.DocumentName, Size: c.DocumentSize, SHA256: c.DocumentSHA256, URL: "/api/v1/insurances/" + c.ID + "/document"}
		}
	}
	return nil
}
