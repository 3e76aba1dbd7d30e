package suppliers

import (
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// Locality says how close a supplier is to a council, as the Progressive Procurement Strategy
// measures it. It is council policy, so it lives beside the other classifiers (size, VCSE), not in
// the reference data it reads.
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

// LocalityOf places a supplier (or a place of delivery) in supplierCode relative to the council
// councilCode (both current ONS LAD codes): the same authority is local; a bordering London
// borough (refdata.Neighbours) is sub-regional; the same region (RegionCode; for Scotland, Wales
// and Northern Ireland the nation) is regional; anywhere else in the UK is national. An unknown
// code is an error wrapping refdata.ErrUnknownLocalAuthority. ClassifyLocality adds the reason a
// supplier is shown.
//
// Authorities across the Greater London boundary (refdata.ExternalNeighbours) are deliberately
// not sub-regional: the strategy defines sub-regional as the boroughs bordering the council.
func LocalityOf(councilCode, supplierCode string) (Locality, error) {
	council, ok := refdata.LocalAuthorityByCode(councilCode)
	if !ok {
		return "", fmt.Errorf("suppliers: council: %w: %q", refdata.ErrUnknownLocalAuthority, councilCode)
	}
	supplier, ok := refdata.LocalAuthorityByCode(supplierCode)
	if !ok {
		return "", fmt.Errorf("suppliers: supplier: %w: %q", refdata.ErrUnknownLocalAuthority, supplierCode)
	}
	if supplier.Code == council.Code {
		return LocalityLocal, nil
	}
	for _, n := range refdata.Neighbours(council.Code) {
		if n.Code == supplier.Code {
			return LocalitySubRegional, nil
		}
	}
	if supplier.RegionCode == council.RegionCode {
		return LocalityRegional, nil
	}
	return LocalityNational, nil
}
