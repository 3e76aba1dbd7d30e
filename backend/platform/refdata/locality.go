package refdata

import (
	"errors"
	"fmt"
)

// Locality says how close a supplier is to a council, as the Progressive Procurement Strategy
// measures it.
type Locality string

// The localities, from nearest to farthest.
const (
	// LocalityLocal: the supplier is in the council's own area.
	LocalityLocal Locality = "local"
	// LocalitySubRegional: the supplier is in a London borough bordering the council's.
	LocalitySubRegional Locality = "sub_regional"
	// LocalityRegional: the supplier is in the council's region (Greater London for a borough).
	LocalityRegional Locality = "regional"
	// LocalityNational: the supplier is elsewhere in the UK.
	LocalityNational Locality = "national"
)

// ErrUnknownLocalAuthority is wrapped by errors about an ONS code that is not a current UK
// local authority district.
var ErrUnknownLocalAuthority = errors.New("unknown local authority")

// ClassifyLocality places a supplier based in supplierCode relative to the council councilCode
// (both current ONS LAD codes): the same authority is local; a bordering London borough (see
// Neighbours) is sub-regional; the same region (RegionCode; for Scotland, Wales and Northern
// Ireland the nation) is regional; anywhere else in the UK is national. An unknown code is an
// error wrapping ErrUnknownLocalAuthority.
//
// Authorities across the Greater London boundary (ExternalNeighbours) are deliberately not
// sub-regional: the strategy defines sub-regional as the boroughs bordering the council.
func ClassifyLocality(councilCode, supplierCode string) (Locality, error) {
	council, ok := LocalAuthorityByCode(councilCode)
	if !ok {
		return "", fmt.Errorf("refdata: council: %w: %q", ErrUnknownLocalAuthority, councilCode)
	}
	supplier, ok := LocalAuthorityByCode(supplierCode)
	if !ok {
		return "", fmt.Errorf("refdata: supplier: %w: %q", ErrUnknownLocalAuthority, supplierCode)
	}
	if supplier.Code == council.Code {
		return LocalityLocal, nil
	}
	for _, n := range loadLAs().neighbours[council.Code] {
		if n == supplier.Code {
			return LocalitySubRegional, nil
		}
	}
	if supplier.RegionCode == council.RegionCode {
		return LocalityRegional, nil
	}
	return LocalityNational, nil
}
