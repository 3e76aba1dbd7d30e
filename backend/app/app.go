// Package app wires every part of Fairtender into one running portal. `fairtender serve` and the
// end-to-end tests start it the same way: New, then Run, then Close.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/clarifications"
	"github.com/fairtender/fairtender/backend/dps"
	"github.com/fairtender/fairtender/backend/evaluation"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/heartbeat"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/fairtender/fairtender/backend/platform/sealing"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/fairtender/fairtender/emails"
	"github.com/fairtender/fairtender/frontend"
	"github.com/riverqueue/river"
)

// ServiceName is what the portal calls itself to the people using it.
const ServiceName = "Find and win council work"

// Options adjust how the app is built; the zero value is production.
type Options struct {
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// NoWorkers builds an app that inserts jobs but does not run them (CLI commands).
	NoWorkers bool
	// NoMigrate skips migrations even when the config asks for them.
	NoMigrate bool
	// RateLimits replace the default per-address limits (tests set generous ones).
	RateLimits []httpapi.RateLimit
	// JobPollInterval overrides how often idle workers look for jobs (tests make it short).
	JobPollInterval time.Duration
}

// App is a wired portal.
type App struct {
	Config config.Config
	Log    *slog.Logger
	DB     *database.DB
	Blobs  blobstore.Store
	// Sealing wraps the data keys of sealed bids (FAIRTENDER_SEALING_KEY).
	Sealing  *sealing.Keyring
	Jobs     *jobs.Client
	Audit    *audit.Log
	Accounts *accounts.Service
	// Directory is how features other than accounts reach people, organisations and memberships.
	Directory *accounts.Directory
	// Mail queues emails inside the caller's transaction.
	Mail      *jobs.Mail
	Suppliers *suppliers.Service
	Server    *httpapi.Server
	opts      Options

	// Opportunities holds opportunities, the forward pipeline and search.
	Opportunities *opportunities.Service
	// Notifications holds alerts, interest, the inbox, notification emails and feeds.
	Notifications *notifications.Service
	// DPS holds dynamic purchasing systems, applications and calls for competition.
	DPS *dps.Service
	// Clarifications are questions to the council and its answers.
	Clarifications *clarifications.Service
	// Bids are response forms, opening panels and the sealed bids suppliers submit.
	Bids *bids.Service
	// Signer reads and writes access tokens; the demo reads the session of an officer it signs in.
	Signer *auth.Signer
	// Evaluation judges opened bids and awards the work.
	Evaluation *evaluation.Service
	// Uploads runs resumable (tus) uploads for the feature that takes them: bid documents.
	Uploads *resumable.Service
}

// apiTags describe the groups of operations in the OpenAPI document, in the order a reader
// meets them.
var apiTags = []*huma.Tag{
	{Name: "Site", Description: "The council running this portal and its publishing rules."},
	{Name: "Accounts", Description: "Registration, email verification, signing in and out, password resets and invitations."},
	{Name: "Administration", Description: "What administrators do: inviting council staff, finding accounts, switching them off and on, changing staff roles, signing people out, and choosing which roles must use two-step verification."},
	{Name: "Two-step verification", Description: "A code from an authenticator app (or a recovery code) after the password: setting it up, signing in with it, turning it off."},
	{Name: "Reference data", Description: "CPV codes, local authorities and postcodes, for forms and filters."},
	{Name: "Suppliers", Description: "Supplier profiles, declarations, and the list of suppliers that council staff search."},
	{Name: "Organisation members", Description: "The people of a supplier organisation, their roles and invitations."},
	{Name: "Bank details", Description: "A supplier's bank details and requests to change them."},
	{Name: "Bank detail checks", Description: "Council officers' checks of bank-detail changes: call-back, approval, refusal (against mandate fraud)."},
	{Name: "Insurance", Description: "Insurance certificates suppliers upload and council staff read."},
	{Name: "Opportunities", Description: "Opportunities to bid for: public search, buyers' drafts, publication, amendments and documents."},
	{Name: "Pipeline", Description: "Planned procurements: what the council expects to buy, before it is published."},
	{Name: "Alerts", Description: "Saved searches that email suppliers about new opportunities, interest in an opportunity, and unsubscribing."},
	{Name: "Inbox", Description: "Notifications in the portal for the person signed in."},
	{Name: "Feeds", Description: "Open formats for other software: the Atom feed and iCalendar deadlines."},
	{Name: "Clarifications", Description: "Questions to the council about an opportunity, and its answers to everyone."},
	{Name: "Bids", Description: "Response forms, opening panels, and sealed bids: drafts, documents, submission with a receipt, withdrawal, and opening by the panel."},
	{Name: "Dynamic purchasing systems", Description: "Dynamic purchasing systems and dynamic markets: applications, decisions and calls for competition."},
	{Name: "Evaluation", Description: "Judging opened bids: the published method, the panel and its declarations of interest, pass/fail checks, marks, moderation, prices, ranking and the record."},
	{Name: "Award", Description: "The award and its approval, assessment summaries, the standstill, the contract, and each bidder's outcome and feedback."},
}

// DefaultRateLimits are per client address: enough for a person retrying, not for a script.
func DefaultRateLimits() []httpapi.RateLimit {
	return []httpapi.RateLimit{
		{Path: "/api/v1/auth/login", Max: 20, Window: 5 * time.Minute},
		{Path: "/api/v1/auth/two-step", Max: 20, Window: 5 * time.Minute},
		{Path: "/api/v1/auth/register", Max: 10, Window: time.Hour},
		{Path: "/api/v1/auth/password-check", Max: 60, Window: time.Hour},
		{Path: "/api/v1/auth/password-reset", Max: 10, Window: time.Hour},
		{Path: "/api/v1/auth/password-reset/confirm", Max: 20, Window: time.Hour},
		{Path: "/api/v1/auth/verify-email", Max: 30, Window: time.Hour},
		{Path: "/api/v1/auth/resend-verification", Max: 5, Window: time.Hour},
		{Path: "/api/v1/auth/invitations/accept", Max: 20, Window: time.Hour},
		// Account settings that check a password or send email.
		{Path: "/api/v1/me/email", Max: 10, Window: time.Hour},
		{Path: "/api/v1/me/password", Max: 10, Window: time.Hour},
		{Path: "/api/v1/me/delete", Max: 10, Window: time.Hour},
		{Path: "/api/v1/auth/email-change/confirm", Max: 30, Window: time.Hour},
	}
}

// UploadRateLimit limits starting resumable uploads, added to the default limits once a feature
// takes uploads; the PATCHes that send them are not limited, as a resumed upload sends many.
var UploadRateLimit = httpapi.RateLimit{Path: resumable.Prefix, Max: 300, Window: time.Hour}

// InvitationLimits are the configured caps on invitations, the same for staff and supplier members.
func InvitationLimits(cfg config.Config) accounts.InvitationLimits {
	return accounts.InvitationLimits{PerInviter: cfg.InvitationsPerInviter, PerOrganisation: cfg.InvitationsPerOrganisation,
		Pending: cfg.PendingInvitationsMax}
}

// New builds the app from cfg: it opens the database (migrating unless told not to), the document
// store, the mailer and the job queue, and registers every API operation.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts Options) (a *App, err error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	defaultLimits := opts.RateLimits == nil
	if defaultLimits {
		opts.RateLimits = DefaultRateLimits()
	}
	if err := cfg.EnsureSecretKey(); err != nil {
		return nil, err
	}
	if err := cfg.EnsureSealingKey(); err != nil {
		return nil, err
	}
	sealingKey, err := sealing.ParseKey(cfg.SealingKey)
	if err != nil {
		return nil, err
	}
	keyring, err := sealing.New(sealingKey)
	if err != nil {
		return nil, err
	}
	a = &App{Config: cfg, Log: log, opts: opts, Sealing: keyring}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.DB, err = OpenDatabase(ctx, cfg); err != nil {
		return nil, err
	}
	if cfg.AutoMigrate && !opts.NoMigrate {
		if err := a.DB.Migrate(ctx, log); err != nil {
			return nil, err
		}
	}
	if a.Blobs, err = OpenBlobStore(ctx, cfg); err != nil {
		return nil, err
	}
	sender, err := mailer.New(cfg.SMTPURL, cfg.OutboxDir(), cfg.MailFrom, log)
	if err != nil {
		return nil, err
	}
	renderer, err := mailer.NewRenderer(emails.FS, map[string]any{"CouncilName": cfg.CouncilName, "ServiceName": ServiceName, "BaseURL": cfg.BaseURL})
	if err != nil {
		return nil, err
	}
	mail, err := jobs.NewMail(a.DB, cfg.SecretKey, renderer, sender, log)
	if err != nil {
		return nil, err
	}
	a.Mail = mail
	a.Audit = audit.New(a.DB, opts.Now)
	a.Directory = accounts.NewDirectory(a.DB)
	if a.Suppliers, err = suppliers.NewService(suppliers.Deps{DB: a.DB, Audit: a.Audit, Mail: mail, Jobs: func() *jobs.Client { return a.Jobs },
		Blobs: a.Blobs, Now: opts.Now, Config: cfg, Log: log, InvitationLimits: InvitationLimits(cfg), Accounts: a.Directory}); err != nil {
		return nil, err
	}
	a.Opportunities = opportunities.NewService(opportunities.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs }, Blobs: a.Blobs,
		Outages: heartbeat.NewMeter(a.DB),
		Now:     opts.Now, Config: cfg, Log: log})
	a.Notifications = notifications.NewService(notifications.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs },
		Opportunities: a.Opportunities, Accounts: a.Directory, Suppliers: a.Suppliers, Renderer: renderer, Sender: sender, Now: opts.Now, Config: cfg, Log: log})
	a.DPS = dps.NewService(dps.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs }, Notifications: a.Notifications,
		Opportunities: a.Opportunities, Accounts: a.Directory, Suppliers: a.Suppliers,
		Blobs: a.Blobs, Now: opts.Now, Config: cfg, Log: log})
	// dps may refuse to publish a call for competition (a check, asked before any reaction, so
	// wiring order does not matter), and queues its invitations (a reaction).
	a.Opportunities.AddCheck(a.DPS)
	a.Opportunities.AddReaction(a.DPS)
	a.Opportunities.AddReaction(a.Notifications)
	a.Opportunities.AddDocumentGate(a.DPS)
	// Members invited to a call hear of its changes and deadline as if they had registered interest.
	a.Notifications.AddAudience(a.DPS)
	a.Suppliers.AddProfileListener(a.Notifications)
	a.Clarifications = clarifications.NewService(clarifications.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs },
		Notifications: a.Notifications, Opportunities: a.Opportunities, DPS: a.DPS, Organisations: organisations{a}, Blobs: a.Blobs, Now: opts.Now, Config: cfg, Log: log})
	a.Bids = bids.NewService(bids.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs }, Mail: mail, Notifications: a.Notifications,
		Opportunities: a.Opportunities, Directory: a.Directory, Accounts: func() bids.Accounts { return a.Accounts },
		Keys: a.Sealing, Blobs: a.Blobs, Now: opts.Now, Config: cfg, Log: log})
	// A response form needs its opening panel before publication (a check); bids submitted
	// before an amendment are marked so (a reaction); bidders hear of changes (an audience).
	a.Opportunities.AddCheck(a.Bids)
	a.Opportunities.AddReaction(a.Bids)
	a.Notifications.AddAudience(a.Bids)
	a.Evaluation = evaluation.NewService(evaluation.Deps{DB: a.DB, Audit: a.Audit, Jobs: func() *jobs.Client { return a.Jobs }, Mail: mail,
		Notifications: a.Notifications, Opportunities: a.Opportunities, Bids: a.Bids, Directory: a.Directory, Now: opts.Now, Config: cfg, Log: log})
	// Only the evaluation panel, each after declaring their interests, reads an opened bid; a
	// two-stage opening's prices stay sealed until the quality marks are moderated.
	a.Bids.AddReadGate(a.Evaluation.ReadGate)
	a.Bids.AddPriceGate("evaluation", a.Evaluation.QualityModerated)

	// Resumable uploads belong to the feature that takes them: bid documents, their parts sealed
	// under each bid's key. With no target, nothing would be served under resumable.Prefix.
	if a.Uploads, err = newUploads(a, a.Bids.UploadTarget()); err != nil {
		return nil, err
	}
	if a.Uploads != nil && defaultLimits {
		opts.RateLimits = append(opts.RateLimits, UploadRateLimit)
	}

	// Every job kind any feature inserts has its worker here, so a queued job always finds one.
	workers := river.NewWorkers()
	river.AddWorker(workers, mail.Worker())
	river.AddWorker(workers, a.Suppliers.ActivateBankChangeWorker())
	river.AddWorker(workers, a.Suppliers.InsuranceRemindersWorker())
	a.Opportunities.AddWorkers(workers)
	a.Notifications.AddWorkers(workers)
	a.DPS.AddWorkers(workers)
	a.Clarifications.AddWorkers(workers)
	a.Bids.AddWorkers(workers)
	periodic := append([]*river.PeriodicJob{suppliers.InsuranceRemindersJob()}, a.Notifications.PeriodicJobs()...)
	periodic = append(periodic, a.DPS.PeriodicJobs()...)
	periodic = append(periodic, a.Opportunities.PeriodicJobs()...)
	periodic = append(periodic, a.Clarifications.PeriodicJobs()...)
	periodic = append(periodic, a.Bids.PeriodicJobs()...)
	if a.Uploads != nil {
		a.Uploads.AddWorkers(workers)
		periodic = append(periodic, a.Uploads.PeriodicJobs()...)
	}
	if a.Jobs, err = jobs.New(a.DB, workers, log, jobs.Options{Work: !opts.NoWorkers, FetchPollInterval: opts.JobPollInterval,
		Periodic: periodic}); err != nil {
		return nil, err
	}
	mail.SetClient(a.Jobs)

	signer, err := auth.NewSigner(cfg.SecretKey, cfg.BaseURL, cfg.AccessTokenTTL, opts.Now)
	if err != nil {
		return nil, err
	}
	a.Signer = signer
	a.Accounts = accounts.NewService(accounts.Deps{DB: a.DB, Audit: a.Audit, Mail: mail, Signer: signer, Now: opts.Now,
		BaseURL: cfg.BaseURL, RefreshTTL: cfg.RefreshTokenTTL, Limits: InvitationLimits(cfg), SecretKey: cfg.SecretKey, Issuer: cfg.CouncilName})

	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return nil, err
	}
	a.Server = httpapi.New(httpapi.Options{
		Log: log, Signer: signer, Resolve: a.Accounts.Resolve, Secure: cfg.Secure(), ClientIPHeader: cfg.ClientIPHeader, MetricsToken: cfg.MetricsToken,
		BaseURL: cfg.BaseURL, Tags: apiTags,
		RateLimits: opts.RateLimits, Frontend: dist,
		PageValues: map[string]string{"councilName": cfg.CouncilName, "procurementEmail": cfg.ProcurementEmail},
		UploadPrefixes: []string{suppliers.InsuranceUploadPrefix, opportunities.DocumentUploadPrefix,
			dps.AnswerUploadPrefix, clarifications.DocumentUploadPrefix, resumable.Prefix},
		Watched: bidRoute,
		Ready: []httpapi.Check{
			{Name: "database", Fn: a.DB.Ping},
			{Name: "documents", Fn: a.Blobs.Ping},
			{Name: "jobs", Fn: func(ctx context.Context) error { return jobs.Ping(ctx, a.Jobs) }},
			// The head leaves the database with every poll, so a monitor that keeps it can tell
			// later whether the newest audit entries were deleted (audit verify --expect-head).
			{Name: "audit", Detail: func(ctx context.Context) (any, error) { return a.Audit.Head(ctx) }},
		},
	})
	accountAPI := accounts.NewAPI(a.Accounts, cfg.Secure())
	accountAPI.Register(a.Server)
	accountAPI.RegisterTwoStep(a.Server)
	supplierAPI := suppliers.NewAPI(a.Suppliers)
	supplierAPI.Register(a.Server)
	supplierAPI.RegisterMembers(a.Server)
	supplierAPI.RegisterInsurance(a.Server)
	suppliers.NewBankAPI(a.Suppliers).Register(a.Server)
	opportunities.NewAPI(a.Opportunities).Register(a.Server)
	notifications.NewAPI(a.Notifications).Register(a.Server)
	dps.NewAPI(a.DPS).Register(a.Server)
	clarifications.NewAPI(a.Clarifications).Register(a.Server)
	bids.NewAPI(a.Bids).Register(a.Server)
	evaluation.NewAPI(a.Evaluation).Register(a.Server)
	evaluation.NewAPI(a.Evaluation).RegisterAward(a.Server)
	registerSite(a.Server, cfg)
	resumable.Mount(a.Server, a.Uploads)
	a.Server.Finish()
	return a, nil
}

// bidRoute picks the requests whose failures count towards an outage before a deadline: those a
// supplier makes to bid (the bid itself, its uploads, starting one).
func bidRoute(path string) bool {
	return strings.HasPrefix(path, "/api/v1/bids") || strings.HasPrefix(path, "/api/v1/uploads/") ||
		strings.HasPrefix(path, "/api/v1/opportunities/") && strings.HasSuffix(path, "/bids")
}

// newUploads builds the resumable uploads for target, the feature that owns them, or returns nil
// when target is nil. Parts go into the store target gives (for bids, a sealing store over
// a.Blobs), leases and records into a.DB.
func newUploads(a *App, target resumable.Target) (*resumable.Service, error) {
	if target == nil {
		return nil, nil
	}
	return resumable.New(resumable.Deps{DB: a.DB, Now: a.opts.Now, Log: a.Log, BaseURL: a.Config.BaseURL}, target, resumable.Options{})
}

// OpenDatabase opens the configured database without migrating it.
func OpenDatabase(ctx context.Context, cfg config.Config) (*database.DB, error) {
	if cfg.IsPostgres() {
		return database.OpenPostgres(ctx, cfg.DatabaseURL)
	}
	return database.OpenSQLite(cfg.SQLitePath())
}

// OpenBlobStore opens S3 when an endpoint is configured and local disk otherwise.
func OpenBlobStore(ctx context.Context, cfg config.Config) (blobstore.Store, error) {
	if cfg.S3Endpoint != "" {
		return blobstore.NewS3(ctx, blobstore.S3Config{Endpoint: cfg.S3Endpoint, Bucket: cfg.S3Bucket, AccessKey: cfg.S3AccessKey,
			SecretKey: cfg.S3SecretKey, UseTLS: cfg.S3UseTLS})
	}
	return blobstore.NewLocal(cfg.DocumentsDir())
}

// Run starts the job workers and serves HTTP on ln (and the metrics on FAIRTENDER_METRICS_LISTEN,
// when set) until ctx is cancelled, then drains requests in flight and running jobs before
// returning.
func (a *App) Run(ctx context.Context, ln net.Listener) error {
	var mln net.Listener
	if a.Config.MetricsListen != "" {
		var err error
		if mln, err = net.Listen("tcp", a.Config.MetricsListen); err != nil {
			return fmt.Errorf("app: unable to listen for metrics on %s: %w", a.Config.MetricsListen, err)
		}
	}
	beats := heartbeat.NewRecorder(heartbeat.Deps{DB: a.DB, Now: a.opts.Now, Ready: a.Server.Ready, Tally: a.Server.Tally, Log: a.Log})
	beatCtx, stopBeats := context.WithCancel(ctx)
	defer stopBeats()
	go beats.Run(beatCtx)
	if !a.opts.NoWorkers {
		if err := a.Jobs.Start(ctx); err != nil {
			if mln != nil {
				mln.Close()
			}
			return fmt.Errorf("app: unable to start jobs: %w", err)
		}
	}
	errc := make(chan error, 2)
	var metrics *http.Server
	if mln != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.Server.Metrics)
		metrics = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second}
		a.Log.Info("serving metrics", "listen", mln.Addr().String())
		go func() {
			if err := metrics.Serve(mln); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("app: metrics: %w", err)
			}
		}()
	}
	go func() { errc <- a.Server.App.Listener(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	a.Log.Info("shutting down: draining requests and jobs")
	if err := a.Server.Shutdown(shutdownCtx); err != nil {
		serveErr = errors.Join(serveErr, err)
	}
	if metrics != nil {
		if err := metrics.Shutdown(shutdownCtx); err != nil {
			serveErr = errors.Join(serveErr, err)
		}
	}
	if !a.opts.NoWorkers {
		if err := a.Jobs.Stop(shutdownCtx); err != nil && !errors.Is(err, context.Canceled) {
			serveErr = errors.Join(serveErr, err)
		}
	}
	return serveErr
}

// Close releases the database.
func (a *App) Close() error {
	if a.DB != nil {
		return a.DB.Close()
	}
	return nil
}

// organisations is what clarifications need of organisations, from accounts' directory: the one
// rule for which a supplier acts for, and names.
type organisations struct{ a *App }

func (o organisations) ActsFor(ctx context.Context, p *auth.Principal, orgID string, in apperr.In) (string, error) {
	return o.a.Directory.ActsFor(o.a.DB.Gorm.WithContext(ctx), p.UserID, orgID, in)
}

func (o organisations) OrganisationNames(ctx context.Context, ids []string) (map[string]string, error) {
	return o.a.Directory.OrganisationNames(o.a.DB.Gorm.WithContext(ctx), ids)
}
