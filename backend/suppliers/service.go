// Package suppliers is what a supplier organisation tells the council once: its profile and
// automatic classification (size, VCSE, locality), ethical declarations, contacts, insurance,
// members, and bank details guarded against mandate fraud; and the buyers' view of suppliers.
package suppliers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/secretbox"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"gorm.io/gorm"
)

// Service holds the supplier use cases.
type Service struct {
	db      *database.DB
	audit   *audit.Log
	mail    *jobs.Mail
	jobs    func() *jobs.Client
	blobs   blobstore.Store
	now     func() time.Time
	cal     *workdays.Calendar
	box     *secretbox.Box
	cfg     config.Config
	sizes   SizeThresholds
	baseURL string
	log     *slog.Logger
	limits  accounts.InvitationLimits

	profileListeners []ProfileListener
}

// Deps are what the service needs.
type Deps struct {
	DB    *database.DB
	Audit *audit.Log
	Mail  *jobs.Mail
	// Jobs returns the River client; a function because the client is built after the workers.
	Jobs   func() *jobs.Client
	Blobs  blobstore.Store
	Now    func() time.Time
	Config config.Config
	Log    *slog.Logger
	// InvitationLimits cap invitations to join an organisation.
	InvitationLimits accounts.InvitationLimits
}

// NewService returns the supplier service.
func NewService(d Deps) (*Service, error) {
	box, err := secretbox.New(d.Config.SecretKey, "bank-details")
	if err != nil {
		return nil, err
	}
	c := d.Config
	return &Service{db: d.DB, audit: d.Audit, mail: d.Mail, jobs: d.Jobs, blobs: d.Blobs, now: d.Now, cal: workdays.Default(), box: box, cfg: c, log: d.Log,
		baseURL: c.BaseURL, limits: d.InvitationLimits,
		sizes: SizeThresholds{MicroStaff: c.MicroStaffLimit, MicroTurnoverPence: c.MicroTurnoverPence, SmallStaff: c.SmallStaffLimit,
			SmallTurnoverPence: c.SmallTurnoverPence, SMEStaff: c.SMEStaffLimit, SMETurnoverPence: c.SMETurnoverPence}}, nil
}

var errNotMember = apperr.New(apperr.Forbidden, "You are not a member of this organisation")

// membership returns the caller's role ("owner" or "member") in the organisation.
// Errors: forbidden.
func (s *Service) membership(tx *gorm.DB, userID, orgID string) (string, error) {
	var role string
	err := tx.Table("memberships").Select("role").Where("user_id = ? AND organisation_id = ?", userID, orgID).Take(&role).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", errNotMember
	} else if err != nil {
		return "", fmt.Errorf("suppliers: unable to read membership: %w", err)
	}
	return role, nil
}

// requireOwner fails unless the caller owns the organisation.
// Errors: forbidden.
func (s *Service) requireOwner(tx *gorm.DB, userID, orgID string) error {
	role, err := s.membership(tx, userID, orgID)
	if err != nil {
		return err
	}
	if role != "owner" {
		return apperr.New(apperr.Forbidden, "Only an owner of the organisation can do this")
	}
	return nil
}

// DefaultOrganisation picks the organisation a supplier acts for when the request names none: the
// only one they belong to. With several, they must choose.
// Errors: invalid, forbidden.
func (s *Service) DefaultOrganisation(ctx context.Context, p *auth.Principal, orgID string) (string, error) {
	db := s.db.Gorm.WithContext(ctx)
	if orgID != "" {
		if _, err := s.membership(db, p.UserID, orgID); err != nil {
			return "", err
		}
		return orgID, nil
	}
	var ids []string
	if err := db.Table("memberships").Where("user_id = ?", p.UserID).Order("created_at").Pluck("organisation_id", &ids).Error; err != nil {
		return "", fmt.Errorf("suppliers: unable to read memberships: %w", err)
	}
	switch len(ids) {
	case 0:
		return "", errNotMember
	case 1:
		return ids[0], nil
	}
	return "", apperr.Field("organisationId", "You belong to more than one organisation: choose which one")
}

// owners returns the owners of an organisation with their email addresses on file.
func (s *Service) owners(tx *gorm.DB, orgID string) ([]struct{ ID, Email, Name string }, error) {
	var out []struct{ ID, Email, Name string }
	err := tx.Table("memberships m").Select("u.id, u.email, u.name").Joins("JOIN users u ON u.id = m.user_id").
		Where("m.organisation_id = ? AND m.role = ?", orgID, "owner").Order("u.email").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("suppliers: unable to read owners: %w", err)
	}
	return out, nil
}

func (s *Service) logExportError(err error) {
	if s.log != nil {
		s.log.Error("supplier export failed", "error", err.Error())
	}
}
