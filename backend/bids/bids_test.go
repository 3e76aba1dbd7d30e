package bids_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

var logs func() string

func want(t testing.TB, r *apptest.Response, status int) {
	t.Helper()
	if r.Status == 500 && logs != nil {
		t.Log(logs())
	}
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

// The secrets a bidder writes, searched for in every byte the portal stores.
const (
	secretAnswer = "Our method uses the Zanzibar-Quokka rota, unique to us"
	secretFile   = "%PDF-1.4\nWombat-Pelican costing model: confidential\n%%EOF\n"
	// secretParts arrives by tus in two PATCHes, a secret in each half.
	secretParts = "%PDF-1.4\nKookaburra staffing schedule, first half\n" + "second half: Dingo-Bilby rates\n%%EOF\n"
)

type world struct {
	p                *apptest.Portal
	minio            *minio.Client // the raw MinIO client, when documents are kept there
	bucket           string
	buyer, admin     *apptest.Client
	panel            []accounts.User
	oppID            string
	deadline         time.Time
	textQ, docQ, prQ string
	twoStage         bool
	extra            []map[string]any // questions after the usual three
	savedForm        map[string]any   // the form as saved
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// start publishes an opportunity with a response form (a text, a document and a price per lot
// question) and a panel of two officers with two-step verification on.
func start(t testing.TB) *world { return startIn(t, false) }

// startIn is start with the documents in a bucket of their own on the test MinIO when inMinIO.
func startIn(t testing.TB, inMinIO bool) *world {
	t.Helper()
	w := &world{}
	env := map[string]string{}
	if inMinIO {
		endpoint := testenv.Require(t, "FAIRTENDER_TEST_S3_ENDPOINT")
		access := testenv.Require(t, "FAIRTENDER_TEST_S3_ACCESS_KEY")
		secret := testenv.Require(t, "FAIRTENDER_TEST_S3_SECRET_KEY")
		raw, err := minio.New(endpoint, &minio.Options{Creds: credentials.NewStaticV4(access, secret, "")})
		if err != nil {
			t.Fatal(err)
		}
		w.minio, w.bucket = raw, "ft-test-"+strings.ToLower(rand.Text()[:16])
		// Registered before the portal starts, so that it runs after the portal stops.
		t.Cleanup(func() {
			if err := raw.RemoveBucketWithOptions(context.Background(), w.bucket, minio.RemoveBucketOptions{ForceDelete: true}); err != nil {
				t.Errorf("removing bucket %s: %v", w.bucket, err)
			}
		})
		env = map[string]string{"FAIRTENDER_S3_ENDPOINT": endpoint, "FAIRTENDER_S3_ACCESS_KEY": access, "FAIRTENDER_S3_SECRET_KEY": secret, "FAIRTENDER_S3_BUCKET": w.bucket}
	}
	p := apptest.Start(t, apptest.Options{Env: env})
	logs = p.Logs.String
	p.Clock.Freeze()
	w.p, w.buyer = p, p.Buyer(t, "buyer@council.example")
	w.admin = p.Staff(t, accounts.CreateUserInput{Email: "admin@council.example", Name: "Ada Admin", Role: string(auth.RoleAdmin)})
	ctx := context.Background()
	for _, e := range []string{"eve@council.example", "olu@council.example"} {
		u := p.CreateStaff(t, accounts.CreateUserInput{Email: e, Name: "Officer " + e[:3], Role: string(auth.RoleEvaluator), Password: apptest.Password})
		if err := p.App.Accounts.SetUpDemoTwoStep(ctx, e, apptest.TwoStepSecret); err != nil {
			t.Fatal(err)
		}
		w.panel = append(w.panel, u)
	}
	now := p.Clock.Now()
	w.deadline = now.Add(30 * 24 * time.Hour).Truncate(time.Second)
	r := w.buyer.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": "Library cleaning", "summary": "Daily cleaning of four branch libraries in the borough.",
		"description": "Cleaning of four libraries, six days a week.", "procedure": "open_tender", "cpvCodes": []string{"90910000-9"},
		"lots":                []map[string]any{{"title": "North libraries", "description": "Two branches", "valuePence": 4000000, "cpvCode": "90910000-9"}},
		"estimatedValuePence": 8000000, "contractMonths": 24, "placeOfDelivery": "E09000007", "suitableForSmes": true, "reserved": "none",
		"clarificationDeadline": rfc(now.Add(20 * 24 * time.Hour)), "submissionDeadline": rfc(w.deadline),
		"expectedAwardOn": now.Add(60 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 4000}, {"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	want(t, r, 201)
	w.oppID = r.JSON()["id"].(string)
	return w
}

func (w *world) form() map[string]any {
	return map[string]any{"twoStage": w.twoStage, "questions": []map[string]any{
		{"kind": "text", "title": "Describe your method", "required": true, "wordLimit": 50, "criterion": "Quality", "weightShareBp": 10000},
		{"kind": "document", "title": "Your costing model", "required": true, "documentTypes": []string{"pdf"}, "maxFiles": 2},
		{"kind": "price", "title": "Your price", "required": true, "priceMode": "per_lot", "criterion": "Price", "weightShareBp": 10000},
	}}
}

// fullForm is form with the extra questions.
func (w *world) fullForm() map[string]any {
	f := w.form()
	f["questions"] = append(f["questions"].([]map[string]any), w.extra...)
	return f
}

// publishWithForm sets the form and panel and publishes.
func (w *world) publishWithForm(t testing.TB) {
	t.Helper()
	r := w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/response-form", w.fullForm())
	want(t, r, 200)
	qs := r.JSON()["questions"].([]any)
	w.savedForm = r.JSON()
	w.textQ, w.docQ, w.prQ = qs[0].(map[string]any)["id"].(string), qs[1].(map[string]any)["id"].(string), qs[2].(map[string]any)["id"].(string)
	want(t, w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/opening-panel", map[string]any{"userIds": []string{w.panel[0].ID, w.panel[1].ID}}), 200)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/publish", nil), 200)
}

func (w *world) lot(t testing.TB) string {
	r := w.buyer.Do("GET", "/api/v1/opportunities/"+w.oppID, nil)
	return r.JSON()["lots"].([]any)[0].(map[string]any)["id"].(string)
}

// bidder starts a complete bid for a new supplier and returns it with its ID.
func (w *world) bidder(t testing.TB, email string) (*apptest.Client, string) {
	t.Helper()
	c := w.p.Supplier(t, accounts.RegisterInput{Email: email, OrganisationName: "Bidder " + email})
	lot := w.lot(t)
	r := c.Do("POST", "/api/v1/opportunities/"+w.oppID+"/bids", map[string]any{"lotIds": []string{lot}})
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
	r = c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{
		{"questionId": w.textQ, "text": secretAnswer}, {"questionId": w.prQ, "prices": []map[string]any{{"lotId": lot, "pricePence": 1250000}}}}})
	c.Header = nil
	want(t, r, 200)
	return c, id
}

func (w *world) upload(t *testing.T, c *apptest.Client, bidID string) map[string]any {
	t.Helper()
	d, err := w.p.App.Bids.AddDocument(context.Background(), w.principal(t, c), bidID, w.docQ, blobstore.Upload{Filename: "costing.pdf", ContentType: "application/pdf",
		Body: bytes.NewReader([]byte(secretFile)), Length: int64(len(secretFile))})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"id": d.ID, "sha256": d.SHA256}
}

// officer signs in a member of staff (with their two-step code) and moves the clock past the
// code's 30-second step, so the next code is new.
func (w *world) officer(t testing.TB, u accounts.User) *apptest.Client {
	t.Helper()
	cl := w.p.SignedIn(t, u.Email, apptest.Password)
	w.p.Clock.Advance(30 * time.Second)
	return cl
}

// confirm is one officer's confirmation of the opening, with their password and current code.
func (w *world) confirm(t testing.TB, cl *apptest.Client) *apptest.Response {
	t.Helper()
	return cl.Do("POST", "/api/v1/opportunities/"+w.oppID+"/opening", map[string]any{"password": apptest.Password,
		"code": apptest.TwoStepCode(t, apptest.TwoStepSecret, w.p.Clock.Now())})
}

func submit(c *apptest.Client, id, key string) *apptest.Response {
	c.Header = map[string]string{"Idempotency-Key": key}
	defer func() { c.Header = nil }()
	return c.Do("POST", "/api/v1/bids/"+id+"/submit", nil)
}

func TestAFormWithoutAPanelIsNotPublished(t *testing.T) {
	w := start(t)
	// Values the OpenAPI document lists (price modes, file types) are refused by the schema,
	// each naming its field; the form's own rules (a criterion the opportunity has) after that.
	bad := w.form()
	bad["questions"].([]map[string]any)[2]["priceMode"] = "by_the_hour"
	bad["questions"].([]map[string]any)[1]["documentTypes"] = []string{"pdf", "exe"}
	r := w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/response-form", bad)
	want(t, r, 422)
	if f := r.FieldErrors(); f["body.questions[2].priceMode"] == "" || f["body.questions[1].documentTypes[1]"] == "" {
		t.Fatalf("field errors = %v, want questions[2].priceMode and questions[1].documentTypes[1]", f)
	}
	bad = w.form()
	bad["questions"].([]map[string]any)[0]["criterion"] = "Speed"
	r = w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/response-form", bad)
	want(t, r, 422)
	if f := r.FieldErrors(); f["body.questions[0].criterion"] == "" {
		t.Fatalf("field errors = %v, want questions[0].criterion", f)
	}
	want(t, w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/response-form", w.form()), 200)
	r = w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/opening-panel", map[string]any{"userIds": []string{w.panel[0].ID}})
	want(t, r, 422)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/publish", nil), 409)
}

func TestAnOpportunityWithoutAFormTakesNoBids(t *testing.T) {
	w := start(t)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/publish", nil), 200)
	c := w.p.Supplier(t, accounts.RegisterInput{Email: "sam@bidder.example"})
	r := c.Do("POST", "/api/v1/opportunities/"+w.oppID+"/bids", map[string]any{"lotIds": []string{w.lot(t)}})
	want(t, r, 409)
}

func TestSealedBidsFromDraftToOpening(t *testing.T) {
	t.Run("on local disk", func(t *testing.T) { testSealedBids(t, startIn(t, false)) })
	t.Run("in MinIO", func(t *testing.T) { testSealedBids(t, startIn(t, true)) })
}

func testSealedBids(t *testing.T, w *world) {
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	doc := w.upload(t, c, id)
	sum := sha256.Sum256([]byte(secretFile))
	if doc["sha256"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("document sha256 = %v, want that of the bytes sent", doc["sha256"])
	}
	// A second document by tus in two PATCHes: its content is the upload's two sealed parts.
	r := w.tusSend(c, id, w.docQ, "schedule.pdf", "application/pdf", []byte(secretParts), len(secretParts)/2)
	want(t, r, 204)
	partsDoc := r.Header.Get("Fairtender-Document-Id")
	if n := w.partsOf(t, partsDoc); n != 2 {
		t.Fatalf("the tus document is kept as %d parts, want the upload's 2", n)
	}

	t.Run("a stale save is refused and changes nothing", func(t *testing.T) {
		c.Header = map[string]string{"If-Match": `"1"`}
		r := c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{{"questionId": w.textQ, "text": "overwritten"}}})
		c.Header = nil
		want(t, r, 412)
		r = c.Do("GET", "/api/v1/bids/"+id, nil)
		want(t, r, 200)
		a := r.JSON()["answers"].([]any)[0].(map[string]any)
		if a["text"] != secretAnswer || a["wordCount"].(float64) != 9 {
			t.Fatalf("answer = %v, want the saved one with 9 words", a)
		}
		if tot := r.JSON()["totals"].([]any)[0].(map[string]any); tot["totalText"] != "£12,500" {
			t.Fatalf("totals = %v", tot)
		}
	})

	t.Run("no council role can read, list or count bids before opening", func(t *testing.T) {
		for _, staff := range []*apptest.Client{w.buyer, w.admin} {
			if r := staff.Do("GET", "/api/v1/bids/"+id, nil); r.Status != 404 && r.Status != 403 {
				t.Fatalf("GET bid as staff = %d, want 403 or 404", r.Status)
			}
			if r := staff.Do("GET", "/api/v1/bids/"+id+"/documents/"+doc["id"].(string), nil); r.Status != 404 && r.Status != 403 {
				t.Fatalf("download as staff = %d, want 403 or 404", r.Status)
			}
			if r := staff.Do("GET", "/api/v1/opportunities/"+w.oppID+"/bids", nil); r.Status != 404 && r.Status != 403 {
				t.Fatalf("list as staff = %d, want 403 or 404", r.Status)
			}
		}
	})

	var receipt map[string]any
	t.Run("the same idempotency key answers the same", func(t *testing.T) {
		r := submit(c, id, "key-1")
		want(t, r, 200)
		receipt = r.JSON()
		again := submit(c, id, "key-1")
		want(t, again, 200)
		if again.JSON()["receiptHash"] != receipt["receiptHash"] || again.JSON()["submittedAt"] != receipt["submittedAt"] {
			t.Fatalf("retry = %s, want the same receipt as %s", again.Body, r.Body)
		}
		r = c.Do("GET", "/api/v1/bids/"+id+"/receipt", nil)
		want(t, r, 200)
		if r.JSON()["receiptHash"] != receipt["receiptHash"] {
			t.Fatalf("GET receipt = %s", r.Body)
		}
	})

	t.Run("a bidder can recompute the receipt hash from what they sent", func(t *testing.T) {
		// Written from the package documentation, not from the code that makes receipts.
		sha := func(b string) string { h := sha256.Sum256([]byte(b)); return hex.EncodeToString(h[:]) }
		lot := w.lot(t)
		text := `{"questionId":"` + w.textQ + `","text":"` + secretAnswer + `"}`
		price := `{"questionId":"` + w.prQ + `","prices":[{"lotId":"` + lot + `","pricePence":1250000}]}`
		lines := []string{
			fmt.Sprintf("item answer %s %d %s", w.textQ, len(text), sha(text)),
			fmt.Sprintf("item answer %s %d %s", w.prQ, len(price), sha(price)),
			fmt.Sprintf("item document %s %d %s", w.docQ, len(secretFile), sha(secretFile)),
			fmt.Sprintf("item document %s %d %s", w.docQ, len(secretParts), sha(secretParts)),
		}
		// In order of kind, question and SHA-256 ("item <kind> <question> <size> <sha256>").
		key := func(l string) string { f := strings.Fields(l); return f[1] + " " + f[2] + " " + f[4] }
		slices.SortFunc(lines, func(a, b string) int { return strings.Compare(key(a), key(b)) })
		at, err := time.Parse(time.RFC3339Nano, receipt["submittedAt"].(string))
		if err != nil {
			t.Fatal(err)
		}
		manifest := fmt.Sprintf("fairtender-receipt-v1\nbid %s\nreference %s\nopportunity %s\nversion %v\nsubmitted %s\n%s\n", id, receipt["reference"],
			w.oppID, receipt["version"], at.UTC().Format("2006-01-02T15:04:05.000000Z"), strings.Join(lines, "\n"))
		if got := sha(manifest); got != receipt["receiptHash"] {
			t.Fatalf("recomputed %s from\n%s\nwant the receipt's %s (items %v)", got, manifest, receipt["receiptHash"], receipt["items"])
		}
	})

	t.Run("the plaintext is nowhere at rest", func(t *testing.T) {
		// Nor the file's name, nor the hash of an answer a rival could guess (a round price),
		// which the receipt holds: receipts are sealed too.
		price := `{"questionId":"` + w.prQ + `","prices":[{"lotId":"` + w.lot(t) + `","pricePence":1250000}]}`
		h := sha256.Sum256([]byte(price))
		// A resumable upload stopped halfway: its name is sealed in its record too, while the
		// bidder still sees it as sent.
		const halfName = "Quokka-tender-pricing.pdf"
		r := w.tusCreate(c, id, halfName, len(secretFile))
		want(t, r, 201)
		loc, _ := url.Parse(r.Header.Get("Location"))
		c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
		want(t, c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", []byte(secretFile[:len(secretFile)/2])), 204)
		c.Header = map[string]string{"Tus-Resumable": "1.0.0"}
		r = c.Do("HEAD", loc.Path, nil)
		c.Header = nil
		want(t, r, 200)
		if !strings.Contains(r.Header.Get("Upload-Metadata"), base64.StdEncoding.EncodeToString([]byte(halfName))) {
			t.Errorf("HEAD's Upload-Metadata = %q, want the file name as sent", r.Header.Get("Upload-Metadata"))
		}
		w.searchAtRest(t, secretAnswer, "Wombat-Pelican", "costing.pdf", halfName, hex.EncodeToString(h[:]),
			"Kookaburra", "Dingo-Bilby", "schedule.pdf")
	})

	t.Run("late by 1 ms is refused and nothing is kept", func(t *testing.T) {
		r := c.Do("GET", "/api/v1/bids/"+id, nil)
		c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
		r = c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{{"questionId": w.textQ, "text": "A revised method"}}})
		c.Header = nil
		want(t, r, 200)
		w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) + time.Millisecond)
		c = w.p.SignedIn(t, "sam@bidder.example", apptest.Password) // a month on, the session has ended
		r = submit(c, id, "key-late")
		want(t, r, 409)
		if !strings.Contains(r.JSON()["detail"].(string), "closed") {
			t.Fatalf("late submit says %s, want that bids closed", r.Body)
		}
		r = c.Do("GET", "/api/v1/bids/"+id+"/receipt", nil)
		if r.JSON()["version"] != receipt["version"] {
			t.Fatalf("receipt after a late submit = %s, want the earlier version %v", r.Body, receipt["version"])
		}
	})

	officer := func(u accounts.User) *apptest.Client { return w.officer(t, u) }
	confirm := func(cl *apptest.Client) *apptest.Response { return w.confirm(t, cl) }
	t.Run("one officer does not open the bids", func(t *testing.T) {
		r := confirm(officer(w.panel[0]))
		want(t, r, 200)
		if r.JSON()["status"] != "ready" || r.JSON()["confirmations"].(float64) != 1 {
			t.Fatalf("opening after one = %s", r.Body)
		}
		w.buyer = w.p.SignedIn(t, "buyer@council.example", apptest.Password)
		if r := w.buyer.Do("GET", "/api/v1/opportunities/"+w.oppID+"/bids", nil); r.Status != 404 {
			t.Fatalf("list after one confirmation = %d, want 404", r.Status)
		}
	})
	t.Run("after opening the evaluator downloads exactly what was uploaded", func(t *testing.T) {
		ev := officer(w.panel[1])
		r := confirm(ev)
		want(t, r, 200)
		if r.JSON()["status"] != "opened" || len(r.JSON()["receiptHashes"].([]any)) != 1 || r.JSON()["receiptHashes"].([]any)[0] != receipt["receiptHash"] {
			t.Fatalf("opening = %s, want opened with the receipt hash %v", r.Body, receipt["receiptHash"])
		}
		pub := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+w.oppID+"/opening", nil)
		want(t, pub, 200)
		want(t, ev.Do("GET", "/api/v1/opportunities/"+w.oppID+"/bids", nil), 200)
		w.evaluationPanel(t)
		r = ev.Do("GET", "/api/v1/bids/"+id, nil)
		want(t, r, 200)
		if a := r.JSON()["answers"].([]any)[0].(map[string]any); a["text"] != secretAnswer {
			t.Fatalf("council reads %v, want the submitted answer, not the later draft", a["text"])
		}
		inReceipt := map[string]bool{}
		for _, it := range receipt["items"].([]any) {
			if m := it.(map[string]any); m["kind"] == "document" {
				inReceipt[m["sha256"].(string)] = true
			}
		}
		for docID, sent := range map[string]string{doc["id"].(string): secretFile, partsDoc: secretParts} {
			r = ev.Do("GET", "/api/v1/bids/"+id+"/documents/"+docID, nil)
			want(t, r, 200)
			got := sha256.Sum256(r.Body)
			if !inReceipt[hex.EncodeToString(got[:])] || string(r.Body) != sent {
				t.Fatalf("downloaded %d bytes with sha256 %x, the receipt has %v", len(r.Body), got, inReceipt)
			}
		}
	})
}

func TestOpeningBeforeTheDeadlineIsRefused(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	w.bidder(t, "sam@bidder.example")
	want(t, w.confirm(t, w.officer(t, w.panel[0])), 409)
}

func TestTwoConcurrentSubmitsGiveOneSubmission(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	var wg sync.WaitGroup
	statuses := make([]int, 4)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Two retries of one click (same key) and two different clicks.
			statuses[i] = submit(c.For(t), id, fmt.Sprintf("key-%d", i%2)).Status
		}()
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		if s == 200 {
			ok++
		} else if s != 409 {
			t.Fatalf("statuses = %v, want 200 or 409 only; logs:\n%s", statuses, w.p.Logs.String())
		}
	}
	var kept int64
	if err := w.p.App.DB.Gorm.Raw("SELECT count(*) FROM bid_submissions WHERE bid_id = ?", id).Scan(&kept).Error; err != nil {
		t.Fatal(err)
	}
	if ok == 0 || kept != 1 {
		t.Fatalf("statuses = %v and %d submissions kept, want one submission", statuses, kept)
	}
}

// searchAtRest fails t if any needle is in the database (the SQLite files, or every bid table
// of PostgreSQL) or in any stored document object.
func (w *world) searchAtRest(t *testing.T, needles ...string) {
	t.Helper()
	var blobs [][]byte
	cfg := w.p.App.Config
	if cfg.IsPostgres() {
		// Every table of the schema, not only bids': a copy in an audit entry or a queued job counts too.
		var tables []string
		if err := w.p.App.DB.Gorm.Raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").Scan(&tables).Error; err != nil {
			t.Fatal(err)
		}
		for _, table := range tables {
			var rows []string
			if err := w.p.App.DB.Gorm.Raw(`SELECT t::text FROM "` + table + `" t`).Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				blobs = append(blobs, []byte(r))
			}
		}
	} else {
		if err := w.p.App.DB.Gorm.Exec("PRAGMA wal_checkpoint(FULL)").Error; err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(cfg.SQLitePath() + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			blobs = append(blobs, b)
		}
	}
	n := 0
	if err := filepath.WalkDir(w.p.DataDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if filepath.Dir(path) == cfg.OutboxDir() {
			// The embedded default's email delivery: the receipt sent to the bidder's own
			// address, as an SMTP server would hand it over.
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		blobs = append(blobs, b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if w.minio != nil {
		ctx := context.Background()
		for obj := range w.minio.ListObjects(ctx, w.bucket, minio.ListObjectsOptions{Recursive: true}) {
			if obj.Err != nil {
				t.Fatal(obj.Err)
			}
			o, err := w.minio.GetObject(ctx, w.bucket, obj.Key, minio.GetObjectOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(o)
			o.Close()
			if err != nil {
				t.Fatal(err)
			}
			n++
			blobs = append(blobs, b)
		}
	}
	if n == 0 {
		t.Fatal("found no stored files to search")
	}
	for _, b := range blobs {
		for _, needle := range needles {
			// PostgreSQL shows bytea as hex: a plaintext in a bytea column is found that way.
			if bytes.Contains(b, []byte(needle)) || bytes.Contains(b, []byte(hex.EncodeToString([]byte(needle)))) {
				t.Fatalf("%q is stored in plaintext: %.300q", needle, b)
			}
		}
	}
}

func (w *world) principal(t *testing.T, c *apptest.Client) *auth.Principal {
	t.Helper()
	me := c.Do("GET", "/api/v1/me", nil).JSON()
	return &auth.Principal{UserID: me["id"].(string), Role: auth.RoleSupplier, EmailVerified: true}
}

// TestResumableUploadsBecomeDocumentsBeforeTheDeadlineOnly drives the bids' tus target as
// platform/resumable does: Begin authorises and gives the sealed store, Complete makes the
// document, and after the deadline both refuse and nothing is added.
func TestResumableUploadsBecomeDocumentsBeforeTheDeadlineOnly(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	p := w.principal(t, c)
	ctx := context.Background()
	target := w.p.App.Bids.UploadTarget()
	meta := map[string]string{"bidId": id, "questionId": w.docQ, "filename": "costing.pdf", "filetype": "application/pdf"}

	if _, _, err := target.Begin(ctx, p, map[string]string{"bidId": id, "questionId": w.textQ, "filename": "a.pdf", "filetype": "application/pdf"}, 10); err == nil {
		t.Fatal("Begin for a text question was allowed")
	}
	if _, _, err := target.Begin(ctx, p, map[string]string{"bidId": id, "questionId": w.docQ, "filename": "a.exe", "filetype": "application/x-msdownload"}, 10); err == nil {
		t.Fatal("Begin for a type the question does not take was allowed")
	}
	rival := w.principal(t, w.p.Supplier(t, accounts.RegisterInput{Email: "rival@bidder.example"}))
	if _, _, err := target.Begin(ctx, rival, meta, 10); err == nil {
		t.Fatal("Begin on another organisation's bid was allowed")
	}
	st, max, err := target.Begin(ctx, p, meta, int64(len(secretFile)))
	if err != nil || st == nil || max <= 0 {
		t.Fatalf("Begin = %v, %d, %v", st, max, err)
	}
	docID, err := target.Complete(ctx, p, meta, strings.NewReader(secretFile), int64(len(secretFile)))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Do("GET", "/api/v1/bids/"+id, nil)
	want(t, r, 200)
	docs := r.JSON()["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["id"] != docID || docs[0].(map[string]any)["filename"] != "costing.pdf" {
		t.Fatalf("documents = %v, want the uploaded %s", docs, docID)
	}

	w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()))
	if _, _, err := target.Begin(ctx, p, meta, 10); err == nil {
		t.Fatal("Begin at the deadline was allowed")
	}
	if _, err := target.Complete(ctx, p, meta, strings.NewReader(secretFile), int64(len(secretFile))); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("Complete at the deadline = %v, want refused saying bids closed", err)
	}
	c = w.p.SignedIn(t, "sam@bidder.example", apptest.Password)
	if r := c.Do("GET", "/api/v1/bids/"+id, nil); len(r.JSON()["documents"].([]any)) != 1 {
		t.Fatalf("documents after a late upload = %v, want only the first", r.JSON()["documents"])
	}
}

// TestABidSubmittedBeforeAnAmendmentIsMarkedAndItsBidderTold: the bidder never registered
// interest, yet hears of the amendment because they are bidding; the bid says it was submitted
// before amendment 1 until it is submitted again.
func TestABidSubmittedBeforeAnAmendmentIsMarkedAndItsBidderTold(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	want(t, submit(c, id, "k1"), 200)
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/amendments", map[string]any{"note": "Five libraries, not four.",
		"description": "Cleaning of five libraries, six days a week."}), 201)
	r := c.Do("GET", "/api/v1/bids/"+id, nil)
	want(t, r, 200)
	if r.JSON()["submittedBeforeAmendment"] != float64(1) {
		t.Fatalf("submittedBeforeAmendment = %v, want 1", r.JSON()["submittedBeforeAmendment"])
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := c.Do("GET", "/api/v1/notifications", nil)
		want(t, r, 200)
		if strings.Contains(string(r.Body), "Library cleaning") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bidder was not told of the amendment: %s", r.Body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Changing the bid and submitting again clears the mark.
	c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
	want(t, c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{{"questionId": w.textQ, "text": "Five libraries covered"}}}), 200)
	c.Header = nil
	want(t, submit(c, id, "k2"), 200)
	if r := c.Do("GET", "/api/v1/bids/"+id, nil); r.JSON()["submittedBeforeAmendment"] != nil {
		t.Fatalf("after resubmitting, submittedBeforeAmendment = %v", r.JSON()["submittedBeforeAmendment"])
	}
}

// TestWithdrawAndResubmit: every member of the organisation gets each receipt by email; a
// withdrawn bid no longer counts but keeps its receipt, and the version submitted again is the
// one opened.
func TestWithdrawAndResubmit(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	ctx := context.Background()
	org := c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["organisationId"].(string)
	w.p.Supplier(t, accounts.RegisterInput{Email: "kim@bidder.example", Name: "Kim Colleague"})
	kim, err := w.p.App.Directory.PersonByEmail(w.p.App.DB.Gorm, "kim@bidder.example")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.p.App.Directory.AddMember(w.p.App.DB.Gorm.WithContext(ctx), org, kim.ID, "member", w.p.Clock.Now()); err != nil {
		t.Fatal(err)
	}

	first := submit(c, id, "k1")
	want(t, first, 200)
	hash1 := first.JSON()["receiptHash"].(string)
	earlier := func() []any {
		t.Helper()
		r := c.Do("GET", "/api/v1/bids/"+id, nil)
		want(t, r, 200)
		return r.JSON()["earlierVersions"].([]any)
	}
	// Versions count every save: the one submission has no earlier ones, whatever its number.
	if e := earlier(); len(e) != 0 {
		t.Fatalf("earlierVersions after one submission = %v, want none (submitted version %v)", e, first.JSON()["version"])
	}
	for _, to := range []string{"sam@bidder.example", "kim@bidder.example"} {
		e := w.p.WaitEmail(t, to, 1)
		if raw := strings.ReplaceAll(strings.ReplaceAll(e.Raw, "=\r\n", ""), "=\n", ""); !strings.Contains(raw, hash1) || !strings.Contains(raw, "(first submission)") {
			t.Fatalf("the receipt email to %s lacks the receipt hash %s or says which submission it is", to, hash1)
		}
	}
	if first.JSON()["submission"] != 1.0 {
		t.Fatalf("first receipt: submission %v, want 1 (whatever the version, %v)", first.JSON()["submission"], first.JSON()["version"])
	}
	r := c.Do("POST", "/api/v1/bids/"+id+"/withdraw", nil)
	want(t, r, 200)
	if r.JSON()["status"] != "withdrawn" {
		t.Fatalf("status after withdrawing = %v", r.JSON()["status"])
	}
	mine := c.Do("GET", "/api/v1/supplier/bids", nil)
	want(t, mine, 200)
	if items := mine.JSON()["items"].([]any); len(items) != 1 || items[0].(map[string]any)["status"] != "withdrawn" {
		t.Fatalf("Your bids = %s", mine.Body)
	}
	kept := c.Do("GET", fmt.Sprintf("/api/v1/bids/%s/receipt?version=%v", id, first.JSON()["version"]), nil)
	want(t, kept, 200)
	if kept.JSON()["receiptHash"] != hash1 {
		t.Fatalf("the withdrawn version's receipt = %s, want hash %s", kept.Body, hash1)
	}

	second := submit(c, id, "k2")
	want(t, second, 200)
	hash2 := second.JSON()["receiptHash"].(string)
	if hash2 == hash1 || second.JSON()["version"].(float64) <= first.JSON()["version"].(float64) || second.JSON()["submission"] != 2.0 {
		t.Fatalf("resubmitted receipt %s, want a new version and hash, and submission 2", second.Body)
	}
	if again := c.Do("GET", fmt.Sprintf("/api/v1/bids/%s/receipt?version=%v", id, first.JSON()["version"]), nil); again.JSON()["submission"] != 1.0 {
		t.Fatalf("the first receipt, read after the second submission: %s, want submission 1", again.Body)
	}
	if e := earlier(); len(e) != 1 || e[0] != first.JSON()["version"] {
		t.Fatalf("earlierVersions after resubmitting = %v, want only the first submission's version %v", e, first.JSON()["version"])
	}

	// After the deadline the panel opens the box: only the latest version is in it.
	w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) + time.Second)
	var opened *apptest.Response
	for _, u := range w.panel {
		opened = w.confirm(t, w.officer(t, u))
		want(t, opened, 200)
	}
	if hs := opened.JSON()["receiptHashes"].([]any); len(hs) != 1 || hs[0] != hash2 {
		t.Fatalf("receipt hashes at opening = %v, want only %s", hs, hash2)
	}
}

// TestOpeningRules: an officer who belongs to a bidding organisation may not confirm; one
// officer confirming twice is one confirmation; and in a two-stage opening the council sees
// the quality answers but not the prices.
func TestOpeningRules(t *testing.T) {
	w := start(t)
	w.twoStage = true
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	want(t, submit(c, id, "k1"), 200)
	org := c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["organisationId"].(string)
	third := w.p.CreateStaff(t, accounts.CreateUserInput{Email: "tom@council.example", Name: "Tom Officer", Role: string(auth.RoleBuyer), Password: apptest.Password})
	if err := w.p.App.Accounts.SetUpDemoTwoStep(context.Background(), third.Email, apptest.TwoStepSecret); err != nil {
		t.Fatal(err)
	}
	if err := w.p.App.Directory.AddMember(w.p.App.DB.Gorm, org, third.ID, "member", w.p.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) + time.Second)
	confirm := func(u accounts.User) *apptest.Response { return w.confirm(t, w.officer(t, u)) }
	if r := confirm(third); r.Status != 403 {
		t.Fatalf("an officer not on the panel confirmed: %d %s", r.Status, r.Body)
	}
	r := confirm(w.panel[0])
	want(t, r, 200)
	r = confirm(w.panel[0])
	want(t, r, 200)
	if r.JSON()["confirmations"].(float64) != 1 || r.JSON()["status"] != "ready" {
		t.Fatalf("after the same officer twice: %s, want one confirmation, not opened", r.Body)
	}
	// The second officer belongs to the bidding organisation: refused.
	if err := w.p.App.Directory.AddMember(w.p.App.DB.Gorm, org, w.panel[1].ID, "member", w.p.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	r = confirm(w.panel[1])
	want(t, r, 403)
	if err := w.p.App.Directory.RemoveMember(w.p.App.DB.Gorm, org, w.panel[1].ID); err != nil {
		t.Fatal(err)
	}
	want(t, confirm(w.panel[1]), 200)
	w.evaluationPanel(t)

	ev := w.p.SignedIn(t, w.panel[1].Email, apptest.Password)
	r = ev.Do("GET", "/api/v1/bids/"+id, nil)
	want(t, r, 200)
	v := r.JSON()
	if v["pricesSealed"] != true || len(v["totals"].([]any)) != 0 {
		t.Fatalf("two-stage council view = %s, want prices sealed and no totals", r.Body)
	}
	for _, a := range v["answers"].([]any) {
		if a.(map[string]any)["questionId"] == w.prQ {
			t.Fatalf("two-stage council view shows the price answer: %v", a)
		}
	}
}

// TestAKeyLeftByARequestThatDiedIsFreedAfterAMinute: a submit that took its key and never
// finished (the server stopped) leaves the key taken, so a retry at once gets 409; a minute on,
// the retry goes through.
func TestAKeyLeftByARequestThatDiedIsFreedAfterAMinute(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	me := w.principal(t, c)
	sum := sha256.Sum256([]byte("submit\n" + id + "\n" + me.UserID))
	if err := w.p.App.DB.Gorm.Exec("INSERT INTO bid_idempotency (bid_id, idem_key, request_hash, status, response, created_at) VALUES (?, ?, ?, 0, '', ?)",
		id, "died", hex.EncodeToString(sum[:]), w.p.Clock.Now().UTC()).Error; err != nil {
		t.Fatal(err)
	}
	want(t, submit(c, id, "died"), 409)
	w.p.Clock.Advance(61 * time.Second)
	want(t, submit(c, id, "died"), 200)
	want(t, submit(c, id, "died"), 200)
}

// TestSubmitListsWhatIsMissing: an incomplete bid is refused with each missing answer named by
// its field, and a file taken out of the draft is gone from it.
func TestSubmitListsWhatIsMissing(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c := w.p.Supplier(t, accounts.RegisterInput{Email: "sam@bidder.example"})
	r := c.Do("POST", "/api/v1/opportunities/"+w.oppID+"/bids", map[string]any{"lotIds": []string{w.lot(t)}})
	want(t, r, 201)
	id := r.JSON()["id"].(string)
	if n := len(r.JSON()["missing"].([]any)); n != 3 {
		t.Fatalf("missing = %v, want the 3 required questions", r.JSON()["missing"])
	}
	doc := w.upload(t, c, id)
	r = c.Do("DELETE", "/api/v1/bids/"+id+"/documents/"+doc["id"].(string), nil)
	want(t, r, 204)
	want(t, c.Do("GET", "/api/v1/bids/"+id+"/documents/"+doc["id"].(string), nil), 404)
	r = submit(c, id, "k1")
	want(t, r, 422)
	f := r.FieldErrors()
	for _, field := range []string{"body.questions[0].text", "body.questions[1].documents", "body.questions[2].prices"} {
		if f[field] == "" {
			t.Errorf("submit errors = %v, want one for %s", f, field)
		}
	}
	var kept int64
	if err := w.p.App.DB.Gorm.Raw("SELECT count(*) FROM bid_submissions WHERE bid_id = ?", id).Scan(&kept).Error; err != nil || kept != 0 {
		t.Fatalf("an incomplete bid was kept (%d, %v)", kept, err)
	}
}

// TestDraftsAreRemindedBeforeTheDeadline: a bid not submitted is reminded 48 hours and 4 hours
// before the deadline, each once; a submitted bid is not.
func TestDraftsAreRemindedBeforeTheDeadline(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	w.bidder(t, "sam@bidder.example")
	done, id := w.bidder(t, "dee@bidder.example")
	w.upload(t, done, id)
	want(t, submit(done, id, "k"), 200)
	ctx := context.Background()
	// Each look signs in afresh: hours pass between them.
	reminded := func(email string) int {
		t.Helper()
		r := w.p.SignedIn(t, email, apptest.Password).Do("GET", "/api/v1/notifications", nil)
		want(t, r, 200)
		return strings.Count(string(r.Body), "is not submitted")
	}
	remind := func() {
		t.Helper()
		if _, err := w.p.App.Bids.RemindDrafts(ctx); err != nil {
			t.Fatal(err)
		}
	}
	w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) - 49*time.Hour)
	remind()
	if n := reminded("sam@bidder.example"); n != 0 {
		t.Fatalf("%d reminders 49 hours before, want none", n)
	}
	w.p.Clock.Advance(2 * time.Hour)
	remind()
	remind()
	if n := reminded("sam@bidder.example"); n != 1 {
		t.Fatalf("%d reminders 47 hours before, want 1", n)
	}
	w.p.Clock.Advance(44 * time.Hour)
	remind()
	if n := reminded("sam@bidder.example"); n != 2 {
		t.Fatalf("%d reminders 3 hours before, want 2", n)
	}
	if n := reminded("dee@bidder.example"); n != 0 {
		t.Fatalf("a submitted bid got %d reminders", n)
	}
}

// TestADocumentArrivesByTus: the portal's tus endpoint takes a bid document in two PATCHes (as
// after a dropped connection), and the completed upload is a document of the bid with the bytes
// sent.
func TestADocumentArrivesByTus(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	r := w.tusCreate(c, id, "costing.pdf", len(secretFile))
	want(t, r, 201)
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil || loc.Path == "" {
		t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	half := len(secretFile) / 2
	c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
	want(t, c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", []byte(secretFile[:half])), 204)
	c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": strconv.Itoa(half)}
	r = c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", []byte(secretFile[half:]))
	c.Header = nil
	want(t, r, 204)
	docID := r.Header.Get("Fairtender-Document-Id")
	if docID == "" {
		t.Fatalf("no Fairtender-Document-Id on the last PATCH: %v", r.Header)
	}
	r = c.Do("GET", "/api/v1/bids/"+id+"/documents/"+docID, nil)
	want(t, r, 200)
	if string(r.Body) != secretFile {
		t.Fatalf("downloaded %q, want the bytes sent", r.Body)
	}
	w.searchAtRest(t, "Wombat-Pelican")
}

// TestAScheduleTotalsEachLineToThePenny: a schedule line of 2.5 hours at £3.33 an hour is
// £8.33 (832.5p rounded up), added to the lot's per-lot price.
func TestAScheduleTotalsEachLineToThePenny(t *testing.T) {
	w := start(t)
	w.extra = []map[string]any{{"kind": "price", "title": "Extra hours", "priceMode": "schedule",
		"scheduleLines": []map[string]any{{"description": "Deep clean", "quantity": 2.5, "unit": "hours"}}}}
	w.publishWithForm(t)
	q := w.savedForm["questions"].([]any)[3].(map[string]any)
	line := q["scheduleLines"].([]any)[0].(map[string]any)
	c, id := w.bidder(t, "sam@bidder.example")
	r := c.Do("GET", "/api/v1/bids/"+id, nil)
	c.Header = map[string]string{"If-Match": r.Header.Get("ETag")}
	r = c.Do("PUT", "/api/v1/bids/"+id, map[string]any{"answers": []map[string]any{{"questionId": q["id"],
		"lines": []map[string]any{{"lineId": line["id"], "lotId": w.lot(t), "unitPricePence": 333}}}}})
	c.Header = nil
	want(t, r, 200)
	if tot := r.JSON()["totals"].([]any)[0].(map[string]any); tot["totalPence"] != float64(1250000+833) {
		t.Fatalf("totals = %v, want £12,500 + £8.33", tot)
	}
}

// The buyer chooses the panel from the council's active staff, named with their roles; suppliers
// and switched-off accounts are not offered.
func TestThePanelOffersTheCouncilsActiveStaff(t *testing.T) {
	w := start(t)
	w.p.Supplier(t, accounts.RegisterInput{Email: "sam@bidder.example", Name: "Sam Supplier"})
	gone := w.p.CreateStaff(t, accounts.CreateUserInput{Email: "gone@council.example", Name: "Gone Evaluator", Role: string(auth.RoleEvaluator), Password: apptest.Password})
	want(t, w.admin.Do("POST", "/api/v1/admin/accounts/"+gone.ID+"/deactivate", nil), 200)
	r := w.buyer.Do("GET", "/api/v1/opportunities/"+w.oppID+"/opening-panel", nil)
	want(t, r, 200)
	got := map[string]string{}
	for _, c := range r.JSON()["candidates"].([]any) {
		c := c.(map[string]any)
		got[c["name"].(string)] = c["role"].(string)
		if c["userId"] == "" {
			t.Errorf("candidate %v has no userId", c)
		}
	}
	for name, role := range map[string]string{"Ada Admin": "admin", w.panel[0].Name: "evaluator", w.panel[1].Name: "evaluator"} {
		if got[name] != role {
			t.Errorf("candidate %q has role %q, want %q; candidates %v", name, got[name], role, got)
		}
	}
	if _, ok := got["Gone Evaluator"]; ok {
		t.Errorf("a switched-off account is a candidate: %v", got)
	}
	r = w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/opening-panel", map[string]any{"userIds": []string{w.panel[0].ID, gone.ID}})
	want(t, r, 422)
	if f := r.FieldErrors(); f["body.userIds[1]"] == "" {
		t.Errorf("putting a switched-off account on the panel: field errors %v, want body.userIds[1]", f)
	}
	if _, ok := got["Sam Supplier"]; ok {
		t.Errorf("a supplier is a candidate: %v", got)
	}
	buyers := 0
	for _, role := range got {
		if role == "buyer" {
			buyers++
		}
	}
	if buyers == 0 || len(got) != 3+buyers {
		t.Errorf("candidates = %v, want the admin, two evaluators and the buyers", got)
	}
}

// open moves the clock past the deadline and has both panel officers open the bids; it returns
// the second officer, signed in.
func (w *world) open(t *testing.T) *apptest.Client {
	t.Helper()
	w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) + time.Millisecond)
	want(t, w.confirm(t, w.officer(t, w.panel[0])), 200)
	ev := w.officer(t, w.panel[1])
	r := w.confirm(t, ev)
	want(t, r, 200)
	if r.JSON()["status"] != "opened" {
		t.Fatalf("opening = %s, want opened", r.Body)
	}
	w.evaluationPanel(t)
	return ev
}

// evaluationPanel names the evaluation panel (the first officer evaluates, the second
// moderates and scores price) and has both declare no conflict of interest: only then may they
// read an opened bid (the evaluation feature's gate on bids).
func (w *world) evaluationPanel(t *testing.T) {
	t.Helper()
	w.buyer = w.p.SignedIn(t, "buyer@council.example", apptest.Password) // the clock has moved past the deadline
	want(t, w.buyer.Do("PUT", "/api/v1/opportunities/"+w.oppID+"/evaluation/panel", map[string]any{"seats": []map[string]any{
		{"userId": w.panel[0].ID, "role": "evaluator"}, {"userId": w.panel[1].ID, "role": "moderator"}, {"userId": w.panel[1].ID, "role": "price"}}}), 200)
	for _, u := range w.panel {
		cl := w.p.SignedIn(t, u.Email, apptest.Password)
		if r := cl.Do("GET", "/api/v1/bids/"+w.anyBid(t), nil); r.Status != 403 {
			t.Fatalf("a panel member reads a bid before declaring their interests: %d", r.Status)
		}
		want(t, cl.Do("POST", "/api/v1/opportunities/"+w.oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
	}
}

// anyBid is the ID of an opened bid, as the council lists them.
func (w *world) anyBid(t *testing.T) string {
	t.Helper()
	r := w.buyer.Do("GET", "/api/v1/opportunities/"+w.oppID+"/bids", nil)
	want(t, r, 200)
	return r.JSON()["items"].([]any)[0].(map[string]any)["id"].(string)
}

// moderate starts the evaluation, has the evaluator mark the quality question and the
// moderator agree the mark: what a two-stage opening waits for before its prices open.
func (w *world) moderate(t *testing.T, bidID string) {
	t.Helper()
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/evaluation/start", nil), 200)
	ev := w.p.SignedIn(t, w.panel[0].Email, apptest.Password)
	want(t, ev.Do("PUT", "/api/v1/evaluation/bids/"+bidID+"/marks", map[string]any{"marks": []map[string]any{{"questionId": w.textQ, "mark": 4,
		"justification": "The method names the rota it uses and how cover works on each of the six days, as the question asks."}}}), 200)
	want(t, ev.Do("POST", "/api/v1/evaluation/bids/"+bidID+"/marks/submit", nil), 200)
	mod := w.p.SignedIn(t, w.panel[1].Email, apptest.Password)
	want(t, mod.Do("PUT", "/api/v1/evaluation/bids/"+bidID+"/moderation/"+w.textQ, map[string]any{"mark": 4, "rationale": "One evaluator; the mark stands."}), 200)
}

// A bidder whose bid was submitted before an amendment confirms it stands: the mark goes from
// their view, which says when they confirmed; once opened, the evaluators see both that it was
// submitted before the amendment and that it was confirmed after it.
func TestABidderConfirmsTheirBidStandsAfterAnAmendment(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	want(t, c.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 409) // a draft: nothing to confirm
	want(t, submit(c, id, "k1"), 200)
	want(t, c.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 409) // not amended since
	want(t, w.buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/amendments", map[string]any{"note": "Five libraries, not four.",
		"description": "Cleaning of five libraries, six days a week."}), 201)
	other := w.p.Supplier(t, accounts.RegisterInput{Email: "oz@other.example", OrganisationName: "Other Ltd"})
	want(t, other.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 404)
	want(t, w.buyer.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 403)

	at := w.p.Clock.Now()
	when := format.Date(at) + " at " + format.Time(at)
	r := c.Do("POST", "/api/v1/bids/"+id+"/confirm", nil)
	want(t, r, 200)
	v := r.JSON()
	if v["submittedBeforeAmendment"] != nil {
		t.Errorf("after confirming, submittedBeforeAmendment = %v, want none", v["submittedBeforeAmendment"])
	}
	sc, _ := v["standsConfirmed"].(map[string]any)
	if sc == nil || sc["text"] != "You confirmed on "+when+" that your bid stands after amendment 1" || sc["afterAmendment"] != float64(1) {
		t.Fatalf("standsConfirmed = %v", v["standsConfirmed"])
	}
	if n := auditCount(t, w.p, "bids.confirmed_stands", id); n != 1 {
		t.Errorf("confirmations audited = %d, want 1", n)
	}
	want(t, c.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 409) // confirmed already

	ev := w.open(t)
	r = ev.Do("GET", "/api/v1/bids/"+id, nil)
	want(t, r, 200)
	v = r.JSON()
	sc, _ = v["standsConfirmed"].(map[string]any)
	if v["submittedBeforeAmendment"] != float64(1) || sc == nil || sc["text"] != "The bidder confirmed on "+when+" that the bid stands after amendment 1" {
		t.Fatalf("the evaluator sees submittedBeforeAmendment = %v, standsConfirmed = %v", v["submittedBeforeAmendment"], v["standsConfirmed"])
	}
	// After the deadline (the bidder signs in again: 30 days have passed) there is nothing to confirm.
	c = w.p.SignedIn(t, "sam@bidder.example", apptest.Password)
	want(t, c.Do("POST", "/api/v1/bids/"+id+"/confirm", nil), 409)
}

// confirmPrices is one officer's confirmation of opening the price envelope.
func (w *world) confirmPrices(t testing.TB, u accounts.User) *apptest.Response {
	t.Helper()
	return w.officer(t, u).Do("POST", "/api/v1/opportunities/"+w.oppID+"/opening/prices", map[string]any{"password": apptest.Password,
		"code": apptest.TwoStepCode(t, apptest.TwoStepSecret, w.p.Clock.Now())})
}

// priceOf is the price the council's view of a bid shows for the price question, or -1.
func (w *world) priceOf(t *testing.T, cl *apptest.Client, bidID string) (float64, map[string]any) {
	t.Helper()
	r := cl.Do("GET", "/api/v1/bids/"+bidID, nil)
	want(t, r, 200)
	v := r.JSON()
	for _, a := range v["answers"].([]any) {
		if a := a.(map[string]any); a["questionId"] == w.prQ {
			return a["prices"].([]any)[0].(map[string]any)["pricePence"].(float64), v
		}
	}
	return -1, v
}

// TestTwoStagePricesOpenInASecondStep: in a two-stage opening the evaluators read the quality
// answers but no price until a quorum of the panel opens the price envelope, each with their
// password and code, audited; GET …/opening says whether the prices are open.
func TestTwoStagePricesOpenInASecondStep(t *testing.T) {
	w := start(t)
	w.twoStage = true
	_, id := w.submittedBid(t)
	want(t, w.confirmPrices(t, w.panel[0]), 409) // the bids are not open yet

	ev := w.open(t)
	r := w.p.Client(t).Do("GET", "/api/v1/opportunities/"+w.oppID+"/opening", nil)
	want(t, r, 200)
	if o := r.JSON(); o["twoStage"] != true || o["pricesOpen"] != false || o["status"] != "opened" {
		t.Fatalf("opening after the first step = %s, want opened, two-stage, prices not open", r.Body)
	}
	price, v := w.priceOf(t, ev, id)
	if price != -1 || v["pricesSealed"] != true || len(v["totals"].([]any)) != 0 || !strings.Contains(fmt.Sprint(v["answers"]), secretAnswer) {
		t.Fatalf("after the first step the evaluator sees price %v, view %v; want the quality answer only", price, v)
	}

	buyer := w.p.Staff(t, accounts.CreateUserInput{Email: "bo@council.example", Name: "Bo Buyer", Role: string(auth.RoleBuyer), Password: apptest.Password})
	want(t, buyer.Do("POST", "/api/v1/opportunities/"+w.oppID+"/opening/prices", map[string]any{"password": apptest.Password, "code": "000000"}), 403)
	// The evaluation's gate: the prices stay sealed until the quality marks are moderated.
	r = w.confirmPrices(t, w.panel[0])
	want(t, r, 409)
	if !strings.Contains(r.JSON()["detail"].(string), "Moderate the quality scores first") {
		t.Fatalf("before moderation: %s, want the evaluation's reason", r.Body)
	}
	w.moderate(t, id)
	r = w.confirmPrices(t, w.panel[0])
	want(t, r, 200)
	if o := r.JSON(); o["priceConfirmations"] != float64(1) || o["pricesOpen"] != false {
		t.Fatalf("after one officer: %s, want one confirmation, prices still sealed", r.Body)
	}
	if price, _ := w.priceOf(t, ev, id); price != -1 {
		t.Fatalf("one officer opened the prices: the evaluator reads %v", price)
	}
	bad := w.officer(t, w.panel[1]).Do("POST", "/api/v1/opportunities/"+w.oppID+"/opening/prices", map[string]any{"password": "not their password",
		"code": apptest.TwoStepCode(t, apptest.TwoStepSecret, w.p.Clock.Now())})
	if bad.Status != 422 && bad.Status != 401 && bad.Status != 403 {
		t.Fatalf("a wrong password: %d %s", bad.Status, bad.Body)
	}
	r = w.confirmPrices(t, w.panel[1])
	want(t, r, 200)
	if o := r.JSON(); o["pricesOpen"] != true || o["pricesOpenedAt"] == nil {
		t.Fatalf("after the quorum: %s, want prices open", r.Body)
	}
	ev = w.p.SignedIn(t, w.panel[1].Email, apptest.Password)
	price, v = w.priceOf(t, ev, id)
	if price != 1250000 || v["pricesSealed"] == true || len(v["totals"].([]any)) != 1 {
		t.Fatalf("after the second step the evaluator sees price %v, view %v", price, v)
	}
	if n := auditCount(t, w.p, "bids.prices_opened", w.oppID); n != 1 {
		t.Errorf("price openings audited = %d, want 1", n)
	}
	if n := auditCount(t, w.p, "bids.price_opening_confirmed", w.oppID); n != 2 {
		t.Errorf("price confirmations audited = %d, want 2", n)
	}
	want(t, w.confirmPrices(t, w.panel[0]), 409) // already open
}

// TestAOneStageOpeningOpensThePricesWithTheBids: no second step, and none to take.
func TestAOneStageOpeningOpensThePricesWithTheBids(t *testing.T) {
	w := start(t)
	_, id := w.submittedBid(t)
	ev := w.open(t)
	if price, _ := w.priceOf(t, ev, id); price != 1250000 {
		t.Fatalf("one-stage: the evaluator reads price %v, want 1250000", price)
	}
	want(t, w.confirmPrices(t, w.panel[0]), 409)
}

// submittedBid publishes the opportunity and has a bidder submit a complete bid.
func (w *world) submittedBid(t *testing.T) (*apptest.Client, string) {
	t.Helper()
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	w.upload(t, c, id)
	want(t, submit(c, id, "k1"), 200)
	return c, id
}

// auditCount is how many entries of the audit chain record action on subject (tests may read
// the chain's table; the portal's code goes through platform/audit).
func auditCount(t *testing.T, p *apptest.Portal, action, subject string) int64 {
	t.Helper()
	var n int64
	if err := p.App.DB.Gorm.Table("audit_log").Where("action = ? AND subject_id = ?", action, subject).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// tusMeta is an Upload-Metadata header: each key with its value in base64.
func tusMeta(kv ...string) string {
	var parts []string
	for i := 0; i < len(kv); i += 2 {
		parts = append(parts, kv[i]+" "+base64.StdEncoding.EncodeToString([]byte(kv[i+1])))
	}
	return strings.Join(parts, ",")
}

// tusCreate starts an upload of the bid's document as c.
func (w *world) tusCreate(c *apptest.Client, bidID, filename string, size int) *apptest.Response {
	c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Length": strconv.Itoa(size),
		"Upload-Metadata": tusMeta("bidId", bidID, "questionId", w.docQ, "filename", filename, "filetype", "application/pdf")}
	defer func() { c.Header = nil }()
	return c.Do("POST", "/api/v1/uploads/", nil)
}

// tusSend uploads data by tus to the bid's question as c: the first cut bytes in one PATCH and
// the rest in a second (one PATCH when cut is 0 or len(data)). It returns the last PATCH's answer.
func (w *world) tusSend(c *apptest.Client, bidID, questionID, filename, filetype string, data []byte, cut int) *apptest.Response {
	c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Length": strconv.Itoa(len(data)),
		"Upload-Metadata": tusMeta("bidId", bidID, "questionId", questionID, "filename", filename, "filetype", filetype)}
	r := c.Do("POST", "/api/v1/uploads/", nil)
	c.Header = nil
	if r.Status != 201 {
		return r
	}
	loc, _ := url.Parse(r.Header.Get("Location"))
	off := 0
	for _, end := range []int{cut, len(data)} {
		if end <= off {
			continue
		}
		c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": strconv.Itoa(off)}
		r = c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", data[off:end])
		c.Header = nil
		if r.Status != 204 {
			break
		}
		off = end
	}
	r.Header.Set("X-Test-Upload", loc.Path)
	return r
}

// partsOf is how many upload parts document id's content is (0: one object).
func (w *world) partsOf(t testing.TB, id string) int {
	t.Helper()
	var n int
	if err := w.p.App.DB.Gorm.Raw("SELECT parts FROM bid_documents WHERE id = ?", id).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// uploadLeftNothing fails t if the upload at path (tusSend's X-Test-Upload) left a part, its
// hash state or its record.
func (w *world) uploadLeftNothing(t *testing.T, path string) {
	t.Helper()
	id := strings.TrimPrefix(path, "/api/v1/uploads/")
	for _, key := range []string{"uploads/" + id + "/part-00001", "uploads/" + id + "/part-00002", "uploads/" + id + "/sha256"} {
		if _, err := w.p.App.Blobs.Stat(context.Background(), key); !errors.Is(err, blobstore.ErrNotFound) {
			t.Errorf("%s after a refused upload: %v, want nothing there", key, err)
		}
	}
	var n int64
	w.p.App.DB.Gorm.Raw("SELECT count(*) FROM resumable_uploads WHERE id = ?", id).Scan(&n)
	if n != 0 {
		t.Errorf("the refused upload's record is still there")
	}
}

// docx is a minimal Word document: a ZIP holding [Content_Types].xml and body, body repeated
// times (a zip bomb when large).
func docx(t testing.TB, body string, times int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	f, _ = zw.Create("word/document.xml")
	for range times {
		f.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTusDocumentsAreCheckedAsAnyUpload: a document that arrives by tus is kept as its sealed
// parts, after the same checks as any upload: type by content from its first bytes, and for an
// office document the archive limits, read back through the parts. A refused one leaves nothing,
// and so does one that completes after the deadline.
func TestTusDocumentsAreCheckedAsAnyUpload(t *testing.T) {
	w := start(t)
	w.extra = []map[string]any{{"kind": "document", "title": "Your method statement", "required": false, "documentTypes": []string{"docx", "pdf"}, "maxFiles": 5}}
	w.publishWithForm(t)
	methodQ := w.savedForm["questions"].([]any)[3].(map[string]any)["id"].(string)
	c, id := w.bidder(t, "sam@bidder.example")
	const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

	good := docx(t, "<w:document>Numbat method statement</w:document>", 1)
	r := w.tusSend(c, id, methodQ, "method.docx", docxType, good, len(good)/2)
	want(t, r, 204)
	docID := r.Header.Get("Fairtender-Document-Id")
	if n := w.partsOf(t, docID); n != 2 {
		t.Errorf("the docx is kept as %d parts, want 2", n)
	}
	r = c.Do("GET", "/api/v1/bids/"+id+"/documents/"+docID, nil)
	want(t, r, 200)
	if !bytes.Equal(r.Body, good) {
		t.Fatalf("downloaded %d bytes, want the %d sent", len(r.Body), len(good))
	}
	var shown map[string]any
	for _, d := range c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["documents"].([]any) {
		if d.(map[string]any)["id"] == docID {
			shown = d.(map[string]any)
		}
	}
	sum := sha256.Sum256(good)
	if shown == nil || shown["sha256"] != hex.EncodeToString(sum[:]) || shown["size"].(float64) != float64(len(good)) ||
		shown["contentType"] != docxType || shown["filename"] != "method.docx" {
		t.Fatalf("the bid shows %v, want method.docx with the size and SHA-256 of the bytes sent", shown)
	}

	for name, tc := range map[string]struct {
		filename, filetype string
		data               []byte
		says               string
	}{
		"a docx that unpacks to far more than its size": {"bomb.docx", docxType, docx(t, strings.Repeat("A", 1<<20), 30), "unpack"},
		"a docx that is not a ZIP":                      {"fake.docx", docxType, []byte(strings.Repeat("not a zip file ", 50)), "office document"},
		"a pdf that is not a PDF":                       {"fake.pdf", "application/pdf", []byte(strings.Repeat("GIF89a pretending ", 50)), "not a PDF"},
	} {
		t.Run(name, func(t *testing.T) {
			before := len(c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["documents"].([]any))
			r := w.tusSend(c, id, methodQ, tc.filename, tc.filetype, tc.data, len(tc.data)/2)
			if r.Status != 422 || !strings.Contains(string(r.Body), tc.says) || r.Header.Get("Fairtender-Document-Id") != "" {
				t.Fatalf("final PATCH = %d %s, want 422 saying %q and no document", r.Status, r.Body, tc.says)
			}
			if after := len(c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["documents"].([]any)); after != before {
				t.Errorf("documents: %d, want %d", after, before)
			}
			w.uploadLeftNothing(t, r.Header.Get("X-Test-Upload"))
		})
	}

	t.Run("an upload that completes after the deadline is refused and leaves nothing", func(t *testing.T) {
		w.p.Clock.Advance(w.deadline.Sub(w.p.Clock.Now()) - time.Minute)
		c := w.p.SignedIn(t, "sam@bidder.example", apptest.Password)
		data := []byte(secretParts)
		c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Length": strconv.Itoa(len(data)),
			"Upload-Metadata": tusMeta("bidId", id, "questionId", methodQ, "filename", "late.pdf", "filetype", "application/pdf")}
		r := c.Do("POST", "/api/v1/uploads/", nil)
		want(t, r, 201)
		loc, _ := url.Parse(r.Header.Get("Location"))
		c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
		want(t, c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", data[:10]), 204)
		w.p.Clock.Advance(time.Minute)
		c.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": "10"}
		r = c.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", data[10:])
		c.Header = nil
		if r.Status != 409 || !strings.Contains(string(r.Body), "closed") {
			t.Fatalf("final PATCH at the deadline = %d %s, want 409 saying bids closed", r.Status, r.Body)
		}
		w.uploadLeftNothing(t, loc.Path)
	})
}

// TestOnlyTheBiddersVerifiedMembersUseTheTusEndpoint is the role × route check for the tus
// endpoint, which is not a huma operation and so has no row in backend/app's policy table: only
// a verified supplier whose organisation has the draft may create an upload, and nobody else
// may see or continue it.
func TestOnlyTheBiddersVerifiedMembersUseTheTusEndpoint(t *testing.T) {
	w := start(t)
	w.publishWithForm(t)
	c, id := w.bidder(t, "sam@bidder.example")
	org := c.Do("GET", "/api/v1/bids/"+id, nil).JSON()["organisationId"].(string)

	// A member of the bidding organisation whose address is not confirmed.
	w.p.Supplier(t, accounts.RegisterInput{Email: "una@bidder.example"})
	una, err := w.p.App.Directory.PersonByEmail(w.p.App.DB.Gorm, "una@bidder.example")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.p.App.Directory.AddMember(w.p.App.DB.Gorm, org, una.ID, "member", w.p.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := w.p.App.DB.Gorm.Exec("UPDATE users SET email_verified_at = NULL WHERE id = ?", una.ID).Error; err != nil {
		t.Fatal(err)
	}
	unverified := w.p.SignedIn(t, "una@bidder.example", apptest.Password)
	rival := w.p.Supplier(t, accounts.RegisterInput{Email: "rival@other.example"})

	actors := map[string]struct {
		c      *apptest.Client
		status []int
	}{
		"anonymous":           {w.p.Client(t), []int{401}},
		"unverified supplier": {unverified, []int{403}},
		"another supplier":    {rival, []int{404}}, // as for a bid that does not exist
		"buyer":               {w.buyer, []int{403}},
		"evaluator":           {w.p.SignedIn(t, w.panel[0].Email, apptest.Password), []int{403}},
		"case officer":        {w.p.Staff(t, accounts.CreateUserInput{Email: "cas@council.example", Name: "Cas", Role: string(auth.RoleCaseOfficer)}), []int{403}},
		"admin":               {w.admin, []int{403}},
	}
	for name, a := range actors {
		r := w.tusCreate(a.c, id, "costing.pdf", len(secretFile))
		if !slices.Contains(a.status, r.Status) {
			t.Errorf("POST /api/v1/uploads/ as %s: %d %s, want %v", name, r.Status, r.Body, a.status)
		}
	}
	r := w.tusCreate(c, id, "costing.pdf", len(secretFile))
	want(t, r, 201)
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil || loc.Path == "" {
		t.Fatalf("Location = %q", r.Header.Get("Location"))
	}
	rival.Header = map[string]string{"Tus-Resumable": "1.0.0"}
	want(t, rival.Do("HEAD", loc.Path, nil), 404)
	rival.Header = map[string]string{"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
	want(t, rival.DoRaw("PATCH", loc.Path, "application/offset+octet-stream", []byte(secretFile)), 404)
	rival.Header = nil
	c.Header = map[string]string{"Tus-Resumable": "1.0.0"}
	r = c.Do("HEAD", loc.Path, nil)
	c.Header = nil
	want(t, r, 200)
	if r.Header.Get("Upload-Offset") != "0" {
		t.Fatalf("after the rival's PATCH the upload has offset %q, want 0", r.Header.Get("Upload-Offset"))
	}
}
