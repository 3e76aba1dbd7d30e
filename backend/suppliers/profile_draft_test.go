package suppliers_test

import (
	"net/http"
	"testing"

	"github.com/fairtender/fairtender/backend/app/apptest"
)

// A profile being edited is kept on the server page by page: the owner continues from a page on
// a laptop, and the same answers are there on their phone, as typed. Another member, and anyone
// in another organisation, sees none of it: unsaved changes are the person's own to save. Saving
// the profile makes them the profile and ends the draft.
func TestTheProfileBeingEditedIsKeptForEveryDevice(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	laptop := supplier(t, p, "owner@gardens.example", "Holloway Gardens CIC", "community_interest_company")
	phone := p.Client(t)
	want(t, phone.Do("POST", "/api/v1/auth/login", map[string]any{"email": "owner@gardens.example", "password": pw}), 200)
	member := joinAsMember(t, p, laptop, "mo@gardens.example")
	other := supplier(t, p, "owner@elsewhere.example", "Elsewhere Ltd", "private_limited_company")

	r := phone.Do("GET", "/api/v1/supplier/profile/draft", nil)
	want(t, r, 200)
	if r.JSON()["exists"] != false {
		t.Fatalf("before any page is continued from: %s, want no draft", r.Body)
	}

	draft := map[string]any{"baseVersion": 0, "sections": []string{"size", "organisation-details"}, "answers": map[string]any{
		"legalName": "Holloway Gardens CIC", "staffCount": "4", "turnover": "£120,000",
		"contacts": []map[string]any{{"name": "Ana", "phone": "020 7946 0000"}}}}
	want(t, laptop.Do("PUT", "/api/v1/supplier/profile/draft", draft), 200)

	r = phone.Do("GET", "/api/v1/supplier/profile/draft", nil)
	want(t, r, 200)
	d := r.JSON()
	a := d["answers"].(map[string]any)
	if d["exists"] != true || a["turnover"] != "£120,000" || a["staffCount"] != "4" {
		t.Errorf("the same person on a phone sees %s", r.Body)
	}
	if s := d["sections"].([]any); len(s) != 2 {
		t.Errorf("sections %v, want the two continued from", s)
	}
	if r := member.Do("GET", "/api/v1/supplier/profile/draft", nil); r.JSON()["exists"] != false {
		t.Errorf("another member sees %s", r.Body)
	}
	if r := other.Do("GET", "/api/v1/supplier/profile/draft", nil); r.JSON()["exists"] != false {
		t.Errorf("another organisation sees %s", r.Body)
	}

	// A page that is not the profile's, and text with a control character, are refused by field.
	bad := map[string]any{"baseVersion": 0, "sections": []string{"bank-details"}, "answers": map[string]any{}}
	r = laptop.Do("PUT", "/api/v1/supplier/profile/draft", bad)
	want(t, r, 422)
	if r.FieldErrors()["body.sections[0]"] == "" {
		t.Errorf("field errors %v, want body.sections[0]", r.FieldErrors())
	}
	bad = map[string]any{"baseVersion": 0, "sections": []string{}, "answers": map[string]any{"town": "Lon\x00don"}}
	r = laptop.Do("PUT", "/api/v1/supplier/profile/draft", bad)
	want(t, r, 422)
	if r.FieldErrors()["body.answers.town"] == "" {
		t.Errorf("field errors %v, want body.answers.town", r.FieldErrors())
	}
	if a := phone.Do("GET", "/api/v1/supplier/profile/draft", nil).JSON()["answers"].(map[string]any); a["turnover"] != "£120,000" {
		t.Errorf("after refused saves the draft is %v, want it as it was", a)
	}

	// Saving the profile ends the saver's draft; a member's draft begun before it says so.
	want(t, member.Do("PUT", "/api/v1/supplier/profile/draft", draft), 200) // based on version 0
	want(t, put(laptop, `"0"`, profile("E09000019", 4, 12_000_000)), 200)
	if r := phone.Do("GET", "/api/v1/supplier/profile/draft", nil); r.JSON()["exists"] != false {
		t.Errorf("after saving the profile: %s, want no draft", r.Body)
	}
	if r := member.Do("GET", "/api/v1/supplier/profile/draft", nil); r.JSON()["stale"] != true {
		t.Errorf("the member's draft of version 0 after version 1 was saved: %s, want stale", r.Body)
	}
	want(t, laptop.Do("PUT", "/api/v1/supplier/profile/draft", draft), 200)
	want(t, phone.Do("DELETE", "/api/v1/supplier/profile/draft", nil), http.StatusNoContent)
	if r := laptop.Do("GET", "/api/v1/supplier/profile/draft", nil); r.JSON()["exists"] != false {
		t.Errorf("after discarding: %s, want no draft", r.Body)
	}
}
