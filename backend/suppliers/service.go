// Package suppliers is what a supplier organisation tells the council once: its profile and
// automatic classification (size, VCSE, locality), ethical declarations, contacts, insurance,
// members, and bank details guarded against mandate fraud; and the buyers' view of suppliers.
package suppliers

import (
	"context"
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
	// accounts is the only way to people, organisations and memberships.
	accounts *accounts.Directory

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
	// Accounts reads and changes people, organisations and memberships (package accounts owns them).
	Accounts *accounts.Directory
}

// NewService returns the supplier service.
func NewService(d Deps) (*Service, error) {
	box, err := secretbox.New(d.Config.SecretKey, "bank-details")
	if err != nil {
		return nil, err
	}
	c := d.Config
	return &Service{db: d.DB, audit: d.Audit, mail: d.Mail, jobs: d.Jobs, blobs: d.Blobs, now: d.Now, cal: workdays.Default(), box: box, cfg: c, log: d.Log,
		baseURL: c.BaseURL, limits: d.InvitationLimits, accounts: d.Accounts,
		sizes: SizeThresholds{MicroStaff: c.MicroStaffLimit, MicroTurnoverPence: c.MicroTurnoverPence, SmallStaff: c.SmallStaffLimit,
			SmallTurnoverPence: c.SmallTurnoverPence, SMEStaff: c.SMEStaffLimit, SMETurnoverPence: c.SMETurnoverPence}}, nil
}

var errNotMember = accounts.ErrNotMember

// membership returns the caller's role ("owner" or "member") in the organisation.
// Errors: forbidden.
func (s *Service) membership(tx *gorm.DB, userID, orgID string) (string, error) {
	return s.accounts.MemberRole(tx, userID, orgID)
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

// DefaultOrganisation is the organisation a supplier acts for, by the one rule of
// accounts.Directory.ActsFor: the one the organisationId query parameter names, or, when it names
// none, the only one they belong to; with several, they must choose.
// Errors: invalid, forbidden.
func (s *Service) DefaultOrganisation(ctx context.Context, p *auth.Principal, orgID string) (string, error) {
	return s.accounts.ActsFor(s.db.Gorm.WithContext(ctx), p.UserID, orgID, apperr.InQuery)
}

// owners returns the owners of an organisation with their email addresses on file.
func (s *Service) owners(tx *gorm.DB, orgID string) ([]accounts.Member, error) {
	return s.accounts.Owners(tx, orgID)
}

func (s *Service) logExportError(err error) {
	if s.log != nil {
		s.log.Error("supplier export failed", "error", err.Error())
	}
}
