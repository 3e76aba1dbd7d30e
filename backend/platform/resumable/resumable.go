// Package resumable takes documents by resumable upload (the tus 1.0 protocol, with the creation
// and termination extensions), so that a 100 MB file sent over a connection that drops continues
// from where it stopped, on this replica or another.
//
// tusd (github.com/tus/tusd/v2) speaks the protocol; this package gives it what it needs to run
// behind several replicas and our own rules:
//
//   - Storage: a tusd DataStore over blobstore.Store, so partial uploads live in the shared
//     document store and never on one server's disk. The Store has no append, so each PATCH is
//     cut into part objects, uploads/<id>/part-00001, part-00002 …, of at most Options.PartSize
//     bytes, each stored as soon as it has arrived: a PATCH whose connection drops keeps every
//     byte that reached us, as tusd expects. The bytes of the part being received are spooled to
//     a temporary file (deleted at once) rather than held in memory, and a process-wide limit on
//     parts being stored at the same time keeps memory flat however many uploads run.
//   - The upload's record (owner, declared size, bytes and parts received, metadata) is a row of
//     resumable_uploads, which every replica reads; the document store cannot list its keys, so
//     the sweep of abandoned uploads also needs it. A Target that is also a MetadataSealer has
//     its metadata sealed there (bids seal the file name), and opened for every use.
//   - Locking: tusd lets one request at a time write to an upload. A lock in one process's memory
//     does not stop a second replica, so the lock is a lease on the upload's row (holder and
//     expiry, taken with one conditional UPDATE, which both SQLite and PostgreSQL make atomic,
//     and renewed while held). A request that wants a held lock marks the row; the holder sees the
//     mark when it renews and lets go (tusd's requestUnlock), so a client resuming after a drop the
//     server has not noticed yet gets in within a renewal interval rather than waiting out the
//     lease. A holder that dies stops renewing and its lease lapses.
//   - Ownership: an upload belongs to the feature that accepted it, through a Target. Begin
//     authorises a new upload and gives the store its parts go into (bids give a sealing store, so
//     parts are encrypted at rest); Complete receives the whole file once every byte has arrived
//     and returns the document made from it. Its id is sent in the header Fairtender-Document-Id on
//     the final PATCH. A refusal (deadline passed, wrong type) reaches the client as a 4xx
//     problem+json with the Target's plain-English message. Complete runs exactly once per upload
//     and the parts and record are deleted after it whatever it answers, so a refused upload leaves
//     nothing. An upload with bytes missing never reaches Complete.
//   - Adoption: reading a 100 MB file back and storing it again costs more than receiving it. A
//     Target that is an Adopter keeps the stored parts as its document instead: the upload's
//     SHA-256 and first bytes are worked out as the parts arrive (the hash state kept between
//     PATCHes beside the parts, in the upload's store, which seals it for bids), Adopt receives
//     them with the part keys, and on success only the record goes. A refusal removes the parts as after Complete.
//   - Access: only the person who created an upload may HEAD, PATCH or DELETE it; anyone else gets
//     404, as if it did not exist. Requests pass our sign-in, CSRF (tus-js-client sends
//     X-CSRF-Token) and rate limits like any API operation. CORS is not offered: the web app is
//     same-origin.
//   - Abandoned uploads (no PATCH for Options.StaleAfter, 24 hours) are swept by a River periodic
//     job, parts and record.
//
// Wiring: a feature that takes uploads implements Target; backend/app builds the Service with it
// and calls Mount. With no Target, nothing is mounted.
package resumable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database"
	tusd "github.com/tus/tusd/v2/pkg/handler"
	"gorm.io/gorm"
)

// Prefix is where the tus endpoint is served: POST creates an upload, and Prefix+<id> takes HEAD,
// PATCH and DELETE. It is an upload prefix of the HTTP server (bodies streamed, not limited to
// the JSON size).
const Prefix = "/api/v1/uploads/"

// DocumentIDHeader carries, on the response to the PATCH that completes an upload, the id of the
// document the Target made of it.
const DocumentIDHeader = "Fairtender-Document-Id"

// Target is the feature that owns uploads: it decides who may upload what, gives the store the
// parts go into, and turns a completed upload into a document of its own.
type Target interface {
	// Begin authorises a new upload for p, with the metadata the client sent (for bids: bidId,
	// questionId, filename, filetype) and its declared size in bytes. It returns the store the
	// parts go into and the largest size allowed; a larger declared size is refused with 413.
	// An *apperr.Error answers the client with its status and message; nothing is created.
	Begin(ctx context.Context, p *auth.Principal, meta map[string]string, size int64) (blobstore.Store, int64, error)
	// Reopen returns the store Begin gave for the upload with meta, for a later request (on any
	// replica), for Complete, or for the sweep of abandoned uploads (ctx then has no principal).
	Reopen(ctx context.Context, meta map[string]string) (blobstore.Store, error)
	// Complete receives the whole file, size bytes read back in order through the store, once
	// every byte has arrived, and returns the id of the document made from it. An error (an
	// *apperr.Error such as "The deadline for bids passed at 14:00; this file was not added")
	// means nothing is kept; either way the parts are deleted afterwards. It runs once per upload.
	Complete(ctx context.Context, p *auth.Principal, meta map[string]string, file io.Reader, size int64) (documentID string, err error)
}

// Adopter is a Target that keeps a completed upload's stored parts as its document, instead of
// storing a second copy made from Complete's reader: every byte then goes into the store once.
// For it, the upload's SHA-256 and first bytes are worked out as the parts arrive (the hash's
// state is kept between PATCHes, on any replica, as an object beside the parts in the upload's
// own store, so a sealing store seals it: it holds up to 63 bytes of the file), and Adopt runs
// instead of Complete. When Adopt succeeds the parts are the Target's and only the upload's
// record and hash state are removed; when it fails, the parts go too, as after Complete.
type Adopter interface {
	// Adopt receives a completed upload, every byte of it stored, and returns the id of the
	// document made from its parts. The Target should call u.Claim in the transaction that
	// records the document, so that the parts change hands in one commit (a sweep can then
	// never remove a document's parts). An error (an *apperr.Error for a refusal) means nothing
	// is kept. It runs once per upload.
	Adopt(ctx context.Context, p *auth.Principal, meta map[string]string, u *Completed) (documentID string, err error)
}

// Completed is an upload whose every byte has been stored, as an Adopter receives it.
type Completed struct {
	// Prefix is the key the parts are stored under: part n (from 1) is PartKey(Prefix, n), in
	// the store Begin gave.
	Prefix string
	// Parts is how many parts there are, at least 1.
	Parts int
	// Size is the file's length in bytes, as declared and received.
	Size int64
	// SHA256 is the lowercase hex SHA-256 of the bytes as they were received.
	SHA256 string
	// Head is the file's first blobstore.HeadSize bytes (all of it when shorter), for checks
	// of type by content.
	Head []byte

	store blobstore.Store
	claim func(tx *gorm.DB) error
}

// Keys are the keys of the parts, in order.
func (c *Completed) Keys() []string {
	keys := make([]string, c.Parts)
	for n := range c.Parts {
		keys[n] = PartKey(c.Prefix, n+1)
	}
	return keys
}

// Open reads the whole file back through the parts, in order, for checks that need all of it
// (an archive's limits). It fails rather than end early.
func (c *Completed) Open(ctx context.Context) (io.ReadCloser, error) {
	return OpenParts(ctx, c.store, c.Prefix, c.Parts, c.Size)
}

// Claim removes the upload's record in tx, the Target's transaction that records the document:
// from that commit on the parts are the Target's, and neither a retry, a DELETE nor the sweep of
// abandoned uploads will touch them. It fails when the upload is gone (cancelled or swept).
func (c *Completed) Claim(tx *gorm.DB) error { return c.claim(tx) }

// PartKey is the key of part n (from 1) of the parts stored under prefix. The numbers are
// zero-padded so the keys sort in order; a document made of parts (Adopter) is read with it.
func PartKey(prefix string, n int) string { return fmt.Sprintf("%s/part-%05d", prefix, n) }

// OpenParts reads parts 1..parts stored under prefix in store one after another, as one file of
// size bytes: the first part is opened at once (a missing one is an error here), each later one
// when it is reached, and a missing part or a wrong total is a read error, never a shorter file.
func OpenParts(ctx context.Context, store blobstore.Store, prefix string, parts int, size int64) (io.ReadCloser, error) {
	r := &partsReader{ctx: ctx, store: store, prefix: prefix, parts: parts, want: size}
	if err := r.next(); err != nil {
		return nil, err
	}
	return r, nil
}

// MetadataSealer is a Target that keeps some metadata sealed while the upload is in progress:
// resumable_uploads stores what SealMetadata returns, and every later use (HEAD's
// Upload-Metadata, Reopen, Complete, the sweep) gets what OpenMetadata makes of it. Bids seal
// the file name with the bid's key, since a name can say what is inside ("Our price 2.4m.xlsx").
// A Target without it has its metadata stored as sent.
type MetadataSealer interface {
	// SealMetadata returns the metadata to store for an upload Begin has just allowed.
	SealMetadata(ctx context.Context, meta map[string]string) (map[string]string, error)
	// OpenMetadata returns the metadata as sent from what SealMetadata returned.
	OpenMetadata(ctx context.Context, stored map[string]string) (map[string]string, error)
}

// Options tune the service; the zero value of each field takes its default.
type Options struct {
	// PartSize is the largest part object, 4 MiB by default. It bounds the memory a part costs
	// while it is stored (an S3 Put of a body of unknown length holds up to 16 MiB of it).
	PartSize int64
	// ParallelParts is how many parts this process stores at the same time, across all uploads
	// (4 by default); memory is about ParallelParts × PartSize however many uploads run.
	ParallelParts int
	// SpoolDir holds the part being received (os.TempDir() by default).
	SpoolDir string
	// StaleAfter is how long an upload may go without a PATCH before it is swept (24 hours).
	StaleAfter time.Duration
	// Lease is how long a lock holds without renewal (30 s); it is renewed every Lease/6.
	Lease time.Duration
	// Access is who may use the endpoint at all (suppliers by default); the Target decides the rest.
	Access *auth.Access
}

// Deps are what the service needs.
type Deps struct {
	// DB holds resumable_uploads: the records and the locks.
	DB *database.DB
	// Now is the clock of leases and of the sweep.
	Now func() time.Time
	// Log receives tusd's warnings and failures of Targets and stores.
	Log *slog.Logger
	// BaseURL is the portal's public address (https://…): uploads' Location headers are built on
	// it, since behind a TLS-terminating load balancer the request alone would say http. Empty
	// uses the request's Host.
	BaseURL string
	// Holder names this process in lock leases (for an operator reading the table); a random
	// name is used when empty.
	Holder string
}

// Service runs resumable uploads for one Target.
type Service struct {
	db      *database.DB
	now     func() time.Time
	log     *slog.Logger
	target  Target
	adopter Adopter // target, when it adopts parts; nil otherwise
	opts    Options
	locker  *locker
	handler *tusd.UnroutedHandler
	// slots limits the parts being stored at the same time.
	slots chan struct{}
}

// New builds the service for target.
func New(deps Deps, target Target, opts Options) (*Service, error) {
	if target == nil {
		return nil, errors.New("resumable: no target to own the uploads")
	}
	if opts.PartSize <= 0 {
		opts.PartSize = 4 << 20
	}
	if opts.ParallelParts <= 0 {
		opts.ParallelParts = 4
	}
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = 24 * time.Hour
	}
	if opts.Lease <= 0 {
		opts.Lease = 30 * time.Second
	}
	if opts.Access == nil {
		a := auth.Only(auth.RoleSupplier)
		opts.Access = &a
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	s := &Service{db: deps.DB, now: deps.Now, log: deps.Log, target: target, opts: opts,
		slots: make(chan struct{}, opts.ParallelParts)}
	s.adopter, _ = target.(Adopter)
	s.locker = newLocker(deps.DB, deps.Now, deps.Holder, opts.Lease)
	base := Prefix
	if deps.BaseURL != "" {
		base = strings.TrimSuffix(deps.BaseURL, "/") + Prefix
	}
	composer := tusd.NewStoreComposer()
	composer.UseCore(dataStore{s})
	composer.UseTerminater(dataStore{s})
	composer.UseLocker(s.locker)
	h, err := tusd.NewUnroutedHandler(tusd.Config{
		StoreComposer:             composer,
		BasePath:                  base,
		DisableDownload:           true,
		DisableConcatenation:      true,
		Cors:                      &tusd.CorsConfig{Disable: true},
		PreFinishResponseCallback: s.complete,
		Logger:                    tusdLogger(deps.Log),
		// A read that brings nothing for this long means the connection is dead: the PATCH ends,
		// keeping what arrived, and its lock is freed for the client's retry.
		NetworkTimeout: 30 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	s.handler = h
	return s, nil
}

// errorFor turns a Target's error into the answer tusd sends: the apperr status and message as
// problem+json, or a 500 that logs the cause.
func (s *Service) errorFor(ctx context.Context, op string, err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return problemError(statusOf(ae.Code), ae.Message)
	}
	s.log.ErrorContext(ctx, "resumable upload failed", "operation", op, "error", err.Error())
	return problemError(500, "Sorry, something went wrong on our side. Try again later.")
}
