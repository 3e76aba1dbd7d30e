package suppliers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// ProfileInput is a whole profile as the supplier saves it.
type ProfileInput struct {
	LegalForm            string         `json:"legalForm" maxLength:"60" enum:"private_limited_company,public_limited_company,limited_liability_partnership,partnership,sole_trader,charitable_incorporated_organisation,charitable_company,community_interest_company,cooperative_or_community_benefit_society,unincorporated_association,public_body"`
	LegalName            string         `json:"legalName" maxLength:"200"`
	TradingName          string         `json:"tradingName" maxLength:"200"`
	CompaniesHouseNumber string         `json:"companiesHouseNumber" maxLength:"20"`
	CharityNumber        string         `json:"charityNumber" maxLength:"20"`
	OSCRNumber           string         `json:"oscrNumber" maxLength:"20"`
	FCANumber            string         `json:"fcaNumber" maxLength:"20"`
	VATNumber            string         `json:"vatNumber" maxLength:"20"`
	AddressLine1         string         `json:"addressLine1" maxLength:"200"`
	AddressLine2         string         `json:"addressLine2" maxLength:"200"`
	Town                 string         `json:"town" maxLength:"100"`
	Postcode             string         `json:"postcode" maxLength:"16"`
	LocalAuthorityCode   string         `json:"localAuthorityCode" maxLength:"9" doc:"ONS code, e.g. E09000019."`
	StaffCount           int            `json:"staffCount" doc:"People employed, full-time equivalent rounded up."`
	TurnoverPence        int64          `json:"turnoverPence" doc:"Annual turnover in pence."`
	Description          string         `json:"description" maxLength:"2000" doc:"What the organisation does, in its own words."`
	EmployeeOwned        bool           `json:"employeeOwned"`
	SocialEnterprise     bool           `json:"socialEnterprise"`
	AssetLock            bool           `json:"assetLock" doc:"The organisation's rules lock its assets for community benefit."`
	CPVCodes             []string       `json:"cpvCodes" maxItems:"200"`
	Accreditations       []string       `json:"accreditations" maxItems:"50"`
	Contacts             []ContactInput `json:"contacts" maxItems:"20"`
}

// ContactInput is a contact person; ID is given for existing contacts so that an unchanged
// phone number keeps its history.
type ContactInput struct {
	ID       string `json:"id,omitempty" maxLength:"36"`
	Name     string `json:"name" maxLength:"200"`
	JobTitle string `json:"jobTitle" maxLength:"200"`
	Email    string `json:"email" maxLength:"254"`
	Phone    string `json:"phone" maxLength:"30"`
}

// ProfileView is a profile as shown back, with its classification explained.
type ProfileView struct {
	OrganisationID   string `json:"organisationId"`
	OrganisationName string `json:"organisationName"`
	ProfileInput
	CPVDetails     []CPVView         `json:"cpvDetails" nullable:"false"`
	ContactDetails []ContactView     `json:"contactDetails" nullable:"false"`
	LocalAuthority string            `json:"localAuthority" doc:"Name of the local authority."`
	Classification Classification    `json:"classification"`
	Declarations   []DeclarationView `json:"declarations" nullable:"false"`
	Complete       bool              `json:"complete"`
	Missing        []string          `json:"missing" nullable:"false" doc:"What is left to fill in, in words."`
	Version        int               `json:"version"`
	UpdatedAt      *time.Time        `json:"updatedAt,omitempty"`
}

// CPVView is a CPV code with its description.
type CPVView struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// ContactView is a contact as stored.
type ContactView struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	JobTitle   string    `json:"jobTitle"`
	Email      string    `json:"email"`
	Phone      string    `json:"phone"`
	PhoneSince time.Time `json:"phoneSince"`
}

// DeclarationView is one ethical standard with the organisation's answer, if any.
type DeclarationView struct {
	Standard             string     `json:"standard"`
	Title                string     `json:"title"`
	Question             string     `json:"question"`
	NotApplicableAllowed bool       `json:"notApplicableAllowed"`
	Answer               string     `json:"answer" doc:"yes, no, not_applicable, or empty when not yet answered."`
	Evidence             string     `json:"evidence"`
	DeclaredBy           string     `json:"declaredBy,omitempty" doc:"Name of the person who declared."`
	DeclaredAt           *time.Time `json:"declaredAt,omitempty"`
}

// ErrVersionMismatch tells the second of two people editing at once that the profile changed.
var ErrVersionMismatch = apperr.Stale("profile")

// GetProfile returns the organisation's profile (empty but classified as far as possible when
// nothing has been saved yet). Suppliers see their own; buyers see any.
// Errors: forbidden, not_found.
func (s *Service) GetProfile(ctx context.Context, p *auth.Principal, orgID string) (ProfileView, error) {
	db := s.db.Gorm.WithContext(ctx)
	if p.Role == auth.RoleSupplier {
		if _, err := s.membership(db, p.UserID, orgID); err != nil {
			return ProfileView{}, err
		}
	}
	return s.loadProfile(db, orgID)
}

func (s *Service) loadProfile(db *gorm.DB, orgID string) (ProfileView, error) {
	org, err := s.accounts.Organisation(db, orgID)
	if err != nil {
		return ProfileView{}, err
	}
	v := ProfileView{OrganisationID: org.ID, OrganisationName: org.Name, CPVDetails: []CPVView{}, ContactDetails: []ContactView{}, Missing: []string{}}
	v.LegalForm = org.LegalForm
	var pr Profile
	err = db.Take(&pr, "organisation_id = ?", orgID).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		v.LegalName = org.Name
	case err != nil:
		return ProfileView{}, fmt.Errorf("suppliers: unable to read profile: %w", err)
	default:
		v.ProfileInput = ProfileInput{LegalForm: org.LegalForm, LegalName: pr.LegalName, TradingName: pr.TradingName, CompaniesHouseNumber: pr.CompaniesHouseNumber,
			CharityNumber: pr.CharityNumber, OSCRNumber: pr.OSCRNumber, FCANumber: pr.FCANumber, VATNumber: pr.VATNumber,
			AddressLine1: pr.AddressLine1, AddressLine2: pr.AddressLine2, Town: pr.Town, Postcode: pr.Postcode, LocalAuthorityCode: pr.LocalAuthorityCode,
			StaffCount: pr.StaffCount, TurnoverPence: pr.TurnoverPence, Description: pr.Description, EmployeeOwned: pr.EmployeeOwned,
			SocialEnterprise: pr.SocialEnterprise, AssetLock: pr.AssetLock}
		v.Version = pr.Version
		v.UpdatedAt = &pr.UpdatedAt
		if la, ok := refdata.LocalAuthorityByCode(pr.LocalAuthorityCode); ok {
			v.LocalAuthority = la.Name
		}
		if c, err := Classify(s.sizes, s.cfg.CouncilCode, ClassifyInput{Staff: pr.StaffCount, TurnoverPence: pr.TurnoverPence, LegalForm: org.LegalForm,
			SocialEnterprise: pr.SocialEnterprise, AssetLock: pr.AssetLock, LocalAuthorityCode: pr.LocalAuthorityCode}); err == nil {
			v.Classification = c
		}
	}
	var codes []string
	if err := db.Model(&CPVInterest{}).Where("organisation_id = ?", orgID).Order("code").Pluck("code", &codes).Error; err != nil {
		return ProfileView{}, fmt.Errorf("suppliers: unable to read CPV codes: %w", err)
	}
	v.CPVCodes = codes
	for _, c := range codes {
		cpv, _ := refdata.CPVByCode(c)
		v.CPVDetails = append(v.CPVDetails, CPVView{Code: c, Description: cpv.Description})
	}
	var accs []string
	if err := db.Model(&Accreditation{}).Where("organisation_id = ?", orgID).Order("name").Pluck("name", &accs).Error; err != nil {
		return ProfileView{}, fmt.Errorf("suppliers: unable to read accreditations: %w", err)
	}
	v.Accreditations = accs
	var contacts []Contact
	if err := db.Where("organisation_id = ?", orgID).Order("created_at, id").Find(&contacts).Error; err != nil {
		return ProfileView{}, fmt.Errorf("suppliers: unable to read contacts: %w", err)
	}
	for _, c := range contacts {
		v.Contacts = append(v.Contacts, ContactInput{ID: c.ID, Name: c.Name, JobTitle: c.JobTitle, Email: c.Email, Phone: c.Phone})
		v.ContactDetails = append(v.ContactDetails, ContactView{ID: c.ID, Name: c.Name, JobTitle: c.JobTitle, Email: c.Email, Phone: c.Phone, PhoneSince: c.PhoneSince})
	}
	if v.CPVCodes == nil {
		v.CPVCodes = []string{}
	}
	if v.Accreditations == nil {
		v.Accreditations = []string{}
	}
	if v.Contacts == nil {
		v.Contacts = []ContactInput{}
	}
	decls, err := s.declarations(db, orgID)
	if err != nil {
		return ProfileView{}, err
	}
	v.Declarations = decls
	v.Missing = missing(v, err == nil && pr.OrganisationID != "")
	v.Complete = len(v.Missing) == 0
	return v, nil
}

// missing lists, in words, what a supplier still has to tell us.
func missing(v ProfileView, saved bool) []string {
	out := []string{}
	if !saved {
		return append(out, "your organisation’s details")
	}
	if len(v.CPVCodes) == 0 {
		out = append(out, "the kinds of work you want to hear about (CPV codes)")
	}
	if len(v.Contacts) == 0 {
		out = append(out, "a contact person")
	}
	for _, d := range v.Declarations {
		if d.Answer == "" {
			out = append(out, "the ethical standards declarations")
			break
		}
	}
	return out
}

// companyForms need a Companies House number; charityForms a charity or OSCR number.
var (
	companyForms = []string{"private_limited_company", "public_limited_company", "limited_liability_partnership", "charitable_company", "community_interest_company"}
	charityForms = []string{"charitable_incorporated_organisation", "charitable_company"}
	legalForms   = []string{"private_limited_company", "public_limited_company", "limited_liability_partnership", "partnership", "sole_trader",
		"charitable_incorporated_organisation", "charitable_company", "community_interest_company", "cooperative_or_community_benefit_society",
		"unincorporated_association", "public_body"}
)

// SaveProfile replaces the organisation's profile. ifMatch must be the version the person loaded
// (0 for a first save); when someone else saved in between, nothing is written.
// Errors: invalid, forbidden, precondition_failed (someone else saved: ErrVersionMismatch).
func (s *Service) SaveProfile(ctx context.Context, p *auth.Principal, orgID string, ifMatch int, in ProfileInput) (ProfileView, error) {
	clean, err := s.checkProfile(in)
	if err != nil {
		return ProfileView{}, err
	}
	in = clean
	class, err := Classify(s.sizes, s.cfg.CouncilCode, ClassifyInput{Staff: in.StaffCount, TurnoverPence: in.TurnoverPence, LegalForm: in.LegalForm,
		SocialEnterprise: in.SocialEnterprise, AssetLock: in.AssetLock, LocalAuthorityCode: in.LocalAuthorityCode})
	if err != nil {
		return ProfileView{}, apperr.Field("localAuthorityCode", "Choose your local authority from the list")
	}
	now := s.now().UTC()
	var view ProfileView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.membership(tx, p.UserID, orgID); err != nil {
			return err
		}
		var cur Profile
		err := tx.Take(&cur, "organisation_id = ?", orgID).Error
		exists := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("suppliers: unable to read profile: %w", err)
		}
		if cur.Version != ifMatch {
			return ErrVersionMismatch
		}
		row := Profile{OrganisationID: orgID, LegalName: in.LegalName, TradingName: in.TradingName, CompaniesHouseNumber: in.CompaniesHouseNumber,
			CharityNumber: in.CharityNumber, OSCRNumber: in.OSCRNumber, FCANumber: in.FCANumber, VATNumber: in.VATNumber,
			AddressLine1: in.AddressLine1, AddressLine2: in.AddressLine2, Town: in.Town, Postcode: in.Postcode, LocalAuthorityCode: in.LocalAuthorityCode,
			StaffCount: in.StaffCount, TurnoverPence: in.TurnoverPence, Description: in.Description, EmployeeOwned: in.EmployeeOwned,
			SocialEnterprise: in.SocialEnterprise, AssetLock: in.AssetLock, SizeClass: string(class.Size), VCSE: class.VCSE, Locality: string(class.Locality),
			Version: cur.Version + 1, UpdatedBy: &p.UserID, UpdatedAt: now}
		if exists {
			// The version in the WHERE makes the check and the write one step, so two saves racing
			// past the read above cannot both win.
			res := tx.Model(&Profile{}).Where("organisation_id = ? AND version = ?", orgID, cur.Version).Select("*").Updates(&row)
			if res.Error != nil {
				return fmt.Errorf("suppliers: unable to save profile: %w", res.Error)
			}
			if res.RowsAffected != 1 {
				return ErrVersionMismatch
			}
		} else if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("suppliers: unable to save profile: %w", err)
		}
		if err := s.accounts.SetLegalForm(tx, orgID, in.LegalForm, now); err != nil {
			return err
		}
		if err := s.replaceLists(tx, orgID, in, now); err != nil {
			return err
		}
		// The saver's draft is the profile now; other members' drafts are stale (their save is
		// refused until they start again from this one).
		if err := deleteProfileDraft(tx, orgID, p.UserID); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.profile_saved", SubjectType: "organisation", SubjectID: orgID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"version": row.Version, "size": row.SizeClass, "vcse": row.VCSE, "locality": row.Locality}}); err != nil {
			return err
		}
		for _, l := range s.profileListeners {
			if err := l.ProfileSaved(ctx, tx, p.UserID, orgID, in.CPVCodes); err != nil {
				return err
			}
		}
		view, err = s.loadProfile(tx, orgID)
		return err
	})
	return view, err
}

// ProfileListener hears of every saved profile inside the save's transaction; notifications
// uses it to make a supplier's first alert from the kinds of work they chose. It is declared
// here so that the higher feature depends on this one and not the other way round.
type ProfileListener interface {
	ProfileSaved(ctx context.Context, tx *gorm.DB, userID, organisationID string, cpvCodes []string) error
}

// AddProfileListener registers l. Call it while wiring, before the service is used.
func (s *Service) AddProfileListener(l ProfileListener) {
	s.profileListeners = append(s.profileListeners, l)
}

func (s *Service) replaceLists(tx *gorm.DB, orgID string, in ProfileInput, now time.Time) error {
	if err := tx.Where("organisation_id = ?", orgID).Delete(&CPVInterest{}).Error; err != nil {
		return fmt.Errorf("suppliers: unable to replace CPV codes: %w", err)
	}
	for _, c := range in.CPVCodes {
		if err := tx.Create(&CPVInterest{OrganisationID: orgID, Code: c}).Error; err != nil {
			return fmt.Errorf("suppliers: unable to save CPV code: %w", err)
		}
	}
	if err := tx.Where("organisation_id = ?", orgID).Delete(&Accreditation{}).Error; err != nil {
		return fmt.Errorf("suppliers: unable to replace accreditations: %w", err)
	}
	for _, a := range in.Accreditations {
		if err := tx.Create(&Accreditation{OrganisationID: orgID, Name: a}).Error; err != nil {
			return fmt.Errorf("suppliers: unable to save accreditation: %w", err)
		}
	}
	var existing []Contact
	if err := tx.Where("organisation_id = ?", orgID).Find(&existing).Error; err != nil {
		return fmt.Errorf("suppliers: unable to read contacts: %w", err)
	}
	byID := map[string]Contact{}
	for _, c := range existing {
		byID[c.ID] = c
	}
	kept := map[string]bool{}
	for _, c := range in.Contacts {
		old, ok := byID[c.ID]
		if ok {
			kept[c.ID] = true
			since := old.PhoneSince
			if old.Phone != c.Phone {
				// A changed number starts its trust period again: a fraudster who changes it
				// must not be the one the council calls back.
				since = now
			}
			if err := tx.Model(&Contact{}).Where("id = ?", c.ID).Updates(map[string]any{"name": c.Name, "job_title": c.JobTitle, "email": c.Email, "phone": c.Phone, "phone_since": since}).Error; err != nil {
				return fmt.Errorf("suppliers: unable to save contact: %w", err)
			}
			continue
		}
		if err := tx.Create(&Contact{ID: uuid.NewString(), OrganisationID: orgID, Name: c.Name, JobTitle: c.JobTitle, Email: c.Email, Phone: c.Phone, PhoneSince: now, CreatedAt: now}).Error; err != nil {
			return fmt.Errorf("suppliers: unable to save contact: %w", err)
		}
	}
	for id := range byID {
		if !kept[id] {
			if err := tx.Delete(&Contact{}, "id = ?", id).Error; err != nil {
				return fmt.Errorf("suppliers: unable to remove contact: %w", err)
			}
		}
	}
	return nil
}

// checkProfile validates and normalises a profile, reporting every problem at once with the
// field it belongs to.
func (s *Service) checkProfile(in ProfileInput) (ProfileInput, error) {
	var f apperr.Fields
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&in.LegalName, &in.TradingName, &in.CompaniesHouseNumber, &in.CharityNumber, &in.OSCRNumber, &in.FCANumber,
		&in.VATNumber, &in.AddressLine1, &in.AddressLine2, &in.Town, &in.Postcode, &in.LocalAuthorityCode, &in.Description} {
		trim(p)
	}
	if !slices.Contains(legalForms, in.LegalForm) {
		f.Add("legalForm", "Select the legal form of your organisation")
	}
	if in.LegalName == "" {
		f.Add("legalName", "Enter your organisation’s legal name")
	}
	norm := func(field string, v *string, fn func(string) (string, error), required bool, missingMsg string) {
		if *v == "" {
			if required {
				f.Add(field, missingMsg)
			}
			return
		}
		n, err := fn(*v)
		if err != nil {
			f.Add(field, err.Error())
			return
		}
		*v = n
	}
	norm("companiesHouseNumber", &in.CompaniesHouseNumber, NormaliseCompanyNumber, slices.Contains(companyForms, in.LegalForm),
		"Enter your Companies House number: a company, LLP or CIC is registered with Companies House")
	norm("charityNumber", &in.CharityNumber, NormaliseCharityNumber, false, "")
	norm("oscrNumber", &in.OSCRNumber, NormaliseOSCRNumber, false, "")
	if slices.Contains(charityForms, in.LegalForm) && in.CharityNumber == "" && in.OSCRNumber == "" {
		f.Add("charityNumber", "Enter your charity number from the Charity Commission, or your OSCR number if you are a Scottish charity")
	}
	norm("fcaNumber", &in.FCANumber, NormaliseFCAMutualNumber, in.LegalForm == "cooperative_or_community_benefit_society",
		"Enter your number on the FCA Mutuals Public Register: co-operatives and community benefit societies are registered there")
	norm("vatNumber", &in.VATNumber, NormaliseVATNumber, false, "")
	if in.AddressLine1 == "" {
		f.Add("addressLine1", "Enter the first line of your registered address")
	}
	if in.Town == "" {
		f.Add("town", "Enter the town or city of your registered address")
	}
	norm("postcode", &in.Postcode, func(v string) (string, error) {
		pc, err := refdata.NormalisePostcode(v)
		if err != nil {
			return "", errors.New("Enter a real postcode, like N1 9GU")
		}
		return pc, nil
	}, true, "Enter your postcode")
	if in.LocalAuthorityCode == "" {
		f.Add("localAuthorityCode", "Choose your local authority")
	} else if _, ok := refdata.LocalAuthorityByCode(in.LocalAuthorityCode); !ok {
		f.Add("localAuthorityCode", "Choose your local authority from the list")
	}
	if err := ValidateStaffCount(in.StaffCount); err != nil {
		f.Add("staffCount", err.Error())
	}
	if err := ValidateMoneyPence("turnover", in.TurnoverPence); err != nil {
		f.Add("turnoverPence", err.Error())
	}
	if in.Description == "" {
		f.Add("description", "Tell us what your organisation does, in a few sentences")
	}
	codes := []string{}
	seen := map[string]bool{}
	for i, c := range in.CPVCodes {
		c = strings.TrimSpace(c)
		if err := refdata.ValidCPV(c); err != nil {
			f.Add("cpvCodes["+strconv.Itoa(i)+"]", fmt.Sprintf("%q is not a CPV code: search for the kind of work and choose from the list", c))
			continue
		}
		cpv, _ := refdata.CPVByCode(c)
		if !seen[cpv.Code] {
			seen[cpv.Code] = true
			codes = append(codes, cpv.Code)
		}
	}
	sort.Strings(codes)
	in.CPVCodes = codes
	accs := []string{}
	seenAcc := map[string]bool{}
	for i, a := range in.Accreditations {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
			continue
		case utf8.RuneCountInString(a) > 100:
			f.Add("accreditations["+strconv.Itoa(i)+"]", "Accreditation names must be 100 characters or fewer")
		case !seenAcc[strings.ToLower(a)]:
			seenAcc[strings.ToLower(a)] = true
			accs = append(accs, a)
		}
	}
	in.Accreditations = accs
	for i := range in.Contacts {
		c := &in.Contacts[i]
		prefix := "contacts[" + strconv.Itoa(i) + "]."
		for _, p := range []*string{&c.Name, &c.JobTitle, &c.Email, &c.Phone} {
			trim(p)
		}
		if c.Name == "" {
			f.Add(prefix+"name", "Enter the contact’s name")
		}
		if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " ,;")) {
			f.Add(prefix+"email", "Enter an email address in the correct format, like name@example.com")
		}
		c.Email = strings.ToLower(c.Email)
		norm(prefix+"phone", &c.Phone, NormaliseUKPhone, true, "Enter the contact’s phone number")
	}
	return in, f.Err()
}
