// Package evaluation judges an opportunity's opened bids and awards the work: the buyer names
// the evaluation panel (evaluators, one moderator, who scores price); each member declares any
// conflict of interest before reading a bid (Procurement Act 2023 s.81–83); pass/fail questions
// are checked first; evaluators mark each scored question independently on the published scale
// with a justification, blind to each other until they have submitted their own; the moderator
// agrees one mark per question with a rationale, keeping the spread; prices are scored by the
// published formula once the price envelope opens (a two-stage opening's prices open only after
// moderation: this package's PriceGate); totals are ranked with a stated tie-break. Every mark,
// change and reason is kept in evaluation_history for the council's records (s.98).
//
// # Scores
//
// Marks are whole numbers from 0 to the scale's top (default 5). A scored question's points are
// mark ÷ top × its criterion's weight × its share of that criterion, in hundredths of a
// percentage point of the whole (basis points × 100 would be overkill: totals are shown to two
// decimal places). Price points are the formula's score (0–1) × the weight of the price
// criteria. A bid's total is the sum; the highest total is the most advantageous tender.
//
// Tie-break (published with the method): the higher quality score (everything but price) wins;
// if still level, the lower price; if still level, the tie is shown and the buyer records the
// decision with the award.
package evaluation

import (
	"context"
	"log/slog"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Opportunities is what evaluation needs of opportunities, through their owner.
type Opportunities interface {
	GetOpportunity(ctx context.Context, p *auth.Principal, idOrRef string) (opportunities.OpportunityView, error)
}

// Bids is what evaluation needs of bids, through their owner.
type Bids interface {
	OpenedBids(ctx context.Context, opportunityID string) ([]bids.OpenedBid, error)
	Form(ctx context.Context, opportunityID string) (bids.BidForm, error)
	PassFailAnswers(ctx context.Context, p *auth.Principal, opportunityID string) (map[string]map[string]string, error)
	OpenedPrices(ctx context.Context, p *auth.Principal, opportunityID string) (map[string][]bids.LotTotal, error)
	GetOpening(ctx context.Context, p *auth.Principal, opportunityID string) (bids.Opening, error)
	BidOpportunity(db *gorm.DB, bidID string) (opportunityID, organisationID string, err error)
	Get(ctx context.Context, p *auth.Principal, id string) (bids.BidView, error)
}

// Service holds the evaluation use cases.
type Service struct {
	db     *database.DB
	audit  *audit.Log
	jobs   func() *jobs.Client
	mail   *jobs.Mail
	notify *notifications.Service
	opps   Opportunities
	bids   Bids
	dir    *accounts.Directory
	cal    *workdays.Calendar
	now    func() time.Time
	cfg    config.Config
	log    *slog.Logger
}

// Deps are what the service needs.
type Deps struct {
	DB            *database.DB
	Audit         *audit.Log
	Jobs          func() *jobs.Client
	Mail          *jobs.Mail
	Notifications *notifications.Service // outcomes and standstill news to bidders
	Opportunities Opportunities
	Bids          Bids
	Directory     *accounts.Directory
	Calendar      *workdays.Calendar // standstill counts working days in England and Wales
	Now           func() time.Time
	Config        config.Config
	Log           *slog.Logger
}

// NewService returns the evaluation service.
func NewService(d Deps) *Service {
	cal := d.Calendar
	if cal == nil {
		cal = workdays.Default()
	}
	return &Service{db: d.DB, audit: d.Audit, jobs: d.Jobs, mail: d.Mail, notify: d.Notifications, opps: d.Opportunities, bids: d.Bids,
		dir: d.Directory, cal: cal, now: d.Now, cfg: d.Config, log: d.Log}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func isBuyer(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && (p.Role == auth.RoleBuyer || p.Role == auth.RoleAdmin)
}

func isCouncil(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && p.Role != auth.RoleSupplier && p.Role != ""
}

// isID reports whether s could be an ID: PostgreSQL refuses to compare anything else with a uuid.
func isID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

// record appends one entry to the evaluation's history, in tx: every mark, change and reason,
// with who and when.
func (s *Service) record(tx *gorm.DB, h historyRow) error {
	h.ID = uuid.NewString()
	if h.At.IsZero() {
		h.At = s.stamp()
	}
	return tx.Create(&h).Error
}
