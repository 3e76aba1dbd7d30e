package resumable_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"gorm.io/gorm"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

// baseURL is the portals' public address, as behind a TLS-terminating load balancer.
const baseURL = "https://portal.example"

const (
	secret   = "0123456789abcdef0123456789abcdef-test-secret"
	partSize = 256 << 10
)

// target is the test's feature: it takes uploads for bids named in the metadata, and keeps what
// Complete received (the SHA-256 of each document), or refuses when told to.
type target struct {
	store blobstore.Store
	max   int64

	mu        sync.Mutex
	refuse    error
	completed map[string]string // document id -> SHA-256 of its bytes
	sizes     map[string]int64
}

func newTarget(store blobstore.Store) *target {
	return &target{store: store, max: 200 << 20, completed: map[string]string{}, sizes: map[string]int64{}}
}

func (t *target) Begin(ctx context.Context, p *auth.Principal, meta map[string]string, size int64) (blobstore.Store, int64, error) {
	if meta["bidId"] == "" {
		return nil, 0, apperr.Field("bidId", "Say which bid the file is for.")
	}
	return t.store, t.max, nil
}

func (t *target) Reopen(ctx context.Context, meta map[string]string) (blobstore.Store, error) {
	return t.store, nil
}

func (t *target) Complete(ctx context.Context, p *auth.Principal, meta map[string]string, file io.Reader, size int64) (string, error) {
	h := sha256.New()
	// Whatever the reader gives is the document: the reader must fail rather than end early.
	if _, err := io.Copy(h, file); err != nil {
		return "", err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refuse != nil {
		return "", t.refuse
	}
	id := "doc-" + rand.Text()[:8]
	t.completed[id] = hex.EncodeToString(h.Sum(nil))
	t.sizes[id] = size
	return id, nil
}

// adopter is target as a resumable.Adopter: it keeps the parts as the document. What it keeps
// of each is the SHA-256 it was given (worked out as the parts arrived), after checking the head
// and the parts read back against it.
type adopter struct {
	*target
	db *database.DB

	mu    sync.Mutex
	parts map[string]*resumable.Completed // document id -> its parts
}

func newAdopter(tg *target, db *database.DB) *adopter {
	return &adopter{target: tg, db: db, parts: map[string]*resumable.Completed{}}
}

func (a *adopter) Adopt(ctx context.Context, p *auth.Principal, meta map[string]string, u *resumable.Completed) (string, error) {
	rc, err := u.Open(ctx)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	var head bytes.Buffer
	if _, err := io.Copy(io.MultiWriter(h, &limitedWriter{&head, len(u.Head)}), rc); err != nil {
		return "", err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != u.SHA256 {
		return "", fmt.Errorf("given SHA-256 %s, the parts read back give %s", u.SHA256, got)
	}
	if !bytes.Equal(head.Bytes(), u.Head) || len(u.Head) != min(int(u.Size), blobstore.HeadSize) {
		return "", fmt.Errorf("given head of %d bytes is not the file's first %d", len(u.Head), blobstore.HeadSize)
	}
	a.target.mu.Lock()
	refuse := a.refuse
	a.target.mu.Unlock()
	if refuse != nil {
		return "", refuse
	}
	if err := a.db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return u.Claim(tx) }); err != nil {
		return "", err
	}
	id := "doc-" + rand.Text()[:8]
	a.target.mu.Lock()
	a.completed[id] = u.SHA256
	a.sizes[id] = u.Size
	a.target.mu.Unlock()
	a.mu.Lock()
	a.parts[id] = u
	a.mu.Unlock()
	return id, nil
}

// limitedWriter keeps the first n bytes written to it.
type limitedWriter struct {
	b *bytes.Buffer
	n int
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if room := w.n - w.b.Len(); room > 0 {
		w.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (t *target) documents() map[string]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := map[string]string{}
	for k, v := range t.completed {
		out[k] = v
	}
	return out
}

// portal is one replica: an HTTP server with the tus endpoint, on a real listener.
type portal struct {
	url    string
	signer *auth.Signer
	svc    *resumable.Service
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func startPortal(t testing.TB, db *database.DB, tg resumable.Target, now func() time.Time) *portal {
	t.Helper()
	// Small parts and a short lease, so that a few hundred KB exercise several parts.
	return startPortalWith(t, db, tg, now, resumable.Options{PartSize: partSize, Lease: 3 * time.Second}, baseURL)
}

// startPortalWith is startPortal with opts and the public address base ("" for the listener's own).
func startPortalWith(t testing.TB, db *database.DB, tg resumable.Target, now func() time.Time, opts resumable.Options, base string, limits ...httpapi.RateLimit) *portal {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	signer, err := auth.NewSigner(secret, "http://test", time.Hour, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	server := httpapi.New(httpapi.Options{Log: log, Signer: signer, UploadPrefixes: []string{resumable.Prefix}, RateLimits: limits,
		// The test's session store: every token names a verified supplier (or a buyer).
		Resolve: func(ctx context.Context, id, sessionID string) (*auth.Principal, error) {
			role := auth.RoleSupplier
			if id == userID("buyer-carol") {
				role = auth.RoleBuyer
			}
			return &auth.Principal{UserID: id, SessionID: sessionID, Role: role, EmailVerified: true}, nil
		}})
	svc, err := resumable.New(resumable.Deps{DB: db, Now: now, Log: log, BaseURL: base}, tg, opts)
	if err != nil {
		t.Fatal(err)
	}
	resumable.Mount(server, svc)
	server.Finish()
	go server.App.Listener(ln)
	t.Cleanup(func() { server.App.Shutdown() })
	return &portal{url: "http://" + ln.Addr().String(), signer: signer, svc: svc}
}

// userID is the id of a test person (ids are UUIDs, as users' are).
func userID(name string) string { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)).String() }

func (p *portal) token(t testing.TB, user string) string {
	t.Helper()
	tok, err := p.signer.Issue(userID(user), userID("session of "+user))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// client speaks tus to a portal as one person.
type client struct {
	t     testing.TB
	base  string
	token string
}

func (p *portal) as(t testing.TB, user string) *client {
	return &client{t: t, base: p.url, token: p.token(t, user)}
}

func (c *client) do(method, path string, body io.Reader, headers map[string]string) *http.Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+c.token)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if b, ok := body.(*bytes.Reader); ok {
		req.ContentLength = int64(b.Len())
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return res
}

func metadata(kv ...string) string {
	var parts []string
	for i := 0; i < len(kv); i += 2 {
		parts = append(parts, kv[i]+" "+base64.StdEncoding.EncodeToString([]byte(kv[i+1])))
	}
	return strings.Join(parts, ",")
}

// create starts an upload of size bytes and returns its path.
func (c *client) create(size int) string {
	c.t.Helper()
	res := c.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": strconv.Itoa(size),
		"Upload-Metadata": metadata("bidId", "b1", "questionId", "q1", "filename", "method statement.pdf", "filetype", "application/pdf")})
	defer res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(res.Body)
		c.t.Fatalf("POST: got %d %s, want 201", res.StatusCode, b)
	}
	loc := res.Header.Get("Location")
	// The browser follows Location: it must be the public https address, not the http one the
	// load balancer forwarded to.
	path, ok := strings.CutPrefix(loc, baseURL)
	if !ok || !strings.HasPrefix(path, resumable.Prefix) {
		c.t.Fatalf("Location %q is not under %s%s", loc, baseURL, resumable.Prefix)
	}
	return path
}

func (c *client) offset(path string) (int64, int) {
	c.t.Helper()
	res := c.do(http.MethodHead, path, nil, nil)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return -1, res.StatusCode
	}
	n, err := strconv.ParseInt(res.Header.Get("Upload-Offset"), 10, 64)
	if err != nil {
		c.t.Fatalf("HEAD: Upload-Offset %q", res.Header.Get("Upload-Offset"))
	}
	return n, res.StatusCode
}

// patch sends data at offset and returns the response (body read).
func (c *client) patch(path string, offset int64, data []byte) (*http.Response, string) {
	c.t.Helper()
	res := c.do(http.MethodPatch, path, bytes.NewReader(data), map[string]string{"Upload-Offset": strconv.FormatInt(offset, 10),
		"Content-Type": "application/offset+octet-stream"})
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// patchRefused sends a PATCH the server is expected to refuse part-way and returns the status it
// answered. The server answers without reading the rest of the body and closes, so the body is
// written from a goroutine while the answer is read: a client that only reads after writing
// meets a reset connection instead of the answer (CI saw this on a busy machine).
func (c *client) patchRefused(path string, offset int64, data []byte) int {
	c.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(c.base, "http://"))
	if err != nil {
		c.t.Fatal(err)
	}
	defer conn.Close()
	go func() {
		w := bufio.NewWriter(conn)
		fmt.Fprintf(w, "PATCH %s HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: application/offset+octet-stream\r\nUpload-Offset: %d\r\nContent-Length: %d\r\n\r\n", path, c.token, offset, len(data))
		w.Write(data)
		w.Flush() // fails once the server has closed: expected
	}()
	conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		c.t.Fatalf("PATCH %s: no answer: %v", path, err)
	}
	res.Body.Close()
	return res.StatusCode
}

// patchAndStall is patchAndDrop without the drop: the connection stays open, sending nothing
// more, as one that died without the server noticing. It returns the connection to close later.
func (c *client) patchAndStall(path string, offset int64, data []byte, sent int) net.Conn {
	c.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(c.base, "http://"))
	if err != nil {
		c.t.Fatal(err)
	}
	fmt.Fprintf(conn, "PATCH %s HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/offset+octet-stream\r\nUpload-Offset: %d\r\nContent-Length: %d\r\n\r\n", path, c.token, offset, len(data))
	conn.Write(data[:sent])
	time.Sleep(300 * time.Millisecond)
	return conn
}

// patchAndDrop sends the headers of a PATCH for all of data but only the first sent bytes, then
// closes the connection, as a phone losing signal does.
func (c *client) patchAndDrop(path string, offset int64, data []byte, sent int) {
	c.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(c.base, "http://"))
	if err != nil {
		c.t.Fatal(err)
	}
	w := bufio.NewWriter(conn)
	fmt.Fprintf(w, "PATCH %s HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/offset+octet-stream\r\nUpload-Offset: %d\r\nContent-Length: %d\r\n\r\n", path, c.token, offset, len(data))
	w.Write(data[:sent])
	w.Flush()
	time.Sleep(300 * time.Millisecond) // let the bytes reach the server before the drop
	conn.Close()
}

func random(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// waitOffset polls HEAD until the upload's offset is at least min (the server stores a dropped
// PATCH's bytes once it notices the drop).
func (c *client) waitOffset(path string, min int64) int64 {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		off, status := c.offset(path)
		if status != http.StatusOK {
			c.t.Fatalf("HEAD %s: got %d", path, status)
		}
		if off >= min || time.Now().After(deadline) {
			return off
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkDocument checks that the final PATCH res made a document of the bytes want: the SHA-256
// the target read (Complete) or was given (Adopt) is theirs.
func checkDocument(t *testing.T, tg *target, res *http.Response, want []byte) {
	t.Helper()
	id := res.Header.Get(resumable.DocumentIDHeader)
	if id == "" {
		t.Fatalf("final PATCH: no %s header (status %d)", resumable.DocumentIDHeader, res.StatusCode)
	}
	got, ok := tg.documents()[id]
	if !ok {
		t.Fatalf("document %s was not completed by the target", id)
	}
	if got != sum(want) {
		t.Errorf("document SHA-256: got %s, want %s", got, sum(want))
	}
}

// partsGone fails when a part object of the upload at path is still in store.
func partsGone(t *testing.T, store blobstore.Store, path string, parts int) {
	t.Helper()
	id := strings.TrimPrefix(path, resumable.Prefix)
	for n := 1; n <= parts; n++ {
		key := fmt.Sprintf("uploads/%s/part-%05d", id, n)
		if _, err := store.Stat(context.Background(), key); !errors.Is(err, blobstore.ErrNotFound) {
			t.Errorf("part %s: got %v, want it deleted", key, err)
		}
	}
}

// partsFinished checks what is left of the upload at path once it has finished: nothing after
// Complete; after Adopt, the parts (the document's now) and nothing else.
func partsFinished(t *testing.T, tg resumable.Target, store blobstore.Store, path string, maxParts int) {
	t.Helper()
	a, ok := tg.(*adopter)
	if !ok {
		partsGone(t, store, path, maxParts)
		return
	}
	id := strings.TrimPrefix(path, resumable.Prefix)
	var doc *resumable.Completed
	a.mu.Lock()
	for _, u := range a.parts {
		if u.Prefix == "uploads/"+id {
			doc = u
		}
	}
	a.mu.Unlock()
	if doc == nil {
		t.Fatalf("upload %s was not adopted", id)
	}
	ctx := context.Background()
	for _, key := range doc.Keys() {
		if _, err := store.Stat(ctx, key); err != nil {
			t.Errorf("adopted part %s: %v, want it kept", key, err)
		}
	}
	if _, err := store.Stat(ctx, resumable.PartKey(doc.Prefix, doc.Parts+1)); !errors.Is(err, blobstore.ErrNotFound) {
		t.Errorf("a part after the last: got %v, want none", err)
	}
	if _, err := store.Stat(ctx, "uploads/"+id+"/sha256"); !errors.Is(err, blobstore.ErrNotFound) {
		t.Errorf("hash state after adoption: got %v, want it deleted", err)
	}
}

// targets are the two ways a feature takes a finished upload.
func targets(store blobstore.Store, db *database.DB) map[string]func() (*target, resumable.Target) {
	return map[string]func() (*target, resumable.Target){
		"complete": func() (*target, resumable.Target) { tg := newTarget(store); return tg, tg },
		"adopt":    func() (*target, resumable.Target) { tg := newTarget(store); return tg, newAdopter(tg, db) },
	}
}

func stores(t *testing.T) map[string]func(t *testing.T) blobstore.Store {
	return map[string]func(t *testing.T) blobstore.Store{
		"local": func(t *testing.T) blobstore.Store {
			s, err := blobstore.NewLocal(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		"minio": func(t *testing.T) blobstore.Store { return newMinIO(t) },
	}
}

// newMinIO opens a store on a bucket of its own in the MinIO of deploy/local/services.sh.
func newMinIO(t testing.TB) blobstore.Store {
	t.Helper()
	cfg := blobstore.S3Config{
		Endpoint:  testenv.Require(t, "FAIRTENDER_TEST_S3_ENDPOINT"),
		AccessKey: testenv.Require(t, "FAIRTENDER_TEST_S3_ACCESS_KEY"),
		SecretKey: testenv.Require(t, "FAIRTENDER_TEST_S3_SECRET_KEY"),
		Bucket:    "ft-tus-" + strings.ToLower(rand.Text()[:12]),
	}
	s, err := blobstore.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		raw, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
		if err == nil {
			raw.RemoveBucketWithOptions(context.Background(), cfg.Bucket, minio.RemoveBucketOptions{ForceDelete: true})
		}
	})
	return s
}

func TestResumableUploads(t *testing.T) {
	for name, open := range stores(t) {
		for kind := range targets(nil, nil) {
			t.Run(name+"/"+kind, func(t *testing.T) { testResumableUploads(t, open(t), kind) })
		}
	}
}

func testResumableUploads(t *testing.T, store blobstore.Store, kind string) {
	db := dbtest.Open(t)
	clk := &clock{t: time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)}
	tg, target := targets(store, db)[kind]()
	p := startPortal(t, db, target, clk.Now)

	t.Run("an upload sent in pieces arrives whole and becomes a document", func(t *testing.T) {
		alice := p.as(t, "alice")
		data := random(t, 3*partSize+1234)
		path := alice.create(len(data))
		var res *http.Response
		for off := 0; off < len(data); {
			end := min(off+100_000, len(data))
			var body string
			res, body = alice.patch(path, int64(off), data[off:end])
			if res.StatusCode != http.StatusNoContent {
				t.Fatalf("PATCH at %d: got %d %s, want 204", off, res.StatusCode, body)
			}
			off = end
		}
		checkDocument(t, tg, res, data)
		if _, status := alice.offset(path); status != http.StatusNotFound {
			t.Errorf("HEAD after completion: got %d, want 404 (the upload finished)", status)
		}
		partsFinished(t, target, store, path, 20)
	})

	t.Run("a PATCH dropped midway keeps what arrived, and resuming gives the exact bytes", func(t *testing.T) {
		alice := p.as(t, "alice")
		data := random(t, 5*partSize+777)
		path := alice.create(len(data))
		sent := 2*partSize + 5000
		alice.patchAndDrop(path, 0, data, sent)
		off := alice.waitOffset(path, int64(sent))
		if off != int64(sent) {
			t.Fatalf("offset after the drop: got %d, want %d (every byte that arrived)", off, sent)
		}
		res, body := alice.patch(path, off, data[off:])
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("resumed PATCH: got %d %s", res.StatusCode, body)
		}
		checkDocument(t, tg, res, data)
	})

	t.Run("another replica continues an upload", func(t *testing.T) {
		alice := p.as(t, "alice")
		other := startPortal(t, db, target, clk.Now)
		data := random(t, 2*partSize+99)
		path := alice.create(len(data))
		if res, body := alice.patch(path, 0, data[:partSize+10]); res.StatusCode != http.StatusNoContent {
			t.Fatalf("first PATCH: got %d %s", res.StatusCode, body)
		}
		onOther := other.as(t, "alice")
		off, status := onOther.offset(path)
		if status != http.StatusOK || off != partSize+10 {
			t.Fatalf("HEAD on the other replica: got %d offset %d, want 200 offset %d", status, off, partSize+10)
		}
		res, body := onOther.patch(path, off, data[off:])
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("PATCH on the other replica: got %d %s", res.StatusCode, body)
		}
		checkDocument(t, tg, res, data)
	})

	t.Run("a stalled PATCH on one replica gives way to the client's retry on another", func(t *testing.T) {
		alice := p.as(t, "alice")
		other := startPortal(t, db, target, clk.Now)
		data := random(t, 2*partSize)
		path := alice.create(len(data))
		conn := alice.patchAndStall(path, 0, data, partSize+7)
		defer conn.Close()
		start := time.Now()
		// The HEAD waits for the lock, which the stalled PATCH gives up when asked, keeping
		// what arrived.
		off, status := other.as(t, "alice").offset(path)
		if status != http.StatusOK || off != partSize+7 {
			t.Fatalf("HEAD on the other replica: got %d offset %d, want 200 offset %d", status, off, partSize+7)
		}
		if waited := time.Since(start); waited > 10*time.Second {
			t.Errorf("HEAD waited %s for the stalled PATCH's lock; want a few renewal intervals", waited)
		}
		res, body := other.as(t, "alice").patch(path, off, data[off:])
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("resumed PATCH: got %d %s", res.StatusCode, body)
		}
		checkDocument(t, tg, res, data)
	})

	t.Run("the hash is right when its kept state is behind the parts", func(t *testing.T) {
		if kind != "adopt" {
			t.Skip("not applicable to this store kind: only an Adopter's uploads keep a hash state, and the adopt kind of this table runs it (no environment needed)")
		}
		// A replica that died after storing a part, before keeping the hash state after it.
		alice := p.as(t, "alice")
		data := random(t, 4*partSize+321)
		path := alice.create(len(data))
		key := "uploads/" + strings.TrimPrefix(path, resumable.Prefix) + "/sha256"
		if res, body := alice.patch(path, 0, data[:partSize+10]); res.StatusCode != http.StatusNoContent {
			t.Fatalf("first PATCH: got %d %s", res.StatusCode, body)
		}
		rc, _, err := store.Get(context.Background(), key)
		if err != nil {
			t.Fatalf("hash state after the first PATCH: %v", err)
		}
		early, _ := io.ReadAll(rc)
		rc.Close()
		if res, body := alice.patch(path, partSize+10, data[partSize+10:3*partSize]); res.StatusCode != http.StatusNoContent {
			t.Fatalf("second PATCH: got %d %s", res.StatusCode, body)
		}
		if _, err := store.Put(context.Background(), key, bytes.NewReader(early), int64(len(early)), ""); err != nil {
			t.Fatal(err)
		}
		res, body := alice.patch(path, 3*partSize, data[3*partSize:])
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("last PATCH: got %d %s", res.StatusCode, body)
		}
		checkDocument(t, tg, res, data)
	})

	t.Run("a truncated upload never becomes a document, and is swept after a day", func(t *testing.T) {
		alice := p.as(t, "alice")
		before := len(tg.documents())
		data := random(t, 2*partSize)
		path := alice.create(len(data))
		alice.patchAndDrop(path, 0, data, partSize+1)
		alice.waitOffset(path, partSize+1)
		// More bytes than were declared are refused.
		if status := alice.patchRefused(path, partSize+1, random(t, partSize+1)); status != http.StatusRequestEntityTooLarge {
			t.Errorf("PATCH beyond the declared size: got %d, want 413", status)
		}
		if got := len(tg.documents()); got != before {
			t.Errorf("documents: got %d, want %d (nothing completed)", got, before)
		}
		clk.Add(23 * time.Hour)
		if n, err := p.svc.Sweep(context.Background()); err != nil || n != 0 {
			t.Errorf("sweep after 23 hours: got %d, %v; want 0 removed", n, err)
		}
		clk.Add(2 * time.Hour)
		n, err := p.svc.Sweep(context.Background())
		if err != nil || n != 1 {
			t.Errorf("sweep after 25 hours: got %d, %v; want 1 removed", n, err)
		}
		if _, status := alice.offset(path); status != http.StatusNotFound {
			t.Errorf("HEAD after the sweep: got %d, want 404", status)
		}
		partsGone(t, store, path, 2)
	})

	t.Run("an upload missing a part in the store never becomes a document", func(t *testing.T) {
		alice := p.as(t, "alice")
		before := len(tg.documents())
		data := random(t, 2*partSize+10)
		path := alice.create(len(data))
		if res, body := alice.patch(path, 0, data[:partSize]); res.StatusCode != http.StatusNoContent {
			t.Fatalf("first PATCH: got %d %s", res.StatusCode, body)
		}
		// The first part is lost from the store (an operator's mistake, a bucket rule).
		if err := store.Delete(context.Background(), "uploads/"+strings.TrimPrefix(path, resumable.Prefix)+"/part-00001"); err != nil {
			t.Fatal(err)
		}
		res, _ := alice.patch(path, partSize, data[partSize:])
		if res.StatusCode < 400 || res.Header.Get(resumable.DocumentIDHeader) != "" {
			t.Errorf("final PATCH: got %d with document id %q, want a failure and none", res.StatusCode, res.Header.Get(resumable.DocumentIDHeader))
		}
		if got := len(tg.documents()); got != before {
			t.Errorf("documents: got %d, want %d", got, before)
		}
		partsGone(t, store, path, 3)
	})

	t.Run("someone else's upload is not found", func(t *testing.T) {
		alice := p.as(t, "alice")
		data := random(t, partSize)
		path := alice.create(len(data))
		alice.patch(path, 0, data[:1000])
		bob := p.as(t, "bob")
		if _, status := bob.offset(path); status != http.StatusNotFound {
			t.Errorf("bob HEAD: got %d, want 404", status)
		}
		if status := bob.patchRefused(path, 1000, data[1000:]); status != http.StatusNotFound {
			t.Errorf("bob PATCH: got %d, want 404", status)
		}
		res := bob.do(http.MethodDelete, path, nil, nil)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("bob DELETE: got %d, want 404", res.StatusCode)
		}
		if off, _ := alice.offset(path); off != 1000 {
			t.Errorf("alice's offset after bob's attempts: got %d, want 1000", off)
		}
		buyer := p.as(t, "buyer-carol")
		res = buyer.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": "10", "Upload-Metadata": metadata("bidId", "b1")})
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("buyer POST: got %d, want 403", res.StatusCode)
		}
	})

	t.Run("DELETE removes the parts", func(t *testing.T) {
		alice := p.as(t, "alice")
		data := random(t, 3*partSize)
		path := alice.create(len(data))
		alice.patch(path, 0, data[:2*partSize+1])
		res := alice.do(http.MethodDelete, path, nil, nil)
		res.Body.Close()
		if res.StatusCode != http.StatusNoContent {
			t.Fatalf("DELETE: got %d, want 204", res.StatusCode)
		}
		partsGone(t, store, path, 3)
		if _, status := alice.offset(path); status != http.StatusNotFound {
			t.Errorf("HEAD after DELETE: got %d, want 404", status)
		}
	})

	t.Run("a refusal from the target reaches the client in plain English and keeps nothing", func(t *testing.T) {
		alice := p.as(t, "alice")
		tg.mu.Lock()
		tg.refuse = apperr.New(apperr.Invalid, "The deadline for bids passed at 14:00; this file was not added")
		tg.mu.Unlock()
		defer func() { tg.mu.Lock(); tg.refuse = nil; tg.mu.Unlock() }()
		data := random(t, partSize+5)
		path := alice.create(len(data))
		res, body := alice.patch(path, 0, data)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("final PATCH: got %d, want 422", res.StatusCode)
		}
		var prob struct{ Detail string }
		json.Unmarshal([]byte(body), &prob)
		if prob.Detail != "The deadline for bids passed at 14:00; this file was not added" {
			t.Errorf("detail: got %q (body %s)", prob.Detail, body)
		}
		if res.Header.Get(resumable.DocumentIDHeader) != "" {
			t.Errorf("a refused upload has a document id")
		}
		partsGone(t, store, path, 2)
		if _, status := alice.offset(path); status != http.StatusNotFound {
			t.Errorf("HEAD after refusal: got %d, want 404", status)
		}
	})

	t.Run("a creation the target refuses is answered with its message", func(t *testing.T) {
		alice := p.as(t, "alice")
		res := alice.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": "10", "Upload-Metadata": metadata("filename", "a.pdf")})
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "Say which bid the file is for.") {
			t.Errorf("POST without bidId: got %d %s, want 422 with the target's message", res.StatusCode, b)
		}
		res = alice.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": "10",
			"Upload-Metadata": metadata("bidId", "b1", "filename", "invoice\u202Efdp.exe")})
		b, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `\"filename\"`) {
			t.Errorf("POST with a bidirectional override in the file name: got %d %s, want 422 naming filename", res.StatusCode, b)
		}
		tg.max = 1000
		defer func() { tg.max = 200 << 20 }()
		res = alice.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": "1001", "Upload-Metadata": metadata("bidId", "b1")})
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("POST over the target's limit: got %d, want 413", res.StatusCode)
		}
	})
}

func TestBrowserSessionsNeedTheCSRFToken(t *testing.T) {
	store, err := blobstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := startPortal(t, dbtest.Open(t), newTarget(store), time.Now)
	post := func(csrf string) int {
		req, _ := http.NewRequest(http.MethodPost, p.url+resumable.Prefix, nil)
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Upload-Length", "10")
		req.Header.Set("Upload-Metadata", metadata("bidId", "b1"))
		req.AddCookie(&http.Cookie{Name: httpapi.AccessCookie, Value: p.token(t, "alice")})
		req.AddCookie(&http.Cookie{Name: httpapi.CSRFCookie, Value: "csrf-value"})
		if csrf != "" {
			req.Header.Set(httpapi.CSRFHeader, csrf)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(""); got != http.StatusForbidden {
		t.Errorf("cookie POST without X-CSRF-Token: got %d, want 403", got)
	}
	if got := post("csrf-value"); got != http.StatusCreated {
		t.Errorf("cookie POST with X-CSRF-Token: got %d, want 201", got)
	}
	res, err := http.Post(p.url+resumable.Prefix, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST signed out: got %d, want 401", res.StatusCode)
	}
}

func TestStartingUploadsIsRateLimited(t *testing.T) {
	store, err := blobstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := startPortalWith(t, dbtest.Open(t), newTarget(store), time.Now, resumable.Options{}, baseURL,
		httpapi.RateLimit{Path: resumable.Prefix, Max: 2, Window: time.Hour})
	alice := p.as(t, "alice")
	path := alice.create(10)
	alice.create(10)
	res := alice.do(http.MethodPost, resumable.Prefix, nil, map[string]string{"Upload-Length": "10", "Upload-Metadata": metadata("bidId", "b1")})
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("third POST in the window: got %d, want 429", res.StatusCode)
	}
	// Sending the file is not limited: a resumed upload sends many PATCHes.
	for i := range 3 {
		if res, body := alice.patch(path, int64(i), []byte("x")); res.StatusCode != http.StatusNoContent {
			t.Errorf("PATCH %d: got %d %s, want 204", i+1, res.StatusCode, body)
		}
	}
}

// flakyStore is a real store whose Puts fail while failing is set, as a store that goes away for
// a moment does, except Puts of keys ending in one of allow (parts are stored several at once, so
// which Put comes second is not fixed).
type flakyStore struct {
	blobstore.Store
	allow   []string
	failing atomic.Bool
}

func (s *flakyStore) Put(ctx context.Context, key string, r io.Reader, maxSize int64, contentType string) (blobstore.Info, error) {
	if s.failing.Load() && !slices.ContainsFunc(s.allow, func(a string) bool { return strings.HasSuffix(key, a) }) {
		return blobstore.Info{}, errors.New("store unavailable")
	}
	return s.Store.Put(ctx, key, r, maxSize, contentType)
}

func TestAStoreFailureKeepsWhatWasStored(t *testing.T) {
	for kind := range targets(nil, nil) {
		t.Run(kind, func(t *testing.T) { testAStoreFailureKeepsWhatWasStored(t, kind) })
	}
}

// testAStoreFailureKeepsWhatWasStored: for an Adopter, the failing store also loses the hash
// state after the first part, so the resumed PATCH works it out again from that part.
func testAStoreFailureKeepsWhatWasStored(t *testing.T, kind string) {
	local, err := blobstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// Part 2 fails; part 3, stored at the same time, must not be kept after it.
	store := &flakyStore{Store: local, allow: []string{"/part-00001", "/part-00003"}}
	store.failing.Store(true)
	db := dbtest.Open(t)
	tg, target := targets(store, db)[kind]()
	p := startPortal(t, db, target, time.Now)
	alice := p.as(t, "alice")
	data := random(t, 3*partSize+3)
	path := alice.create(len(data))
	if status := alice.patchRefused(path, 0, data); status < 500 {
		t.Fatalf("PATCH while the store fails: got %d, want 5xx", status)
	}
	off, _ := alice.offset(path)
	if off != partSize {
		t.Fatalf("offset after the failure: got %d, want %d (the part stored before it)", off, partSize)
	}
	if _, err := local.Stat(context.Background(), "uploads/"+strings.TrimPrefix(path, resumable.Prefix)+"/part-00003"); !errors.Is(err, blobstore.ErrNotFound) {
		t.Errorf("part 3, stored after the failed part 2: got %v, want it deleted", err)
	}
	store.failing.Store(false)
	res, body := alice.patch(path, off, data[off:])
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("resumed PATCH: got %d %s", res.StatusCode, body)
	}
	checkDocument(t, tg, res, data)
}
