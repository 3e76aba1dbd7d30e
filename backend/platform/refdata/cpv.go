package refdata

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// CPV is one code of the Common Procurement Vocabulary 2008 (main vocabulary).
type CPV struct {
	// Code is the eight digits and the check digit, e.g. "45000000-7".
	Code string
	// Description is the English wording from Regulation (EC) No 213/2008.
	Description string
	// Division is the first two digits, e.g. "45".
	Division string
	// Parent is the Code of the nearest code above this one in the hierarchy, "" for a
	// division. A few levels are missing from the vocabulary (30192121-5 sits directly under
	// 30192100-2), so the parent is the nearest existing ancestor, not always one level up.
	Parent string
}

// ErrInvalidCPV is wrapped by every error ValidCPV returns.
var ErrInvalidCPV = errors.New("invalid CPV code")

// cpvEntry is a CPV with what search needs precomputed, so a search allocates only its results.
type cpvEntry struct {
	CPV
	digits string // the eight digits without the check digit
	level  int    // significant digits: 2 for a division … 8 for the most detailed codes
	text   string // description folded to lower case ASCII, as " word word … word "
}

type cpvIndex struct {
	entries []cpvEntry     // in code order
	byCode  map[string]int // eight digits → index into entries
}

var loadCPV = sync.OnceValue(func() *cpvIndex {
	rows := readCSV("cpv_2008.csv", "code", "description")
	idx := &cpvIndex{entries: make([]cpvEntry, 0, len(rows)), byCode: make(map[string]int, len(rows))}
	for _, row := range rows {
		code := row["code"]
		if !isCPVFormat(code) {
			panic(fmt.Sprintf("refdata: cpv_2008.csv: malformed code %q", code))
		}
		digits := code[:8]
		if _, dup := idx.byCode[digits]; dup {
			panic(fmt.Sprintf("refdata: cpv_2008.csv: duplicate code %q", code))
		}
		idx.byCode[digits] = len(idx.entries)
		idx.entries = append(idx.entries, cpvEntry{
			CPV:    CPV{Code: code, Description: row["description"], Division: digits[:2]},
			digits: digits,
			level:  cpvLevel(digits),
			text:   " " + strings.Join(searchWords(row["description"]), " ") + " ",
		})
	}
	if len(idx.entries) >= 1<<16 {
		panic("refdata: cpv_2008.csv: too many codes for SearchCPV's ranking")
	}
	slices.SortFunc(idx.entries, func(a, b cpvEntry) int { return strings.Compare(a.digits, b.digits) })
	for i := range idx.entries {
		idx.byCode[idx.entries[i].digits] = i
	}
	for i := range idx.entries {
		e := &idx.entries[i]
		for _, a := range cpvAncestorDigits(e.digits) {
			if j, ok := idx.byCode[a]; ok {
				e.Parent = idx.entries[j].Code
				break
			}
		}
		if e.level > 2 && e.Parent == "" {
			panic(fmt.Sprintf("refdata: cpv_2008.csv: %s has no division", e.Code))
		}
	}
	return idx
})

// isCPVFormat reports whether s looks like "12345678-9".
func isCPVFormat(s string) bool {
	if len(s) != 10 || s[8] != '-' {
		return false
	}
	return isDigits(s[:8]) && isDigits(s[9:])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cpvLevel counts the significant digits of a code: the hierarchy is encoded by trailing zeros,
// with divisions always two digits even when the second is zero (e.g. 03000000).
func cpvLevel(digits string) int {
	return max(len(strings.TrimRight(digits, "0")), 2)
}

// cpvAncestorDigits lists the codes that would sit above digits in the hierarchy, nearest first.
func cpvAncestorDigits(digits string) []string {
	var out []string
	for n := cpvLevel(digits) - 1; n >= 2; n-- {
		out = append(out, digits[:n]+strings.Repeat("0", 8-n))
	}
	return out
}

// lookupCPV accepts "45000000" or "45000000-7" (surrounding spaces ignored). With a check digit,
// it must be the listed one: a wrong check digit means a mistyped code, not that code.
func lookupCPV(code string) (cpvEntry, bool) {
	code = strings.TrimSpace(code)
	var digits string
	switch {
	case len(code) == 8 && isDigits(code):
		digits = code
	case isCPVFormat(code):
		digits = code[:8]
	default:
		return cpvEntry{}, false
	}
	idx := loadCPV()
	i, ok := idx.byCode[digits]
	if !ok {
		return cpvEntry{}, false
	}
	e := idx.entries[i]
	if len(code) == 10 && code != e.Code {
		return cpvEntry{}, false
	}
	return e, true
}

// CPVByCode finds a code given with or without its check digit ("45000000" or "45000000-7").
// A code given with the wrong check digit is not found.
func CPVByCode(code string) (CPV, bool) {
	e, ok := lookupCPV(code)
	return e.CPV, ok
}

// ValidCPV checks that code is a complete CPV 2008 code, check digit included ("45000000-7"),
// and returns an error wrapping ErrInvalidCPV if not.
//
// The check digit is validated by looking the code up, not by a formula. Worked out from the
// data, 8,922 of the 9,454 codes have check digit = (3,7,1,3,7,1,3,7 · digits) mod 10, but 532
// (mostly in divisions 03, 09, 42 and 72) fit no simple formula; the Commission has said the
// 2008 revision's check digits do not all follow the documented algorithm. The published list
// is therefore the only reliable source, and the tests check every row against it.
func ValidCPV(code string) error {
	if !isCPVFormat(code) {
		return fmt.Errorf("refdata: %w: %q is not in the form 12345678-9", ErrInvalidCPV, code)
	}
	idx := loadCPV()
	i, ok := idx.byCode[code[:8]]
	if !ok {
		return fmt.Errorf("refdata: %w: %s is not in the CPV 2008 list", ErrInvalidCPV, code)
	}
	if want := idx.entries[i].Code; code != want {
		return fmt.Errorf("refdata: %w: %s has the wrong check digit (the code is %s)", ErrInvalidCPV, code, want)
	}
	return nil
}

// CPVPrefix checks a CPV code given as a filter, with or without its check digit ("45200000-9"
// or "45200000"), and returns the digits shared by it and every code below it in the hierarchy
// ("452"), for matching codes by prefix. A code with the wrong check digit, or one not in the
// CPV 2008 list, is an error wrapping ErrInvalidCPV: a filter must not quietly stand for a
// different code than the one meant.
func CPVPrefix(code string) (string, error) {
	e, ok := lookupCPV(code)
	if ok {
		return e.digits[:e.level], nil
	}
	if c := strings.TrimSpace(code); isCPVFormat(c) {
		return "", ValidCPV(c) // says whether the check digit or the code is wrong
	}
	return "", fmt.Errorf("refdata: %w: %q is not a CPV 2008 code", ErrInvalidCPV, code)
}

// CPVMistake says, for the person who typed it, what is wrong with a code CPVPrefix refused:
// the right code when only the check digit is wrong, otherwise an example of a code.
func CPVMistake(code string) string {
	code = strings.TrimSpace(code)
	if isCPVFormat(code) {
		if e, ok := lookupCPV(code[:8]); ok {
			return "The check digit of " + code + " is wrong: the code is " + e.Code
		}
		return code + " is not a CPV code: choose one from the list, such as 45000000-7"
	}
	return "Enter a CPV code such as 45000000-7"
}

// CPVAncestors returns the codes above code in the hierarchy, from its division down to its
// parent (division → group → class → category → …), not including code itself. It returns nil
// for a division or an unknown code. code may be given with or without its check digit.
func CPVAncestors(code string) []CPV {
	e, ok := lookupCPV(code)
	if !ok {
		return nil
	}
	var out []CPV
	for p := e.Parent; p != ""; {
		a, _ := lookupCPV(p)
		out = append(out, a.CPV)
		p = a.Parent
	}
	slices.Reverse(out)
	return out
}

// SearchCPV finds codes matching q and returns at most limit of them (all of them if limit <= 0).
//
// q is split on spaces and commas. A term of digits ("4523", "45233120", "45233120-6") must be
// a prefix of the code; any other term is split into words, each of which must start a word of
// the description, case-insensitively and ignoring accents ("clean" finds "Cleaning services",
// "pate" finds "Pâté"). Every term must match.
//
// Results are ranked: the exact code first; then codes matching more query words whole (so
// "car" puts "Car repair services" before "Cargo ships"); then descriptions that begin with the
// first query word ("cleaning" puts "Cleaning services" before "Sewage, refuse, cleaning and
// environmental services"); then higher-level codes (division, group, class …) before more
// detailed ones; then by code.
func SearchCPV(q string, limit int) []CPV {
	var prefixes, words []string
	exact := ""
	for _, term := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		switch {
		case isDigits(term):
			prefixes = append(prefixes, term)
			if len(term) == 8 {
				exact = term
			}
		case isCPVFormat(term):
			prefixes = append(prefixes, term[:8])
			exact = term[:8]
		default:
			words = append(words, searchWords(term)...)
		}
	}
	if len(prefixes) == 0 && len(words) == 0 {
		return nil
	}
	// Each query word is matched as " word" (starts a description word) and " word " (is one)
	// against the entry's space-delimited text, so one substring search answers each question.
	starts := make([]string, len(words))
	wholes := make([]string, len(words))
	for i, w := range words {
		starts[i] = " " + w
		wholes[i] = " " + w + " "
	}
	// A hit's rank packs the sort keys into one integer, most significant first: not the exact
	// code (1 bit), query words not matched whole (8 bits), not beginning with the first word
	// (1 bit), level (4 bits), then the entry's position, which is code order (16 bits).
	type hit struct {
		rank uint64
		e    *cpvEntry
	}
	idx := loadCPV()
	var hits []hit
entries:
	for i := range idx.entries {
		e := &idx.entries[i]
		for _, p := range prefixes {
			if !strings.HasPrefix(e.digits, p) {
				continue entries
			}
		}
		missWhole := uint64(0)
		for j := range words {
			if !strings.Contains(e.text, starts[j]) {
				continue entries
			}
			if !strings.Contains(e.text, wholes[j]) {
				missWhole++
			}
		}
		var rank uint64
		if e.digits != exact {
			rank |= 1 << 29
		}
		rank |= min(missWhole, 255) << 21
		if len(words) > 0 && !strings.HasPrefix(e.text, starts[0]) {
			rank |= 1 << 20
		}
		rank |= uint64(e.level) << 16
		rank |= uint64(i)
		hits = append(hits, hit{rank: rank, e: e})
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.rank, b.rank) })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]CPV, len(hits))
	for i, h := range hits {
		out[i] = h.e.CPV
	}
	return out
}

// accents folds the accented letters that occur in the CPV descriptions (and their likely
// neighbours) so that people typing without accents still find them.
var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u",
)

// searchWords lower-cases s, folds accents and splits it into words of letters and digits.
func searchWords(s string) []string {
	s = accents.Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
