package refdata_test

import (
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// cpvRows reads the embedded CSV straight from disk, independently of the package's loader, so
// the tests check the package against the file rather than against itself.
func cpvRows(t testing.TB) [][2]string {
	t.Helper()
	f, err := os.Open("data/cpv_2008.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, r := range recs[1:] {
		out = append(out, [2]string{r[0], r[1]})
	}
	return out
}

func TestCPVList(t *testing.T) {
	rows := cpvRows(t)
	if got, want := len(rows), 9454; got != want {
		t.Fatalf("rows in cpv_2008.csv: got %d, want %d", got, want)
	}

	t.Run("every row is found with and without its check digit", func(t *testing.T) {
		for _, r := range rows {
			got, ok := refdata.CPVByCode(r[0])
			if !ok || got.Code != r[0] || got.Description != r[1] {
				t.Fatalf("CPVByCode(%q) = %+v, %v; want code %s %q", r[0], got, ok, r[0], r[1])
			}
			if got, ok := refdata.CPVByCode(r[0][:8]); !ok || got.Code != r[0] {
				t.Fatalf("CPVByCode(%q) = %+v, %v; want %s", r[0][:8], got, ok, r[0])
			}
		}
	})

	t.Run("every listed check digit is valid and every other digit is not", func(t *testing.T) {
		for _, r := range rows {
			if err := refdata.ValidCPV(r[0]); err != nil {
				t.Fatalf("ValidCPV(%q) = %v, want nil", r[0], err)
			}
			for d := '0'; d <= '9'; d++ {
				wrong := r[0][:9] + string(d)
				if wrong == r[0] {
					continue
				}
				if err := refdata.ValidCPV(wrong); !errors.Is(err, refdata.ErrInvalidCPV) {
					t.Fatalf("ValidCPV(%q) = %v, want ErrInvalidCPV", wrong, err)
				}
				if _, ok := refdata.CPVByCode(wrong); ok {
					t.Fatalf("CPVByCode(%q) found a code with the wrong check digit", wrong)
				}
			}
		}
	})

	// ValidCPV looks check digits up instead of computing them. This pins the reason: the
	// best-fitting weighted sum explains most rows but not all, so a formula would reject
	// hundreds of real codes. If a later list fits a formula exactly, this test says so.
	t.Run("no simple check-digit formula fits every row", func(t *testing.T) {
		weights := []int{3, 7, 1, 3, 7, 1, 3, 7}
		fit := 0
		for _, r := range rows {
			sum := 0
			for i, w := range weights {
				sum += int(r[0][i]-'0') * w
			}
			if sum%10 == int(r[0][9]-'0') {
				fit++
			}
		}
		if got, want := fit, 8922; got != want {
			t.Errorf("rows fitting weights 3,7,1,3,7,1,3,7 mod 10: got %d, want %d", got, want)
		}
	})

	t.Run("every code's parent exists and is at a higher level", func(t *testing.T) {
		divisions := 0
		for _, r := range rows {
			c, _ := refdata.CPVByCode(r[0])
			if c.Division != r[0][:2] {
				t.Fatalf("%s: Division = %q, want %q", r[0], c.Division, r[0][:2])
			}
			if c.Parent == "" {
				divisions++
				if !strings.HasSuffix(r[0][:8], "000000") {
					t.Fatalf("%s has no parent but is not a division", r[0])
				}
				continue
			}
			p, ok := refdata.CPVByCode(c.Parent)
			if !ok {
				t.Fatalf("%s: parent %q not found", r[0], c.Parent)
			}
			prefix := strings.TrimRight(p.Code[:8], "0")
			if !strings.HasPrefix(r[0], prefix) || len(strings.TrimRight(r[0][:8], "0")) <= len(prefix) {
				t.Fatalf("%s: parent %s is not above it", r[0], p.Code)
			}
		}
		if got, want := divisions, 45; got != want {
			t.Errorf("divisions: got %d, want %d", got, want)
		}
	})
}

func TestValidCPV(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		valid      bool
	}{
		{"listed code", "45000000-7", true},
		{"code without check digit", "45000000", false},
		{"wrong check digit", "45000000-8", false},
		{"well-formed but not in the list", "45999999-1", false},
		{"spaces", " 45000000-7", false},
		{"letters", "4500000A-7", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := refdata.ValidCPV(tc.code)
			if tc.valid && err != nil {
				t.Errorf("ValidCPV(%q) = %v, want nil", tc.code, err)
			}
			if !tc.valid && !errors.Is(err, refdata.ErrInvalidCPV) {
				t.Errorf("ValidCPV(%q) = %v, want ErrInvalidCPV", tc.code, err)
			}
		})
	}
}

func TestCPVByCode(t *testing.T) {
	t.Run("accepts surrounding spaces", func(t *testing.T) {
		if got, ok := refdata.CPVByCode(" 90910000-9 "); !ok || got.Description != "Cleaning services" {
			t.Errorf("got %+v, %v; want Cleaning services", got, ok)
		}
	})
	t.Run("rejects unknown and malformed codes", func(t *testing.T) {
		for _, c := range []string{"", "4500000", "45999999", "45000000-", "45000000-77", "abc"} {
			if got, ok := refdata.CPVByCode(c); ok {
				t.Errorf("CPVByCode(%q) = %+v, want not found", c, got)
			}
		}
	})
	t.Run("division with a leading zero", func(t *testing.T) {
		got, ok := refdata.CPVByCode("03000000")
		if !ok || got.Division != "03" || got.Parent != "" {
			t.Errorf("got %+v, %v; want division 03 without parent", got, ok)
		}
	})
}

func TestCPVPrefix(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"45200000-9", "452"}, {"45200000", "452"}, {" 90910000-9 ", "9091"}, {"03000000-1", "03"}, {"45261000-4", "45261"},
	} {
		if got, err := refdata.CPVPrefix(tc.code); err != nil || got != tc.want {
			t.Errorf("CPVPrefix(%q) = %q, %v; want %q", tc.code, got, err, tc.want)
		}
	}
	t.Run("a wrong check digit is refused, not read as the code", func(t *testing.T) {
		_, err := refdata.CPVPrefix("45200000-8")
		if !errors.Is(err, refdata.ErrInvalidCPV) || !strings.Contains(err.Error(), "check digit") {
			t.Errorf("CPVPrefix(45200000-8) error = %v, want a wrong check digit", err)
		}
	})
	for _, c := range []string{"", "abc", "4500", "45999999", "45999999-1", "45000000-77"} {
		if got, err := refdata.CPVPrefix(c); !errors.Is(err, refdata.ErrInvalidCPV) {
			t.Errorf("CPVPrefix(%q) = %q, %v; want ErrInvalidCPV", c, got, err)
		}
	}
}

func TestCPVAncestors(t *testing.T) {
	codes := func(cs []refdata.CPV) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Code)
		}
		return out
	}
	t.Run("road construction works sits under five levels", func(t *testing.T) {
		got := codes(refdata.CPVAncestors("45233120-6"))
		want := []string{"45000000-7", "45200000-9", "45230000-8", "45233000-9", "45233100-0"}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		c, _ := refdata.CPVByCode("45233120")
		if c.Parent != "45233100-0" {
			t.Errorf("Parent: got %q, want 45233100-0", c.Parent)
		}
	})
	t.Run("a missing level is skipped", func(t *testing.T) {
		// 30192120 is not in the vocabulary: ballpoint pens hang from 30192100-2 (Erasers' level).
		got := codes(refdata.CPVAncestors("30192121-5"))
		want := []string{"30000000-9", "30100000-0", "30190000-7", "30192000-1", "30192100-2"}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("a division has none", func(t *testing.T) {
		if got := refdata.CPVAncestors("45000000-7"); got != nil {
			t.Errorf("got %v, want nil", got)
		}
	})
	t.Run("an unknown code has none", func(t *testing.T) {
		if got := refdata.CPVAncestors("45999999"); got != nil {
			t.Errorf("got %v, want nil", got)
		}
	})
}

func TestSearchCPV(t *testing.T) {
	codes := func(cs []refdata.CPV) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Code)
		}
		return out
	}
	t.Run("cleaning finds cleaning services near the top", func(t *testing.T) {
		got := codes(refdata.SearchCPV("cleaning", 10))
		if !slices.Contains(got, "90910000-9") {
			t.Errorf("got %v, want it to contain 90910000-9", got)
		}
	})
	t.Run("words match case-insensitively as word prefixes, all required", func(t *testing.T) {
		got := refdata.SearchCPV("ROAD constr", 0)
		if !slices.Contains(codes(got), "45233120-6") {
			t.Errorf("got %v, want it to contain 45233120-6", codes(got))
		}
		for _, c := range got {
			d := strings.ToLower(c.Description)
			if !strings.Contains(d, "road") || !strings.Contains(d, "constr") {
				t.Errorf("%s %q does not contain both words", c.Code, c.Description)
			}
		}
	})
	t.Run("a word does not match inside another word", func(t *testing.T) {
		if got := codes(refdata.SearchCPV("leaning", 0)); slices.Contains(got, "90910000-9") {
			t.Errorf("got %v: \"leaning\" matched inside \"Cleaning services\"", got)
		}
	})
	t.Run("accents are optional", func(t *testing.T) {
		if got := codes(refdata.SearchCPV("pate", 0)); !slices.Contains(got, "15131310-1") {
			t.Errorf("got %v, want it to contain 15131310-1 (Pâté)", got)
		}
	})
	t.Run("code prefix lists higher levels first", func(t *testing.T) {
		got := codes(refdata.SearchCPV("4523", 3))
		want := []string{"45230000-8", "45231000-5", "45232000-2"}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("exact code comes first", func(t *testing.T) {
		for _, q := range []string{"45233120", "45233120-6"} {
			got := refdata.SearchCPV(q, 0)
			if len(got) == 0 || got[0].Code != "45233120-6" {
				t.Errorf("SearchCPV(%q): got %v, want 45233120-6 first", q, codes(got))
			}
		}
	})
	t.Run("whole-word matches come before prefix matches", func(t *testing.T) {
		got := refdata.SearchCPV("car", 0)
		seenPrefixOnly := false
		for _, c := range got {
			whole := slices.Contains(strings.FieldsFunc(strings.ToLower(c.Description), func(r rune) bool {
				return r == ' ' || r == '-' || r == ',' || r == ';' || r == '(' || r == ')'
			}), "car")
			if whole && seenPrefixOnly {
				t.Fatalf("%s %q (whole word) ranked after a prefix-only match", c.Code, c.Description)
			}
			seenPrefixOnly = seenPrefixOnly || !whole
		}
	})
	t.Run("code and words combine", func(t *testing.T) {
		got := refdata.SearchCPV("90 cleaning", 0)
		if len(got) == 0 {
			t.Fatal("got nothing")
		}
		for _, c := range got {
			if c.Division != "90" {
				t.Errorf("%s is outside division 90", c.Code)
			}
		}
	})
	t.Run("limit", func(t *testing.T) {
		if got := len(refdata.SearchCPV("services", 5)); got != 5 {
			t.Errorf("got %d results, want 5", got)
		}
	})
	t.Run("nothing for an empty query or no match", func(t *testing.T) {
		for _, q := range []string{"", "  ", ",", "zzzzqqq", "99999"} {
			if got := refdata.SearchCPV(q, 10); len(got) != 0 {
				t.Errorf("SearchCPV(%q) = %v, want none", q, codes(got))
			}
		}
	})
}

func BenchmarkSearchCPV(b *testing.B) {
	refdata.SearchCPV("warm up", 1)
	for _, q := range []string{"cleaning", "road construction works", "45", "services", "zzzz"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				refdata.SearchCPV(q, 20)
			}
		})
	}
}
