// Command startup measures how long `fairtender serve` takes from exec to its first 200 from
// /readyz. It starts the binary -runs times against one data directory, polling every 10 ms, and
// stops it with SIGTERM after each run. The first run against an empty directory includes the
// migrations (and generating the secret key); later runs start on an already-migrated database, so
// they are reported apart.
//
// It prints KEY=VALUE lines on stdout (for deploy/bench/run.sh) and one line per run on stderr.
//
//	startup -bin bin/fairtender -data-dir /tmp/x -listen 127.0.0.1:18080 -runs 5 -log serve.log
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run() error {
	bin := flag.String("bin", "bin/fairtender", "the fairtender binary")
	dataDir := flag.String("data-dir", "", "FAIRTENDER_DATA_DIR for every run (required)")
	listen := flag.String("listen", "", "FAIRTENDER_LISTEN, 127.0.0.1:PORT (required)")
	runs := flag.Int("runs", 5, "number of start-ups")
	logFile := flag.String("log", os.DevNull, "file that collects the binary's output")
	timeout := flag.Duration("timeout", 60*time.Second, "give up on a start-up after this long")
	flag.Parse()
	if *dataDir == "" || !strings.HasPrefix(*listen, "127.0.0.1:") || *runs < 1 {
		return errors.New("need -data-dir, -listen 127.0.0.1:PORT and -runs >= 1")
	}
	logf, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("unable to open log: %w", err)
	}
	defer logf.Close()

	// An interrupted benchmark must not leave a portal running, so signals stop the current one.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)

	var times []time.Duration
	for i := range *runs {
		d, err := once(*bin, *dataDir, *listen, logf, *timeout, sig)
		if err != nil {
			return fmt.Errorf("run %d: %w (see %s)", i+1, err, *logFile)
		}
		fmt.Fprintf(os.Stderr, "startup: run %d: ready after %.1f ms\n", i+1, ms(d))
		times = append(times, d)
	}
	rest := slices.Clone(times[1:])
	slices.Sort(rest)
	parts := make([]string, len(times))
	for i, d := range times {
		parts[i] = fmt.Sprintf("%.1f", ms(d))
	}
	fmt.Printf("first_ms=%.1f\nmedian_rest_ms=%.1f\nall_ms=%s\n", ms(times[0]), ms(median(rest)), strings.Join(parts, ", "))
	return nil
}

// once starts the binary, returns the time from exec to the first 200 from /readyz, and stops it.
func once(bin, dataDir, listen string, logf *os.File, timeout time.Duration, sig <-chan os.Signal) (time.Duration, error) {
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "FAIRTENDER_DATA_DIR="+dataDir, "FAIRTENDER_LISTEN="+listen, "FAIRTENDER_LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = logf, logf
	client := &http.Client{Timeout: time.Second}
	url := "http://" + listen + "/readyz"

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("unable to start %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() error {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			return err
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			return errors.New("did not stop within 30 s of SIGTERM")
		}
	}

	for {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				elapsed := time.Since(start)
				if err := stop(); err != nil {
					return 0, fmt.Errorf("stopping: %w", err)
				}
				return elapsed, nil
			}
		}
		if time.Since(start) > timeout {
			_ = stop()
			return 0, fmt.Errorf("not ready after %s", timeout)
		}
		select {
		case err := <-exited:
			return 0, fmt.Errorf("exited before it was ready: %v", err)
		case s := <-sig:
			_ = stop()
			return 0, fmt.Errorf("interrupted by %v", s)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
