package refdata

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// ErrInvalidPostcode is wrapped by every error NormalisePostcode returns.
var ErrInvalidPostcode = errors.New("invalid postcode")

// The letters allowed in each position follow the UK Government Data Standards Catalogue
// postcode rule: strict enough to catch O-for-0 and I-for-1 typos, which matter because a
// supplier's locality is suggested from the postcode.
var (
	outwardRE = regexp.MustCompile(`^(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$`)
	inwardRE  = regexp.MustCompile(`^[0-9][ABD-HJLNP-UW-Z]{2}$`)
	bfpoRE    = regexp.MustCompile(`^BFPO[0-9]{1,4}$`)
)

// squeeze upper-cases s and drops all white space, so "n1  9gu" and "N19GU" read alike.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// NormalisePostcode checks that s is a UK postcode and returns it in upper case with a single
// space before the inward code ("n19gu" → "N1 9GU"). It also accepts the Girobank postcode
// "GIR 0AA" and British Forces "BFPO 1234" numbers (returned as "BFPO 1234"). Crown
// dependencies' postcodes (JE, GY, IM) pass, overseas territories' (e.g. "FIQQ 1ZZ") do not. An
// error wraps ErrInvalidPostcode.
func NormalisePostcode(s string) (string, error) {
	p := squeeze(s)
	switch {
	case p == "GIR0AA":
		return "GIR 0AA", nil
	case bfpoRE.MatchString(p):
		return "BFPO " + p[4:], nil
	case len(p) >= 5 && len(p) <= 7 && outwardRE.MatchString(p[:len(p)-3]) && inwardRE.MatchString(p[len(p)-3:]):
		return p[:len(p)-3] + " " + p[len(p)-3:], nil
	}
	return "", fmt.Errorf("refdata: %w: %q", ErrInvalidPostcode, s)
}

// PostcodeDistrict returns the outward code (postcode district) of a full postcode ("N1 9GU" →
// "N1"), or of an outward code given on its own ("n1" → "N1"); "" if pc is neither. It is
// "GIR" for GIR 0AA and "BFPO" for a BFPO number.
func PostcodeDistrict(pc string) string {
	if n, err := NormalisePostcode(pc); err == nil {
		out, _, _ := strings.Cut(n, " ")
		return out
	}
	if p := strings.ToUpper(strings.TrimSpace(pc)); outwardRE.MatchString(p) {
		return p
	}
	return ""
}

// SuggestThreshold is the share of a postcode district's postcodes that one authority must hold
// before SuggestLocalAuthority names it. At 0.8, 236 of the 311 districts with London postcodes
// give a suggestion, and in each of them at most one postcode in five lies in another authority;
// the suggestion only pre-fills a form that the supplier confirms. N1, split 69% Islington / 31%
// Hackney, gives none.
const SuggestThreshold = 0.8

type districtInfo struct {
	suggestion string // LAD code, "" when no authority is clear
	// among are the authorities holding at least AmongShare of a geographic district's
	// postcodes, the largest share first: what to choose between when no suggestion is clear.
	among []shareOf
}

type shareOf struct {
	code  string
	share float64
}

// AmongShare is the smallest share of a district's postcodes for which its authority is named
// among those to choose between: a borough with a handful of the district's postcodes would
// only lengthen the list.
const AmongShare = 0.05

var loadDistricts = sync.OnceValue(func() map[string]districtInfo {
	const file = "london_postcode_districts.csv"
	out := map[string]districtInfo{}
	for _, row := range readCSV(file, "outward_code", "borough_code", "share_of_district", "non_geographic_district") {
		d := row["outward_code"]
		if !outwardRE.MatchString(d) {
			panic(fmt.Sprintf("refdata: %s: malformed outward code %q", file, d))
		}
		if _, ok := LocalAuthorityByCode(row["borough_code"]); !ok {
			panic(fmt.Sprintf("refdata: %s: unknown borough code %q", file, row["borough_code"]))
		}
		share, err := strconv.ParseFloat(row["share_of_district"], 64)
		if err != nil || share < 0 || share > 1 {
			panic(fmt.Sprintf("refdata: %s: bad share %q for %s", file, row["share_of_district"], d))
		}
		nonGeo, err := strconv.ParseBool(row["non_geographic_district"])
		if err != nil {
			panic(fmt.Sprintf("refdata: %s: bad non_geographic_district %q for %s", file, row["non_geographic_district"], d))
		}
		info := out[d]
		// A non-geographic district (PO boxes, mail centres) says where the mail is sorted, not
		// where the business is, so it never suggests an authority.
		if !nonGeo && share >= SuggestThreshold {
			info.suggestion = row["borough_code"]
		}
		if !nonGeo && share >= AmongShare {
			info.among = append(info.among, shareOf{row["borough_code"], share})
			slices.SortStableFunc(info.among, func(a, b shareOf) int { return cmp.Compare(b.share, a.share) })
		}
		out[d] = info
	}
	return out
})

// SuggestLocalAuthority suggests the authority a postcode (or postcode district) lies in, when
// the data makes it clear: at least SuggestThreshold of the district's postcodes are in one
// London borough and the district is not a PO-box or mail-centre one. Only districts containing
// London postcodes are known; elsewhere it returns false. Treat the answer as a default for the
// user to confirm, never as a fact.
func SuggestLocalAuthority(postcode string) (LocalAuthority, bool) {
	d := PostcodeDistrict(postcode)
	if d == "" {
		return LocalAuthority{}, false
	}
	info, ok := loadDistricts()[d]
	if !ok || info.suggestion == "" {
		return LocalAuthority{}, false
	}
	return LocalAuthorityByCode(info.suggestion)
}

// LocalAuthoritiesAmong names the authorities a postcode's district is split between when
// SuggestLocalAuthority can name none (N1: Islington, then Hackney), the largest share first,
// each holding at least AmongShare of the district. It is empty when one is clear, when the
// district is a PO-box or mail-centre one, or outside the London districts known.
func LocalAuthoritiesAmong(postcode string) []LocalAuthority {
	info, ok := loadDistricts()[PostcodeDistrict(postcode)]
	if !ok || info.suggestion != "" || len(info.among) < 2 {
		return nil
	}
	var out []LocalAuthority
	for _, a := range info.among {
		if la, ok := LocalAuthorityByCode(a.code); ok {
			out = append(out, la)
		}
	}
	return out
}
