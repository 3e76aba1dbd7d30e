package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/audit"
)

func TestAuditVerifyExpectHead(t *testing.T) {
	db := setup(t)
	for _, email := range []string{"one@council.example", "two@council.example", "three@council.example"} {
		if _, err := runCmd(t, "granite puffin orchard\n", "admin", "create-user", "--email", email, "--name", "Officer", "--role", "buyer", "--password-stdin"); err != nil {
			t.Fatal(err)
		}
	}
	l := audit.New(db, time.Now)
	h, err := l.Head(context.Background())
	if err != nil || h.Count != 3 {
		t.Fatalf("head %+v, %v; want 3 entries", h, err)
	}

	for _, expect := range []string{h.String(), h.Hash} {
		out, err := runCmd(t, "", "audit", "verify", "--expect-head", expect)
		if err != nil || !strings.Contains(out, "3 entries checked; it still holds the expected head") {
			t.Errorf("verify --expect-head %s: %q, %v", expect, out, err)
		}
	}
	if _, err := runCmd(t, "", "audit", "verify", "--expect-head", "3:not-a-hash"); err == nil || !strings.Contains(err.Error(), "64-digit") {
		t.Errorf("a malformed head: got %v, want it refused", err)
	}

	// Someone deletes the newest entry: the rest is still a valid chain.
	if err := db.Gorm.Exec("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)").Error; err != nil {
		t.Fatal(err)
	}
	if out, err := runCmd(t, "", "audit", "verify"); err != nil || !strings.Contains(out, "intact: 2 entries") {
		t.Fatalf("verify without a head: %q, %v (a shortened chain is still intact)", out, err)
	}
	for _, expect := range []string{h.String(), h.Hash} {
		_, err := runCmd(t, "", "audit", "verify", "--expect-head", expect)
		var missing *audit.HeadMissingError
		if !errors.As(err, &missing) || !strings.Contains(err.Error(), "deleted") {
			t.Errorf("verify --expect-head %s after deleting the newest entry: got %v, want a clear failure", expect, err)
		}
	}
}

func TestAuditHeadOnReadyz(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	if err := p.App.Audit.RecordNow(context.Background(), audit.Event{ActorID: "system", Action: "test.event"}); err != nil {
		t.Fatal(err)
	}
	want, err := p.App.Audit.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(p.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Ready   bool
		Checks  map[string]string
		Details struct{ Audit audit.Head }
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if !body.Ready || body.Checks["audit"] != "ok" || body.Details.Audit != want || want.Count < 1 {
		t.Errorf("readyz = %+v, want ready with details.audit = %+v", body, want)
	}
}

func TestServeLogsTheAuditHead(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	waitReady(t, p.URL, 60*time.Second)
	ctx := context.Background()
	var buf apptest.SafeBuffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	record := func() {
		if err := p.App.Audit.RecordNow(ctx, audit.Event{ActorID: "system", Action: "test.event"}); err != nil {
			t.Fatal(err)
		}
	}
	record()
	first, _ := p.App.Audit.Head(ctx)
	stop := logAuditHeads(ctx, p.App.Audit, log, 20*time.Millisecond)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(buf.String(), `"when":"interval"`) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	record()
	last, _ := p.App.Audit.Head(ctx)
	stop()
	lines := map[string]string{}
	for _, line := range bytes.Split([]byte(buf.String()), []byte("\n")) {
		var e struct {
			Msg       string `json:"msg"`
			When      string `json:"when"`
			AuditHead string `json:"audit_head"`
		}
		if json.Unmarshal(line, &e) == nil && e.Msg == "audit chain head" {
			lines[e.When] = e.AuditHead
		}
	}
	if lines["start-up"] != first.String() || lines["interval"] == "" || lines["shutdown"] != last.String() {
		t.Errorf("got heads %v, want start-up %s, an interval one and shutdown %s", lines, first, last)
	}
}

func TestServeSweepsUploadsACrashLeft(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	waitReady(t, p.URL, 60*time.Second) // a portal stopped before it started reports an error
	crashed := filepath.Join(p.DataDir, "documents", "tmp", "put-crashed")
	if err := os.WriteFile(crashed, []byte("half an upload"), 0o600); err != nil {
		t.Fatal(err)
	}
	ago := time.Now().Add(-2 * time.Second)
	if err := os.Chtimes(crashed, ago, ago); err != nil {
		t.Fatal(err)
	}
	var buf apptest.SafeBuffer
	// The portal is running (its heartbeat checks the store is writable with a temporary file
	// of its own), so the sweep takes files older than a second, as a start-up's would be.
	if err := sweepCrashedUploads(p.App.Blobs, time.Now().Add(-time.Second), slog.New(slog.NewJSONHandler(&buf, nil))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(crashed); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the crashed upload's file: got %v, want it removed at start-up", err)
	}
	if !strings.Contains(buf.String(), `"files":1`) {
		t.Errorf("log %q does not say one file was removed", buf.String())
	}
}
