package suppliers_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestInsuranceCertificates(t *testing.T) {
	p := apptest.Start(t, apptest.Options{Env: map[string]string{"FAIRTENDER_MAX_UPLOAD_BYTES": "65536"}})
	c := supplier(t, p, "cover@example.org", "Covered Ltd", "sole_trader")
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("certificate "), 2000)...)
	sum := sha256.Sum256(pdf)
	expires := p.Clock.Now().AddDate(0, 2, 0).Format("2006-01-02")

	r := c.DoRaw("POST", "/api/v1/supplier/insurances?kind=public_liability&amountPence=500000000&expiresOn="+expires+"&filename=PL%20cert.pdf", "application/pdf", pdf)
	want(t, r, http.StatusCreated)
	v := r.JSON()
	if v["sha256"] != hex.EncodeToString(sum[:]) || v["size"] != float64(len(pdf)) || v["filename"] != "PL cert.pdf" {
		t.Fatalf("stored certificate = %s", r.Body)
	}
	id := v["id"].(string)

	t.Run("a buyer downloads exactly what was uploaded", func(t *testing.T) {
		b := staff(t, p, "buyer@council.example", "buyer")
		d := b.Do("GET", "/api/v1/insurances/"+id+"/document", nil)
		want(t, d, 200)
		if !bytes.Equal(d.Body, pdf) || d.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("download: %d bytes, type %q", len(d.Body), d.Header.Get("Content-Type"))
		}
	})
	t.Run("another supplier cannot download it", func(t *testing.T) {
		o := supplier(t, p, "nosy@example.org", "Nosy Ltd", "sole_trader")
		want(t, o.Do("GET", "/api/v1/insurances/"+id+"/document", nil), http.StatusNotFound)
		want(t, o.Do("DELETE", "/api/v1/supplier/insurances/"+id, nil), http.StatusNotFound)
	})
	t.Run("a file over the limit is refused and nothing is kept", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 70000)
		r := c.DoRaw("POST", "/api/v1/supplier/insurances?kind=employers_liability&amountPence=1000000000&expiresOn="+expires+"&filename=big.pdf", "application/pdf", big)
		want(t, r, 422)
		if r.FieldErrors()["body.file"] == "" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
		list := c.Do("GET", "/api/v1/supplier/insurances", nil).JSON()["items"].([]any)
		if len(list) != 1 {
			t.Errorf("%d certificates after a refused upload, want 1", len(list))
		}
	})
	t.Run("the wrong kind of file and bad details are refused, each named", func(t *testing.T) {
		r := c.DoRaw("POST", "/api/v1/supplier/insurances?kind=car&amountPence=0&expiresOn=31/12/2026&filename=x.exe", "application/x-msdownload", []byte("MZ"))
		want(t, r, 422)
		for _, f := range []string{"body.kind", "body.amountPence", "body.expiresOn", "body.file"} {
			if r.FieldErrors()[f] == "" {
				t.Errorf("no error for %s: %v", f, r.FieldErrors())
			}
		}
	})

	t.Run("owners are reminded once, 30 days before it expires", func(t *testing.T) {
		n, err := p.App.Suppliers.SendInsuranceReminders(context.Background())
		if err != nil || n != 0 {
			t.Fatalf("two months before expiry: %d reminders, %v", n, err)
		}
		p.Clock.Advance(35 * 24 * time.Hour)
		if n, err := p.App.Suppliers.SendInsuranceReminders(context.Background()); err != nil || n != 1 {
			t.Fatalf("within 30 days: %d reminders, %v", n, err)
		}
		if n, _ := p.App.Suppliers.SendInsuranceReminders(context.Background()); n != 0 {
			t.Errorf("reminded again: %d", n)
		}
		var mail apptest.Email
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			for _, m := range p.Emails("cover@example.org") {
				if strings.Contains(m.Subject, "insurance expires") {
					mail = m
				}
			}
			if mail.Subject != "" {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if !strings.Contains(mail.Raw, "public liability") {
			t.Fatalf("no reminder email to the owner (subject %q)", mail.Subject)
		}
	})

	// A month on, the session has ended: sign in again.
	want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "cover@example.org", "password": pw}), 200)
	want(t, c.Do("DELETE", "/api/v1/supplier/insurances/"+id, nil), http.StatusNoContent)
	if list := c.Do("GET", "/api/v1/supplier/insurances", nil).JSON()["items"].([]any); len(list) != 0 {
		t.Errorf("%d certificates after delete", len(list))
	}
}
