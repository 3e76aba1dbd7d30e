package bids_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"github.com/minio/minio-go/v7"
)

const tusBenchSize = 100 << 20

// pdfBytes streams n bytes of a "PDF": its signature, then pseudo-random bytes generated as they
// are read, so the benchmark holds no copy of the file and measures the server's memory.
func pdfBytes(seed uint64, n int64) io.Reader {
	sig := "%PDF-1.7\n"
	return io.MultiReader(strings.NewReader(sig), io.LimitReader(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 'b'}), n-int64(len(sig))))
}

// bearer signs email in over HTTP and returns the access token, for an API client that sends
// its upload as a stream (apptest's client sends bodies it holds).
func bearer(tb testing.TB, w *world, email string) string {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	body, _ := json.Marshal(map[string]string{"email": email, "password": apptest.Password})
	res, err := hc.Post(w.p.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	u, _ := url.Parse(w.p.URL)
	for _, c := range jar.Cookies(u) {
		if c.Name == httpapi.AccessCookie {
			return c.Value
		}
	}
	tb.Fatalf("sign in as %s: status %d and no access cookie", email, res.StatusCode)
	return ""
}

// tusDocument sends size bytes to the bid's document question by tus, as one streamed PATCH, and
// returns the document's id.
func tusDocument(tb testing.TB, w *world, token, bidID string, seed uint64, size int64) string {
	do := func(method, path string, body io.Reader, length int64, h map[string]string) (*http.Response, error) {
		req, err := http.NewRequest(method, w.p.URL+path, body)
		if err != nil {
			return nil, err
		}
		req.ContentLength = length
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Authorization", "Bearer "+token)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		return res, err
	}
	res, err := do("POST", "/api/v1/uploads/", nil, 0, map[string]string{"Upload-Length": strconv.FormatInt(size, 10),
		"Upload-Metadata": tusMeta("bidId", bidID, "questionId", w.docQ, "filename", "costing.pdf", "filetype", "application/pdf")})
	if err != nil || res.StatusCode != http.StatusCreated {
		tb.Errorf("POST: %v %v", res, err)
		return ""
	}
	loc, _ := url.Parse(res.Header.Get("Location"))
	res, err = do("PATCH", loc.Path, pdfBytes(seed, size), size, map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
	if err != nil || res.StatusCode != http.StatusNoContent || res.Header.Get("Fairtender-Document-Id") == "" {
		tb.Errorf("PATCH: %v %v, want 204 with a document id", res, err)
		return ""
	}
	return res.Header.Get("Fairtender-Document-Id")
}

// BenchmarkTusDocument100MB compares a 100 MB bid document sent through the portal by tus (the
// real server, sign-in, bids.UploadTarget: parts sealed under the bid's key as they arrive, and
// kept as the document) with a direct minio-go PutObject of the same bytes into the same MinIO.
// Each iteration does one of each, one after the other, so that the load of a shared machine
// weighs on both alike; it reports each one's throughput and their ratio. Needs the services'
// env (MinIO):
//
//	go test -run '^$' -bench BenchmarkTusDocument100MB -benchtime 5x ./backend/bids/
func BenchmarkTusDocument100MB(b *testing.B) {
	w := startIn(b, true)
	w.publishWithForm(b)
	_, id := w.bidder(b, "sam@bidder.example")
	token := bearer(b, w, "sam@bidder.example")
	c := w.p.SignedIn(b, "sam@bidder.example", apptest.Password)
	var direct, tus, directCPU, tusCPU time.Duration
	b.ResetTimer()
	for i := range b.N {
		c0, t0 := cpuTime(b), time.Now()
		if _, err := w.minio.PutObject(context.Background(), w.bucket, "bench/direct", pdfBytes(uint64(i), tusBenchSize), tusBenchSize,
			minio.PutObjectOptions{ContentType: "application/pdf"}); err != nil {
			b.Fatal(err)
		}
		c1, t1 := cpuTime(b), time.Now()
		doc := tusDocument(b, w, token, id, uint64(i), tusBenchSize)
		direct, tus = direct+t1.Sub(t0), tus+time.Since(t1)
		directCPU, tusCPU = directCPU+c1-c0, tusCPU+cpuTime(b)-c1
		b.StopTimer()
		// The question takes two files: make room for the next.
		if r := c.Do("DELETE", "/api/v1/bids/"+id+"/documents/"+doc, nil); r.Status != http.StatusNoContent {
			b.Fatalf("DELETE document: %d %s", r.Status, r.Body)
		}
		b.StartTimer()
	}
	mbs := func(d time.Duration) float64 { return float64(b.N) * tusBenchSize / (1 << 20) / d.Seconds() }
	b.ReportMetric(mbs(direct), "direct-MB/s")
	b.ReportMetric(mbs(tus), "tus-sealed-MB/s")
	b.ReportMetric(direct.Seconds()/tus.Seconds(), "tus/direct")
	// The CPU this process (client and portal; MinIO is another) spent on each.
	b.ReportMetric(directCPU.Seconds()/float64(b.N), "direct-cpu-s/op")
	b.ReportMetric(tusCPU.Seconds()/float64(b.N), "tus-cpu-s/op")
}

// cpuTime is the CPU time (user and system) this process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTusDocuments20x100MBRSS sends 20 bid documents of 100 MB at once by tus (20 bidders,
// each to their own bid, through bids.UploadTarget) and reports how far the process's resident
// memory rose above where it started (sampled every 20 ms), and the throughput of all 20.
//
//	go test -run '^$' -bench BenchmarkTusDocuments20x100MBRSS -benchtime 1x ./backend/bids/
func BenchmarkTusDocuments20x100MBRSS(b *testing.B) {
	const uploads = 20
	w := startIn(b, true)
	w.publishWithForm(b)
	tokens, ids := make([]string, uploads), make([]string, uploads)
	for i := range uploads {
		email := fmt.Sprintf("bidder%02d@bidder.example", i)
		_, ids[i] = w.bidder(b, email)
		tokens[i] = bearer(b, w, email)
	}
	for range b.N {
		growth, elapsed := testenv.ConcurrentRSS(b, uploads, func(i int) { tusDocument(b, w, tokens[i], ids[i], uint64(i), tusBenchSize) })
		b.ReportMetric(float64(growth)/(1<<20), "rss-growth-MB")
		b.ReportMetric(float64(uploads*tusBenchSize)/(1<<20)/elapsed.Seconds(), "MB/s")
	}
}
