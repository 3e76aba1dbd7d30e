package dps

import (
	"context"
	"fmt"
	"time"
)

// ApplicationsClose is the moment v stops taking applications, and so questions about joining
// it: midnight in London at the end of its last day (EndsOn). Errors: internal (a stored date
// that is not one).
func ApplicationsClose(v View) (time.Time, error) {
	last, err := time.ParseInLocation(time.DateOnly, v.EndsOn, london)
	if err != nil {
		return time.Time{}, fmt.Errorf("dps: unable to read the end date of %s: %w", v.ID, err)
	}
	return last.AddDate(0, 0, 1).UTC(), nil
}

// Applicants is who hears of news about joining a DPS, such as a published answer to a question on
// it: every member of an organisation that has applied (admitted, waiting or still drafting), and
// not those that withdrew. Errors: internal.
func (s *Service) Applicants(ctx context.Context, dpsID string) ([]string, error) {
	db := s.db.Gorm.WithContext(ctx)
	var orgs []string
	if err := db.Model(&Application{}).Where("dps_id = ? AND status <> ?", dpsID, AppWithdrawn).Distinct("organisation_id").
		Order("organisation_id").Pluck("organisation_id", &orgs).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to read applicants: %w", err)
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	return s.accounts.MemberIDs(db, orgs)
}
