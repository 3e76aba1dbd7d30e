package accounts

import (
	"context"
	"fmt"
)

// OrganisationNames maps organisation IDs to their names; IDs with no organisation are left out.
func (s *Service) OrganisationNames(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Organisation
	if err := s.db.Gorm.WithContext(ctx).Select("id, name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read organisations: %w", err)
	}
	for _, o := range rows {
		out[o.ID] = o.Name
	}
	return out, nil
}
