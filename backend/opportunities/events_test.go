package opportunities_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// refuser refuses every publication of the opportunities in refuse.
type refuser struct{ refuse map[string]bool }

func (r *refuser) CheckOpportunityChange(_ context.Context, _ *gorm.DB, e opportunities.Event) error {
	if e.Kind == opportunities.EventPublished && r.refuse[e.OpportunityID] {
		return apperr.New(apperr.Conflict, "Refused by the test check")
	}
	return nil
}

// recorder notes the events it hears, and fails those in fail.
type recorder struct {
	mu   sync.Mutex
	got  []opportunities.Event
	fail map[string]bool
}

func (r *recorder) OpportunityChanged(_ context.Context, _ *gorm.DB, e opportunities.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail[e.OpportunityID] {
		return errors.New("reaction failed")
	}
	r.got = append(r.got, e)
	return nil
}

func (r *recorder) heard(id string) []opportunities.EventKind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []opportunities.EventKind
	for _, e := range r.got {
		if e.OpportunityID == id {
			out = append(out, e.Kind)
		}
	}
	return out
}

func TestLifecycleChecksAndReactions(t *testing.T) {
	for _, order := range []string{"reaction wired first", "check wired first"} {
		t.Run("a refusing check stops the publication: "+order, func(t *testing.T) {
			p := apptest.Start(t, apptest.Options{})
			b := buyer(t, p, "buyer@council.example")
			chk, rec := &refuser{refuse: map[string]bool{}}, &recorder{}
			if order == "reaction wired first" {
				p.App.Opportunities.AddReaction(rec)
				p.App.Opportunities.AddCheck(chk)
			} else {
				p.App.Opportunities.AddCheck(chk)
				p.App.Opportunities.AddReaction(rec)
			}
			id := create(t, b, draft(p.Clock.Now()))
			chk.refuse[id] = true
			want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 409)
			if got := b.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["status"]; got != "draft" {
				t.Errorf("status after a refusal = %v, want draft", got)
			}
			if got := rec.heard(id); len(got) != 0 {
				t.Errorf("reaction heard %v of a refused publication, want nothing", got)
			}
			ok := create(t, b, draft(p.Clock.Now()))
			want(t, b.Do("POST", "/api/v1/opportunities/"+ok+"/publish", nil), 200)
			if got := rec.heard(ok); len(got) != 1 || got[0] != opportunities.EventPublished {
				t.Errorf("reaction heard %v of an allowed publication, want [published]", got)
			}
		})
	}

	t.Run("a failing reaction rolls the publication back", func(t *testing.T) {
		p := apptest.Start(t, apptest.Options{})
		b := buyer(t, p, "buyer@council.example")
		rec := &recorder{fail: map[string]bool{}}
		p.App.Opportunities.AddReaction(rec)
		id := create(t, b, draft(p.Clock.Now()))
		rec.fail[id] = true
		if r := b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil); r.Status < 500 {
			t.Fatalf("publish with a failing reaction: status %d, want 5xx; body %s", r.Status, r.Body)
		}
		if got := b.Do("GET", "/api/v1/opportunities/"+id, nil).JSON()["status"]; got != "draft" {
			t.Errorf("status after a failed reaction = %v, want draft", got)
		}
		if got := p.Client(t).Do("GET", "/api/v1/opportunities/"+id, nil).Status; got != 404 {
			t.Errorf("the public sees the rolled-back opportunity: status %d, want 404", got)
		}
	})
}

// hider hides the documents of the opportunities in hide from everyone outside the council.
type hider struct {
	why  string
	hide map[string]bool
}

func (h *hider) DocumentsHidden(_ context.Context, _ *auth.Principal, id string) (bool, string, error) {
	return h.hide[id], h.why, nil
}

func TestDocumentGates(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	b := buyer(t, p, "buyer@council.example")
	first, second := &hider{why: "first gate", hide: map[string]bool{}}, &hider{why: "second gate", hide: map[string]bool{}}
	p.App.Opportunities.AddDocumentGate(first)
	p.App.Opportunities.AddDocumentGate(second)
	open, byFirst, bySecond := create(t, b, draft(p.Clock.Now())), create(t, b, draft(p.Clock.Now())), create(t, b, draft(p.Clock.Now()))
	for _, id := range []string{open, byFirst, bySecond} {
		want(t, b.Do("POST", "/api/v1/opportunities/"+id+"/publish", nil), 200)
	}
	first.hide[byFirst], second.hide[bySecond] = true, true
	anon := p.Client(t)
	for _, c := range []struct{ name, id, why string }{
		{"no gate objects: documents are shown", open, ""},
		{"the first gate hides, the second has no say: hidden", byFirst, "first gate"},
		{"the second gate hides, the first has no say: hidden", bySecond, "second gate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := anon.Do("GET", "/api/v1/opportunities/"+c.id, nil)
			want(t, r, 200)
			if got, _ := r.JSON()["documentsHiddenReason"].(string); got != c.why {
				t.Errorf("documentsHiddenReason = %q, want %q", got, c.why)
			}
			if got := b.Do("GET", "/api/v1/opportunities/"+c.id, nil).JSON()["documentsHiddenReason"]; got != nil {
				t.Errorf("council staff told %v, want documents shown", got)
			}
		})
	}
}
