// Package opportunities is the work the council puts out to suppliers: buyers draft an
// opportunity (lots, CPV codes, criteria, documents, deadlines), publish it once the council's
// rules are met, amend it in the open and cancel it with a reason; planned procurements appear
// early in a forward pipeline; and anyone can search and read what is published without signing
// in.
package opportunities

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Rules are the council's policy for opportunities (DESIGN.md), from config.
type Rules struct {
	// ReservedThresholdPence: reserving an opportunity for some suppliers is allowed only below it.
	ReservedThresholdPence int64
	// MinDays is the fewest days from publication to the submission deadline, per procedure.
	MinDays map[string]int
	// SocialValueMinBP is the social value weight needing no justification; SocialValueFloorBP
	// the least allowed with one. Basis points: 100% = 10000.
	SocialValueMinBP   int
	SocialValueFloorBP int
}

// RulesFrom reads the rules from the configuration.
func RulesFrom(c config.Config) Rules {
	return Rules{ReservedThresholdPence: c.ReservedThresholdPence,
		MinDays:          map[string]int{ProcedureOpenTender: c.MinDaysOpenTender, ProcedureQuickQuote: c.MinDaysQuickQuote, ProcedureDPSCall: c.MinDaysDPSCall},
		SocialValueMinBP: c.SocialValueMinBP, SocialValueFloorBP: c.SocialValueFloorBP}
}

// EventKind names what happened to an opportunity.
type EventKind string

// The lifecycle events of an opportunity.
const (
	// EventPlanned: a planned procurement appeared in the forward pipeline.
	EventPlanned EventKind = "planned"
	// EventPublished: a draft was published and suppliers may bid.
	EventPublished EventKind = "published"
	// EventAmended: a published opportunity was amended (a field or a document).
	EventAmended EventKind = "amended"
	// EventCancelled: a published opportunity was cancelled.
	EventCancelled EventKind = "cancelled"
)

// Event tells checks and reactions what is happening to an opportunity.
type Event struct {
	Kind          EventKind
	OpportunityID string
	// AmendmentID is set for EventAmended, once the amendment is recorded: reactions see it,
	// checks (which run before the amendment exists) do not.
	AmendmentID string
	// At is the moment of the change by the server's clock (the publication time for
	// EventPublished).
	At time.Time
}

// Check may refuse a change to an opportunity. Every check runs at the start of the change's
// transaction, before anything is written and before any reaction, so a refusal stops the change
// whichever order checks were added in. A check reads; it writes nothing.
type Check interface {
	// CheckOpportunityChange returns an apperr error (conflict, invalid) to refuse e, nil to let
	// it go ahead.
	CheckOpportunityChange(ctx context.Context, tx *gorm.DB, e Event) error
}

// Reaction reacts to a change in the change's transaction, after every check has passed and the
// change is written, so that (for example) the jobs that notify suppliers exist exactly when the
// change does; a reaction that fails rolls the change back. It is declared here so that
// notifications and dps can depend on opportunities and not the other way round.
type Reaction interface {
	OpportunityChanged(ctx context.Context, tx *gorm.DB, e Event) error
}

// Service holds the opportunity use cases.
type Service struct {
	db          *database.DB
	audit       *audit.Log
	blobs       blobstore.Store
	now         func() time.Time
	rules       Rules
	councilCode string
	councilName string
	maxUpload   int64
	checks      []Check
	reactions   []Reaction
	gates       []DocumentGate
	jobs        func() *jobs.Client
	deadlineMu  sync.Mutex // OnDeadline may be called while the sweep runs (in tests)
	deadlines   []deadlineSubscriber
	outages     OutageMeter
	outageRules OutageRules
	calendar    *workdays.Calendar
	// procurementEmail is who suppliers ask about an opportunity that names no one.
	procurementEmail string
	log              *slog.Logger
}

// Deps are what the service needs.
type Deps struct {
	DB    *database.DB
	Audit *audit.Log
	Blobs blobstore.Store
	// Jobs returns the River client; a function because the client is built after the workers.
	Jobs   func() *jobs.Client
	Now    func() time.Time
	Config config.Config
	Log    *slog.Logger
	// Outages, when set, lets a submission deadline move after the portal was down before it.
	Outages OutageMeter
}

// NewService returns the opportunity service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, audit: d.Audit, blobs: d.Blobs, jobs: d.Jobs, now: d.Now, rules: RulesFrom(d.Config), councilCode: d.Config.CouncilCode,
		councilName: d.Config.CouncilName, maxUpload: d.Config.MaxUploadBytes, log: d.Log, outages: d.Outages,
		outageRules: OutageRules{Minutes: d.Config.OutageMinutes, Window: d.Config.OutageWindow, Extension: d.Config.OutageExtension},
		calendar:    workdays.Default(), procurementEmail: d.Config.ProcurementEmail}
}

// DocumentGate decides whether someone may see an opportunity's documents, for opportunities
// open only to some suppliers (a call for competition under a DPS goes to its members). It is
// declared here so that the feature that knows the members depends on this one.
type DocumentGate interface {
	// DocumentsHidden reports whether p may not see the documents of the opportunity, and why,
	// in words for p. A gate that has no say about an opportunity reports false.
	DocumentsHidden(ctx context.Context, p *auth.Principal, opportunityID string) (bool, string, error)
}

// AddDocumentGate adds g to the gates. Documents are hidden when any gate hides them: a gate
// only knows its own restriction (dps knows nothing of a bid's or consortium's), so letting one
// gate's "no objection" overrule another's refusal would open a DPS call's documents to anyone
// as soon as a second gate was added. Call it while wiring, before the service is used.
func (s *Service) AddDocumentGate(g DocumentGate) { s.gates = append(s.gates, g) }

// documentsHidden asks every gate; the reason is that of the first gate (in wiring order) that
// hides the documents. Council staff always see documents.
func (s *Service) documentsHidden(ctx context.Context, p *auth.Principal, id string) (bool, string, error) {
	if isStaff(p) {
		return false, "", nil
	}
	for _, g := range s.gates {
		hidden, why, err := g.DocumentsHidden(ctx, p, id)
		if err != nil || hidden {
			return hidden, why, err
		}
	}
	return false, "", nil
}

// AddCheck registers c to be asked before every plan, publication, amendment and cancellation.
// Call it while wiring, before the service is used.
func (s *Service) AddCheck(c Check) { s.checks = append(s.checks, c) }

// AddReaction registers r to hear of every plan, publication, amendment and cancellation in its
// transaction. Call it while wiring, before the service is used.
func (s *Service) AddReaction(r Reaction) { s.reactions = append(s.reactions, r) }

// check asks every check about e; the first refusal is returned. Call it before writing.
func (s *Service) check(ctx context.Context, tx *gorm.DB, e Event) error {
	for _, c := range s.checks {
		if err := c.CheckOpportunityChange(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// react tells every reaction of e, in the change's transaction, after it is written.
func (s *Service) react(ctx context.Context, tx *gorm.DB, e Event) error {
	for _, r := range s.reactions {
		if err := r.OpportunityChanged(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// Rules returns the rules in force.
func (s *Service) Rules() Rules { return s.rules }

// london is the council's time zone, loaded once for every feature by platform/format.
var london = format.London

// stamp is the current time as stored: UTC, to the microsecond PostgreSQL keeps.
func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

var errNotFound = apperr.New(apperr.NotFound, "There is no such opportunity")

// ErrVersionMismatch tells the second of two buyers editing at once that the draft changed.
var ErrVersionMismatch = apperr.Stale("opportunity")

// load reads an opportunity by its ID or its public reference (FT-2026-000123). An ID that is
// neither is simply not found: PostgreSQL would refuse to compare it with a uuid column.
// Errors: not_found.
func (s *Service) load(tx *gorm.DB, idOrRef string, forUpdate bool) (Opportunity, error) {
	var o Opportunity
	q := tx
	if forUpdate {
		q = s.lockRow(q)
	}
	var err error
	switch {
	case isReference(idOrRef):
		err = q.Take(&o, "reference = ?", strings.ToUpper(idOrRef)).Error
	case isUUID(idOrRef):
		err = q.Take(&o, "id = ?", idOrRef).Error
	default:
		return o, errNotFound
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return o, errNotFound
	} else if err != nil {
		return o, fmt.Errorf("opportunities: unable to read opportunity: %w", err)
	}
	return o, nil
}

// lockRow makes a read take the row lock on PostgreSQL, so concurrent changes to one opportunity
// queue up; SQLite runs one writing transaction at a time already.
func (s *Service) lockRow(q *gorm.DB) *gorm.DB {
	if s.db.Dialect == database.Postgres {
		return q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return q
}

func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func isReference(s string) bool {
	s = strings.ToUpper(s)
	if len(s) < 14 || !strings.HasPrefix(s, "FT-") || s[7] != '-' {
		return false
	}
	return allDigits(s[3:7]) && allDigits(s[8:])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// nextReference issues the next public reference of the year, FT-2026-000123. The counter row is
// updated in the caller's transaction, so two buyers creating at once get different numbers.
func (s *Service) nextReference(tx *gorm.DB, now time.Time) (string, error) {
	year := now.In(london).Year()
	var n int
	err := tx.Raw(`INSERT INTO opportunity_reference_counters (year, last_number) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last_number = opportunity_reference_counters.last_number + 1
		RETURNING last_number`, year).Scan(&n).Error
	if err != nil {
		return "", fmt.Errorf("opportunities: unable to issue a reference: %w", err)
	}
	return fmt.Sprintf("FT-%d-%06d", year, n), nil
}
