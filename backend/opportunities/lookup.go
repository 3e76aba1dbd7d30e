package opportunities

import (
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"gorm.io/gorm"
)

// This file is how other features read opportunities: package opportunities owns their tables,
// so notifications, dps and the rest call these instead of naming them in SQL. Each reads
// through the gorm handle given, so a caller inside a transaction passes it.

// Load returns the opportunity with the ID (not a public reference), whatever its status.
// Errors: not_found.
func (s *Service) Load(db *gorm.DB, id string) (Opportunity, error) {
	if !isUUID(id) {
		return Opportunity{}, errNotFound
	}
	return s.load(db, id, false)
}

// IsNotFound says whether err is Load's answer for an opportunity that does not exist.
func IsNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

// LoadAmendment returns one amendment.
// Errors: not_found.
func (s *Service) LoadAmendment(db *gorm.DB, id string) (Amendment, error) {
	var am Amendment
	if !isUUID(id) {
		return am, apperr.New(apperr.NotFound, "There is no such amendment")
	}
	err := db.Take(&am, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return am, apperr.New(apperr.NotFound, "There is no such amendment")
	} else if err != nil {
		return am, fmt.Errorf("opportunities: unable to read amendment: %w", err)
	}
	return am, nil
}

// ClassifiedBy returns the CPV codes an opportunity and its lots are classified by, each once.
func (s *Service) ClassifiedBy(db *gorm.DB, id string) ([]string, error) {
	var codes []string
	err := db.Raw(`SELECT code FROM opportunity_cpv_codes WHERE opportunity_id = ?
		UNION SELECT cpv_code FROM opportunity_lots WHERE opportunity_id = ? AND cpv_code <> ''`, id, id).Scan(&codes).Error
	if err != nil {
		return nil, fmt.Errorf("opportunities: unable to read CPV codes: %w", err)
	}
	return codes, nil
}

// ByIDs returns the opportunities with the given IDs, by ID; IDs of none are left out.
func (s *Service) ByIDs(db *gorm.DB, ids []string) (map[string]Opportunity, error) {
	out := make(map[string]Opportunity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Opportunity
	if err := db.Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("opportunities: unable to read opportunities: %w", err)
	}
	for _, o := range rows {
		out[o.ID] = o
	}
	return out, nil
}

// DeadlineMovedAt returns, for those of ids whose deadline for bids has moved since publication
// (by the buyer's amendment or an outage extension), when it last moved, so that a message
// written earlier can say the deadline it gives is no longer the one.
func (s *Service) DeadlineMovedAt(db *gorm.DB, ids []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Amendment
	if err := db.Where("opportunity_id IN ? AND kind = ?", ids, "deadline").Order("number").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("opportunities: unable to read amendments: %w", err)
	}
	for _, a := range rows {
		for _, c := range a.Changes() {
			if c.Field == "submissionDeadline" {
				out[a.OpportunityID] = a.CreatedAt
			}
		}
	}
	return out, nil
}

// DeadlineOf shows a moment as opportunities show their deadlines (nil for none).
func DeadlineOf(t *time.Time) *Deadline { return deadlineView(t) }

// ClosingBetween returns the published opportunities whose deadline for bids falls in (from, to],
// in ID order: what deadline reminders are about.
func (s *Service) ClosingBetween(db *gorm.DB, from, to time.Time) ([]Opportunity, error) {
	var rows []Opportunity
	if err := db.Where("status = ? AND submission_deadline > ? AND submission_deadline <= ?", StatusPublished, from, to).Order("id").
		Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("opportunities: unable to find deadlines: %w", err)
	}
	return rows, nil
}
