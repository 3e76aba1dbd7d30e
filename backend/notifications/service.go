// Package notifications tells suppliers about work: alerts (saved searches, the first made from
// the profile), matching each published opportunity against every alert in a job inserted in the
// publishing transaction, interest registered in an opportunity, the in-portal inbox, emails sent
// at once or in a daily digest with one-click unsubscribe, deadline reminders, and the Atom and
// iCalendar feeds.
//
// Nobody is told twice: each notification has a dedupe key unique per person, so a retried job
// or a second worker inserts nothing new, and an email belongs to its notification row.
package notifications

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Service holds the notification use cases.
type Service struct {
	db            *database.DB
	audit         *audit.Log
	jobs          func() *jobs.Client
	opportunities *opportunities.Service
	accounts      *accounts.Directory
	suppliers     *suppliers.Service
	renderer      *mailer.Renderer
	sender        mailer.Sender
	now           func() time.Time
	cfg           config.Config
	unsubKey      []byte
	log           *slog.Logger
	audiences     []Audience
}

// Deps are what the service needs.
type Deps struct {
	DB    *database.DB
	Audit *audit.Log
	// Jobs returns the River client; a function because the client is built after the workers.
	Jobs          func() *jobs.Client
	Opportunities *opportunities.Service
	// Accounts is the way to people (to email them) and their organisations (to act for one).
	Accounts *accounts.Directory
	// Suppliers is the way to an organisation's kinds of work, for the alert from its profile.
	Suppliers *suppliers.Service
	// Renderer and Sender may be nil in a process that never sends.
	Renderer *mailer.Renderer
	Sender   mailer.Sender
	Now      func() time.Time
	Config   config.Config
	Log      *slog.Logger
}

// NewService returns the notification service.
func NewService(d Deps) *Service {
	key := sha256.Sum256([]byte("fairtender unsubscribe links\x00" + d.Config.SecretKey))
	return &Service{db: d.DB, audit: d.Audit, jobs: d.Jobs, opportunities: d.Opportunities, accounts: d.Accounts, suppliers: d.Suppliers, renderer: d.Renderer, sender: d.Sender,
		now: d.Now, cfg: d.Config, unsubKey: key[:], log: d.Log}
}

// Audience names people, beyond those who registered interest, who are working towards a bid for
// an opportunity and so must hear of its amendments, its cancellation and its nearing deadline:
// the members invited to a call for competition under a DPS (package dps) and, once bids exist,
// suppliers who have started one. A higher package implements it and app wires it, as with
// opportunities.Reaction.
type Audience interface {
	// Audience returns the IDs of the users to tell about opportunityID, read through db.
	Audience(ctx context.Context, db *gorm.DB, opportunityID string) ([]string, error)
}

// AddAudience adds people to tell of changes and deadlines, beyond those who registered interest.
// Call it while wiring, before any job runs.
func (s *Service) AddAudience(a Audience) { s.audiences = append(s.audiences, a) }

// audience is everyone the audiences name for opportunityID, each once.
func (s *Service) audience(ctx context.Context, db *gorm.DB, opportunityID string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, a := range s.audiences {
		users, err := a.Audience(ctx, db, opportunityID)
		if err != nil {
			return nil, fmt.Errorf("notifications: unable to find who is bidding: %w", err)
		}
		for _, u := range users {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out, nil
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// OpportunityChanged queues the matching or telling job in the transaction that published,
// amended or cancelled the opportunity, so the job exists exactly when the change does.
func (s *Service) OpportunityChanged(ctx context.Context, tx *gorm.DB, e opportunities.Event) error {
	return jobs.InsertTx(ctx, s.jobs(), tx, FanOutArgs{Event: e.Kind, OpportunityID: e.OpportunityID, AmendmentID: e.AmendmentID})
}

// ProfileSaved makes a person's first alert from the kinds of work (CPV codes) on their
// organisation's profile, once: if they later delete it, it stays deleted.
func (s *Service) ProfileSaved(ctx context.Context, tx *gorm.DB, userID, organisationID string, cpvCodes []string) error {
	if len(cpvCodes) == 0 {
		return nil
	}
	return s.ensureProfileAlert(tx, userID, organisationID, cpvCodes)
}

func (s *Service) ensureProfileAlert(tx *gorm.DB, userID, organisationID string, cpvCodes []string) error {
	now := s.stamp()
	res := tx.Exec("INSERT INTO alert_profile_defaults (user_id, organisation_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", userID, organisationID, now)
	if res.Error != nil {
		return fmt.Errorf("notifications: unable to record the profile alert: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil
	}
	a := profileAlert(userID, organisationID, cpvCodes, now)
	if err := tx.Create(&a).Error; err != nil {
		return fmt.Errorf("notifications: unable to make the profile alert: %w", err)
	}
	return nil
}

// profileAlert is the alert made from an organisation's kinds of work.
func profileAlert(userID, organisationID string, cpvCodes []string, now time.Time) Alert {
	return Alert{ID: uuid.NewString(), UserID: userID, OrganisationID: &organisationID, Name: "Work matching your profile", CPVCodes: joinList(cpvCodes),
		Frequency: FrequencyInstant, FromProfile: true, CreatedAt: now, UpdatedAt: now}
}

// link is an absolute address in the portal, for emails and feeds.
func (s *Service) link(path string) string { return strings.TrimRight(s.cfg.BaseURL, "/") + path }

// Unsubscribe tokens name what to stop (an alert, or interest in an opportunity) and carry a MAC,
// so a link works without signing in but cannot be forged for someone else's alert.
const (
	tokenAlert    = 'a'
	tokenInterest = 'i'
	// tokenLength: the kind, 32 hex digits of the ID and 22 characters of MAC.
	tokenLength = 1 + 32 + 22
)

func (s *Service) unsubscribeToken(kind byte, id string) string {
	raw := strings.ReplaceAll(id, "-", "")
	m := hmac.New(sha256.New, s.unsubKey)
	m.Write([]byte{kind})
	m.Write([]byte(raw))
	// No dot or slash: the link must look like a page to the portal, not a file.
	return string(kind) + raw + base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// readToken returns what a token names, or ok false for anything not made by unsubscribeToken.
func (s *Service) readToken(token string) (kind byte, id string, ok bool) {
	if len(token) != tokenLength || (token[0] != tokenAlert && token[0] != tokenInterest) {
		return 0, "", false
	}
	body := token[:33]
	if _, err := hex.DecodeString(body[1:]); err != nil {
		return 0, "", false
	}
	u, err := uuid.Parse(body[1:])
	if err != nil {
		return 0, "", false
	}
	if !hmac.Equal([]byte(s.unsubscribeToken(body[0], u.String())), []byte(token)) {
		return 0, "", false
	}
	return body[0], u.String(), true
}
