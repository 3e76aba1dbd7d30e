// Package dps runs dynamic purchasing systems (Public Contracts Regulations 2015, regulation 34)
// and dynamic markets (Procurement Act 2023): buyers set one up with categories and a selection
// questionnaire; suppliers apply at any time while it is open, with answers the profile already
// holds filled in; each application is decided per category within a working-day clock; admitted
// suppliers are invited to every call for competition in their categories and only they see its
// documents.
package dps

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/jobs"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Rules for the two regimes.
const (
	// decisionDaysPCR is regulation 34(15)'s ten working days; extendedDaysPCR its fifteen.
	decisionDaysPCR = 10
	extendedDaysPCR = 15
	// firstCallDaysPCR: no call for competition in the first 30 days after publication (34(13)).
	firstCallDaysPCR = 30
)

// Service holds the DPS use cases.
type Service struct {
	db     *database.DB
	audit  *audit.Log
	jobs   func() *jobs.Client
	notify *notifications.Service
	// accounts, suppliers and opportunities own the organisations, profiles and opportunities
	// dps reads.
	opportunities *opportunities.Service
	accounts      *accounts.Directory
	suppliers     *suppliers.Service
	blobs         blobstore.Store
	now           func() time.Time
	cal           *workdays.Calendar
	cfg           config.Config
	log           *slog.Logger
}

// Deps are what the service needs.
type Deps struct {
	DB            *database.DB
	Audit         *audit.Log
	Jobs          func() *jobs.Client
	Notifications *notifications.Service
	// Opportunities is the way to the opportunities that are calls for competition.
	Opportunities *opportunities.Service
	// Accounts is the way to organisations and their members (package accounts owns them).
	Accounts *accounts.Directory
	// Suppliers is the way to supplier profiles, insurance and classes (package suppliers owns them).
	Suppliers *suppliers.Service
	Blobs     blobstore.Store // files uploaded as answers to document questions
	Now       func() time.Time
	Config    config.Config
	Log       *slog.Logger
}

// NewService returns the DPS service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, audit: d.Audit, jobs: d.Jobs, notify: d.Notifications, opportunities: d.Opportunities, accounts: d.Accounts, suppliers: d.Suppliers, blobs: d.Blobs, now: d.Now, cal: workdays.Default(), cfg: d.Config, log: d.Log}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

var errNotFound = apperr.New(apperr.NotFound, "There is no such dynamic purchasing system")

func isStaff(p *auth.Principal) bool {
	return p != nil && (p.Role == auth.RoleBuyer || p.Role == auth.RoleAdmin)
}

// CategoryInput is a category as the buyer enters it. ID keeps an existing category when the
// DPS is saved again; without one, a new category is made.
type CategoryInput struct {
	ID                    string   `json:"id,omitempty" maxLength:"36"`
	Name                  string   `json:"name" maxLength:"200"`
	Description           string   `json:"description,omitempty" maxLength:"2000"`
	CPVCodes              []string `json:"cpvCodes" maxItems:"50"`
	MaxContractValuePence int64    `json:"maxContractValuePence,omitempty" minimum:"0" doc:"The most a contract in this category may be worth, in pence; 0 for no limit."`
	Area                  string   `json:"area,omitempty" maxLength:"9" doc:"ONS code of a local authority, if the category covers one area only."`
}

// QuestionInput is a question of the selection questionnaire.
type QuestionInput struct {
	ID   string `json:"id,omitempty" maxLength:"36"`
	Kind string `json:"kind" enum:"pass_fail,yes_no,text,number,document" doc:"pass_fail: the buyer judges the answer; yes_no: the supplier must answer yes; text, number, document."`
	Text string `json:"text" maxLength:"2000"`
	Hint string `json:"hint,omitempty" maxLength:"2000"`
	// Categories lists the positions (from 0) of the categories it applies to; empty is all.
	Categories   []int  `json:"categories,omitempty" maxItems:"100" doc:"Positions (from 0) of the categories it applies to; empty for all."`
	ProfileField string `json:"profileField,omitempty" enum:"companies_house_number,charity_number,vat_number,insurance:public_liability,insurance:employers_liability,insurance:professional_indemnity,declarations,declaration:london_living_wage,accreditations," doc:"Fill the answer in from the supplier's profile."`
}

// DPSInput is a whole DPS as the buyer saves it.
type DPSInput struct {
	Title          string          `json:"title" maxLength:"200"`
	Description    string          `json:"description" maxLength:"10000" doc:"What it buys, in plain English."`
	Regime         string          `json:"regime" enum:"pcr2015,pa2023"`
	StartsOn       string          `json:"startsOn" maxLength:"10" doc:"YYYY-MM-DD"`
	EndsOn         string          `json:"endsOn" maxLength:"10" doc:"YYYY-MM-DD"`
	FeeBP          int             `json:"feeBp,omitempty" minimum:"0" maximum:"10000" doc:"pa2023 only: a fee, in basis points of the contract value, payable by suppliers that win contracts."`
	FeeDescription string          `json:"feeDescription,omitempty" maxLength:"2000"`
	Categories     []CategoryInput `json:"categories" maxItems:"100"`
	Questions      []QuestionInput `json:"questions,omitempty" maxItems:"200"`
}

// CategoryView is a category as shown, with how many suppliers are admitted.
type CategoryView struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	CPVCodes    []string `json:"cpvCodes" nullable:"false"`
	// CPVDetails are the codes with their descriptions, for people: "Cleaning services", not 90910000-9.
	CPVDetails            []CPVDetail `json:"cpvDetails" nullable:"false"`
	MaxContractValuePence int64       `json:"maxContractValuePence"`
	Area                  string      `json:"area"`
	AreaName              string      `json:"areaName,omitempty"`
	Admitted              int         `json:"admitted" doc:"Suppliers admitted now."`
	AdmittedSMEs          int         `json:"admittedSmes"`
	AdmittedVCSEs         int         `json:"admittedVcses"`
	AdmittedLocal         int         `json:"admittedLocal"`
}

// CPVDetail is a CPV code with its description.
type CPVDetail struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// QuestionView is a question as shown.
type QuestionView struct {
	ID           string   `json:"id"`
	Kind         string   `json:"kind"`
	Text         string   `json:"text"`
	Hint         string   `json:"hint"`
	CategoryIDs  []string `json:"categoryIds" nullable:"false" doc:"Empty: every category."`
	ProfileField string   `json:"profileField"`
}

// View is a DPS as shown.
type View struct {
	ID             string         `json:"id"`
	Reference      string         `json:"reference"`
	Status         Phase          `json:"status" enum:"draft,open,not_started,closed" doc:"draft, open (taking applications), not_started or closed."`
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	Regime         string         `json:"regime"`
	RegimeText     string         `json:"regimeText"`
	StartsOn       string         `json:"startsOn"`
	EndsOn         string         `json:"endsOn"`
	FeeBP          int            `json:"feeBp"`
	FeeDescription string         `json:"feeDescription"`
	DecisionDays   int            `json:"decisionDays" doc:"Working days to decide an application."`
	Categories     []CategoryView `json:"categories" nullable:"false"`
	Questions      []QuestionView `json:"questions" nullable:"false"`
	PublishedAt    *time.Time     `json:"publishedAt,omitempty"`
	FirstCallFrom  *time.Time     `json:"firstCallFrom,omitempty" doc:"pcr2015: the earliest a call for competition may be published."`
	Version        int            `json:"version"`
}

var regimeText = map[string]string{
	RegimePCR2015: "Dynamic purchasing system (Public Contracts Regulations 2015)",
	RegimePA2023:  "Dynamic market (Procurement Act 2023)",
}

// Phase is what a DPS is now, as its page shows it: a published DPS is open, not started or
// closed by its dates.
type Phase string

// The phases of a DPS.
const (
	PhaseDraft      Phase = "draft"
	PhaseNotStarted Phase = "not_started"
	PhaseOpen       Phase = "open"
	PhaseClosed     Phase = "closed"
)

// status is what a DPS is now.
func (s *Service) status(d DPS) Phase {
	if d.Status == StatusDraft {
		return PhaseDraft
	}
	today := s.now().In(london).Format("2006-01-02")
	switch {
	case today < d.StartsOn:
		return PhaseNotStarted
	case today > d.EndsOn:
		return PhaseClosed
	}
	return PhaseOpen
}

// london is the council's time zone, loaded once for every feature by platform/format.
var london = format.London

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// load reads a DPS by ID or reference; drafts only for staff.
func (s *Service) load(db *gorm.DB, p *auth.Principal, idOrRef string) (DPS, error) {
	var d DPS
	q := db.Where("reference = ?", idOrRef)
	if _, err := uuid.Parse(idOrRef); err == nil {
		q = db.Where("id = ?", idOrRef)
	}
	if err := q.Take(&d).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return d, errNotFound
		}
		return d, fmt.Errorf("dps: unable to read: %w", err)
	}
	if d.Status == StatusDraft && !isStaff(p) {
		return d, errNotFound
	}
	return d, nil
}

func (s *Service) view(db *gorm.DB, d DPS) (View, error) {
	v := View{ID: d.ID, Reference: d.Reference, Status: s.status(d), Title: d.Title, Description: d.Description, Regime: d.Regime,
		RegimeText: regimeText[d.Regime], StartsOn: d.StartsOn, EndsOn: d.EndsOn, FeeBP: d.FeeBP, FeeDescription: d.FeeDescription,
		DecisionDays: d.DecisionDays, PublishedAt: d.PublishedAt, Version: d.Version, Categories: []CategoryView{}, Questions: []QuestionView{}}
	if d.PublishedAt != nil && d.Regime == RegimePCR2015 {
		t := d.PublishedAt.AddDate(0, 0, firstCallDaysPCR)
		v.FirstCallFrom = &t
	}
	var cats []Category
	if err := db.Where("dps_id = ?", d.ID).Order("position").Find(&cats).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read categories: %w", err)
	}
	counts, err := s.admittedCounts(db, d.ID)
	if err != nil {
		return v, err
	}
	for _, c := range cats {
		cv := CategoryView{ID: c.ID, Name: c.Name, Description: c.Description, CPVCodes: orEmpty(split(c.CPVCodes)), CPVDetails: []CPVDetail{},
			MaxContractValuePence: c.MaxContractValuePence, Area: c.Area}
		for _, code := range cv.CPVCodes {
			cpv, _ := refdata.CPVByCode(code)
			cv.CPVDetails = append(cv.CPVDetails, CPVDetail{Code: code, Description: cpv.Description})
		}
		if la, ok := refdata.LocalAuthorityByCode(c.Area); ok {
			cv.AreaName = la.Name
		}
		n := counts[c.ID]
		cv.Admitted, cv.AdmittedSMEs, cv.AdmittedVCSEs, cv.AdmittedLocal = n.admitted, n.smes, n.vcses, n.local
		v.Categories = append(v.Categories, cv)
	}
	var qs []Question
	if err := db.Where("dps_id = ?", d.ID).Order("position").Find(&qs).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read questions: %w", err)
	}
	for _, q := range qs {
		v.Questions = append(v.Questions, QuestionView{ID: q.ID, Kind: q.Kind, Text: q.Text, Hint: q.Hint, CategoryIDs: orEmpty(split(q.CategoryIDs)), ProfileField: q.ProfileField})
	}
	return v, nil
}

// admitted counts the members admitted to a category, and how many of them are SMEs, VCSEs and
// local, as their profiles were classified.
type admitted struct{ admitted, smes, vcses, local int }

// admittedCounts counts the admitted members of each of the DPS's categories, by category ID:
// two reads (the admissions, then the members' classes from suppliers) however many there are.
func (s *Service) admittedCounts(db *gorm.DB, dpsID string) (map[string]admitted, error) {
	var rows []struct{ CategoryID, OrganisationID string }
	if err := db.Table("dps_application_categories ac").Select("ac.category_id, a.organisation_id").
		Joins("JOIN dps_applications a ON a.id = ac.application_id").Where("a.dps_id = ? AND ac.status = ?", dpsID, CatAdmitted).
		Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to count members: %w", err)
	}
	orgs := make([]string, 0, len(rows))
	for _, r := range rows {
		orgs = append(orgs, r.OrganisationID)
	}
	slices.Sort(orgs)
	classes, err := s.suppliers.Classifications(db, slices.Compact(orgs))
	if err != nil {
		return nil, err
	}
	out := map[string]admitted{}
	for _, r := range rows {
		n := out[r.CategoryID]
		n.admitted++
		c := classes[r.OrganisationID]
		if c.SME {
			n.smes++
		}
		if c.VCSE {
			n.vcses++
		}
		if c.Locality == suppliers.LocalityLocal {
			n.local++
		}
		out[r.CategoryID] = n
	}
	return out, nil
}

// Get returns a DPS's page: anyone for a published one, buyers for drafts.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id string) (View, error) {
	db := s.db.Gorm.WithContext(ctx)
	d, err := s.load(db, p, id)
	if err != nil {
		return View{}, err
	}
	return s.view(db, d)
}

// List returns the published DPSs (and drafts for buyers), newest first.
func (s *Service) List(ctx context.Context, p *auth.Principal) ([]View, error) {
	db := s.db.Gorm.WithContext(ctx)
	var ds []DPS
	q := db.Order("created_at DESC")
	if !isStaff(p) {
		q = q.Where("status = ?", StatusPublished)
	}
	if err := q.Limit(200).Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to list: %w", err)
	}
	out := []View{}
	for _, d := range ds {
		v, err := s.view(db, d)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// check validates in against the regime's rules; published is the DPS as it stands when it is
// already public (nil for a draft).
func (s *Service) check(in DPSInput) error {
	var errs apperr.Fields
	if strings.TrimSpace(in.Title) == "" {
		errs.Add("title", "Enter a title")
	}
	if strings.TrimSpace(in.Description) == "" {
		errs.Add("description", "Describe what it buys, in plain English")
	}
	if in.Regime != RegimePCR2015 && in.Regime != RegimePA2023 {
		errs.Add("regime", "Choose the rules it runs under")
	}
	start, err1 := time.Parse("2006-01-02", in.StartsOn)
	if err1 != nil {
		errs.Add("startsOn", "Enter the start date as a real date")
	}
	end, err2 := time.Parse("2006-01-02", in.EndsOn)
	if err2 != nil {
		errs.Add("endsOn", "Enter the end date as a real date")
	}
	if err1 == nil && err2 == nil && !end.After(start) {
		errs.Add("endsOn", "The end date must be after the start date")
	}
	if in.Regime == RegimePCR2015 && (in.FeeBP != 0 || strings.TrimSpace(in.FeeDescription) != "") {
		errs.Add("feeBp", "A dynamic purchasing system under the 2015 Regulations cannot charge suppliers fees")
	}
	if len(in.Categories) == 0 {
		errs.Add("categories", "Add at least one category")
	}
	for i, c := range in.Categories {
		if strings.TrimSpace(c.Name) == "" {
			errs.Add(fmt.Sprintf("categories[%d].name", i), "Enter a name for the category")
		}
		if len(c.CPVCodes) == 0 {
			errs.Add(fmt.Sprintf("categories[%d].cpvCodes", i), "Choose at least one CPV code for the category")
		}
		for j, code := range c.CPVCodes {
			if refdata.ValidCPV(code) != nil {
				errs.Add(fmt.Sprintf("categories[%d].cpvCodes[%d]", i, j), "Choose a CPV code from the list, such as 90910000-9")
			}
		}
		if c.Area != "" {
			if _, ok := refdata.LocalAuthorityByCode(c.Area); !ok {
				errs.Add(fmt.Sprintf("categories[%d].area", i), "Choose a local authority from the list")
			}
		}
	}
	for i, q := range in.Questions {
		if strings.TrimSpace(q.Text) == "" {
			errs.Add(fmt.Sprintf("questions[%d].text", i), "Enter the question")
		}
		for _, c := range q.Categories {
			if c < 0 || c >= len(in.Categories) {
				errs.Add(fmt.Sprintf("questions[%d].categories", i), "Choose categories from this DPS")
				break
			}
		}
	}
	return errs.Err()
}

// Create saves a new draft DPS.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in DPSInput) (View, error) {
	if err := s.check(in); err != nil {
		return View{}, err
	}
	now := s.stamp()
	d := DPS{ID: uuid.NewString(), Status: StatusDraft, Version: 1, CreatedBy: p.UserID, CreatedAt: now, UpdatedAt: now}
	var v View
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		ref, err := s.nextReference(tx, now)
		if err != nil {
			return err
		}
		d.Reference = ref
		s.apply(&d, in, false)
		if err := tx.Create(&d).Error; err != nil {
			return fmt.Errorf("dps: unable to save: %w", err)
		}
		if err := s.replaceChildren(tx, d, in, false); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.created", SubjectType: "dps", SubjectID: d.ID, ClientIP: audit.ClientIP(ctx)}); err != nil {
			return err
		}
		v, err = s.view(tx, d)
		return err
	})
	return v, err
}

// apply copies what the buyer entered. The decision target is fixed when the DPS is published,
// so that a change of configuration never moves a target suppliers have already been shown.
func (s *Service) apply(d *DPS, in DPSInput, published bool) {
	d.Title, d.Description, d.Regime = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description), in.Regime
	d.StartsOn, d.EndsOn, d.FeeBP, d.FeeDescription = in.StartsOn, in.EndsOn, in.FeeBP, strings.TrimSpace(in.FeeDescription)
	if !published {
		d.DecisionDays = s.decisionDays(in.Regime)
	}
}

// decisionDays is the working days to decide an application: regulation 34(15)'s ten under the
// 2015 Regulations; under the Procurement Act 2023, which sets no period, the council's target
// from FAIRTENDER_DYNAMIC_MARKET_DECISION_DAYS.
func (s *Service) decisionDays(regime string) int {
	if regime == RegimePA2023 && s.cfg.DynamicMarketDecisionDays > 0 {
		return s.cfg.DynamicMarketDecisionDays
	}
	return decisionDaysPCR
}

// ErrMembershipFixed: a dynamic market's conditions of membership cannot change once published.
var ErrMembershipFixed = apperr.New(apperr.Conflict, "The conditions of membership of a dynamic market cannot change once it is published (Procurement Act 2023)")

// Update saves changes. A draft may change freely. Once published, a pcr2015 DPS may add
// categories and change its questionnaire (existing categories stay, so no member loses their
// place); a pa2023 dynamic market may change only its title, description and end date.
// ifMatch is the version the buyer loaded; when someone else saved in between nothing is written.
// Errors: invalid, not_found, conflict (ErrMembershipFixed), precondition_failed (stale).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id string, ifMatch int, in DPSInput) (View, error) {
	if err := s.check(in); err != nil {
		return View{}, err
	}
	var v View
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		d, err := s.load(tx, p, id)
		if err != nil {
			return err
		}
		if d.Version != ifMatch {
			return apperr.Stale("DPS")
		}
		published := d.Status == StatusPublished
		if published {
			if in.Regime != d.Regime {
				return apperr.Field("regime", "The rules a DPS runs under cannot change once it is published")
			}
			if d.Regime == RegimePA2023 {
				cur, err := s.view(tx, d)
				if err != nil {
					return err
				}
				if conditionsChanged(cur, in) {
					return ErrMembershipFixed
				}
			}
		}
		s.apply(&d, in, published)
		d.Version++
		d.UpdatedAt = s.stamp()
		if err := tx.Select("*").Updates(&d).Error; err != nil {
			return fmt.Errorf("dps: unable to save: %w", err)
		}
		if err := s.replaceChildren(tx, d, in, published); err != nil {
			return err
		}
		v, err = s.view(tx, d)
		return err
	})
	return v, err
}

// conditionsChanged reports whether in changes a published DPS's conditions of membership:
// its categories, its questionnaire, its fees or its start date.
func conditionsChanged(cur View, in DPSInput) bool {
	if cur.StartsOn != in.StartsOn || cur.FeeBP != in.FeeBP || cur.FeeDescription != strings.TrimSpace(in.FeeDescription) ||
		len(cur.Categories) != len(in.Categories) || len(cur.Questions) != len(in.Questions) {
		return true
	}
	for i, c := range cur.Categories {
		n := in.Categories[i]
		if c.ID != n.ID || c.Name != strings.TrimSpace(n.Name) || c.Description != strings.TrimSpace(n.Description) ||
			strings.Join(c.CPVCodes, ",") != strings.Join(n.CPVCodes, ",") || c.MaxContractValuePence != n.MaxContractValuePence || c.Area != n.Area {
			return true
		}
	}
	for i, q := range cur.Questions {
		n := in.Questions[i]
		ids := make([]string, 0, len(n.Categories))
		for _, pos := range n.Categories {
			ids = append(ids, cur.Categories[pos].ID)
		}
		if q.ID != n.ID || q.Kind != n.Kind || q.Text != strings.TrimSpace(n.Text) || q.Hint != strings.TrimSpace(n.Hint) ||
			strings.Join(q.CategoryIDs, ",") != strings.Join(ids, ",") || q.ProfileField != n.ProfileField {
			return true
		}
	}
	return false
}

// replaceChildren writes the categories and questions. Categories with an ID are updated in
// place; once published, a category cannot be removed (its members would lose their place).
func (s *Service) replaceChildren(tx *gorm.DB, d DPS, in DPSInput, published bool) error {
	var existing []Category
	if err := tx.Where("dps_id = ?", d.ID).Find(&existing).Error; err != nil {
		return fmt.Errorf("dps: unable to read categories: %w", err)
	}
	kept := map[string]bool{}
	ids := make([]string, len(in.Categories))
	for i, c := range in.Categories {
		row := Category{ID: c.ID, DPSID: d.ID, Position: i, Name: strings.TrimSpace(c.Name), Description: strings.TrimSpace(c.Description),
			CPVCodes: strings.Join(c.CPVCodes, ","), MaxContractValuePence: c.MaxContractValuePence, Area: c.Area}
		found := false
		for _, e := range existing {
			if e.ID == c.ID && c.ID != "" {
				found = true
			}
		}
		if found {
			if err := tx.Select("*").Updates(&row).Error; err != nil {
				return fmt.Errorf("dps: unable to save category: %w", err)
			}
		} else {
			row.ID = uuid.NewString()
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("dps: unable to save category: %w", err)
			}
		}
		kept[row.ID], ids[i] = true, row.ID
	}
	for _, e := range existing {
		if kept[e.ID] {
			continue
		}
		if published {
			return apperr.Field("categories", fmt.Sprintf("The category %q cannot be removed: suppliers may already be members of it", e.Name))
		}
		if err := tx.Delete(&e).Error; err != nil {
			return fmt.Errorf("dps: unable to remove category: %w", err)
		}
	}
	// Questions are updated in place, never deleted and made again: suppliers' answers (and
	// uploaded documents) hang off them, and a published DPS keeps every question it has asked.
	var asked []Question
	if err := tx.Where("dps_id = ?", d.ID).Find(&asked).Error; err != nil {
		return fmt.Errorf("dps: unable to read questions: %w", err)
	}
	known := map[string]Question{}
	for _, q := range asked {
		known[q.ID] = q
	}
	keptQ := map[string]bool{}
	for i, q := range in.Questions {
		var cats []string
		for _, pos := range q.Categories {
			cats = append(cats, ids[pos])
		}
		row := Question{ID: q.ID, DPSID: d.ID, Position: i, Kind: q.Kind, Text: strings.TrimSpace(q.Text), Hint: strings.TrimSpace(q.Hint),
			CategoryIDs: strings.Join(cats, ","), ProfileField: q.ProfileField}
		if _, ok := known[q.ID]; ok && !keptQ[q.ID] {
			if err := tx.Select("*").Updates(&row).Error; err != nil {
				return fmt.Errorf("dps: unable to save question: %w", err)
			}
		} else {
			// An ID this DPS does not know (or a repeated one) is a new question.
			row.ID = uuid.NewString()
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("dps: unable to save question: %w", err)
			}
		}
		keptQ[row.ID] = true
	}
	for _, q := range asked {
		if keptQ[q.ID] {
			continue
		}
		if published {
			return apperr.Field("questions", fmt.Sprintf("The question %q cannot be removed: suppliers may already have answered it", q.Text))
		}
		if err := tx.Delete(&q).Error; err != nil {
			return fmt.Errorf("dps: unable to remove question: %w", err)
		}
	}
	return nil
}

// Publish opens a draft DPS to applications.
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id string) (View, error) {
	var v View
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		d, err := s.load(tx, p, id)
		if err != nil {
			return err
		}
		if d.Status != StatusDraft {
			return apperr.New(apperr.Conflict, "This DPS is already published")
		}
		now := s.stamp()
		if d.EndsOn < now.In(london).Format("2006-01-02") {
			return apperr.Field("endsOn", "The end date has passed: change it before publishing")
		}
		d.Status, d.PublishedAt, d.UpdatedAt = StatusPublished, &now, now
		d.Version++
		if err := tx.Select("*").Updates(&d).Error; err != nil {
			return fmt.Errorf("dps: unable to publish: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.published", SubjectType: "dps", SubjectID: d.ID, ClientIP: audit.ClientIP(ctx)}); err != nil {
			return err
		}
		v, err = s.view(tx, d)
		return err
	})
	return v, err
}

func (s *Service) nextReference(tx *gorm.DB, now time.Time) (string, error) {
	year := now.In(london).Year()
	var n int
	err := tx.Raw(`INSERT INTO dps_reference_counters (year, last_number) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last_number = dps_reference_counters.last_number + 1 RETURNING last_number`, year).Scan(&n).Error
	if err != nil {
		return "", fmt.Errorf("dps: unable to number: %w", err)
	}
	return fmt.Sprintf("DPS-%d-%04d", year, n), nil
}
