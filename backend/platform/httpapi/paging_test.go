package httpapi_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
)

func TestAPageBeyondTheLastIsEmpty(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	supplier := signedInSupplier(t, p)
	if r := supplier.Do("POST", "/api/v1/supplier/bank-details", map[string]any{"accountName": "Owner Ltd", "sortCode": "30-94-30",
		"accountNumber": "12345678"}); r.Status != http.StatusAccepted {
		t.Fatalf("bank change: %d %s", r.Status, r.Body)
	}
	supplier.Header = map[string]string{"If-Match": `"0"`}
	if r := supplier.Do("PUT", "/api/v1/supplier/profile", map[string]any{
		"legalForm": "private_limited_company", "legalName": "Owner Ltd", "tradingName": "Owner", "companiesHouseNumber": "1234567",
		"charityNumber": "", "oscrNumber": "", "fcaNumber": "", "vatNumber": "", "addressLine1": "1 Upper Street", "addressLine2": "",
		"town": "London", "postcode": "N1 0PN", "localAuthorityCode": "E09000019", "staffCount": 4, "turnoverPence": 10000000,
		"description": "Repairs.", "employeeOwned": false, "socialEnterprise": false, "assetLock": false, "cpvCodes": []string{"45000000-7"},
		"accreditations": []string{}, "contacts": []map[string]any{{"name": "Priya Shah", "jobTitle": "Director", "email": "priya@example.org", "phone": "020 7527 2000"}},
	}); r.Status != http.StatusOK {
		t.Fatalf("profile: %d %s", r.Status, r.Body)
	}
	supplier.Header = nil
	if _, err := p.App.Accounts.CreateUser(t.Context(), accounts.CreateUserInput{Email: "bea@council.example", Name: "Bea Buyer", Role: "buyer",
		Password: "orange kestrel ladder"}); err != nil {
		t.Fatal(err)
	}
	buyer := p.Client(t)
	if r := buyer.Do("POST", "/api/v1/auth/login", map[string]any{"email": "bea@council.example", "password": "orange kestrel ladder"}); r.Status != http.StatusOK {
		t.Fatalf("sign in: %d %s", r.Status, r.Body)
	}
	for _, list := range []string{"/api/v1/suppliers", "/api/v1/bank-changes"} {
		t.Run(list, func(t *testing.T) {
			first := items(t, buyer.Do("GET", list, nil))
			if first == 0 {
				t.Fatalf("page 1 of %s is empty: the test needs a row", list)
			}
			// Each of these times any page size overflows int64 unless it is checked.
			for _, page := range []string{"2", "4611686018427387905", "9223372036854775807", "184467440737095517"} {
				r := buyer.Do("GET", list+"?page="+page, nil)
				if r.Status != http.StatusOK {
					t.Errorf("page %s: status %d, want 200 with no items; body %s", page, r.Status, r.Body)
					continue
				}
				if n := items(t, r); n != 0 {
					t.Errorf("page %s has %d items, want none (past the last page)", page, n)
				}
			}
		})
	}
}

func items(t *testing.T, r *apptest.Response) int {
	t.Helper()
	var page struct {
		Items []json.RawMessage `json:"items"`
	}
	if r.Status != http.StatusOK || json.Unmarshal(r.Body, &page) != nil {
		t.Fatalf("status %d, body %.300s", r.Status, r.Body)
	}
	return len(page.Items)
}
