package notifications

import (
	"strings"
	"unicode"
)

// Target is what alerts are matched against: the facts of one opportunity that a supplier can
// filter on.
type Target struct {
	Title, Summary, Description string
	// CPVCodes are the opportunity's codes and its lots' codes.
	CPVCodes   []string
	Locality   string
	Procedure  string
	ValuePence int64
	// words is the text split into lower-case words, in order, for keyword and phrase matching.
	words []string
}

// prepare splits the text once, so that matching against every alert does not redo it.
func (t *Target) prepare() {
	t.words = tokens(t.Title + " " + t.Summary + " " + t.Description)
}

// tokens splits s into lower-case words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matcher is an alert compiled for matching.
type matcher struct {
	alert       Alert
	cpvPrefixes []string
	keywords    [][]string
	localities  []string
	procedures  []string
}

func compile(a Alert) matcher {
	m := matcher{alert: a, localities: splitList(a.Localities), procedures: splitList(a.Procedures)}
	for _, c := range splitList(a.CPVCodes) {
		if p, ok := cpvPrefix(c); ok {
			m.cpvPrefixes = append(m.cpvPrefixes, p)
		}
	}
	for _, k := range splitList(a.Keywords) {
		if w := tokens(k); len(w) > 0 {
			m.keywords = append(m.keywords, w)
		}
	}
	return m
}

// Matches reports whether the opportunity t is one the alert asks for. Every criterion the alert
// sets must hold; within a criterion, any one of its values will do (any keyword, any CPV code).
func (m matcher) Matches(t *Target) bool {
	a := m.alert
	if a.MinValuePence > 0 && t.ValuePence < a.MinValuePence {
		return false
	}
	if a.MaxValuePence > 0 && t.ValuePence > a.MaxValuePence {
		return false
	}
	if len(m.localities) > 0 && !contains(m.localities, t.Locality) {
		return false
	}
	if len(m.procedures) > 0 && !contains(m.procedures, t.Procedure) {
		return false
	}
	if len(m.cpvPrefixes) > 0 && !m.matchesCPV(t.CPVCodes) {
		return false
	}
	if len(m.keywords) > 0 && !m.matchesKeywords(t.words) {
		return false
	}
	return true
}

// matchesCPV: an alert's code matches the same code and every code below it in the hierarchy
// (45000000 "construction work" matches 45210000 "building construction work").
func (m matcher) matchesCPV(codes []string) bool {
	for _, c := range codes {
		digits, _, _ := strings.Cut(c, "-")
		for _, p := range m.cpvPrefixes {
			if strings.HasPrefix(digits, p) {
				return true
			}
		}
	}
	return false
}

// matchesKeywords: a keyword matches a word it begins ("clean" matches "cleaning"); a phrase of
// several words matches those words in order. Words of one or two letters must match exactly, or
// "IT" would match every "item".
func (m matcher) matchesKeywords(words []string) bool {
	for _, phrase := range m.keywords {
		for i := 0; i+len(phrase) <= len(words); i++ {
			ok := true
			for j, k := range phrase {
				if !wordMatches(words[i+j], k) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func wordMatches(word, keyword string) bool {
	if len(keyword) < 3 {
		return word == keyword
	}
	return strings.HasPrefix(word, keyword)
}

// cpvPrefix turns a CPV code into the digits shared by it and everything below it (45200000-9 →
// "452"), as the opportunity search does.
func cpvPrefix(code string) (string, bool) {
	digits, _, _ := strings.Cut(strings.TrimSpace(code), "-")
	if len(digits) != 8 {
		return "", false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	p := strings.TrimRight(digits, "0")
	if len(p) < 2 {
		p = digits[:2]
	}
	return p, true
}

// splitList reads a stored comma-separated list.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinList(items []string) string { return strings.Join(items, ",") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
