package dps_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

// maxUpload is the portal's upload limit in these tests, small so that "too large" is cheap.
const maxUpload = 65536

// storedBlobs lists the keys of the answer files the portal's document store holds.
type storedBlobs func(t *testing.T) []string

// onLocalDisk starts a portal keeping documents under its data directory.
func onLocalDisk(t *testing.T) (*apptest.Portal, storedBlobs) {
	p, list := localPortal(t, maxUpload)
	return p, answerBlobs(list)
}

// inMinIO starts a portal keeping documents in a bucket of its own on the test MinIO.
func inMinIO(t *testing.T) (*apptest.Portal, storedBlobs) {
	p, list := minioPortal(t, maxUpload)
	return p, answerBlobs(list)
}

// answerBlobs keeps, of every key stored, the answer files and anything half-written.
func answerBlobs(list storedBlobs) storedBlobs {
	return func(t *testing.T) []string {
		t.Helper()
		var keys []string
		for _, k := range list(t) {
			if strings.HasPrefix(k, "dps-applications/") || strings.HasPrefix(k, "tmp") || strings.HasPrefix(k, "unfinished") {
				keys = append(keys, k)
			}
		}
		return keys
	}
}

// localPortal starts a portal keeping documents under its data directory, accepting uploads
// of up to max bytes, and lists every key it stores (temporary files under tmp).
func localPortal(t *testing.T, max int) (*apptest.Portal, storedBlobs) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_MAX_UPLOAD_BYTES": strconv.Itoa(max)}})
	return p, func(t *testing.T) []string {
		t.Helper()
		root := filepath.Join(p.DataDir, "documents")
		var keys []string
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			// Objects are kept under objects/ by key; tmp/ holds uploads being written.
			rel, _ := filepath.Rel(root, path)
			keys = append(keys, strings.TrimPrefix(filepath.ToSlash(rel), "objects/"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return keys
	}
}

// minioPortal starts a portal keeping documents in a bucket of its own on the test MinIO,
// accepting uploads of up to max bytes, and lists every key it stores, with unfinished
// multipart uploads as "unfinished upload <key>".
func minioPortal(t *testing.T, max int) (*apptest.Portal, storedBlobs) {
	endpoint := testenv.Require(t, "FAIRTENDER_TEST_S3_ENDPOINT")
	access := testenv.Require(t, "FAIRTENDER_TEST_S3_ACCESS_KEY")
	secret := testenv.Require(t, "FAIRTENDER_TEST_S3_SECRET_KEY")
	raw, err := minio.New(endpoint, &minio.Options{Creds: credentials.NewStaticV4(access, secret, "")})
	if err != nil {
		t.Fatal(err)
	}
	bucket := "ft-test-" + strings.ToLower(rand.Text()[:16])
	// Registered before the portal starts, so that it runs after the portal stops.
	t.Cleanup(func() {
		if err := raw.RemoveBucketWithOptions(context.Background(), bucket, minio.RemoveBucketOptions{ForceDelete: true}); err != nil {
			t.Errorf("removing bucket %s: %v", bucket, err)
		}
	})
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_MAX_UPLOAD_BYTES": strconv.Itoa(max),
		"FAIRTENDER_S3_ENDPOINT": endpoint, "FAIRTENDER_S3_ACCESS_KEY": access, "FAIRTENDER_S3_SECRET_KEY": secret, "FAIRTENDER_S3_BUCKET": bucket}})
	return p, func(t *testing.T) []string {
		t.Helper()
		var keys []string
		for obj := range raw.ListObjects(context.Background(), bucket, minio.ListObjectsOptions{Recursive: true}) {
			if obj.Err != nil {
				t.Fatal(obj.Err)
			}
			keys = append(keys, obj.Key)
		}
		for up := range raw.ListIncompleteUploads(context.Background(), bucket, "", true) {
			keys = append(keys, "unfinished upload "+up.Key)
		}
		return keys
	}
}

func TestAnswerDocuments(t *testing.T) {
	for _, store := range []struct {
		name  string
		start func(t *testing.T) (*apptest.Portal, storedBlobs)
	}{{"on local disk", onLocalDisk}, {"in MinIO", inMinIO}} {
		t.Run(store.name, func(t *testing.T) {
			p, blobs := store.start(t)
			testAnswerDocuments(t, p, blobs)
		})
	}
}

// answer finds the answer to the question whose text starts with text.
func answer(t *testing.T, app map[string]any, text string) (int, map[string]any) {
	t.Helper()
	for i, a := range app["answers"].([]any) {
		if q := a.(map[string]any); strings.HasPrefix(q["text"].(string), text) {
			return i, q
		}
	}
	t.Fatalf("no question %q in %v", text, app["answers"])
	return 0, nil
}

func pdf(words string, n int) []byte {
	return append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte(words+" "), n)...)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func testAnswerDocuments(t *testing.T, p *apptest.Portal, blobs storedBlobs) {
	ctx := context.Background()
	w := &world{p: p}
	if _, err := p.App.Accounts.CreateUser(ctx, accountsUser("buyer@council.example")); err != nil {
		t.Fatal(err)
	}
	w.buyer = w.signIn(t, "buyer@council.example")
	body := w.scheme("pcr2015")
	body["questions"] = []map[string]any{
		{"kind": "yes_no", "text": "Do you pay the London Living Wage?"},
		{"kind": "document", "text": "Your health and safety policy"},
		{"kind": "document", "text": "Your last accounts"},
		{"kind": "document", "text": "Your grounds equipment certificates", "categories": []int{1}},
	}
	d := w.publishDPS(t, body)
	other := w.publishDPS(t, w.scheme("pcr2015"))

	s := w.supplier(t, "safe@example.org")
	r := s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}})
	want(t, r, 201)
	app := r.JSON()
	id := app["id"].(string)
	_, wage := answer(t, app, "Do you pay")
	_, policy := answer(t, app, "Your health and safety")
	_, accts := answer(t, app, "Your last accounts")
	want(t, s.Do("PUT", "/api/v1/dps-applications/"+id, map[string]any{"categoryIds": []string{categoryID(d, 0)},
		"answers": []map[string]any{{"questionId": wage["questionId"], "value": "yes"}}}), 200)
	upload := func(c *apptest.Client, questionID any, filename, contentType string, b []byte) *apptest.Response {
		t.Helper()
		return c.DoRaw("PUT", "/api/v1/dps-answer-uploads/"+id+"/"+fmt.Sprint(questionID)+"?filename="+url.QueryEscape(filename), contentType, b)
	}
	rows := func() int64 {
		var n int64
		p.App.DB.Gorm.Table("dps_answer_documents").Where("application_id = ?", id).Count(&n)
		return n
	}

	t.Run("a document question is not answered in words", func(t *testing.T) {
		r := s.Do("PUT", "/api/v1/dps-applications/"+id, map[string]any{"categoryIds": []string{categoryID(d, 0)},
			"answers": []map[string]any{{"questionId": policy["questionId"], "value": "See our website"}}})
		if msg := fieldError(t, r, "body.answers[0].value"); !strings.Contains(msg, "Upload a file") {
			t.Errorf("message = %q", msg)
		}
	})
	t.Run("submitting without the files is refused, naming each question", func(t *testing.T) {
		r := s.Do("POST", "/api/v1/dps-applications/"+id+"/submit", nil)
		i, _ := answer(t, app, "Your health and safety")
		j, _ := answer(t, app, "Your last accounts")
		for _, f := range []string{fmt.Sprintf("body.answers[%d].document", i), fmt.Sprintf("body.answers[%d].document", j)} {
			if msg := fieldError(t, r, f); !strings.Contains(msg, "Upload a file") {
				t.Errorf("%s: message = %q", f, msg)
			}
		}
	})

	first := pdf("safety first", 800)
	t.Run("an upload lands whole with its checksum", func(t *testing.T) {
		r := upload(s, policy["questionId"], `C:\Policies\H&S policy 2026.pdf`, "application/pdf", first)
		want(t, r, 200)
		_, a := answer(t, r.JSON(), "Your health and safety")
		doc, _ := a["document"].(map[string]any)
		if doc == nil || doc["sha256"] != sum(first) || doc["size"] != float64(len(first)) || doc["filename"] != "H&S policy 2026.pdf" {
			t.Fatalf("answer = %v", a)
		}
		if a["value"] != "H&S policy 2026.pdf" || a["fromProfile"] != false {
			t.Errorf("value = %v, fromProfile = %v; want the file's name, not from the profile", a["value"], a["fromProfile"])
		}
		if got := blobs(t); len(got) != 1 {
			t.Errorf("stored objects = %v, want one", got)
		}
	})
	t.Run("the buyer downloads the same bytes, with the checksum", func(t *testing.T) {
		r := w.buyer.Do("GET", "/api/v1/dps-applications/"+id, nil)
		want(t, r, 200)
		_, a := answer(t, r.JSON(), "Your health and safety")
		dl := w.buyer.Do("GET", a["document"].(map[string]any)["url"].(string), nil)
		want(t, dl, 200)
		if !bytes.Equal(dl.Body, first) {
			t.Fatalf("downloaded %d bytes, want the %d uploaded", len(dl.Body), len(first))
		}
		if got := dl.Header.Get("X-Checksum-SHA256"); got != sum(first) {
			t.Errorf("X-Checksum-SHA256 = %q, want %q", got, sum(first))
		}
		if got := dl.Header.Get("Content-Disposition"); !strings.HasPrefix(got, "attachment") || !strings.Contains(got, "policy 2026.pdf") {
			t.Errorf("Content-Disposition = %q", got)
		}
		if got := dl.Header.Get("Content-Type"); got != "application/pdf" {
			t.Errorf("Content-Type = %q", got)
		}
		want(t, s.Do("GET", a["document"].(map[string]any)["url"].(string), nil), 200)
	})
	t.Run("another supplier can neither upload nor download", func(t *testing.T) {
		o := w.supplier(t, "nosy@example.org")
		want(t, upload(o, policy["questionId"], "mine.pdf", "application/pdf", pdf("not theirs", 10)), http.StatusNotFound)
		want(t, o.Do("GET", "/api/v1/dps-applications/"+id+"/answers/"+policy["questionId"].(string)+"/document", nil), http.StatusNotFound)
	})
	t.Run("a buyer cannot upload a supplier's answer", func(t *testing.T) {
		want(t, upload(w.buyer, policy["questionId"], "b.pdf", "application/pdf", pdf("buyer", 10)), http.StatusForbidden)
	})
	t.Run("a file over the limit is refused and leaves nothing", func(t *testing.T) {
		r := upload(s, accts["questionId"], "accounts.pdf", "application/pdf", pdf("big", maxUpload/4+10))
		if msg := fieldError(t, r, "body.file"); !strings.Contains(msg, "smaller than") {
			t.Errorf("message = %q", msg)
		}
		if n := rows(); n != 1 {
			t.Errorf("%d recorded files, want only the policy", n)
		}
		_, a := answer(t, s.Do("GET", "/api/v1/dps-applications/"+id, nil).JSON(), "Your last accounts")
		if a["document"] != nil || a["value"] != "" {
			t.Errorf("answer after a refused upload = %v", a)
		}
		if got := blobs(t); len(got) != 1 {
			t.Errorf("stored objects = %v, want only the policy", got)
		}
	})
	t.Run("the wrong kind of file, an empty file and the wrong question are refused", func(t *testing.T) {
		fieldError(t, upload(s, accts["questionId"], "run.exe", "application/x-msdownload", []byte("MZ")), "body.file")
		fieldError(t, upload(s, accts["questionId"], "empty.pdf", "application/pdf", nil), "body.file")
		fieldError(t, upload(s, wage["questionId"], "wage.pdf", "application/pdf", pdf("wage", 10)), "body.questionId")
		elsewhere := other["questions"].([]any)[0].(map[string]any)["id"]
		want(t, upload(s, elsewhere, "x.pdf", "application/pdf", pdf("x", 10)), http.StatusNotFound)
		var certs string
		for _, q := range d["questions"].([]any) {
			if strings.HasPrefix(q.(map[string]any)["text"].(string), "Your grounds") {
				certs = q.(map[string]any)["id"].(string)
			}
		}
		fieldError(t, upload(s, certs, "certs.pdf", "application/pdf", pdf("x", 10)), "body.questionId")
		if got := blobs(t); len(got) != 1 {
			t.Errorf("stored objects = %v, want only the policy", got)
		}
	})

	second := pdf("safety second", 900)
	t.Run("replacing a file keeps one stored object", func(t *testing.T) {
		r := upload(s, policy["questionId"], "policy-v2.pdf", "application/pdf", second)
		want(t, r, 200)
		_, a := answer(t, r.JSON(), "Your health and safety")
		if doc := a["document"].(map[string]any); doc["sha256"] != sum(second) || doc["filename"] != "policy-v2.pdf" {
			t.Fatalf("after replacing: %v", doc)
		}
		if got := blobs(t); len(got) != 1 {
			t.Errorf("stored objects = %v, want one", got)
		}
		dl := w.buyer.Do("GET", a["document"].(map[string]any)["url"].(string), nil)
		if !bytes.Equal(dl.Body, second) {
			t.Errorf("the buyer downloads %d bytes, want the replacement's %d", len(dl.Body), len(second))
		}
	})

	t.Run("with every file uploaded, the application is submitted", func(t *testing.T) {
		want(t, upload(s, accts["questionId"], "accounts.csv", "text/csv", []byte("year,turnover\n2025,120000\n")), 200)
		r := s.Do("POST", "/api/v1/dps-applications/"+id+"/submit", nil)
		want(t, r, 200)
		if got := blobs(t); len(got) != 2 {
			t.Errorf("stored objects = %v, want two", got)
		}
	})
	t.Run("after submitting, files cannot change", func(t *testing.T) {
		r := upload(s, policy["questionId"], "late.pdf", "application/pdf", pdf("late", 10))
		want(t, r, http.StatusConflict)
		if !strings.Contains(string(r.Body), "submitted") {
			t.Errorf("body = %s", r.Body)
		}
		if got := blobs(t); len(got) != 2 {
			t.Errorf("stored objects = %v, want two", got)
		}
	})
}

func TestAnswerDocumentFromTheProfile(t *testing.T) {
	p, _ := onLocalDisk(t)
	ctx := context.Background()
	w := &world{p: p}
	if _, err := p.App.Accounts.CreateUser(ctx, accountsUser("buyer@council.example")); err != nil {
		t.Fatal(err)
	}
	w.buyer = w.signIn(t, "buyer@council.example")
	body := w.scheme("pcr2015")
	body["questions"] = []map[string]any{{"kind": "document", "text": "Your public liability insurance", "profileField": "insurance:public_liability"}}
	d := w.publishDPS(t, body)
	s := w.supplier(t, "covered@example.org")
	cert := pdf("certificate", 200)
	expires := p.Clock.Now().AddDate(1, 0, 0).Format("2006-01-02")
	want(t, s.DoRaw("POST", "/api/v1/supplier/insurances?kind=public_liability&amountPence=500000000&expiresOn="+expires+"&filename=PL.pdf", "application/pdf", cert), 201)

	r := s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}})
	want(t, r, 201)
	_, a := answer(t, r.JSON(), "Your public liability")
	doc, _ := a["document"].(map[string]any)
	if a["fromProfile"] != true || doc == nil || doc["filename"] != "PL.pdf" || doc["sha256"] != sum(cert) {
		t.Fatalf("answer = %v, want the profile's certificate", a)
	}
	t.Run("the buyer downloads the certificate from the profile", func(t *testing.T) {
		dl := w.buyer.Do("GET", doc["url"].(string), nil)
		want(t, dl, 200)
		if !bytes.Equal(dl.Body, cert) {
			t.Errorf("downloaded %d bytes, want %d", len(dl.Body), len(cert))
		}
	})
	t.Run("it answers the question", func(t *testing.T) {
		want(t, s.Do("POST", "/api/v1/dps-applications/"+r.JSON()["id"].(string)+"/submit", nil), 200)
	})
}

func accountsUser(email string) accounts.CreateUserInput {
	return accounts.CreateUserInput{Email: email, Name: "Buyer", Role: "buyer", Password: pw}
}

// fieldError fails unless r is a 422 naming field (e.g. "body.file"), and returns its message.
func fieldError(t *testing.T, r *apptest.Response, field string) string {
	t.Helper()
	if r.Status != 422 {
		t.Fatalf("status = %d, want 422 naming %s; body %s", r.Status, field, r.Body)
	}
	msg, ok := r.FieldErrors()[field]
	if !ok {
		t.Fatalf("no error for %s: %v", field, r.FieldErrors())
	}
	return msg
}

// TestAnswersFromTheProfileAreWrittenForPeople: a text question on insurance is answered from the
// certificate in words an officer reads at a glance, a London Living Wage question from the
// declaration, and an accreditations question from the profile's list.
func TestAnswersFromTheProfileAreWrittenForPeople(t *testing.T) {
	p, _ := onLocalDisk(t)
	ctx := context.Background()
	w := &world{p: p}
	if _, err := p.App.Accounts.CreateUser(ctx, accountsUser("buyer@council.example")); err != nil {
		t.Fatal(err)
	}
	w.buyer = w.signIn(t, "buyer@council.example")
	body := w.scheme("pcr2015")
	body["questions"] = []map[string]any{
		{"kind": "text", "text": "Your public liability cover", "profileField": "insurance:public_liability"},
		{"kind": "yes_no", "text": "Do you pay the London Living Wage?", "profileField": "declaration:london_living_wage"},
		{"kind": "text", "text": "Your accreditations", "profileField": "accreditations"},
	}
	d := w.publishDPS(t, body)
	s := w.supplier(t, "covered@example.org")
	want(t, s.DoRaw("POST", "/api/v1/supplier/insurances?kind=public_liability&amountPence=200000000&expiresOn=2099-01-31&filename=PL.pdf", "application/pdf", pdf("certificate", 200)), 201)
	want(t, s.Do("PUT", "/api/v1/supplier/declarations", map[string]any{"declarations": []map[string]any{{"standard": "london_living_wage", "answer": "yes"}}}), 200)
	var org string
	p.App.DB.Gorm.Raw("SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?", "covered@example.org").Scan(&org)
	if err := p.App.DB.Gorm.Exec("INSERT INTO supplier_accreditations (organisation_id, name) VALUES (?, ?), (?, ?)", org, "ISO 9001", org, "Cyber Essentials").Error; err != nil {
		t.Fatal(err)
	}

	r := s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}})
	want(t, r, 201)
	for q, wantValue := range map[string]string{
		"Your public liability": "£2,000,000 public liability cover, valid until 31 January 2099 (certificate: PL.pdf)",
		"Do you pay the London": "yes",
		"Your accreditations":   "Cyber Essentials, ISO 9001",
	} {
		_, a := answer(t, r.JSON(), q)
		if a["value"] != wantValue || a["fromProfile"] != true {
			t.Errorf("%s: answer %v, want %q from the profile", q, a, wantValue)
		}
	}
}
