package refdata_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/refdata"
)

func names(las []refdata.LocalAuthority) []string {
	var out []string
	for _, la := range las {
		out = append(out, la.Name)
	}
	return out
}

func TestLocalAuthorities(t *testing.T) {
	all := refdata.LocalAuthorities()
	t.Run("all 361 current districts, sorted by name", func(t *testing.T) {
		if got, want := len(all), 361; got != want {
			t.Errorf("got %d, want %d", got, want)
		}
		if !slices.IsSortedFunc(all, func(a, b refdata.LocalAuthority) int { return strings.Compare(a.Name, b.Name) }) {
			t.Error("not sorted by name")
		}
	})
	t.Run("per nation and London", func(t *testing.T) {
		count := map[string]int{}
		for _, la := range all {
			count[la.Nation]++
			if la.RegionCode == "E12000007" {
				count["London"]++
			}
		}
		want := map[string]int{"England": 296, "Scotland": 32, "Wales": 22, "Northern Ireland": 11, "London": 33}
		for k, w := range want {
			if count[k] != w {
				t.Errorf("%s: got %d, want %d", k, count[k], w)
			}
		}
	})
	t.Run("the caller owns the slice", func(t *testing.T) {
		a := refdata.LocalAuthorities()
		a[0].Name = "changed"
		if b := refdata.LocalAuthorities(); b[0].Name == "changed" {
			t.Error("changing the returned slice changed the package's data")
		}
	})
}

func TestLocalAuthorityByCode(t *testing.T) {
	t.Run("Islington", func(t *testing.T) {
		got, ok := refdata.LocalAuthorityByCode("E09000019")
		want := refdata.LocalAuthority{
			Code: "E09000019", Name: "Islington", OfficialName: "London Borough of Islington",
			Region: "London", RegionCode: "E12000007", Nation: "England", Type: "London borough",
		}
		if !ok || got.Code != want.Code || got.Name != want.Name || got.OfficialName != want.OfficialName ||
			got.Region != want.Region || got.RegionCode != want.RegionCode || got.Nation != want.Nation || got.Type != want.Type {
			t.Errorf("got %+v, %v; want %+v", got, ok, want)
		}
	})
	t.Run("case and spaces are ignored", func(t *testing.T) {
		if got, ok := refdata.LocalAuthorityByCode(" e09000019 "); !ok || got.Name != "Islington" {
			t.Errorf("got %+v, %v; want Islington", got, ok)
		}
	})
	t.Run("recoded authority is found by its current code only", func(t *testing.T) {
		got, ok := refdata.LocalAuthorityByCode("E08000038")
		if !ok || got.Name != "Barnsley" || !slices.Contains(got.FormerCodes, "E08000016") {
			t.Errorf("got %+v, %v; want Barnsley with former code E08000016", got, ok)
		}
		if _, ok := refdata.LocalAuthorityByCode("E08000016"); ok {
			t.Error("former code E08000016 was accepted")
		}
	})
	t.Run("several former codes", func(t *testing.T) {
		got, _ := refdata.LocalAuthorityByCode("S12000049")
		if want := []string{"S12000046", "S12000043"}; !slices.Equal(got.FormerCodes, want) {
			t.Errorf("FormerCodes: got %v, want %v", got.FormerCodes, want)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		for _, c := range []string{"", "E09000099", "Islington"} {
			if _, ok := refdata.LocalAuthorityByCode(c); ok {
				t.Errorf("LocalAuthorityByCode(%q) found something", c)
			}
		}
	})
}

func TestNeighbours(t *testing.T) {
	t.Run("Islington borders exactly Camden, City of London, Hackney, Haringey", func(t *testing.T) {
		got := names(refdata.Neighbours("E09000019"))
		want := []string{"Camden", "City of London", "Hackney", "Haringey"}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("across the Thames", func(t *testing.T) {
		if got := names(refdata.Neighbours("E09000033")); !slices.Contains(got, "Lambeth") {
			t.Errorf("Westminster: got %v, want Lambeth among them", got)
		}
	})
	t.Run("symmetric, London only", func(t *testing.T) {
		pairs := 0
		for _, la := range refdata.LocalAuthorities() {
			for _, n := range refdata.Neighbours(la.Code) {
				pairs++
				if la.RegionCode != "E12000007" || n.RegionCode != "E12000007" {
					t.Errorf("%s–%s: neighbours outside London", la.Name, n.Name)
				}
				if !slices.Contains(names(refdata.Neighbours(n.Code)), la.Name) {
					t.Errorf("%s borders %s but not the other way", la.Name, n.Name)
				}
			}
		}
		if got, want := pairs, 164; got != want {
			t.Errorf("directed pairs: got %d, want %d", got, want)
		}
	})
	t.Run("none outside London or for unknown codes", func(t *testing.T) {
		for _, c := range []string{"E08000003", "E09000099", ""} {
			if got := refdata.Neighbours(c); got != nil {
				t.Errorf("Neighbours(%q) = %v, want nil", c, names(got))
			}
		}
	})
}

func TestExternalNeighbours(t *testing.T) {
	t.Run("Hillingdon borders Buckinghamshire under its current code", func(t *testing.T) {
		got := refdata.ExternalNeighbours("E09000017")
		want := []string{"Buckinghamshire", "Slough", "Spelthorne", "Three Rivers"}
		if !slices.Equal(names(got), want) {
			t.Errorf("got %v, want %v", names(got), want)
		}
		if got[0].Code != "E06000060" {
			t.Errorf("Buckinghamshire code: got %s, want E06000060", got[0].Code)
		}
	})
	t.Run("works from outside London too", func(t *testing.T) {
		got := names(refdata.ExternalNeighbours("E07000098"))
		want := []string{"Barnet", "Enfield", "Harrow"}
		if !slices.Equal(got, want) {
			t.Errorf("Hertsmere: got %v, want %v", got, want)
		}
	})
	t.Run("none for an inner borough", func(t *testing.T) {
		if got := refdata.ExternalNeighbours("E09000019"); got != nil {
			t.Errorf("Islington: got %v, want nil", names(got))
		}
	})
}
