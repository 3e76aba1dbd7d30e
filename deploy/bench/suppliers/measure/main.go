// Command measure times the buyers' supplier list and its CSV export for
// deploy/bench/suppliers.sh, and samples the portal's resident memory while the export streams.
//
// The list: one request not counted, then -runs requests for each of a few filter combinations,
// one after another, reporting the median, the fastest and the slowest, and how many suppliers
// matched. The last combination is the last page of the unfiltered list, the deepest OFFSET.
//
// The export: downloads of GET /api/v1/suppliers/export.csv that are not counted, then
// -export-runs downloads without compression and as many with gzip, each parsed as CSV as it
// arrives and checked to hold -want-rows suppliers. For each it records the total time, the time
// to the first byte of the response, the bytes on the wire and of CSV, and the server's VmRSS
// just before the request and the highest of samples taken every -sample through it. It also
// reads the server's Go heap in use from /metrics every -heap-sample, when /metrics answers: RSS
// includes memory the runtime has freed but not yet handed back to the kernel; the heap in use
// does not.
//
// The downloads not counted come first because a freshly started server carries the garbage of
// its start-up until its first garbage collection, which an export triggers sooner or later: they
// go on until /metrics shows a collection (at most 5), and then the runtime is given up to 10 s
// to hand the freed memory back. The first one's figures are reported separately (export_cold_*).
//
// Results are KEY=VALUE lines on stdout (for the script), progress on stderr. Any failed
// request, wrong status or short export makes it exit with status 1.
//
//	FT_BENCH_TOKEN=… measure -url http://127.0.0.1:8080 -pid 1234 -want-rows 10000
package main

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

// listCase is one filter combination of the list.
type listCase struct{ name, query string }

var listCases = []listCase{
	{"all", ""},
	{"vcse_local", "vcse=true&locality=local"},
	{"cpv", "cpv=45000000-7"},
	{"declaration_small", "declaration=london_living_wage&size=small"},
	{"q", "q=care"},
	{"accreditation_sme", "accreditation=Cyber+Essentials&sme=true"},
	// The deep page's query is worked out from the unfiltered total.
}

func run(args []string) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	base := fs.String("url", "", "the portal, e.g. http://127.0.0.1:8080; its host must be 127.0.0.1")
	pid := fs.Int("pid", 0, "the portal's process, whose VmRSS is sampled during each export")
	runs := fs.Int("runs", 10, "list requests timed for each filter combination")
	exportRuns := fs.Int("export-runs", 3, "exports for each encoding (identity and gzip)")
	wantRows := fs.Int("want-rows", 0, "suppliers the unfiltered list and export must hold (0: not checked)")
	sample := fs.Duration("sample", 50*time.Millisecond, "how often VmRSS is read during an export")
	heapSample := fs.Duration("heap-sample", 200*time.Millisecond, "how often /metrics is read during an export (0: never)")
	tokenEnv := fs.String("token-env", "FT_BENCH_TOKEN", "environment variable holding the bearer token")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*base)
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("-url %q: need http://127.0.0.1:PORT", *base)
	}
	if *pid <= 0 || *runs < 1 || *exportRuns < 1 || *sample <= 0 || *heapSample < 0 {
		return errors.New("need -pid, -runs >= 1, -export-runs >= 1, -sample > 0 and -heap-sample >= 0")
	}
	if _, err := rssKB(*pid); err != nil {
		return err
	}
	token := os.Getenv(*tokenEnv)
	if token == "" {
		return fmt.Errorf("%s is empty", *tokenEnv)
	}
	m := &measurer{
		base:  strings.TrimRight(*base, "/"),
		token: token,
		pid:   *pid,
		// Compression is off in the transport so that gzip is asked for, and counted, by hand.
		client: &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 2}, Timeout: 10 * time.Minute},
	}
	defer m.client.CloseIdleConnections()
	if *heapSample > 0 {
		if _, err := m.heapInUse(); err != nil {
			fmt.Fprintf(os.Stderr, "measure: no Go heap figures: %v\n", err)
		} else {
			m.heapEvery = *heapSample
		}
	}

	cases := slices.Clone(listCases)
	var total int64
	// An index loop, because the deep page is appended once the first case gives the total.
	for i := 0; i < len(cases); i++ {
		c := cases[i]
		res, err := m.list(c, *runs)
		if err != nil {
			return err
		}
		if i == 0 {
			total = res.total
			if *wantRows > 0 && total != int64(*wantRows) {
				return fmt.Errorf("the unfiltered list has %d suppliers, want %d", total, *wantRows)
			}
			last := max(1, (total+49)/50)
			cases = append(cases, listCase{"deep_page", fmt.Sprintf("page=%d&pageSize=50", last)})
		}
		res.print(c)
	}

	// Warm-up: exports not counted until the server has collected garbage at least once (or
	// once, without /metrics), then time for the freed memory to go back to the kernel.
	gcBefore, gcErr := m.metric("go_gc_duration_seconds_count")
	var cold exportResult
	warmups := 0
	for warmups < 5 {
		res, err := m.export("identity", *sample)
		if err != nil {
			return fmt.Errorf("export (identity, not counted): %w", err)
		}
		if *wantRows > 0 && res.rows != *wantRows {
			return fmt.Errorf("export has %d rows, want %d", res.rows, *wantRows)
		}
		if warmups == 0 {
			cold = res
		}
		warmups++
		fmt.Fprintf(os.Stderr, "measure: export not counted: %.0f ms, %d rows, RSS %d → %d kB, heap peak %s kB\n",
			res.totalMS, res.rows, res.rssBeforeKB, res.peakKB, res.heap())
		if gcErr != nil {
			break
		}
		if gc, err := m.metric("go_gc_duration_seconds_count"); err != nil || gc > gcBefore {
			break
		}
	}
	if err := m.settle(10 * time.Second); err != nil {
		return err
	}
	fmt.Printf("export_warmups=%d\nexport_cold_total_ms=%.0f\nexport_cold_rss_before_kb=%d\nexport_cold_peak_kb=%d\nexport_cold_heap_peak_kb=%s\n",
		warmups, cold.totalMS, cold.rssBeforeKB, cold.peakKB, cold.heap())

	for _, enc := range []string{"identity", "gzip"} {
		var results []exportResult
		for r := range *exportRuns {
			res, err := m.export(enc, *sample)
			if err != nil {
				return fmt.Errorf("export (%s, run %d): %w", enc, r+1, err)
			}
			if *wantRows > 0 && res.rows != *wantRows {
				return fmt.Errorf("export (%s) has %d rows, want %d", enc, res.rows, *wantRows)
			}
			fmt.Fprintf(os.Stderr, "measure: export %s run %d: %.0f ms, first byte %.0f ms, %d rows, RSS %d → %d kB, heap peak %s kB\n",
				enc, r+1, res.totalMS, res.ttfbMS, res.rows, res.rssBeforeKB, res.peakKB, res.heap())
			results = append(results, res)
		}
		printExport(enc, results)
	}
	after, err := rssKB(*pid)
	if err != nil {
		return err
	}
	fmt.Printf("rss_after_kb=%d\n", after)
	return nil
}

type measurer struct {
	base, token string
	pid         int
	client      *http.Client
	heapEvery   time.Duration // 0: /metrics is not read
}

// heapInUse reads go_memstats_heap_inuse_bytes from the server's /metrics, in kB.
func (m *measurer) heapInUse() (int64, error) {
	v, err := m.metric("go_memstats_heap_inuse_bytes")
	return int64(v / 1024), err
}

// metric reads one unlabelled value from the server's /metrics.
func (m *measurer) metric(name string) (float64, error) {
	req, err := http.NewRequest(http.MethodGet, m.base+"/metrics", nil)
	if err != nil {
		return 0, err
	}
	// The portal serves /metrics on its public address only to its bearer token.
	if tok := os.Getenv("FAIRTENDER_METRICS_TOKEN"); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("/metrics answered %d", resp.StatusCode)
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				return 0, fmt.Errorf("/metrics: %s: %w", name, err)
			}
			return v, nil
		}
	}
	return 0, fmt.Errorf("/metrics has no %s", name)
}

// settle waits, for up to limit, until the server's VmRSS has stopped falling for a second: after
// a garbage collection the runtime hands freed memory back to the kernel over a few seconds.
func (m *measurer) settle(limit time.Duration) error {
	const step = 250 * time.Millisecond
	prev, err := rssKB(m.pid)
	if err != nil {
		return err
	}
	steady := time.Duration(0)
	for waited := time.Duration(0); waited < limit && steady < time.Second; waited += step {
		time.Sleep(step)
		kb, err := rssKB(m.pid)
		if err != nil {
			return err
		}
		if prev-kb > 256 {
			steady = 0
		} else {
			steady += step
		}
		prev = kb
	}
	return nil
}

func (m *measurer) get(ctx context.Context, path string, enc string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+m.token)
	req.Header.Set("Accept-Encoding", enc)
	return req, nil
}

type listResult struct {
	total                  int64
	bytes                  int
	medianMS, minMS, maxMS float64
}

func (r listResult) print(c listCase) {
	fmt.Printf("list_%s_query=%s\nlist_%s_total=%d\nlist_%s_bytes=%d\nlist_%s_median_ms=%.1f\nlist_%s_min_ms=%.1f\nlist_%s_max_ms=%.1f\n",
		c.name, c.query, c.name, r.total, c.name, r.bytes, c.name, r.medianMS, c.name, r.minMS, c.name, r.maxMS)
	fmt.Fprintf(os.Stderr, "measure: list %-18s median %6.1f ms (%d matches)\n", c.name, r.medianMS, r.total)
}

// list times runs requests for c after one that warms the connection and the database's cache.
func (m *measurer) list(c listCase, runs int) (listResult, error) {
	path := "/api/v1/suppliers"
	if c.query != "" {
		path += "?" + c.query
	}
	var res listResult
	var times []float64
	for i := range runs + 1 {
		req, err := m.get(context.Background(), path, "identity")
		if err != nil {
			return res, err
		}
		start := time.Now()
		resp, err := m.client.Do(req)
		if err != nil {
			return res, fmt.Errorf("list %s: %w", c.name, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		elapsed := time.Since(start)
		if err != nil {
			return res, fmt.Errorf("list %s: %w", c.name, err)
		}
		if resp.StatusCode != http.StatusOK {
			return res, fmt.Errorf("list %s answered %d: %.300s", c.name, resp.StatusCode, body)
		}
		var page struct {
			Items []json.RawMessage `json:"items"`
			Total *int64            `json:"total"`
		}
		if err := json.Unmarshal(body, &page); err != nil || page.Total == nil {
			return res, fmt.Errorf("list %s: not a supplier list: %.300s", c.name, body)
		}
		if *page.Total > 0 && len(page.Items) == 0 {
			return res, fmt.Errorf("list %s: %d matches but an empty page", c.name, *page.Total)
		}
		res.total, res.bytes = *page.Total, len(body)
		if i > 0 {
			times = append(times, float64(elapsed.Microseconds())/1000)
		}
	}
	slices.Sort(times)
	res.medianMS, res.minMS, res.maxMS = median(times), times[0], times[len(times)-1]
	return res, nil
}

type exportResult struct {
	totalMS, ttfbMS     float64
	wireBytes, csvBytes int64
	rows                int
	chunked             bool
	contentType         string
	rssBeforeKB, peakKB int64
	heapPeakKB          int64 // -1: not read
}

// heap is the peak Go heap in use in kB, or "n/a".
func (r exportResult) heap() string {
	if r.heapPeakKB < 0 {
		return "n/a"
	}
	return strconv.FormatInt(r.heapPeakKB, 10)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// export downloads the whole export once, reading the server's memory meanwhile.
func (m *measurer) export(enc string, interval time.Duration) (exportResult, error) {
	var res exportResult
	before, err := rssKB(m.pid)
	if err != nil {
		return res, err
	}
	res.rssBeforeKB, res.peakKB, res.heapPeakKB = before, before, -1

	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		done = make(chan struct{})
	)
	// every calls f every d until done: RSS and the heap on separate clocks, so that a slow
	// /metrics answer never delays an RSS sample.
	every := func(d time.Duration, f func()) {
		wg.Go(func() {
			t := time.NewTicker(d)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					f()
				}
			}
		})
	}
	every(interval, func() {
		if kb, err := rssKB(m.pid); err == nil {
			mu.Lock()
			res.peakKB = max(res.peakKB, kb)
			mu.Unlock()
		}
	})
	if m.heapEvery > 0 {
		every(m.heapEvery, func() {
			if kb, err := m.heapInUse(); err == nil {
				mu.Lock()
				res.heapPeakKB = max(res.heapPeakKB, kb)
				mu.Unlock()
			}
		})
	}
	stopSampling := sync.OnceFunc(func() {
		close(done)
		wg.Wait()
	})
	defer stopSampling()

	var firstByte time.Time
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		GotFirstResponseByte: func() { firstByte = time.Now() },
	})
	req, err := m.get(ctx, "/api/v1/suppliers/export.csv", enc)
	if err != nil {
		return res, err
	}
	start := time.Now()
	resp, err := m.client.Do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return res, fmt.Errorf("answered %d: %s", resp.StatusCode, b)
	}
	res.contentType = resp.Header.Get("Content-Type")
	res.chunked = slices.Contains(resp.TransferEncoding, "chunked")
	gotEnc := resp.Header.Get("Content-Encoding")
	if (enc == "gzip") != (gotEnc == "gzip") {
		return res, fmt.Errorf("asked for %s, got Content-Encoding %q", enc, gotEnc)
	}
	wire := &countingReader{r: resp.Body}
	var body io.Reader = wire
	if gotEnc == "gzip" {
		zr, err := gzip.NewReader(wire)
		if err != nil {
			return res, fmt.Errorf("unable to start gzip: %w", err)
		}
		body = zr
	}
	plain := &countingReader{r: body}
	cr := csv.NewReader(plain)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return res, fmt.Errorf("no CSV header: %w", err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The portal appends a sentence when the export fails part-way, which is not CSV.
			return res, fmt.Errorf("after %d rows: %w", res.rows, err)
		}
		if len(rec) != len(header) {
			return res, fmt.Errorf("row %d has %d fields, want %d", res.rows+1, len(rec), len(header))
		}
		res.rows++
	}
	end := time.Now()
	stopSampling()
	// One more of each, for a download shorter than the sampling interval.
	if kb, err := rssKB(m.pid); err == nil {
		res.peakKB = max(res.peakKB, kb)
	}
	if m.heapEvery > 0 {
		if kb, err := m.heapInUse(); err == nil {
			res.heapPeakKB = max(res.heapPeakKB, kb)
		}
	}
	res.totalMS = float64(end.Sub(start).Microseconds()) / 1000
	if !firstByte.IsZero() {
		res.ttfbMS = float64(firstByte.Sub(start).Microseconds()) / 1000
	}
	res.wireBytes, res.csvBytes = wire.n, plain.n
	return res, nil
}

// printExport reports the median times and the highest peak over the runs of one encoding. The
// RSS before is the first run's: later runs start from memory the earlier ones left behind.
func printExport(enc string, rs []exportResult) {
	var total, ttfb []float64
	var peak, growth int64
	heap := exportResult{heapPeakKB: -1}
	all := make([]string, len(rs))
	for i, r := range rs {
		total = append(total, r.totalMS)
		ttfb = append(ttfb, r.ttfbMS)
		peak = max(peak, r.peakKB)
		growth = max(growth, r.peakKB-r.rssBeforeKB)
		heap.heapPeakKB = max(heap.heapPeakKB, r.heapPeakKB)
		all[i] = strconv.FormatFloat(r.totalMS, 'f', 0, 64)
	}
	slices.Sort(total)
	slices.Sort(ttfb)
	p := "export_" + enc + "_"
	fmt.Printf("%sruns=%d\n%stotal_ms=%.0f\n%sall_ms=%s\n%sttfb_ms=%.0f\n%swire_bytes=%d\n%scsv_bytes=%d\n%srows=%d\n",
		p, len(rs), p, median(total), p, strings.Join(all, ", "), p, median(ttfb), p, rs[0].wireBytes, p, rs[0].csvBytes, p, rs[0].rows)
	fmt.Printf("%schunked=%t\n%scontent_type=%s\n%srss_before_kb=%d\n%speak_kb=%d\n%sgrowth_kb=%d\n%sheap_peak_kb=%s\n",
		p, rs[0].chunked, p, rs[0].contentType, p, rs[0].rssBeforeKB, p, peak, p, growth, p, heap.heap())
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// rssKB reads VmRSS, in kB, from /proc/PID/status.
func rssKB(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, fmt.Errorf("unable to read the memory of process %d: %w", pid, err)
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				return strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS for process %d", pid)
}
