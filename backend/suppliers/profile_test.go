package suppliers_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

const pw = apptest.Password

func want(t *testing.T, r *apptest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

// supplier creates a verified supplier organisation and signs its owner in.
func supplier(t *testing.T, p *apptest.Portal, email, org, form string) *apptest.Client {
	t.Helper()
	return p.Supplier(t, accounts.RegisterInput{Email: email, OrganisationName: org, LegalForm: form, Name: "Owner of " + org})
}

func staff(t *testing.T, p *apptest.Portal, email, role string) *apptest.Client {
	t.Helper()
	return p.Staff(t, accounts.CreateUserInput{Email: email, Name: "Staff", Role: role})
}

func profile(la string, staffCount int, turnover int64) map[string]any {
	return map[string]any{
		"legalForm": "private_limited_company", "legalName": "Holloway Handyman Ltd", "tradingName": "Holloway Handyman",
		"companiesHouseNumber": "1234567", "charityNumber": "", "oscrNumber": "", "fcaNumber": "", "vatNumber": "",
		"addressLine1": "1 Upper Street", "addressLine2": "", "town": "London", "postcode": "n1 0pn", "localAuthorityCode": la,
		"staffCount": staffCount, "turnoverPence": turnover, "description": "Repairs and maintenance for homes and schools.",
		"employeeOwned": false, "socialEnterprise": false, "assetLock": false,
		"cpvCodes": []string{"50700000-2", "45000000-7"}, "accreditations": []string{"Cyber Essentials", "cyber essentials"},
		"contacts": []map[string]any{{"name": "Priya Shah", "jobTitle": "Director", "email": "Priya@Example.org", "phone": "020 7527 2000"}},
	}
}

func put(c *apptest.Client, etag string, body any) *apptest.Response {
	c.Header = map[string]string{"If-Match": etag}
	defer func() { c.Header = nil }()
	return c.Do("PUT", "/api/v1/supplier/profile", body)
}

func TestProfileIsSavedAndClassifiedWithReasons(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := supplier(t, p, "owner@holloway.example", "Holloway Handyman Ltd", "private_limited_company")

	first := c.Do("GET", "/api/v1/supplier/profile", nil)
	want(t, first, 200)
	if first.Header.Get("ETag") != `"0"` || first.JSON()["complete"] != false {
		t.Fatalf("new profile: etag %q, %s", first.Header.Get("ETag"), first.Body)
	}

	r := put(c, `"0"`, profile("E09000007", 12, 150_000_000))
	want(t, r, 200)
	v := r.JSON()
	class := v["classification"].(map[string]any)
	if class["size"] != "small" || class["vcse"] != false || class["locality"] != "sub_regional" {
		t.Fatalf("classification = %v", class)
	}
	for _, k := range []string{"sizeReason", "vcseReason", "localityReason"} {
		if s, _ := class[k].(string); s == "" {
			t.Errorf("%s is empty: the supplier is not told why", k)
		}
	}
	if !strings.Contains(class["localityReason"].(string), "Camden") {
		t.Errorf("locality reason %q does not name Camden", class["localityReason"])
	}
	if v["companiesHouseNumber"] != "01234567" || v["postcode"] != "N1 0PN" {
		t.Errorf("numbers not normalised: %v %v", v["companiesHouseNumber"], v["postcode"])
	}
	if accs := v["accreditations"].([]any); len(accs) != 1 {
		t.Errorf("accreditations = %v, want one (duplicates merged)", accs)
	}
	contact := v["contacts"].([]any)[0].(map[string]any)
	if contact["phone"] != "+442075272000" {
		t.Errorf("phone = %v", contact["phone"])
	}
	if r.Header.Get("ETag") != `"1"` {
		t.Errorf("ETag after first save = %q", r.Header.Get("ETag"))
	}
	if v["complete"] != false {
		t.Errorf("complete before declarations: %v (missing %v)", v["complete"], v["missing"])
	}

	t.Run("a second save from a stale page gets 412 and overwrites nothing", func(t *testing.T) {
		colleague := profile("E09000019", 12, 150_000_000)
		colleague["description"] = "Changed by a colleague"
		want(t, put(c, `"1"`, colleague), 200)
		stale := profile("E09000007", 300, 150_000_000)
		r := put(c, `"1"`, stale)
		want(t, r, http.StatusPreconditionFailed)
		if !strings.Contains(r.JSON()["detail"].(string), "Reload") {
			t.Errorf("detail = %q: the person is not told to reload", r.JSON()["detail"])
		}
		now := c.Do("GET", "/api/v1/supplier/profile", nil).JSON()
		if now["description"] != "Changed by a colleague" || now["staffCount"] != float64(12) {
			t.Fatalf("the stale save overwrote the colleague's: %v", now["description"])
		}
	})
	t.Run("a save without If-Match is refused", func(t *testing.T) {
		want(t, c.Do("PUT", "/api/v1/supplier/profile", profile("E09000019", 1, 1)), http.StatusPreconditionRequired)
	})
	t.Run("unchanged phone keeps its history, a changed one starts again", func(t *testing.T) {
		cur := c.Do("GET", "/api/v1/supplier/profile", nil)
		body := profile("E09000019", 12, 150_000_000)
		id := cur.JSON()["contacts"].([]any)[0].(map[string]any)["id"]
		since := cur.JSON()["contactDetails"].([]any)[0].(map[string]any)["phoneSince"]
		body["contacts"] = []map[string]any{{"id": id, "name": "Priya Shah", "jobTitle": "MD", "email": "priya@example.org", "phone": "020 7527 2000"}}
		r := put(c, cur.Header.Get("ETag"), body)
		want(t, r, 200)
		if got := r.JSON()["contactDetails"].([]any)[0].(map[string]any)["phoneSince"]; got != since {
			t.Errorf("phoneSince changed from %v to %v for the same number", since, got)
		}
		p.Clock.Advance(1e9)
		body["contacts"] = []map[string]any{{"id": id, "name": "Priya Shah", "jobTitle": "MD", "email": "priya@example.org", "phone": "07700 900123"}}
		r = put(c, r.Header.Get("ETag"), body)
		want(t, r, 200)
		if got := r.JSON()["contactDetails"].([]any)[0].(map[string]any)["phoneSince"]; got == since {
			t.Errorf("phoneSince kept for a new number")
		}
	})
}

func TestProfileBadInputNamesEachField(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := supplier(t, p, "bad@example.org", "Bad Input Ltd", "private_limited_company")
	body := profile("E09000019", -1, -5)
	body["companiesHouseNumber"] = "XX12"
	body["postcode"] = "NOT A POSTCODE"
	body["vatNumber"] = "GB123456789"
	body["cpvCodes"] = []string{"99999999-9"}
	body["localAuthorityCode"] = "E99999999"
	body["contacts"] = []map[string]any{{"name": "", "jobTitle": "", "email": "x", "phone": "12"}}
	r := put(c, `"0"`, body)
	want(t, r, 422)
	errs := r.FieldErrors()
	if errs["body.postcode"] != "Enter a real postcode, like N1 9GU" {
		t.Errorf("postcode error = %q", errs["body.postcode"])
	}
	for _, f := range []string{"body.companiesHouseNumber", "body.postcode", "body.vatNumber", "body.cpvCodes[0]", "body.localAuthorityCode",
		"body.staffCount", "body.turnoverPence", "body.contacts[0].name", "body.contacts[0].email", "body.contacts[0].phone"} {
		if errs[f] == "" {
			t.Errorf("no error for %s; got %v", f, errs)
		}
	}
	if got := c.Do("GET", "/api/v1/supplier/profile", nil).Header.Get("ETag"); got != `"0"` {
		t.Errorf("a refused save changed the profile: ETag %s", got)
	}
}

func TestDeclarations(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := supplier(t, p, "decl@example.org", "Angel Care CIC", "community_interest_company")
	answers := []map[string]any{
		{"standard": "london_living_wage", "answer": "yes", "evidence": "Accredited employer since 2019"},
		{"standard": "no_blacklisting", "answer": "yes"}, {"standard": "modern_slavery", "answer": "yes"},
		{"standard": "ethical_care_charter", "answer": "not_applicable"}, {"standard": "end_violence_at_work", "answer": "no"},
		{"standard": "safer_urban_driving", "answer": "not_applicable"},
	}
	r := c.Do("PUT", "/api/v1/supplier/declarations", map[string]any{"declarations": answers})
	want(t, r, 200)
	for _, d := range r.JSON()["declarations"].([]any) {
		d := d.(map[string]any)
		if d["answer"] == "" || d["declaredBy"] != "Owner of Angel Care CIC" || d["declaredAt"] == nil {
			t.Errorf("declaration %v lacks answer, who or when", d)
		}
	}
	t.Run("not applicable is refused where the standard applies to everyone", func(t *testing.T) {
		r := c.Do("PUT", "/api/v1/supplier/declarations", map[string]any{"declarations": []map[string]any{{"standard": "london_living_wage", "answer": "not_applicable"}}})
		want(t, r, 422)
		if r.FieldErrors()["body.declarations[0].answer"] == "" {
			t.Errorf("errors = %v", r.FieldErrors())
		}
	})
	t.Run("buyers see the declarations on the supplier's record", func(t *testing.T) {
		b := staff(t, p, "buyer@council.example", "buyer")
		org := c.Do("GET", "/api/v1/me", nil).JSON()["organisations"].([]any)[0].(map[string]any)["id"].(string)
		r := b.Do("GET", "/api/v1/suppliers/"+org, nil)
		want(t, r, 200)
		if !strings.Contains(string(r.Body), "Accredited employer since 2019") {
			t.Errorf("buyer's view lacks the evidence: %s", r.Body)
		}
	})
}

// A sole trader who employs nobody pays a wage to no one: the London Living Wage "does not apply"
// to them, where it must be answered yes or no by anyone with staff.
func TestAStandardAboutStaffDoesNotApplyToASoleTraderWithNone(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := supplier(t, p, "sam@decorator.example", "Sam Decorates", "sole_trader")
	solo := profile("E09000019", 0, 3_000_000)
	solo["legalForm"], solo["legalName"], solo["companiesHouseNumber"] = "sole_trader", "Sam Decorates", ""
	want(t, put(c, `"0"`, solo), 200)
	llw := func() map[string]any {
		for _, d := range c.Do("GET", "/api/v1/supplier/profile", nil).JSON()["declarations"].([]any) {
			if d := d.(map[string]any); d["standard"] == "london_living_wage" {
				return d
			}
		}
		t.Fatal("no London Living Wage declaration")
		return nil
	}
	if llw()["notApplicableAllowed"] != true {
		t.Fatalf("with no staff: %v, want does not apply offered", llw())
	}
	want(t, c.Do("PUT", "/api/v1/supplier/declarations", map[string]any{"declarations": []map[string]any{{"standard": "london_living_wage", "answer": "not_applicable"}}}), 200)

	// Taking on two people makes it apply again.
	two := profile("E09000019", 2, 3_000_000)
	two["legalForm"], two["legalName"], two["companiesHouseNumber"] = "sole_trader", "Sam Decorates", ""
	want(t, put(c, `"1"`, two), 200)
	if llw()["notApplicableAllowed"] != false {
		t.Errorf("with two staff: %v, want yes or no only", llw())
	}
	r := c.Do("PUT", "/api/v1/supplier/declarations", map[string]any{"declarations": []map[string]any{{"standard": "london_living_wage", "answer": "not_applicable"}}})
	want(t, r, 422)
	if msg := r.FieldErrors()["body.declarations[0].answer"]; !strings.Contains(msg, "employs anyone") {
		t.Errorf("message %q, want it to say why", msg)
	}
}

func TestSupplierCannotSeeAnotherOrganisation(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	a := supplier(t, p, "a@example.org", "A Ltd", "sole_trader")
	supplier(t, p, "b@example.org", "B Ltd", "sole_trader")
	var other string
	p.App.DB.Gorm.Table("organisations").Where("name = ?", "B Ltd").Pluck("id", &other)
	want(t, a.Do("GET", "/api/v1/supplier/profile?organisationId="+other, nil), http.StatusForbidden)
	want(t, a.Do("GET", "/api/v1/suppliers/"+other, nil), http.StatusForbidden)
}

func TestBuyerListFiltersCountsAndCSV(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	mk := func(email, org, form, la string, staffN int, turnover int64, cpv string) {
		c := supplier(t, p, email, org, form)
		body := profile(la, staffN, turnover)
		body["legalForm"], body["legalName"], body["cpvCodes"] = form, org, []string{cpv}
		if form != "private_limited_company" {
			body["companiesHouseNumber"] = ""
		}
		if form == "community_interest_company" {
			body["companiesHouseNumber"] = "07654321"
		}
		want(t, put(c, `"0"`, body), 200)
	}
	mk("one@example.org", "=Local Micro Ltd", "private_limited_company", "E09000019", 3, 10_000_000, "45000000-7")
	mk("two@example.org", "Camden Café CIC", "community_interest_company", "E09000007", 20, 50_000_000, "85000000-9")
	mk("three@example.org", "Manchester Big Ltd", "private_limited_company", "E08000003", 900, 9_000_000_000, "45200000-9")
	b := staff(t, p, "buyer@council.example", "buyer")

	all := b.Do("GET", "/api/v1/suppliers", nil)
	want(t, all, 200)
	l := all.JSON()
	if l["total"] != float64(3) {
		t.Fatalf("total = %v", l["total"])
	}
	counts := l["counts"].(map[string]any)
	if counts["vcse"] != float64(1) || counts["size"].(map[string]any)["micro"] != float64(1) || counts["locality"].(map[string]any)["sub_regional"] != float64(1) {
		t.Errorf("counts = %v", counts)
	}
	for query, wantN := range map[string]float64{"vcse=true": 1, "locality=local": 1, "sme=true": 2, "size=large": 1, "cpv=45000000-7": 2, "cpv=45200000-9": 1, "q=camden": 1} {
		r := b.Do("GET", "/api/v1/suppliers?"+query, nil)
		want(t, r, 200)
		if got := r.JSON()["total"]; got != wantN {
			t.Errorf("%s: total %v, want %v", query, got, wantN)
		}
	}
	want(t, b.Do("GET", "/api/v1/suppliers?cpv=banana", nil), 422)
	t.Run("a CPV code with a wrong check digit is refused, naming the parameter", func(t *testing.T) {
		for _, path := range []string{"/api/v1/suppliers?cpv=45200000-8", "/api/v1/suppliers/export.csv?cpv=45200000-8"} {
			r := b.Do("GET", path, nil)
			want(t, r, 422)
			if !hasFieldError(r, "cpv", "45200000-9") {
				t.Errorf("%s: errors = %v, want one for cpv naming the right code 45200000-9", path, r.FieldErrors())
			}
		}
	})

	csvResp := b.Do("GET", "/api/v1/suppliers/export.csv?sme=true", nil)
	want(t, csvResp, 200)
	if !strings.HasPrefix(csvResp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("Content-Type = %q", csvResp.Header.Get("Content-Type"))
	}
	t.Run("the CSV file is what Excel and RFC 4180 expect", func(t *testing.T) {
		body := string(csvResp.Body)
		if !strings.HasPrefix(body, "\ufeffOrganisation ID,") {
			t.Errorf("the export does not start with a UTF-8 byte order mark and the header: %q", body[:min(len(body), 20)])
		}
		if !strings.HasSuffix(body, "\r\n") || strings.Count(body, "\n") != strings.Count(body, "\r\n") {
			t.Errorf("lines do not all end CRLF: %q", body)
		}
		if !strings.Contains(body, "Turnover (\u00a3)") || !strings.Contains(body, "Camden Caf\u00e9 CIC") {
			t.Errorf("£ or é is not written as UTF-8: %q", body)
		}
	})
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(csvResp.Body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d CSV rows, want a header and 2 suppliers:\n%s", len(rows), csvResp.Body)
	}
	if rows[1][1] != "'=Local Micro Ltd" && rows[2][1] != "'=Local Micro Ltd" {
		t.Errorf("a name starting with = is not defused against spreadsheet formulas: %v", rows)
	}
	t.Run("suppliers cannot list suppliers", func(t *testing.T) {
		c := p.Client(t)
		want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "one@example.org", "password": pw}), 200)
		want(t, c.Do("GET", "/api/v1/suppliers", nil), http.StatusForbidden)
		want(t, c.Do("GET", "/api/v1/suppliers/export.csv", nil), http.StatusForbidden)
	})
	t.Run("an organisation closed with its last member's account is no longer listed", func(t *testing.T) {
		c := p.Client(t)
		want(t, c.Do("POST", "/api/v1/auth/login", map[string]any{"email": "two@example.org", "password": pw}), 200)
		want(t, c.Do("POST", "/api/v1/me/delete", map[string]any{"password": pw}), 200)
		r := b.Do("GET", "/api/v1/suppliers", nil)
		want(t, r, 200)
		if r.JSON()["total"] != float64(2) || r.JSON()["counts"].(map[string]any)["vcse"] != float64(0) || strings.Contains(string(r.Body), "Camden") {
			t.Errorf("after Camden Café CIC closed the list is %s; want the 2 open suppliers only", r.Body)
		}
		csvResp := b.Do("GET", "/api/v1/suppliers/export.csv", nil)
		want(t, csvResp, 200)
		if strings.Contains(string(csvResp.Body), "Camden") || strings.Count(string(csvResp.Body), "\r\n") != 3 {
			t.Errorf("after Camden Café CIC closed the CSV is %q; want a header and the 2 open suppliers", csvResp.Body)
		}
	})
}

func TestReferenceData(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	c := p.Client(t)
	r := c.Do("GET", "/api/v1/cpv?q=cleaning&limit=50", nil)
	want(t, r, 200)
	if !strings.Contains(string(r.Body), "90910000-9") {
		t.Errorf("cleaning search lacks 90910000-9")
	}
	r = c.Do("GET", "/api/v1/postcodes/N7%209GU", nil)
	want(t, r, 200)
	if r.JSON()["postcode"] != "N7 9GU" || r.JSON()["localAuthority"].(map[string]any)["code"] != "E09000019" {
		t.Errorf("postcode lookup = %s", r.Body)
	}
	r = c.Do("GET", "/api/v1/postcodes/N19GU", nil)
	want(t, r, 200)
	among := r.JSON()["among"].([]any)
	if r.JSON()["localAuthority"] != nil || len(among) != 2 || among[0].(map[string]any)["name"] != "Islington" || among[1].(map[string]any)["name"] != "Hackney" {
		t.Errorf("split district N1: %s, want no suggestion and Islington or Hackney to choose between", r.Body)
	}
	want(t, c.Do("GET", "/api/v1/postcodes/banana", nil), 422)
}

// hasFieldError reports whether a problem names the field (at any location: query.cpv or body.cpv)
// with a message containing text.
func hasFieldError(r *apptest.Response, field, text string) bool {
	for loc, msg := range r.FieldErrors() {
		if (loc == field || strings.HasSuffix(loc, "."+field)) && strings.Contains(msg, text) {
			return true
		}
	}
	return false
}
