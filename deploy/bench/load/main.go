// Command load is the HTTP load generator behind deploy/bench/run.sh. It keeps a fixed number of
// clients busy against one URL on 127.0.0.1 for a warm-up and then a measured window, and reports
// requests per second, latency percentiles and errors. While it runs it can sample another
// process's resident memory, so the peak under load is seen by the same clock as the load.
//
// It prints its results as KEY=VALUE lines on stdout (for the script) and a one-line summary on
// stderr (for people). Any non-200 answer, transport error or unexpected body counts as an error,
// and any error makes it exit with status 1: a benchmark of failing requests measures nothing.
//
//	FT_BENCH_TOKEN=… load -url http://127.0.0.1:8080/api/v1/me -c 50 -warmup 2s -duration 10s -rss-pid 1234
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	target := fs.String("url", "", "URL to GET; its host must be 127.0.0.1")
	clients := fs.Int("c", 50, "concurrent clients")
	warmup := fs.Duration("warmup", 2*time.Second, "load before measuring, not counted")
	duration := fs.Duration("duration", 10*time.Second, "measured window")
	tokenEnv := fs.String("token-env", "FT_BENCH_TOKEN", "environment variable holding a bearer token (empty value: no Authorization header)")
	expectFile := fs.String("expect-body", "", "file holding the exact body every answer must have (empty: not checked)")
	rssPID := fs.Int("rss-pid", 0, "process whose VmRSS is sampled every 100 ms during the load (0: none)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkTarget(*target); err != nil {
		return err
	}
	if *clients < 1 || *duration <= 0 || *warmup < 0 {
		return errors.New("need -c >= 1, -duration > 0 and -warmup >= 0")
	}
	var want []byte
	if *expectFile != "" {
		b, err := os.ReadFile(*expectFile)
		if err != nil {
			return fmt.Errorf("unable to read expected body: %w", err)
		}
		want = b
	}
	token := os.Getenv(*tokenEnv)

	// Compression is off so the portal and the bare server send the same bytes; keep-alive
	// connections, one per client, so the figure is the handler's cost and not TCP set-up.
	transport := &http.Transport{
		MaxIdleConns:        *clients * 2,
		MaxIdleConnsPerHost: *clients * 2,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}

	start := time.Now()
	measureFrom := start.Add(*warmup)
	stopAt := measureFrom.Add(*duration)

	ctx, cancel := context.WithCancel(context.Background())
	rss := make(chan int64, 1)
	go func() { rss <- sampleRSS(ctx, *rssPID) }()

	var (
		errCount  atomic.Int64
		firstErr  atomic.Value
		wg        sync.WaitGroup
		latencies = make([][]time.Duration, *clients)
	)
	fail := func(err error) {
		errCount.Add(1)
		firstErr.CompareAndSwap(nil, err.Error())
	}
	for i := range *clients {
		wg.Go(func() {
			buf := bytes.NewBuffer(make([]byte, 0, 4096))
			for {
				t0 := time.Now()
				if !t0.Before(stopAt) {
					return
				}
				req, err := http.NewRequest(http.MethodGet, *target, nil)
				if err != nil {
					fail(err)
					return
				}
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := client.Do(req)
				if err != nil {
					fail(err)
					continue
				}
				buf.Reset()
				_, err = buf.ReadFrom(resp.Body)
				resp.Body.Close()
				elapsed := time.Since(t0)
				switch {
				case err != nil:
					fail(fmt.Errorf("reading body: %w", err))
				case resp.StatusCode != http.StatusOK:
					fail(fmt.Errorf("status %d: %.200s", resp.StatusCode, buf.Bytes()))
				case want != nil && !bytes.Equal(buf.Bytes(), want):
					fail(fmt.Errorf("unexpected body: %.200s", buf.Bytes()))
				case !t0.Before(measureFrom):
					latencies[i] = append(latencies[i], elapsed)
				}
			}
		})
	}
	wg.Wait()
	cancel()
	peak := <-rss

	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	slices.Sort(all)
	rps := float64(len(all)) / duration.Seconds()
	p50, p99 := percentile(all, 50), percentile(all, 99)

	fmt.Printf("requests=%d\nrps=%.0f\np50_ms=%.2f\np99_ms=%.2f\nerrors=%d\npeak_rss_kb=%d\n",
		len(all), rps, ms(p50), ms(p99), errCount.Load(), peak)
	fmt.Fprintf(os.Stderr, "load: %s: %d clients, %s: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors, peak RSS %d kB\n",
		*target, *clients, *duration, len(all), rps, ms(p50), ms(p99), errCount.Load(), peak)
	if n := errCount.Load(); n > 0 {
		return fmt.Errorf("%d requests failed; first: %v", n, firstErr.Load())
	}
	if len(all) == 0 {
		return errors.New("no request completed in the measured window")
	}
	return nil
}

// checkTarget refuses anything but plain http on 127.0.0.1, so a mistyped URL cannot turn the
// benchmark into load on someone else's server.
func checkTarget(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad -url: %w", err)
	}
	if u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("-url must be http://127.0.0.1:PORT/…, got %q", raw)
	}
	return nil
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// sampleRSS returns the largest VmRSS (kB) of pid seen every 100 ms until ctx ends.
func sampleRSS(ctx context.Context, pid int) int64 {
	if pid == 0 {
		return 0
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var peak int64
	for {
		if kb, err := readRSS(pid); err == nil {
			peak = max(peak, kb)
		}
		select {
		case <-ctx.Done():
			return peak
		case <-tick.C:
		}
	}
}

func readRSS(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, io.ErrUnexpectedEOF
}
