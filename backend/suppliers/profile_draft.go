package suppliers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// ProfileDraftAnswers are the profile's answers as its pages edit them: every answer as typed
// ("£1,200,000", "12"), so that nothing is reformatted while the supplier moves between pages,
// and checked as a whole only when the profile is saved. Every field may be empty.
type ProfileDraftAnswers struct {
	LegalForm            string                `json:"legalForm,omitempty" maxLength:"60" enum:",private_limited_company,public_limited_company,limited_liability_partnership,partnership,sole_trader,charitable_incorporated_organisation,charitable_company,community_interest_company,cooperative_or_community_benefit_society,unincorporated_association,public_body"`
	LegalName            string                `json:"legalName,omitempty" maxLength:"200"`
	TradingName          string                `json:"tradingName,omitempty" maxLength:"200"`
	CompaniesHouseNumber string                `json:"companiesHouseNumber,omitempty" maxLength:"20"`
	CharityNumber        string                `json:"charityNumber,omitempty" maxLength:"20"`
	OSCRNumber           string                `json:"oscrNumber,omitempty" maxLength:"20"`
	FCANumber            string                `json:"fcaNumber,omitempty" maxLength:"20"`
	VATNumber            string                `json:"vatNumber,omitempty" maxLength:"20"`
	AddressLine1         string                `json:"addressLine1,omitempty" maxLength:"200"`
	AddressLine2         string                `json:"addressLine2,omitempty" maxLength:"200"`
	Town                 string                `json:"town,omitempty" maxLength:"100"`
	Postcode             string                `json:"postcode,omitempty" maxLength:"16"`
	LocalAuthorityCode   string                `json:"localAuthorityCode,omitempty" maxLength:"9"`
	StaffCount           string                `json:"staffCount,omitempty" maxLength:"20" doc:"As typed."`
	Turnover             string                `json:"turnover,omitempty" maxLength:"30" doc:"Pounds, as typed."`
	Description          string                `json:"description,omitempty" maxLength:"2000"`
	EmployeeOwned        string                `json:"employeeOwned,omitempty" enum:",yes,no"`
	SocialEnterprise     string                `json:"socialEnterprise,omitempty" enum:",yes,no"`
	AssetLock            string                `json:"assetLock,omitempty" enum:",yes,no"`
	CPV                  []ProfileDraftCPV     `json:"cpv,omitempty" maxItems:"200"`
	Accreditations       []string              `json:"accreditations,omitempty" maxItems:"50"`
	OtherAccreditations  string                `json:"otherAccreditations,omitempty" maxLength:"5000" doc:"One a line."`
	Contacts             []ProfileDraftContact `json:"contacts,omitempty" maxItems:"20"`
}

// ProfileDraftCPV is a kind of work chosen, with the description the page showed for it.
type ProfileDraftCPV struct {
	Code        string `json:"code" maxLength:"12"`
	Description string `json:"description,omitempty" maxLength:"500"`
}

// ProfileDraftContact is a contact person as typed; ID is kept for one already saved.
type ProfileDraftContact struct {
	ID       string `json:"id,omitempty" maxLength:"36"`
	Name     string `json:"name,omitempty" maxLength:"200"`
	JobTitle string `json:"jobTitle,omitempty" maxLength:"200"`
	Email    string `json:"email,omitempty" maxLength:"254"`
	Phone    string `json:"phone,omitempty" maxLength:"30"`
}

// ProfileDraftInput is a draft as a profile page saves it: the whole of it each time.
type ProfileDraftInput struct {
	BaseVersion int                 `json:"baseVersion" minimum:"0" doc:"The version of the saved profile the draft started from (0 before the first save)."`
	Sections    []string            `json:"sections" nullable:"false" maxItems:"20" doc:"The pages answered and continued from."`
	Answers     ProfileDraftAnswers `json:"answers"`
}

// ProfileDraft is the organisation's profile as this person is editing it, or none.
type ProfileDraft struct {
	Exists      bool                `json:"exists" doc:"False when nobody is editing the profile: the saved profile is all there is."`
	BaseVersion int                 `json:"baseVersion"`
	Sections    []string            `json:"sections" nullable:"false"`
	Answers     ProfileDraftAnswers `json:"answers"`
	UpdatedAt   *time.Time          `json:"updatedAt,omitempty"`
	// Stale says someone saved the profile after this draft began: saving the draft would be
	// refused (412), so the pages offer to start again from what was saved.
	Stale bool `json:"stale"`
}

// profileDraftSections are the profile's pages, as the frontend's sections name them.
var profileDraftSections = []string{"organisation-details", "address", "size", "what-you-do", "kinds-of-work", "accreditations", "contacts"}

// profileDraftRow is a row of supplier_profile_drafts.
type profileDraftRow struct {
	OrganisationID string `gorm:"primaryKey"`
	UserID         string `gorm:"primaryKey"`
	Answers        string
	Sections       string
	BaseVersion    int
	UpdatedAt      time.Time
}

// TableName is said out loud for the ownership test.
func (profileDraftRow) TableName() string { return "supplier_profile_drafts" }

// ProfileDraft returns the profile as p is editing it for the organisation, on whichever device
// they use, or one with Exists false. Each person has their own: another member's unsaved
// changes are theirs to save. Errors: forbidden.
func (s *Service) ProfileDraft(ctx context.Context, p *auth.Principal, orgID string) (ProfileDraft, error) {
	db := s.db.Gorm.WithContext(ctx)
	if _, err := s.membership(db, p.UserID, orgID); err != nil {
		return ProfileDraft{}, err
	}
	var row profileDraftRow
	err := db.Take(&row, "organisation_id = ? AND user_id = ?", orgID, p.UserID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ProfileDraft{Sections: []string{}}, nil
	}
	if err != nil {
		return ProfileDraft{}, fmt.Errorf("suppliers: unable to read the profile draft: %w", err)
	}
	d := ProfileDraft{Exists: true, BaseVersion: row.BaseVersion, Sections: []string{}, UpdatedAt: &row.UpdatedAt}
	if err := json.Unmarshal([]byte(row.Answers), &d.Answers); err != nil {
		return ProfileDraft{}, fmt.Errorf("suppliers: unable to read the profile draft: %w", err)
	}
	if err := json.Unmarshal([]byte(row.Sections), &d.Sections); err != nil {
		return ProfileDraft{}, fmt.Errorf("suppliers: unable to read the profile draft: %w", err)
	}
	var version int
	if err := db.Model(&Profile{}).Where("organisation_id = ?", orgID).Select("version").Scan(&version).Error; err != nil {
		return ProfileDraft{}, fmt.Errorf("suppliers: unable to read profile: %w", err)
	}
	d.Stale = version != row.BaseVersion
	return d, nil
}

// SaveProfileDraft keeps p's answers to the profile as they stand, for every device they use,
// as each page is continued from. Nothing is checked but the shape: the answers become the profile
// only through SaveProfile. Errors: forbidden, invalid (sections).
func (s *Service) SaveProfileDraft(ctx context.Context, p *auth.Principal, orgID string, in ProfileDraftInput) (ProfileDraft, error) {
	var f apperr.Fields
	for i, sec := range in.Sections {
		if !slices.Contains(profileDraftSections, sec) {
			f.Add(fmt.Sprintf("sections[%d]", i), "Choose a page of the profile")
		}
	}
	if err := f.Err(); err != nil {
		return ProfileDraft{}, err
	}
	answers, _ := json.Marshal(in.Answers)
	sections, _ := json.Marshal(slices.Compact(slices.Sorted(slices.Values(in.Sections))))
	db := s.db.Gorm.WithContext(ctx)
	if _, err := s.membership(db, p.UserID, orgID); err != nil {
		return ProfileDraft{}, err
	}
	row := profileDraftRow{OrganisationID: orgID, UserID: p.UserID, Answers: string(answers), Sections: string(sections), BaseVersion: in.BaseVersion,
		UpdatedAt: s.now().UTC()}
	if err := db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "organisation_id"}, {Name: "user_id"}}, UpdateAll: true}).Create(&row).Error; err != nil {
		return ProfileDraft{}, fmt.Errorf("suppliers: unable to keep the profile draft: %w", err)
	}
	return s.ProfileDraft(ctx, p, orgID)
}

// DiscardProfileDraft forgets p's answers being edited, leaving the saved profile as it is.
// Errors: forbidden.
func (s *Service) DiscardProfileDraft(ctx context.Context, p *auth.Principal, orgID string) error {
	db := s.db.Gorm.WithContext(ctx)
	if _, err := s.membership(db, p.UserID, orgID); err != nil {
		return err
	}
	return deleteProfileDraft(db, orgID, p.UserID)
}

func deleteProfileDraft(db *gorm.DB, orgID, userID string) error {
	if err := db.Where("organisation_id = ? AND user_id = ?", orgID, userID).Delete(&profileDraftRow{}).Error; err != nil {
		return fmt.Errorf("suppliers: unable to delete the profile draft: %w", err)
	}
	return nil
}
