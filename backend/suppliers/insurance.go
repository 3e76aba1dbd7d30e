package suppliers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// InsuranceKinds are the certificates councils ask for.
var InsuranceKinds = []string{"public_liability", "employers_liability", "professional_indemnity"}

var insuranceLabels = map[string]string{
	"public_liability":       "public liability",
	"employers_liability":    "employer’s liability",
	"professional_indemnity": "professional indemnity",
}

// insuranceTypes are the document types accepted for certificates.
var insuranceTypes = []string{"application/pdf", "image/jpeg", "image/png"}

func (s *Service) insurancePolicy() blobstore.Policy {
	return blobstore.Policy{Types: insuranceTypes, TypesMessage: "The certificate must be a PDF, JPG or PNG file", MaxSize: s.cfg.MaxUploadBytes}
}

// InsuranceReminderDays is how long before expiry owners are reminded.
const InsuranceReminderDays = 30

// InsuranceInput describes an uploaded certificate.
type InsuranceInput struct {
	Kind        string
	AmountPence int64
	ExpiresOn   string
}

// InsuranceView is a certificate as shown.
type InsuranceView struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Label       string `json:"label"`
	AmountPence int64  `json:"amountPence"`
	ExpiresOn   string `json:"expiresOn"`
	Expired     bool   `json:"expired"`
	Filename    string `json:"filename"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// AddInsurance stores a certificate: the document is accepted into the document store whole or
// not at all (blobstore.Accept), with its checksum, and only then recorded.
// Errors: invalid, forbidden.
func (s *Service) AddInsurance(ctx context.Context, p *auth.Principal, orgID string, in InsuranceInput, file blobstore.Upload) (InsuranceView, error) {
	var f apperr.Fields
	if !slices.Contains(InsuranceKinds, in.Kind) {
		f.Add("kind", "Select the kind of insurance")
	}
	if in.AmountPence <= 0 {
		f.Add("amountPence", "Enter the amount of cover, for example 5000000 for £5 million")
	} else if err := ValidateMoneyPence("cover", in.AmountPence); err != nil {
		f.Add("amountPence", err.Error())
	}
	expires, err := time.Parse("2006-01-02", in.ExpiresOn)
	if err != nil {
		f.Add("expiresOn", "Enter the expiry date as a real date, for example 2027-03-31")
	}
	policy := s.insurancePolicy()
	policy.Check(&f, file.Filename, file.ContentType)
	if err := f.Err(); err != nil {
		return InsuranceView{}, err
	}
	if _, err := s.membership(s.db.Gorm.WithContext(ctx), p.UserID, orgID); err != nil {
		return InsuranceView{}, err
	}
	id := uuid.NewString()
	key := "insurance/" + orgID + "/" + id
	info, err := blobstore.Accept(ctx, s.blobs, key, policy, file)
	if err != nil {
		return InsuranceView{}, err
	}
	name := info.Filename
	row := Insurance{ID: id, OrganisationID: orgID, Kind: in.Kind, AmountPence: in.AmountPence, ExpiresOn: expires.Format("2006-01-02"),
		DocumentKey: key, DocumentName: name, DocumentSize: info.Size, DocumentSHA256: info.SHA256, CreatedAt: s.now().UTC()}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("suppliers: unable to record certificate: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.insurance_added", SubjectType: "organisation", SubjectID: orgID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"kind": in.Kind, "expiresOn": row.ExpiresOn, "sha256": info.SHA256}})
	})
	if err != nil {
		// The record failed, so the stored document would be an orphan: remove it.
		s.blobs.Delete(context.WithoutCancel(ctx), key)
		return InsuranceView{}, err
	}
	return s.insuranceView(row), nil
}

func (s *Service) insuranceView(r Insurance) InsuranceView {
	return InsuranceView{ID: r.ID, Kind: r.Kind, Label: insuranceLabels[r.Kind], AmountPence: r.AmountPence, ExpiresOn: r.ExpiresOn,
		Expired: r.ExpiresOn < s.now().In(london).Format("2006-01-02"), Filename: r.DocumentName, Size: r.DocumentSize, SHA256: r.DocumentSHA256}
}

// ListInsurances returns the organisation's certificates, soonest expiry first. Members and
// council staff may see them.
// Errors: forbidden.
func (s *Service) ListInsurances(ctx context.Context, p *auth.Principal, orgID string) ([]InsuranceView, error) {
	db := s.db.Gorm.WithContext(ctx)
	if p.Role == auth.RoleSupplier {
		if _, err := s.membership(db, p.UserID, orgID); err != nil {
			return nil, err
		}
	}
	var rows []Insurance
	if err := db.Where("organisation_id = ?", orgID).Order("expires_on, kind").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to list certificates: %w", err)
	}
	out := make([]InsuranceView, 0, len(rows))
	for _, r := range rows {
		out = append(out, s.insuranceView(r))
	}
	return out, nil
}

// InsuranceDocument opens a certificate for download by a member or council staff.
// Errors: forbidden, not_found.
func (s *Service) InsuranceDocument(ctx context.Context, p *auth.Principal, id string) (io.ReadCloser, InsuranceView, string, error) {
	db := s.db.Gorm.WithContext(ctx)
	var r Insurance
	if err := db.Take(&r, "id = ?", id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, InsuranceView{}, "", apperr.New(apperr.NotFound, "There is no such certificate")
	} else if err != nil {
		return nil, InsuranceView{}, "", fmt.Errorf("suppliers: unable to read certificate: %w", err)
	}
	if p.Role == auth.RoleSupplier {
		if _, err := s.membership(db, p.UserID, r.OrganisationID); err != nil {
			return nil, InsuranceView{}, "", apperr.New(apperr.NotFound, "There is no such certificate")
		}
	}
	rc, info, err := s.blobs.Get(ctx, r.DocumentKey)
	if err != nil {
		return nil, InsuranceView{}, "", fmt.Errorf("suppliers: unable to open certificate: %w", err)
	}
	return rc, s.insuranceView(r), info.ContentType, nil
}

// DeleteInsurance removes a certificate (members of the organisation).
// Errors: forbidden, not_found.
func (s *Service) DeleteInsurance(ctx context.Context, p *auth.Principal, id string) error {
	var key string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var r Insurance
		if err := tx.Take(&r, "id = ?", id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.New(apperr.NotFound, "There is no such certificate")
		} else if err != nil {
			return fmt.Errorf("suppliers: unable to read certificate: %w", err)
		}
		if _, err := s.membership(tx, p.UserID, r.OrganisationID); err != nil {
			return apperr.New(apperr.NotFound, "There is no such certificate")
		}
		key = r.DocumentKey
		if err := tx.Delete(&Insurance{}, "id = ?", id).Error; err != nil {
			return fmt.Errorf("suppliers: unable to delete certificate: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.insurance_removed", SubjectType: "organisation", SubjectID: r.OrganisationID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"kind": r.Kind}})
	})
	if err == nil {
		// The record is gone; a document left behind by a failure here is unreachable, not exposed.
		s.blobs.Delete(ctx, key)
	}
	return err
}

// InsuranceRemindersArgs is the daily job that reminds owners of certificates about to expire.
type InsuranceRemindersArgs struct{}

// Kind names the job for River.
func (InsuranceRemindersArgs) Kind() string { return "insurance_reminders" }

// SendInsuranceReminders emails every owner of an organisation whose certificate expires within
// InsuranceReminderDays, once per certificate, and returns how many certificates it covered.
func (s *Service) SendInsuranceReminders(ctx context.Context) (int, error) {
	today := s.now().In(london)
	limit := today.AddDate(0, 0, InsuranceReminderDays).Format("2006-01-02")
	var due []Insurance
	if err := s.db.Gorm.WithContext(ctx).Where("reminder_sent_at IS NULL AND expires_on <= ? AND expires_on >= ?", limit, today.Format("2006-01-02")).
		Order("expires_on").Find(&due).Error; err != nil {
		return 0, fmt.Errorf("suppliers: unable to find expiring certificates: %w", err)
	}
	n := 0
	for _, r := range due {
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			res := tx.Model(&Insurance{}).Where("id = ? AND reminder_sent_at IS NULL", r.ID).Update("reminder_sent_at", s.now().UTC())
			if res.Error != nil || res.RowsAffected != 1 {
				return res.Error
			}
			owners, err := s.owners(tx, r.OrganisationID)
			if err != nil {
				return err
			}
			org, err := s.accounts.OrganisationName(tx, r.OrganisationID)
			if err != nil {
				return err
			}
			expires, _ := time.Parse("2006-01-02", r.ExpiresOn)
			for _, o := range owners {
				if err := s.mail.Enqueue(ctx, tx, "insurance-expiring", o.Email, o.Name, map[string]any{"Name": o.Name, "Organisation": org,
					"Insurance": insuranceLabels[r.Kind], "ExpiresOn": format.Date(expires), "Link": s.baseURL + "/supplier/profile"}); err != nil {
					return err
				}
			}
			n++
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// InsuranceRemindersWorker runs SendInsuranceReminders.
func (s *Service) InsuranceRemindersWorker() river.Worker[InsuranceRemindersArgs] {
	return &insuranceRemindersWorker{svc: s}
}

type insuranceRemindersWorker struct {
	river.WorkerDefaults[InsuranceRemindersArgs]
	svc *Service
}

func (w *insuranceRemindersWorker) Work(ctx context.Context, _ *river.Job[InsuranceRemindersArgs]) error {
	_, err := w.svc.SendInsuranceReminders(ctx)
	return err
}

// InsuranceRemindersJob is the daily schedule for the reminders.
func InsuranceRemindersJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return InsuranceRemindersArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}
