package refdata_test

import (
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/refdata"
)

func TestNormalisePostcode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"N1 9GU", "N1 9GU"},
		{"n19gu", "N1 9GU"},
		{"  n1   9gu ", "N1 9GU"},
		{"SW1A 1AA", "SW1A 1AA"},
		{"ec1a1bb", "EC1A 1BB"},
		{"W1A 0AX", "W1A 0AX"},
		{"M1 1AE", "M1 1AE"},
		{"B33 8TH", "B33 8TH"},
		{"CR2 6XH", "CR2 6XH"},
		{"DN55 1PT", "DN55 1PT"},
		{"gir 0aa", "GIR 0AA"},
		{"BFPO 1234", "BFPO 1234"},
		{"bfpo57", "BFPO 57"},
		{"JE2 4WD", "JE2 4WD"},
	} {
		t.Run("valid "+tc.in, func(t *testing.T) {
			got, err := refdata.NormalisePostcode(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	for _, in := range []string{
		"",
		"N1",         // outward code only
		"N1 9G",      // inward too short
		"N1 9GUU",    // inward too long
		"NI 9GU",     // I typed for 1
		"N1 9CU",     // C never in the inward code
		"QA1 1AA",    // Q never first
		"AZ1 1AA",    // Z never second
		"N1 9GU X",   // trailing text
		"N1-9GU",     // punctuation
		"ABC123 1AA", // outward too long
		"BFPO 12345",
		"BFPO",
		"FIQQ 1ZZ", // overseas territory, not UK format
		"N1 9GÜ",
	} {
		t.Run("invalid "+in, func(t *testing.T) {
			if got, err := refdata.NormalisePostcode(in); !errors.Is(err, refdata.ErrInvalidPostcode) {
				t.Errorf("got %q, %v; want ErrInvalidPostcode", got, err)
			}
		})
	}
}

func TestPostcodeDistrict(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"N1 9GU", "N1"},
		{"ec1a1bb", "EC1A"},
		{"sw1a", "SW1A"},
		{"N7", "N7"},
		{"GIR 0AA", "GIR"},
		{"BFPO 57", "BFPO"},
		{"not a postcode", ""},
		{"", ""},
	} {
		if got := refdata.PostcodeDistrict(tc.in); got != tc.want {
			t.Errorf("PostcodeDistrict(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	t.Run("every district in the data is an outward code", func(t *testing.T) {
		f, err := os.Open("data/london_postcode_districts.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			if got := refdata.PostcodeDistrict(r[0] + " 1AA"); got != r[0] {
				t.Errorf("PostcodeDistrict(%q) = %q, want %q", r[0]+" 1AA", got, r[0])
			}
		}
	})
}

// A supplier in a split district is told which authorities to choose between, not just that it
// is unclear: N1 is Islington or Hackney (Camden's 7 postcodes in it are too few to list).
func TestLocalAuthoritiesAmong(t *testing.T) {
	names := func(pc string) []string {
		var out []string
		for _, la := range refdata.LocalAuthoritiesAmong(pc) {
			out = append(out, la.Name)
		}
		return out
	}
	if got := names("N1 9GU"); !slices.Equal(got, []string{"Islington", "Hackney"}) {
		t.Errorf("N1: %v, want Islington then Hackney", got)
	}
	for _, pc := range []string{"N7 6JP", "W1A 1AA", "M1 1AE", "N1 9"} {
		if got := names(pc); len(got) != 0 {
			t.Errorf("%s: %v, want none (one is clear, or the data cannot say)", pc, got)
		}
	}
}

func TestSuggestLocalAuthority(t *testing.T) {
	for _, tc := range []struct {
		name, postcode, want string
	}{
		{"N7 is 98% Islington", "N7 6JP", "Islington"},
		{"SE1 is 85% Southwark", "se1 7pb", "Southwark"},
		{"an outward code on its own", "N7", "Islington"},
		{"N1 is split 69% Islington, 31% Hackney", "N1 9GU", ""},
		{"EC1A is split between the City and Islington", "EC1A 1BB", ""},
		{"W1A is a non-geographic (PO box) district", "W1A 1AA", ""},
		{"outside London the data says nothing", "M1 1AE", ""},
		{"invalid postcode", "N1 9", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := refdata.SuggestLocalAuthority(tc.postcode)
			if tc.want == "" {
				if ok {
					t.Errorf("got %s, want no suggestion", got.Name)
				}
				return
			}
			if !ok || got.Name != tc.want {
				t.Errorf("got %q, %v; want %q", got.Name, ok, tc.want)
			}
		})
	}
}
