package opportunities_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestAmendmentsDocumentsAndCancellation(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_MAX_UPLOAD_BYTES": "65536"}})
	b := buyer(t, p, "amender@council.example")
	now := p.Clock.Now()
	id := create(t, b, draft(now))
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("specification "), 500)...)
	up := b.DoRaw("POST", "/api/v1/opportunity-uploads/"+id+"?filename=Specification.pdf", "application/pdf", pdf)
	want(t, up, 201)
	specID := str(up.JSON()["id"])
	want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)
	anon := p.Client(t)

	t.Run("documents are listed with their checksum and download exactly", func(t *testing.T) {
		sum := sha256.Sum256(pdf)
		docs := anon.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["documents"].([]any)
		d := docs[0].(map[string]any)
		if len(docs) != 1 || d["sha256"] != hex.EncodeToString(sum[:]) || d["current"] != true {
			t.Fatalf("documents = %v", docs)
		}
		r := anon.Do("GET", str(d["url"]), nil)
		want(t, r, 200)
		if !bytes.Equal(r.Body, pdf) || r.Header.Get("X-Checksum-SHA256") != hex.EncodeToString(sum[:]) {
			t.Errorf("download differs: %d bytes", len(r.Body))
		}
	})

	t.Run("a corrected text keeps the earlier version visible with the note", func(t *testing.T) {
		r := b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "Four schools, not three.",
			"summary": "We need a roofer to repair the roofs of four primary schools over the summer holidays."})
		want(t, r, 201)
		am := anon.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["amendments"].([]any)
		a := am[0].(map[string]any)
		ch := a["changes"].([]any)[0].(map[string]any)
		if a["number"] != float64(1) || a["note"] != "Four schools, not three." || !strings.Contains(str(ch["before"]), "three primary") ||
			!strings.Contains(str(ch["after"]), "four primary") {
			t.Fatalf("amendment = %v", a)
		}
	})

	t.Run("a deadline can move later, never earlier", func(t *testing.T) {
		later := rfc(now.Add(35 * 24 * time.Hour))
		fieldError(t, b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "Sooner", "submissionDeadline": rfc(now.Add(27 * 24 * time.Hour))}),
			"body.submissionDeadline")
		fieldError(t, b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"submissionDeadline": later}), "body.note")
		r := b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "More time for site visits.", "submissionDeadline": later})
		want(t, r, 201)
		if got := r.JSON()["timeLeftText"]; got != "35 days to bid" {
			t.Errorf("timeLeftText = %v", got)
		}
	})

	t.Run("a replaced document stays listed as superseded", func(t *testing.T) {
		v2 := append(pdf, []byte("version 2")...)
		fieldError(t, b.DoRaw("POST", "/api/v1/opportunity-uploads/"+id+"?filename=Specification-v2.pdf&replaces="+specID, "application/pdf", v2), "body.note")
		r := b.DoRaw("POST", "/api/v1/opportunity-uploads/"+id+"?filename=Specification-v2.pdf&note=Corrected%20floor%20plans&replaces="+specID, "application/pdf", v2)
		want(t, r, 201)
		v := anon.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()
		docs := v["documents"].([]any)
		if len(docs) != 2 || docs[0].(map[string]any)["current"] != false || docs[1].(map[string]any)["replacesId"] != specID {
			t.Fatalf("documents = %v", docs)
		}
		am := v["amendments"].([]any)
		if last := am[len(am)-1].(map[string]any); last["kind"] != "document" || last["note"] != "Corrected floor plans" {
			t.Errorf("last amendment = %v", last)
		}
		want(t, b.Do("DELETE", "/api/v1/opportunities/"+id+"/documents/"+specID, nil), 409)
	})

	t.Run("a published opportunity cannot be edited as a draft", func(t *testing.T) {
		b.Header = map[string]string{"If-Match": `"1"`}
		defer func() { b.Header = nil }()
		want(t, b.Do("PUT", "/api/v1/opportunities/"+id, draft(now)), 409)
	})

	t.Run("cancelling needs a reason, and a cancelled opportunity cannot be amended", func(t *testing.T) {
		fieldError(t, b.Do("POST", "/api/v1/opportunities/"+id+"/cancel", map[string]any{"reason": " "}), "body.reason")
		r := b.Do("POST", "/api/v1/opportunities/"+id+"/cancel", map[string]any{"reason": "The schools will be rebuilt instead."})
		want(t, r, 200)
		if v := r.JSON(); v["status"] != "cancelled" || v["cancelReason"] != "The schools will be rebuilt instead." {
			t.Fatalf("cancelled = %s", r.Body)
		}
		want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/amendments", map[string]any{"note": "x", "title": "New"}), 409)
		want(t, b.DoRaw("POST", "/api/v1/opportunity-uploads/"+id+"?filename=x.pdf&note=x", "application/pdf", pdf), 409)
		want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/cancel", map[string]any{"reason": "Again"}), 409)
	})

	t.Run("a closed opportunity cannot be amended", func(t *testing.T) {
		other := create(t, b, draft(now))
		want(t, b.Do("POST", "/api/v1/opportunities/"+other+"/publish", nil), 200)
		p.Clock.Advance(31 * 24 * time.Hour)
		want(t, b.Do("POST", "/api/v1/auth/login", map[string]any{"email": "amender@council.example", "password": pw}), 200)
		v := anon.Do("GET", "/api/v1/opportunities/"+other, nil).JSON()
		if v["status"] != "closed" || v["timeLeftText"] != "Closed to bids" {
			t.Fatalf("after the deadline: %v %v", v["status"], v["timeLeftText"])
		}
		r := b.Do("POST", "/api/v1/opportunities/"+other+"/amendments", map[string]any{"note": "Later", "submissionDeadline": rfc(p.Clock.Now().Add(10 * 24 * time.Hour))})
		want(t, r, 409)
		want(t, b.DoRaw("POST", "/api/v1/opportunity-uploads/"+other+"?filename=late.pdf&note=late", "application/pdf", pdf), 409)
	})

	t.Run("uploads are checked", func(t *testing.T) {
		d := create(t, b, draft(p.Clock.Now()))
		fieldError(t, b.DoRaw("POST", "/api/v1/opportunity-uploads/"+d+"?filename=virus.exe", "application/x-msdownload", []byte("MZ")), "body.file")
		fieldError(t, b.DoRaw("POST", "/api/v1/opportunity-uploads/"+d+"?filename=big.pdf", "application/pdf", bytes.Repeat([]byte("x"), 70000)), "body.file")
		r := b.DoRaw("POST", "/api/v1/opportunity-uploads/"+d+"?filename=draft.pdf", "application/pdf", pdf)
		want(t, r, 201)
		doc := str(r.JSON()["id"])
		want(t, anon.Do("GET", "/api/v1/opportunities/"+d+"/documents/"+doc, nil), 404)
		want(t, b.Do("DELETE", "/api/v1/opportunities/"+d+"/documents/"+doc, nil), 204)
		want(t, b.Do("GET", "/api/v1/opportunities/"+d+"/documents/"+doc, nil), 404)
	})
}
