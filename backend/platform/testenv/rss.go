package testenv

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// RSSGrowth runs fn and returns how far the process's resident memory (VmRSS) rose above its
// level before fn, at its peak, sampled every 20 ms: what a benchmark of many uploads at once
// reports as the server's memory. It skips tb where there is no /proc/self/status.
func RSSGrowth(tb testing.TB, fn func()) int64 {
	tb.Helper()
	// Memory freed before (a sign-in's Argon2 takes 64 MiB) goes back to the system first, or
	// the level before would count it and fn could reuse it unseen.
	debug.FreeOSMemory()
	base := rss(tb)
	var peak atomic.Int64
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if r := rss(tb); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-sampled
	return max(peak.Load()-base, 0)
}

// ConcurrentRSS runs fn(0) … fn(n-1) at once and returns RSSGrowth over them and how long they
// took together.
func ConcurrentRSS(tb testing.TB, n int, fn func(i int)) (growth int64, elapsed time.Duration) {
	tb.Helper()
	growth = RSSGrowth(tb, func() {
		start := time.Now()
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { fn(i) })
		}
		wg.Wait()
		elapsed = time.Since(start)
	})
	return growth, elapsed
}

// rss is the process's resident set size in bytes, from /proc/self/status.
func rss(tb testing.TB) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Skipf("no /proc/self/status: %v", err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
