package suppliers_test

import (
	"errors"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/suppliers"
)

func TestLocalityOf(t *testing.T) {
	const islington = "E09000019"
	for _, tc := range []struct {
		supplier, name string
		want           suppliers.Locality
	}{
		{"E09000019", "Islington", suppliers.LocalityLocal},
		{"E09000007", "Camden", suppliers.LocalitySubRegional},
		{"E09000012", "Hackney", suppliers.LocalitySubRegional},
		{"E09000014", "Haringey", suppliers.LocalitySubRegional},
		{"E09000001", "City of London", suppliers.LocalitySubRegional},
		{"E09000033", "Westminster", suppliers.LocalityRegional},
		{"E08000003", "Manchester", suppliers.LocalityNational},
		{"S12000036", "City of Edinburgh", suppliers.LocalityNational},
		{"E07000098", "Hertsmere, outside London", suppliers.LocalityNational},
	} {
		t.Run(tc.name+" is "+string(tc.want)+" for Islington", func(t *testing.T) {
			got, err := suppliers.LocalityOf(islington, tc.supplier)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	t.Run("outside London, the region is the nation", func(t *testing.T) {
		// Cardiff council, supplier in Swansea.
		got, err := suppliers.LocalityOf("W06000015", "W06000011")
		if err != nil || got != suppliers.LocalityRegional {
			t.Errorf("got %q, %v; want regional", got, err)
		}
	})
	t.Run("unknown codes are errors", func(t *testing.T) {
		for _, tc := range [][2]string{{"E09000099", islington}, {islington, "E09000099"}, {islington, ""}} {
			if _, err := suppliers.LocalityOf(tc[0], tc[1]); !errors.Is(err, refdata.ErrUnknownLocalAuthority) {
				t.Errorf("suppliers.LocalityOf(%q, %q) = %v, want ErrUnknownLocalAuthority", tc[0], tc[1], err)
			}
		}
	})
}
