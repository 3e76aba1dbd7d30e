// Package bids runs sealed bids: the buyer sets an opportunity's response form and names its
// opening panel before publication; a supplier's organisation prepares one bid (answers saved as
// they go, documents uploaded, everything sealed under the bid's own data key), submits it before
// the deadline and gets a receipt; and nobody on the council's side can read, list or count bids
// until the deadline has passed and a quorum of the panel has opened them, each officer with
// their password and a current two-step code.
//
// # Two-stage opening
//
// When the form is two-stage, opening reveals the quality answers only: the price answers (and
// any file of a price question) stay out of every council view and download until a second
// step, POST /api/v1/opportunities/{id}/opening/prices, confirmed by a quorum of the same panel,
// each officer with password and two-step code (ConfirmPrices, audited as
// bids.price_opening_confirmed and bids.prices_opened with the officers and the time). A
// feature that must hold the prices back longer registers a PriceGate with AddPriceGate: the
// evaluation feature adds "only after the quality scores are moderated". Likewise every council
// read of an opened bid passes each ReadGate (AddReadGate): evaluation lets in only its panel and
// buyers, each after declaring any conflict of interest.
//
// # The receipt manifest
//
// A receipt's hash lets a bidder check later that the council holds exactly what they sent. It
// is the SHA-256, in lower-case hex, of this manifest, in UTF-8, each line ending "\n":
//
//	fairtender-receipt-v1
//	bid <bid ID>
//	reference <bid reference>
//	opportunity <opportunity ID>
//	version <submitted version, decimal>
//	submitted <submission time, UTC, RFC 3339 with exactly six fractional digits, e.g. 2026-03-03T13:59:59.123456Z>
//	item <kind> <question ID> <size in bytes> <sha256>
//	…
//
// with one item line per answer ("answer") and per document ("document"), sorted by the string
// "<kind> <question ID> <sha256>" in byte order. A document's size and hash are of the file's
// bytes as uploaded. An answer's are of its canonical plaintext: the Answer as Go's encoding/json
// writes it, with no spaces, keys in the order questionId, passFail, text, prices, lines, empty
// ones left out, prices as {"lotId":…,"pricePence":…} and lines as
// {"lineId":…,"lotId":…,"unitPricePence":…} in the order given, and <, > and & written as
// \u003c, \u003e and \u0026. For example:
//
//	{"questionId":"6f1c…","text":"We clean before opening & after closing"}
//
// becomes {"questionId":"6f1c…","text":"We clean before opening \u0026 after closing"}.
package bids

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/sealing"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Opportunities is what bids need of opportunities, through their owner.
type Opportunities interface {
	GetOpportunity(ctx context.Context, p *auth.Principal, idOrRef string) (opportunities.OpportunityView, error)
	// LoadAmendment reads an amendment, through db (a transaction when in one).
	LoadAmendment(db *gorm.DB, id string) (opportunities.Amendment, error)
}

// Accounts is what opening needs of accounts: the same checks of a password and of a two-step
// code as signing in.
type Accounts interface {
	// CheckPassword confirms a signed-in person's password. Errors: invalid, too_many_requests.
	CheckPassword(ctx context.Context, userID, password string) error
	// VerifySecondFactor checks a current code. Errors: invalid, conflict, too_many_requests.
	VerifySecondFactor(ctx context.Context, userID, sessionID, code string) error
}

// Service holds the bid use cases.
type Service struct {
	db         *database.DB
	audit      *audit.Log
	jobs       func() *jobs.Client
	mail       *jobs.Mail
	notify     *notifications.Service
	opps       Opportunities
	dir        *accounts.Directory
	accountsFn func() Accounts
	keys       *sealing.Keyring
	blobs      blobstore.Store
	now        func() time.Time
	cfg        config.Config
	log        *slog.Logger
	priceGates []namedGate
	readGates  []ReadGate
}

// Deps are what the service needs.
type Deps struct {
	DB            *database.DB
	Audit         *audit.Log
	Jobs          func() *jobs.Client
	Mail          *jobs.Mail
	Notifications *notifications.Service // reminders to people with a bid not submitted
	Opportunities Opportunities
	Directory     *accounts.Directory
	// Accounts returns the accounts service; a function because it is built after this one.
	Accounts func() Accounts
	Keys     *sealing.Keyring // wraps each bid's data key
	Blobs    blobstore.Store  // the shared document store; bids write to it only through a bid's sealed store
	Now      func() time.Time
	Config   config.Config
	Log      *slog.Logger
}

// NewService returns the bids service.
func NewService(d Deps) *Service {
	s := &Service{db: d.DB, audit: d.Audit, jobs: d.Jobs, mail: d.Mail, notify: d.Notifications, opps: d.Opportunities, dir: d.Directory, keys: d.Keys,
		blobs: d.Blobs, now: d.Now, cfg: d.Config, log: d.Log, accountsFn: d.Accounts}
	return s
}

func (s *Service) accounts() Accounts { return s.accountsFn() }

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

var errNoBid = apperr.New(apperr.NotFound, "There is no such bid")

// isID reports whether s could be an ID: PostgreSQL refuses to compare anything else with a uuid.
func isID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func isBuyer(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && (p.Role == auth.RoleBuyer || p.Role == auth.RoleAdmin)
}

func isCouncil(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && p.Role != auth.RoleSupplier && p.Role != ""
}

// reference is a bid's human reference: random, so it says nothing of how many bids there are.
func reference() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return fmt.Sprintf("BID-%s-%s", b[:4], b[4:])
}
