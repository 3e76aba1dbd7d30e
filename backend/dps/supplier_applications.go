package dps

import (
	"context"
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// SupplierApplication is one DPS a supplier has applied to, as the council's supplier record shows it:
// which categories it is in, was refused, or waits for.
type SupplierApplication struct {
	ApplicationID string             `json:"applicationId"`
	DPSID         string             `json:"dpsId"`
	DPSTitle      string             `json:"dpsTitle"`
	DPSReference  string             `json:"dpsReference"`
	Status        AppStatus          `json:"status" enum:"submitted,decided,withdrawn"`
	Categories    []CategoryDecision `json:"categories" nullable:"false"`
}

// SupplierApplications lists the DPS applications an organisation has sent (drafts are the supplier's
// own business), newest first, for a buyer looking at its record. Errors: forbidden.
func (s *Service) SupplierApplications(ctx context.Context, p *auth.Principal, orgID string) ([]SupplierApplication, error) {
	if !isStaff(p) {
		return nil, apperr.New(apperr.Forbidden, "Only council buyers can see a supplier's applications")
	}
	db := s.db.Gorm.WithContext(ctx)
	var apps []Application
	if err := db.Where("organisation_id = ? AND status <> ?", orgID, AppDraft).Order("created_at DESC, id").Limit(200).Find(&apps).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to list applications: %w", err)
	}
	out := []SupplierApplication{}
	for _, a := range apps {
		var d DPS
		if err := db.Take(&d, "id = ?", a.DPSID).Error; err != nil {
			return nil, fmt.Errorf("dps: unable to read: %w", err)
		}
		v, err := s.applicationView(db, a, d)
		if err != nil {
			return nil, err
		}
		out = append(out, SupplierApplication{ApplicationID: a.ID, DPSID: d.ID, DPSTitle: v.DPSTitle, DPSReference: v.DPSReference, Status: a.Status, Categories: v.Categories})
	}
	return out, nil
}
