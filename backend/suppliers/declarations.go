package suppliers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"gorm.io/gorm"
)

// DeclarationInput answers one ethical standard.
type DeclarationInput struct {
	Standard string `json:"standard" maxLength:"60"`
	Answer   string `json:"answer" maxLength:"20" doc:"yes, no or not_applicable (only where the standard allows it)."`
	Evidence string `json:"evidence,omitempty" maxLength:"2000" doc:"Optional: a link or a sentence of evidence."`
}

// staffless says whether the organisation's saved profile says it employs nobody: some
// standards then do not apply. An organisation with no profile yet is not taken to be staffless.
func (s *Service) staffless(db *gorm.DB, orgID string) (bool, error) {
	var n int64
	if err := db.Model(&Profile{}).Where("organisation_id = ? AND staff_count = 0", orgID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("suppliers: unable to read profile: %w", err)
	}
	return n > 0, nil
}

func (s *Service) declarations(db *gorm.DB, orgID string) ([]DeclarationView, error) {
	var rows []Declaration
	if err := db.Where("organisation_id = ?", orgID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("suppliers: unable to read declarations: %w", err)
	}
	by := map[string]int{}
	var declarers []string
	for i, r := range rows {
		by[r.Standard] = i
		declarers = append(declarers, r.DeclaredBy)
	}
	people, err := s.accounts.People(db, declarers)
	if err != nil {
		return nil, err
	}
	staffless, err := s.staffless(db, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]DeclarationView, 0, len(Standards))
	for i, st := range Standards {
		v := DeclarationView{Standard: st.Key, Title: st.Title, Question: st.Question, NotApplicableAllowed: notApplicableAllowed(i, staffless)}
		if i, ok := by[st.Key]; ok {
			r := rows[i]
			at := r.DeclaredAt
			v.Answer, v.Evidence, v.DeclaredBy, v.DeclaredAt = r.Answer, r.Evidence, people[r.DeclaredBy].Name, &at
		}
		out = append(out, v)
	}
	return out, nil
}

// SaveDeclarations records the organisation's answers, with who declared and when. Answers not
// given are left as they were; an unchanged answer keeps its original declarer and date.
// Errors: invalid, forbidden.
func (s *Service) SaveDeclarations(ctx context.Context, p *auth.Principal, orgID string, in []DeclarationInput) ([]DeclarationView, error) {
	staffless, err := s.staffless(s.db.Gorm.WithContext(ctx), orgID)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	for i, d := range in {
		prefix := "declarations[" + strconv.Itoa(i) + "]."
		idx := -1
		for j, st := range Standards {
			if st.Key == d.Standard {
				idx = j
			}
		}
		if idx < 0 {
			f.Add(prefix+"standard", "There is no such standard")
			continue
		}
		switch d.Answer {
		case AnswerYes, AnswerNo:
		case AnswerNotApplicable:
			if !notApplicableAllowed(idx, staffless) {
				msg := "Answer yes or no: " + Standards[idx].Title + " applies to every supplier"
				if Standards[idx].WithoutStaff {
					msg += " that employs anyone (your profile says how many people work for you)"
				}
				f.Add(prefix+"answer", msg)
			}
		default:
			f.Add(prefix+"answer", "Select yes or no for "+Standards[idx].Title)
		}
		if utf8.RuneCountInString(d.Evidence) > 2000 {
			f.Add(prefix+"evidence", "Evidence must be 2,000 characters or fewer")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	var out []DeclarationView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.membership(tx, p.UserID, orgID); err != nil {
			return err
		}
		changed := []string{}
		for _, d := range in {
			var cur Declaration
			err := tx.Take(&cur, "organisation_id = ? AND standard = ?", orgID, d.Standard).Error
			evidence := strings.TrimSpace(d.Evidence)
			if err == nil && cur.Answer == d.Answer && cur.Evidence == evidence {
				continue
			}
			row := Declaration{OrganisationID: orgID, Standard: d.Standard, Answer: d.Answer, Evidence: evidence, DeclaredBy: p.UserID, DeclaredAt: now}
			if err == nil {
				err = tx.Model(&Declaration{}).Where("organisation_id = ? AND standard = ?", orgID, d.Standard).
					Updates(map[string]any{"answer": row.Answer, "evidence": row.Evidence, "declared_by": row.DeclaredBy, "declared_at": row.DeclaredAt}).Error
			} else {
				err = tx.Create(&row).Error
			}
			if err != nil {
				return fmt.Errorf("suppliers: unable to save declaration: %w", err)
			}
			changed = append(changed, d.Standard+"="+d.Answer)
		}
		if len(changed) > 0 {
			if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.declarations_saved", SubjectType: "organisation", SubjectID: orgID,
				ClientIP: audit.ClientIP(ctx), Details: map[string]any{"answers": changed}}); err != nil {
				return err
			}
		}
		var err error
		out, err = s.declarations(tx, orgID)
		return err
	})
	return out, err
}
