package suppliers

import (
	"fmt"

	"gorm.io/gorm"
)

// Facts are what other features (a DPS filling in an application from the profile, say) may read
// of an organisation's profile. Package suppliers owns the profile tables, so this, not SQL, is
// how they read them.
type Facts struct {
	CompaniesHouseNumber string
	CharityNumber        string
	VATNumber            string
	// Declared: the organisation has answered at least one ethical declaration.
	Declared bool
	// Declarations are its answers by standard (Standards' keys): yes, no or not_applicable.
	Declarations map[string]string
	// Accreditations are what its profile lists, by name.
	Accreditations []string
}

// Facts returns the organisation's profile facts; an organisation with no profile yet has none.
func (s *Service) Facts(db *gorm.DB, orgID string) (Facts, error) {
	var f Facts
	var rows []Profile
	if err := db.Select("companies_house_number, charity_number, vat_number").Where("organisation_id = ?", orgID).Limit(1).Find(&rows).Error; err != nil {
		return f, fmt.Errorf("suppliers: unable to read profile: %w", err)
	}
	if len(rows) > 0 {
		f.CompaniesHouseNumber, f.CharityNumber, f.VATNumber = rows[0].CompaniesHouseNumber, rows[0].CharityNumber, rows[0].VATNumber
	}
	var decl []Declaration
	if err := db.Select("standard, answer").Where("organisation_id = ?", orgID).Find(&decl).Error; err != nil {
		return f, fmt.Errorf("suppliers: unable to read declarations: %w", err)
	}
	f.Declared, f.Declarations = len(decl) > 0, map[string]string{}
	for _, d := range decl {
		f.Declarations[d.Standard] = d.Answer
	}
	if err := db.Model(&Accreditation{}).Where("organisation_id = ?", orgID).Order("name").Pluck("name", &f.Accreditations).Error; err != nil {
		return f, fmt.Errorf("suppliers: unable to read accreditations: %w", err)
	}
	return f, nil
}

// CurrentInsurances returns, for each kind of insurance, the organisation's certificate that is
// valid on day (YYYY-MM-DD, London) and runs longest; kinds with none valid are left out.
func (s *Service) CurrentInsurances(db *gorm.DB, orgID, day string) (map[string]Insurance, error) {
	var certs []Insurance
	if err := db.Where("organisation_id = ? AND expires_on >= ?", orgID, day).Order("expires_on DESC, id").Find(&certs).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to read insurance certificates: %w", err)
	}
	out := map[string]Insurance{}
	for _, c := range certs {
		if _, ok := out[c.Kind]; !ok {
			out[c.Kind] = c
		}
	}
	return out, nil
}

// Classifications returns how the organisations with profiles among orgIDs were classed when
// their profiles were saved (size, SME, VCSE and locality; the reasons are left empty), by ID.
func (s *Service) Classifications(db *gorm.DB, orgIDs []string) (map[string]Classification, error) {
	out := make(map[string]Classification, len(orgIDs))
	if len(orgIDs) == 0 {
		return out, nil
	}
	var rows []Profile
	if err := db.Select("organisation_id, size_class, vcse, locality").Where("organisation_id IN ?", orgIDs).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to read classifications: %w", err)
	}
	for _, r := range rows {
		size := Size(r.SizeClass)
		out[r.OrganisationID] = Classification{Size: size, SME: size == SizeMicro || size == SizeSmall || size == SizeMedium, VCSE: r.VCSE,
			Locality: Locality(r.Locality)}
	}
	return out, nil
}

// CPVCodes returns the kinds of work (CPV codes) each of the organisations wants to hear about,
// by organisation ID, each list in code order; organisations with none are left out.
func (s *Service) CPVCodes(db *gorm.DB, orgIDs []string) (map[string][]string, error) {
	out := make(map[string][]string, len(orgIDs))
	if len(orgIDs) == 0 {
		return out, nil
	}
	var rows []CPVInterest
	if err := db.Where("organisation_id IN ?", orgIDs).Order("organisation_id, code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to read kinds of work: %w", err)
	}
	for _, r := range rows {
		out[r.OrganisationID] = append(out[r.OrganisationID], r.Code)
	}
	return out, nil
}
