package dps_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

// uploadLimit is the largest upload in TestUploadsArriveWholeAndTrue: enough for a ZIP of 200 MB
// of zeros (about 200 KB), so that it is refused for what it unpacks to, not for its size.
const uploadLimit = 1 << 20

// route is one of the portal's three document upload routes, ready to take a file.
type route struct {
	name string
	// send uploads a file; cut sends its first half only, then closes the connection.
	send func(filename, contentType string, b []byte) *apptest.Response
	cut  func(filename, contentType string, b []byte) *apptest.Response
	// rows counts the documents recorded; get downloads the one recorded last (nil when the
	// route has none to compare).
	rows func() int64
	get  func() []byte
	// prefix is where the route's files are kept in the document store.
	prefix string
	// office says whether the route accepts office documents.
	office bool
	// created is the status of a stored upload.
	created int
}

// TestUploadsArriveWholeAndTrue sends each upload route a file cut short, a file that is not
// what it says it is, a ZIP bomb named .docx and a disguised file name, on local disk and in
// MinIO, and checks that each is refused with a message saying why, and that nothing is
// recorded or left in the store, while an earlier file stays as it was.
func TestUploadsArriveWholeAndTrue(t *testing.T) {
	for _, store := range []struct {
		name  string
		start func(t *testing.T, max int) (*apptest.Portal, storedBlobs)
	}{{"on local disk", localPortal}, {"in MinIO", minioPortal}} {
		t.Run(store.name, func(t *testing.T) {
			p, blobs := store.start(t, uploadLimit)
			for _, rt := range uploadRoutes(t, p) {
				t.Run(rt.name, func(t *testing.T) { testUploadRoute(t, rt, blobs) })
			}
		})
	}
}

func testUploadRoute(t *testing.T, rt route, blobs storedBlobs) {
	stored := func() []string {
		var keys []string
		for _, k := range blobs(t) {
			if strings.HasPrefix(k, rt.prefix) || strings.HasPrefix(k, "tmp") || strings.HasPrefix(k, "unfinished") {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		return keys
	}
	good := pdf("the good file", 4000) // about 56 KB
	want(t, rt.send("good.pdf", "application/pdf", good), rt.created)
	rows, keys := rt.rows(), stored()
	if rows == 0 || len(keys) == 0 {
		t.Fatalf("after a good upload: %d rows, stored %v", rows, keys)
	}
	unchanged := func(t *testing.T) {
		t.Helper()
		if got := rt.rows(); got != rows {
			t.Errorf("documents recorded = %d, want %d as before", got, rows)
		}
		if got := stored(); !slices.Equal(got, keys) {
			t.Errorf("stored = %v, want %v as before", got, keys)
		}
		if rt.get != nil {
			if got := rt.get(); !bytes.Equal(got, good) {
				t.Errorf("the earlier file now downloads as %d bytes, want its %d bytes", len(got), len(good))
			}
		}
	}

	for _, tc := range []struct {
		name     string
		filename string
		ct       string
		body     []byte
		cut      bool
		field    string
		message  string
		skip     bool
	}{
		{name: "an upload cut short half way is refused", filename: "half.pdf", ct: "application/pdf", body: pdf("half of it", 4000), cut: true,
			field: "body.file", message: "did not arrive whole"},
		{name: "a file declared as PDF that is not one is refused", filename: "invoice.pdf", ct: "application/pdf",
			body: []byte("MZ\x90\x00 this is a program, not a PDF"), field: "body.file", message: "The file is not a PDF"},
		{name: "a Word document that is not a ZIP is refused", filename: "letter.docx", ct: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			body: []byte("just some text"), field: "body.file", message: "not a well-formed office document", skip: !rt.office},
		{name: "a .docx that unpacks to 200 MB of zeros is refused", filename: "bomb.docx", ct: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			body: zeros(t, 200<<20), field: "body.file", message: "would unpack to more than 100 MB", skip: !rt.office},
		{name: "a file name with a right-to-left override is refused", filename: "invoice\u202efdp.exe", ct: "application/pdf", body: pdf("x", 10),
			field: "query.filename", message: "control characters"},
		{name: "a file name with a control character is refused", filename: "line\x07bell.pdf", ct: "application/pdf", body: pdf("x", 10),
			field: "query.filename", message: "control characters"},
	} {
		if tc.skip {
			// This route takes only PDF, JPG and PNG files: an office document is refused for its
			// type before its contents are read, so the office cases do not apply to it.
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			var r *apptest.Response
			if tc.cut {
				r = rt.cut(tc.filename, tc.ct, tc.body)
			} else {
				r = rt.send(tc.filename, tc.ct, tc.body)
			}
			if r == nil {
				t.Fatal("the portal closed the connection without an answer")
			}
			if msg := fieldError(t, r, tc.field); !strings.Contains(msg, tc.message) {
				t.Errorf("message = %q, want it to say %q", msg, tc.message)
			}
			unchanged(t)
		})
	}
	if rt.office {
		t.Run("a well-formed Word document is accepted", func(t *testing.T) {
			want(t, rt.send("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(t)), rt.created)
		})
	}
}

// uploadRoutes prepares a supplier with a draft DPS application and a buyer with a draft
// opportunity, and returns the three routes they upload documents through.
func uploadRoutes(t *testing.T, p *apptest.Portal) []route {
	w := &world{p: p}
	if _, err := p.App.Accounts.CreateUser(t.Context(), accountsUser("buyer@council.example")); err != nil {
		t.Fatal(err)
	}
	w.buyer = w.signIn(t, "buyer@council.example")
	body := w.scheme("pcr2015")
	body["questions"] = []map[string]any{{"kind": "document", "text": "Your health and safety policy"}}
	d := w.publishDPS(t, body)
	s := w.supplier(t, "uploads@example.org")
	r := s.Do("POST", "/api/v1/dps/"+d["id"].(string)+"/applications", map[string]any{"categoryIds": []string{categoryID(d, 0)}})
	want(t, r, 201)
	appID := r.JSON()["id"].(string)
	_, q := answer(t, r.JSON(), "Your health and safety")
	answerPath := func(name string) string {
		return "/api/v1/dps-answer-uploads/" + appID + "/" + fmt.Sprint(q["questionId"]) + "?filename=" + url.QueryEscape(name)
	}

	now := p.Clock.Now()
	r = w.buyer.Do("POST", "/api/v1/opportunities", map[string]any{"title": "Library cleaning", "summary": "Cleaning of three libraries.",
		"description": "Daily cleaning.", "procedure": "open_tender", "cpvCodes": []string{"90910000-9"}, "estimatedValuePence": 5000000,
		"contractMonths": 12, "placeOfDelivery": "E09000019", "reserved": "none",
		"clarificationDeadline": now.AddDate(0, 0, 20).UTC().Format("2006-01-02T15:04:05Z"),
		"submissionDeadline":    now.AddDate(0, 0, 40).UTC().Format("2006-01-02T15:04:05Z"),
		"expectedAwardOn":       now.AddDate(0, 0, 60).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 5000}, {"name": "Quality", "kind": "quality", "weightBp": 3000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}}})
	want(t, r, 201)
	oppID := r.JSON()["id"].(string)
	oppPath := func(name string) string {
		return "/api/v1/opportunity-uploads/" + oppID + "?filename=" + url.QueryEscape(name)
	}

	expires := now.AddDate(1, 0, 0).Format("2006-01-02")
	insPath := func(name string) string {
		return "/api/v1/supplier/insurances?kind=public_liability&amountPence=500000000&expiresOn=" + expires + "&filename=" + url.QueryEscape(name)
	}
	count := func(table, where string, args ...any) func() int64 {
		return func() int64 {
			var n int64
			if err := p.App.DB.Gorm.Table(table).Where(where, args...).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	half := func(c *apptest.Client, method string, path func(string) string) func(string, string, []byte) *apptest.Response {
		return func(name, ct string, b []byte) *apptest.Response { return c.DoCut(method, path(name), ct, b, len(b)/2) }
	}
	full := func(c *apptest.Client, method string, path func(string) string) func(string, string, []byte) *apptest.Response {
		return func(name, ct string, b []byte) *apptest.Response { return c.DoRaw(method, path(name), ct, b) }
	}
	return []route{
		{name: "insurance certificate", send: full(s, "POST", insPath), cut: half(s, "POST", insPath),
			rows: count("supplier_insurances", "1 = 1"), prefix: "insurance/", created: 201},
		{name: "opportunity document", send: full(w.buyer, "POST", oppPath), cut: half(w.buyer, "POST", oppPath),
			rows: count("opportunity_documents", "opportunity_id = ?", oppID), prefix: "opportunities/", office: true, created: 201},
		{name: "DPS answer file", send: full(s, "PUT", answerPath), cut: half(s, "PUT", answerPath),
			rows: count("dps_answer_documents", "application_id = ?", appID), prefix: "dps-applications/", office: true, created: 200,
			get: func() []byte {
				r := w.buyer.Do("GET", "/api/v1/dps-applications/"+appID, nil)
				want(t, r, 200)
				_, a := answer(t, r.JSON(), "Your health and safety")
				doc, _ := a["document"].(map[string]any)
				if doc == nil {
					return nil
				}
				dl := w.buyer.Do("GET", doc["url"].(string), nil)
				want(t, dl, 200)
				return dl.Body
			}},
	}
}

// zeros returns a .docx whose one entry says it unpacks to n bytes of zeros. Its data is the
// deflate of 1 MiB of zeros, not of n: compressing 200 MB took minutes under the race detector
// on a busy machine, and the routes refuse it from its directory before unpacking anything.
// (blobstore's own tests unpack archives that understate their size.)
func zeros(t *testing.T, n int64) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(make([]byte, 1<<20))
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(n)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docx returns a small, well-formed Word document's container.
func docx(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Our method statement.</w:t></w:r></w:p></w:body></w:document>`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
