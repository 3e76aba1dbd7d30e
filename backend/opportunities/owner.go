package opportunities

import "context"

// Owner is the ID of the buyer who created an opportunity: the person other features tell when
// something about it needs the council's attention (a question left unanswered, say).
// Errors: not_found.
func (s *Service) Owner(ctx context.Context, idOrRef string) (string, error) {
	o, err := s.load(s.db.Gorm.WithContext(ctx), idOrRef, false)
	if err != nil {
		return "", err
	}
	return o.CreatedBy, nil
}
