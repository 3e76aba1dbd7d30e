package suppliers_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/suppliers"
)

type normaliseCase struct {
	name, in, want string // want "" means the input is rejected
}

// checkNormalise runs one table of cases against a Normalise function. A rejection must match
// ErrInvalid and carry a message fit for a form: a sentence with no package prefix.
func checkNormalise(t *testing.T, fn func(string) (string, error), cases []normaliseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := fn(tc.in)
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Errorf("(%q) = %q, %v; want %q, nil", tc.in, got, err, tc.want)
				}
				return
			}
			checkInvalid(t, err)
			if got != "" {
				t.Errorf("(%q) returned %q with its error, want \"\"", tc.in, got)
			}
		})
	}
}

func checkInvalid(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, suppliers.ErrInvalid) {
		t.Fatalf("got error %v, want one matching ErrInvalid", err)
	}
	msg := err.Error()
	if msg == "" || strings.Contains(msg, "suppliers:") || strings.ToUpper(msg[:1]) != msg[:1] {
		t.Errorf("message %q is not fit to show next to a field", msg)
	}
}

func TestValidateCompanyNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseCompanyNumber, []normaliseCase{
		{"England and Wales number is kept", "00445790", "00445790"},
		{"short number is padded to 8 digits", "445790", "00445790"},
		{"spaces are dropped", "0044 5790", "00445790"},
		{"Scottish prefix is upper-cased", "sc 123456", "SC123456"},
		{"Northern Ireland company", "NI012345", "NI012345"},
		{"England and Wales LLP", "OC301234", "OC301234"},
		{"Scottish LLP", "SO300123", "SO300123"},
		{"limited partnership", "LP012345", "LP012345"},
		{"charitable incorporated organisation", "CE000958", "CE000958"},
		{"overseas company", "FC012345", "FC012345"},
		{"overseas entity", "OE001234", "OE001234"},
		{"pre-partition Northern Ireland company", "R0000123", "R0000123"},
		{"registered society copied from the FCA ends in R", "IP00141R", "IP00141R"},
		{"Scottish registered society ends in R", "SP02252R", "SP02252R"},
		{"registered society numbered since 2014", "RS007123", "RS007123"},
		{"Northern Ireland company ending in A", "NI01234A", "NI01234A"},
		{"empty is rejected", "", ""},
		{"more than 8 digits is rejected", "123456789", ""},
		{"all zeros is rejected", "0", ""},
		{"unknown prefix is rejected", "XX123456", ""},
		{"prefix with 5 digits is rejected", "SC12345", ""},
		{"prefix with 7 digits is rejected", "SC1234567", ""},
		{"other letter at the end is rejected", "SC12345X", ""},
		{"A at the end of a Scottish company is rejected", "SC12345A", ""},
		{"dashes are rejected", "1234-567", ""},
	})
}

func TestValidateCharityNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseCharityNumber, []normaliseCase{
		{"7 digits", "1123456", "1123456"},
		{"6 digits", "212345", "212345"},
		{"linked charity suffix", "1123456-1", "1123456-1"},
		{"spaces round the dash are dropped", " 1123456 - 12 ", "1123456-12"},
		{"empty is rejected", "", ""},
		{"5 digits is rejected", "12345", ""},
		{"8 digits is rejected", "12345678", ""},
		{"leading zero is rejected", "0123456", ""},
		{"dash without a suffix is rejected", "1123456-", ""},
		{"Scottish charity number is rejected", "SC012345", ""},
	})
}

func TestValidateOSCRNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseOSCRNumber, []normaliseCase{
		{"SC and 6 digits", "SC012345", "SC012345"},
		{"lower case with a space", "sc 012345", "SC012345"},
		{"empty is rejected", "", ""},
		{"5 digits is rejected", "SC12345", ""},
		{"no prefix is rejected", "012345", ""},
		{"other prefix is rejected", "NI012345", ""},
	})
}

func TestValidateFCAMutualNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseFCAMutualNumber, []normaliseCase{
		{"registered society with R", "12345R", "12345R"},
		{"lower-case suffix after a space", "12345 r", "12345R"},
		{"society registered since 2014 without a suffix", "7123", "7123"},
		{"Scottish society RS", "1234RS", "1234RS"},
		{"credit union C", "123C", "123C"},
		{"friendly society branch suffix", "12AOFS", "12AOFS"},
		{"empty is rejected", "", ""},
		{"suffix alone is rejected", "R", ""},
		{"7 digits is rejected", "1234567R", ""},
		{"suffix longer than 4 letters is rejected", "12345RRRRR", ""},
		{"zero is rejected", "0R", ""},
		{"dash is rejected", "12-345R", ""},
	})
}

func TestValidateVATNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseVATNumber, []normaliseCase{
		// 9×8+8×7+0×6+7×5+8×4+0×3+6×2 = 207; 207+84 = 291 = 3×97.
		{"modulus 97 with GB and spaces", "GB 980 7806 84", "GB980780684"},
		{"modulus 97 without GB", "980780684", "GB980780684"},
		// The worked example in BBC h2g2 A10287461: 178 + 16 = 194 = 2×97.
		{"modulus 97 worked example", "831 4958 16", "GB831495816"},
		// 2×8+2×7+0×6+4×5+3×4+0×3+2×2 = 66; 66+31 = 97.
		{"modulus 97 in lower case", "gb220430231", "GB220430231"},
		// 9755: 1×8 = 8; 8+34+55 = 97.
		{"9755 in the series restarting at 100", "100 0000 34", "GB100000034"},
		// 9755: 112+27+55 = 194; the same first 7 digits pass modulus 97 with 82.
		{"9755 sibling of a modulus 97 number", "123456727", "GB123456727"},
		{"modulus 97 sibling of a 9755 number", "123456782", "GB123456782"},
		{"branch suffix", "GB980780684001", "GB980780684001"},
		{"dashes and dots are dropped", "980-7806.84", "GB980780684"},
		{"Northern Ireland XI prefix", "XI 980 7806 84", "GB980780684"},
		{"government department", "GBGD001", "GBGD001"},
		{"health authority", "gbha599", "GBHA599"},
		{"empty is rejected", "", ""},
		{"wrong check digits are rejected", "GB 980 7806 85", ""},
		{"made-up number is rejected", "123456789", ""},
		{"check digits over 96 are rejected", "000000097", ""},
		{"branch suffix on a wrong number is rejected", "123456789001", ""},
		{"8 digits is rejected", "98078068", ""},
		{"10 digits is rejected", "9807806840", ""},
		{"other country is rejected", "FR980780684", ""},
		{"government department over 499 is rejected", "GBGD500", ""},
		{"health authority under 500 is rejected", "GBHA499", ""},
	})
}

func TestValidateSortCode(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseSortCode, []normaliseCase{
		{"dashes", "12-34-56", "123456"},
		{"spaces", "12 34 56", "123456"},
		{"digits only", "123456", "123456"},
		{"empty is rejected", "", ""},
		{"5 digits is rejected", "12345", ""},
		{"7 digits is rejected", "1234567", ""},
		{"letter is rejected", "12-34-5a", ""},
	})
}

func TestValidateAccountNumber(t *testing.T) {
	checkNormalise(t, suppliers.NormaliseAccountNumber, []normaliseCase{
		{"8 digits", "00733445", "00733445"},
		{"spaces are dropped", "0073 3445", "00733445"},
		{"empty is rejected", "", ""},
		{"6 digits is rejected", "733445", ""},
		{"7 digits is not padded", "1234567", ""},
		{"9 digits is rejected", "123456789", ""},
		{"letter is rejected", "1234567a", ""},
	})
	t.Run("message says 8 digits", func(t *testing.T) {
		_, err := suppliers.NormaliseAccountNumber("1234567")
		if err == nil || !strings.Contains(err.Error(), "8 digits") {
			t.Errorf("got %v, want a message saying 8 digits", err)
		}
	})
}

// The cases are shared with the profile's contacts page, which checks numbers the same way
// before they are sent (frontend/src/pages/profile/phone.test.ts reads the same file).
func TestValidateUKPhone(t *testing.T) {
	raw, err := os.ReadFile("testdata/uk-phones.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Name, Input, Want, Message string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	var table []normaliseCase
	for _, c := range cases {
		table = append(table, normaliseCase{c.Name, c.Input, c.Want})
	}
	checkNormalise(t, suppliers.NormaliseUKPhone, table)
	for _, c := range cases {
		if c.Message == "" {
			continue
		}
		if _, err := suppliers.NormaliseUKPhone(c.Input); err == nil || err.Error() != c.Message {
			t.Errorf("%s: message %v, want %q", c.Name, err, c.Message)
		}
	}
}

func TestValidateMoneyPence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		v     int64
		valid bool
	}{
		{"zero is allowed", 0, true},
		{"£100bn is allowed", suppliers.MaxMoneyPence, true},
		{"negative is rejected", -1, false},
		{"over £100bn is rejected", suppliers.MaxMoneyPence + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := suppliers.ValidateMoneyPence("Annual turnover", tc.v)
			if tc.valid {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			checkInvalid(t, err)
			if !strings.HasPrefix(err.Error(), "Annual turnover must be £") {
				t.Errorf("got %q, want it to name the field and an amount", err)
			}
		})
	}
	t.Run("field name begins the message with a capital", func(t *testing.T) {
		err := suppliers.ValidateMoneyPence("turnover", -5)
		if got, want := err.Error(), "Turnover must be £0 or more"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("maximum is £100bn", func(t *testing.T) {
		if got, want := format.Money(suppliers.MaxMoneyPence), "£100,000,000,000"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestValidateStaffCount(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		valid bool
	}{
		{"zero is allowed", 0, true},
		{"10 million is allowed", 10_000_000, true},
		{"negative is rejected", -1, false},
		{"over 10 million is rejected", 10_000_001, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := suppliers.ValidateStaffCount(tc.n)
			if tc.valid {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			checkInvalid(t, err)
		})
	}
}
