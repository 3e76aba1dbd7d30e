package refdata

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// LocalAuthority is a current UK lower-tier or unitary local authority district (LAD).
type LocalAuthority struct {
	// Code is the ONS LAD code, e.g. "E09000019".
	Code string
	// Name is the ONS name, e.g. "Islington" or "Kingston upon Hull, City of".
	Name string
	// OfficialName is the council's own name, e.g. "London Borough of Islington".
	OfficialName string
	// Region is the English region or, outside England, the nation, e.g. "London", "Wales".
	Region string
	// RegionCode is the ONS region (E12…) or country (W92…, S92…, N92…) code.
	RegionCode string
	// Nation is England, Scotland, Wales or Northern Ireland.
	Nation string
	// Type is the kind of authority, e.g. "London borough", "Unitary authority",
	// "Non-metropolitan district", "City corporation".
	Type string
	// FormerCodes are ONS codes this authority used to have (e.g. Barnsley's E08000016 before
	// the 2025 recoding, or the districts merged into it), so that older data can be mapped.
	// The slice is shared by every copy of the value: do not modify it.
	FormerCodes []string
}

type laIndex struct {
	byName     []LocalAuthority // sorted by name
	byCode     map[string]LocalAuthority
	neighbours map[string][]string // code → neighbouring London borough codes, sorted by name
	external   map[string][]string // code → adjacent authorities across the London boundary
}

var loadLAs = sync.OnceValue(func() *laIndex {
	idx := &laIndex{byCode: map[string]LocalAuthority{}}
	for _, row := range readCSV("uk_local_authorities.csv",
		"code", "name", "official_name", "region", "region_code", "nation", "la_type", "former_codes") {
		la := LocalAuthority{
			Code:         row["code"],
			Name:         row["name"],
			OfficialName: row["official_name"],
			Region:       row["region"],
			RegionCode:   row["region_code"],
			Nation:       row["nation"],
			Type:         row["la_type"],
		}
		if f := row["former_codes"]; f != "" {
			la.FormerCodes = strings.Split(f, ";")
		}
		if la.Code == "" || la.Name == "" || la.RegionCode == "" {
			panic(fmt.Sprintf("refdata: uk_local_authorities.csv: incomplete row %v", row))
		}
		if _, dup := idx.byCode[la.Code]; dup {
			panic(fmt.Sprintf("refdata: uk_local_authorities.csv: duplicate code %s", la.Code))
		}
		idx.byCode[la.Code] = la
		idx.byName = append(idx.byName, la)
	}
	slices.SortFunc(idx.byName, func(a, b LocalAuthority) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Code, b.Code))
	})

	known := func(file, code string) string {
		if _, ok := idx.byCode[code]; !ok {
			panic(fmt.Sprintf("refdata: %s: unknown local authority code %q", file, code))
		}
		return code
	}
	idx.neighbours = map[string][]string{}
	for _, row := range readCSV("london_borough_neighbours.csv", "borough_code", "neighbour_code") {
		const file = "london_borough_neighbours.csv"
		b, n := known(file, row["borough_code"]), known(file, row["neighbour_code"])
		idx.neighbours[b] = append(idx.neighbours[b], n)
	}
	// The external file is written one way (London borough → outside authority); adjacency is
	// symmetric, so record it both ways. It gives the current code for authorities merged since
	// 2013 (South Bucks → Buckinghamshire), which is the one used here.
	idx.external = map[string][]string{}
	for _, row := range readCSV("london_borough_external_neighbours.csv", "borough_code", "neighbour_current_code") {
		const file = "london_borough_external_neighbours.csv"
		b, n := known(file, row["borough_code"]), known(file, row["neighbour_current_code"])
		idx.external[b] = append(idx.external[b], n)
		idx.external[n] = append(idx.external[n], b)
	}
	for _, m := range []map[string][]string{idx.neighbours, idx.external} {
		for code, list := range m {
			slices.SortFunc(list, func(a, b string) int { return strings.Compare(idx.byCode[a].Name, idx.byCode[b].Name) })
			m[code] = slices.Compact(list)
		}
	}
	return idx
})

// ErrUnknownLocalAuthority is wrapped by errors about an ONS code that is not a current UK
// local authority district.
var ErrUnknownLocalAuthority = errors.New("unknown local authority")

// LocalAuthorityByCode finds a current authority by its ONS code (e.g. "E09000019"; case and
// surrounding spaces ignored). Former codes are not accepted: see LocalAuthority.FormerCodes.
func LocalAuthorityByCode(code string) (LocalAuthority, bool) {
	la, ok := loadLAs().byCode[strings.ToUpper(strings.TrimSpace(code))]
	return la, ok
}

// LocalAuthorities returns every current UK local authority district, sorted by name. The
// slice is the caller's own.
func LocalAuthorities() []LocalAuthority {
	return slices.Clone(loadLAs().byName)
}

// Neighbours returns the London boroughs (including the City of London) that share a boundary
// with the London borough code, on land or across the Thames, sorted by name. It returns nil
// for an authority outside London or an unknown code.
//
// The list is derived from boundary data, not an official ONS product; two short contacts are
// included although uncertain (City of London–Lambeth mid-river, Bromley–Lambeth at Crystal
// Palace): see data/SOURCES.md.
func Neighbours(code string) []LocalAuthority {
	idx := loadLAs()
	return idx.resolve(idx.neighbours[strings.ToUpper(strings.TrimSpace(code))])
}

// ExternalNeighbours returns the authorities on the other side of the Greater London boundary
// from code, sorted by name: for a London borough, the bordering districts outside London (Barnet →
// Hertsmere); for such a district, the London boroughs it borders (Hertsmere → Barnet, Enfield,
// Harrow). It returns nil otherwise. Authorities merged since 2013 appear under their current code.
func ExternalNeighbours(code string) []LocalAuthority {
	idx := loadLAs()
	return idx.resolve(idx.external[strings.ToUpper(strings.TrimSpace(code))])
}

func (idx *laIndex) resolve(codes []string) []LocalAuthority {
	if len(codes) == 0 {
		return nil
	}
	out := make([]LocalAuthority, len(codes))
	for i, c := range codes {
		out[i] = idx.byCode[c]
	}
	return out
}
