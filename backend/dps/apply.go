package dps

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// ApplicationInput is what a supplier saves while applying.
type ApplicationInput struct {
	CategoryIDs []string      `json:"categoryIds" maxItems:"100"`
	Answers     []AnswerInput `json:"answers,omitempty" maxItems:"200"`
}

// AnswerInput is the answer to one question in words. A document question is answered by
// uploading a file instead (UploadAnswer).
type AnswerInput struct {
	QuestionID string `json:"questionId" maxLength:"36"`
	Value      string `json:"value" maxLength:"10000"`
}

// CategoryDecision is one category applied for and what became of it.
type CategoryDecision struct {
	CategoryID string         `json:"categoryId"`
	Name       string         `json:"name"`
	Status     CategoryStatus `json:"status" enum:"requested,admitted,rejected,suspended,removed"`
	Reason     string         `json:"reason" doc:"Why, as feedback for the supplier."`
	DecidedAt  *time.Time     `json:"decidedAt,omitempty"`
}

// AnswerView is a question with its answer.
type AnswerView struct {
	QuestionID  string `json:"questionId"`
	Kind        string `json:"kind"`
	Text        string `json:"text"`
	Hint        string `json:"hint"`
	Value       string `json:"value"`
	FromProfile bool   `json:"fromProfile" doc:"Filled in from the profile (tell us once)."`
	// Document is the file that answers a document question; its Value is then the file's name.
	Document *AnswerDocument `json:"document,omitempty" doc:"For a document question: the file that answers it, once there is one."`
}

// ApplicationView is an application as its supplier and the buyers see it.
type ApplicationView struct {
	ID               string             `json:"id"`
	DPSID            string             `json:"dpsId"`
	DPSTitle         string             `json:"dpsTitle"`
	DPSReference     string             `json:"dpsReference"`
	OrganisationID   string             `json:"organisationId"`
	OrganisationName string             `json:"organisationName"`
	Status           AppStatus          `json:"status" enum:"draft,submitted,decided,withdrawn"`
	Categories       []CategoryDecision `json:"categories" nullable:"false"`
	Answers          []AnswerView       `json:"answers" nullable:"false" doc:"The questions for the categories chosen, in order."`
	SubmittedAt      *time.Time         `json:"submittedAt,omitempty"`
	DueAt            *time.Time         `json:"dueAt,omitempty" doc:"When a decision is due."`
	WorkingDaysLeft  *int               `json:"workingDaysLeft,omitempty" doc:"Working days until the decision is due; negative when overdue."`
	Extended         bool               `json:"extended"`
	ExtensionReason  string             `json:"extensionReason"`
	DecidedAt        *time.Time         `json:"decidedAt,omitempty"`
	Version          int                `json:"version"`
	MaxDocumentBytes int64              `json:"maxDocumentBytes" doc:"The largest file that may be uploaded as an answer, in bytes."`
}

var errAppNotFound = apperr.New(apperr.NotFound, "There is no such application")

// memberOf is the organisation p applies for, by accounts' one rule: the one the body's
// organisationId names, else the only one they belong to; someone in several must say which.
// Errors: forbidden, invalid.
func (s *Service) memberOf(tx *gorm.DB, p *auth.Principal, org string) (string, error) {
	if p == nil || p.Role != auth.RoleSupplier {
		return "", apperr.New(apperr.Forbidden, "Only suppliers can apply")
	}
	return s.accounts.ActsFor(tx, p.UserID, org, apperr.InBody)
}

// Apply starts a draft application to a DPS that is open, filling in the answers the profile
// already holds.
func (s *Service) Apply(ctx context.Context, p *auth.Principal, dpsID, org string, in ApplicationInput) (ApplicationView, error) {
	var id string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		d, err := s.load(tx, nil, dpsID)
		if err != nil {
			return err
		}
		if st := s.status(d); st != PhaseOpen {
			return apperr.New(apperr.Conflict, "This DPS is not taking applications: "+map[Phase]string{PhaseClosed: "it has closed", PhaseNotStarted: "it has not started yet"}[st])
		}
		if org, err = s.memberOf(tx, p, org); err != nil {
			return err
		}
		now := s.stamp()
		a := Application{ID: uuid.NewString(), DPSID: d.ID, OrganisationID: org, Status: AppDraft, Version: 1, CreatedBy: p.UserID, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("dps: unable to save application: %w", err)
		}
		id = a.ID
		if err := s.saveDraft(tx, d, a, in); err != nil {
			return err
		}
		return s.prefill(tx, d, a)
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// saveDraft replaces the categories and the answers given.
func (s *Service) saveDraft(tx *gorm.DB, d DPS, a Application, in ApplicationInput) error {
	var errs apperr.Fields
	var cats []Category
	if err := tx.Where("dps_id = ?", d.ID).Find(&cats).Error; err != nil {
		return fmt.Errorf("dps: unable to read categories: %w", err)
	}
	// Categories the organisation already belongs to, or has asked for elsewhere, cannot be
	// asked for again.
	var taken []string
	if err := tx.Raw(`SELECT ac.category_id FROM dps_application_categories ac JOIN dps_applications a ON a.id = ac.application_id
		WHERE a.organisation_id = ? AND a.dps_id = ? AND a.id <> ? AND a.status IN ('submitted', 'decided') AND ac.status IN ('requested', 'admitted', 'suspended')`,
		a.OrganisationID, d.ID, a.ID).Scan(&taken).Error; err != nil {
		return fmt.Errorf("dps: unable to read memberships: %w", err)
	}
	for i, c := range in.CategoryIDs {
		if !slices.ContainsFunc(cats, func(x Category) bool { return x.ID == c }) {
			errs.Add(fmt.Sprintf("categoryIds[%d]", i), "Choose categories of this DPS")
		} else if slices.Contains(taken, c) {
			errs.Add(fmt.Sprintf("categoryIds[%d]", i), "You have already applied for, or belong to, this category")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if err := tx.Where("application_id = ?", a.ID).Delete(&AppCategory{}).Error; err != nil {
		return fmt.Errorf("dps: unable to save categories: %w", err)
	}
	for _, c := range slices.Compact(slices.Sorted(slices.Values(in.CategoryIDs))) {
		if err := tx.Create(&AppCategory{ApplicationID: a.ID, CategoryID: c, Status: CatRequested}).Error; err != nil {
			return fmt.Errorf("dps: unable to save categories: %w", err)
		}
	}
	var qs []Question
	if err := tx.Where("dps_id = ?", d.ID).Find(&qs).Error; err != nil {
		return fmt.Errorf("dps: unable to read questions: %w", err)
	}
	for i, an := range in.Answers {
		idx := slices.IndexFunc(qs, func(q Question) bool { return q.ID == an.QuestionID })
		if idx < 0 {
			errs.Add(fmt.Sprintf("answers[%d].questionId", i), "That question is not in this questionnaire")
			continue
		}
		v := strings.TrimSpace(an.Value)
		if qs[idx].Kind == QDocument {
			// A file answers it: words typed here would look like an answer but not be one.
			if v != "" {
				errs.Add(fmt.Sprintf("answers[%d].value", i), "Upload a file to answer this question")
			}
			continue
		}
		switch qs[idx].Kind {
		case QNumber:
			if v != "" {
				if _, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64); err != nil {
					errs.Add(fmt.Sprintf("answers[%d].value", i), "Enter a number, like 12 or 3.5")
				}
			}
		case QYesNo:
			if v != "" && v != "yes" && v != "no" {
				errs.Add(fmt.Sprintf("answers[%d].value", i), "Answer yes or no")
			}
		}
		row := Answer{ApplicationID: a.ID, QuestionID: an.QuestionID, Value: v}
		if err := tx.Where("application_id = ? AND question_id = ?", a.ID, an.QuestionID).Delete(&Answer{}).Error; err != nil {
			return fmt.Errorf("dps: unable to save answer: %w", err)
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("dps: unable to save answer: %w", err)
		}
	}
	return errs.Err()
}

// prefill answers, from the profile, the questions that say where to look and have no answer.
func (s *Service) prefill(tx *gorm.DB, d DPS, a Application) error {
	var qs []Question
	if err := tx.Where("dps_id = ? AND profile_field <> ''", d.ID).Find(&qs).Error; err != nil {
		return fmt.Errorf("dps: unable to read questions: %w", err)
	}
	if len(qs) == 0 {
		return nil
	}
	facts, err := s.suppliers.Facts(tx, a.OrganisationID)
	if err != nil {
		return err
	}
	certs, err := s.suppliers.CurrentInsurances(tx, a.OrganisationID, s.now().In(london).Format("2006-01-02"))
	if err != nil {
		return err
	}
	for _, q := range qs {
		var v string
		switch {
		case q.ProfileField == "companies_house_number":
			v = facts.CompaniesHouseNumber
		case q.ProfileField == "charity_number":
			v = facts.CharityNumber
		case q.ProfileField == "vat_number":
			v = facts.VATNumber
		case strings.HasPrefix(q.ProfileField, "insurance:"):
			kind := strings.TrimPrefix(q.ProfileField, "insurance:")
			if c, ok := certs[kind]; ok {
				v = insuranceText(kind, c)
			}
		case q.ProfileField == "declarations":
			if facts.Declared {
				v = "yes"
			}
		case strings.HasPrefix(q.ProfileField, "declaration:"):
			// A yes/no question: only a yes is filled in. A "no" or "does not apply" is left for
			// the supplier to answer, so nothing is said for them that they might want to explain.
			if facts.Declarations[strings.TrimPrefix(q.ProfileField, "declaration:")] == suppliers.AnswerYes {
				v = "yes"
			}
		case q.ProfileField == "accreditations":
			v = strings.Join(facts.Accreditations, ", ")
		}
		if v == "" {
			continue
		}
		if err := tx.Exec(`INSERT INTO dps_answers (application_id, question_id, value, from_profile) VALUES (?, ?, ?, ?)
			ON CONFLICT (application_id, question_id) DO NOTHING`, a.ID, q.ID, v, true).Error; err != nil {
			return fmt.Errorf("dps: unable to fill in from the profile: %w", err)
		}
	}
	return nil
}

// insuranceNames are the kinds of insurance as a sentence names them.
var insuranceNames = map[string]string{"public_liability": "public liability", "employers_liability": "employer’s liability", "professional_indemnity": "professional indemnity"}

// insuranceText is a certificate as an answer, written for the officer who reads it: "£2,000,000
// public liability cover, valid until 31 January 2027 (certificate: insurance.pdf)".
func insuranceText(kind string, c suppliers.Insurance) string {
	until := c.ExpiresOn
	if t, err := time.Parse("2006-01-02", c.ExpiresOn); err == nil {
		until = t.Format("2 January 2006")
	}
	name := insuranceNames[kind]
	if name == "" {
		name = strings.ReplaceAll(kind, "_", " ")
	}
	return fmt.Sprintf("%s %s cover, valid until %s (certificate: %s)", format.Money(c.AmountPence), name, until, c.DocumentName)
}

// loadApplication reads an application that p may see: the supplier's own organisation's, or
// any for buyers.
func (s *Service) loadApplication(tx *gorm.DB, p *auth.Principal, id string) (Application, DPS, error) {
	var a Application
	if _, err := uuid.Parse(id); err != nil {
		return a, DPS{}, errAppNotFound
	}
	if err := tx.Take(&a, "id = ?", id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return a, DPS{}, errAppNotFound
		}
		return a, DPS{}, fmt.Errorf("dps: unable to read application: %w", err)
	}
	if !isStaff(p) {
		if p == nil || p.Role != auth.RoleSupplier {
			return a, DPS{}, errAppNotFound
		}
		if _, err := s.accounts.MemberRole(tx, p.UserID, a.OrganisationID); errors.Is(err, accounts.ErrNotMember) {
			return a, DPS{}, errAppNotFound
		} else if err != nil {
			return a, DPS{}, err
		}
	}
	var d DPS
	if err := tx.Take(&d, "id = ?", a.DPSID).Error; err != nil {
		return a, d, fmt.Errorf("dps: unable to read: %w", err)
	}
	return a, d, nil
}

// GetApplication returns an application with its questions, answers and decisions.
func (s *Service) GetApplication(ctx context.Context, p *auth.Principal, id string) (ApplicationView, error) {
	db := s.db.Gorm.WithContext(ctx)
	a, d, err := s.loadApplication(db, p, id)
	if err != nil {
		return ApplicationView{}, err
	}
	return s.applicationView(db, a, d)
}

func (s *Service) applicationView(db *gorm.DB, a Application, d DPS) (ApplicationView, error) {
	v := ApplicationView{ID: a.ID, DPSID: d.ID, DPSTitle: d.Title, DPSReference: d.Reference, OrganisationID: a.OrganisationID, Status: a.Status,
		SubmittedAt: a.SubmittedAt, DueAt: a.DueAt, Extended: a.Extended, ExtensionReason: a.ExtensionReason, DecidedAt: a.DecidedAt, Version: a.Version,
		Categories: []CategoryDecision{}, Answers: []AnswerView{}, MaxDocumentBytes: s.cfg.MaxUploadBytes}
	var err error
	if v.OrganisationName, err = s.accounts.OrganisationName(db, a.OrganisationID); err != nil {
		return v, err
	}
	if a.DueAt != nil && a.Status == AppSubmitted {
		n := s.cal.WorkingDaysBetween(s.now(), *a.DueAt)
		v.WorkingDaysLeft = &n
	}
	var cats []struct {
		AppCategory
		Name string
	}
	if err := db.Table("dps_application_categories ac").Select("ac.*, c.name").Joins("JOIN dps_categories c ON c.id = ac.category_id").
		Where("ac.application_id = ?", a.ID).Order("c.position").Scan(&cats).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read categories: %w", err)
	}
	chosen := map[string]bool{}
	for _, c := range cats {
		chosen[c.CategoryID] = true
		v.Categories = append(v.Categories, CategoryDecision{CategoryID: c.CategoryID, Name: c.Name, Status: c.Status, Reason: c.Reason, DecidedAt: c.DecidedAt})
	}
	var qs []Question
	if err := db.Where("dps_id = ?", d.ID).Order("position").Find(&qs).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read questions: %w", err)
	}
	var answers []Answer
	if err := db.Where("application_id = ?", a.ID).Find(&answers).Error; err != nil {
		return v, fmt.Errorf("dps: unable to read answers: %w", err)
	}
	for _, q := range applicable(qs, chosen) {
		av := AnswerView{QuestionID: q.ID, Kind: q.Kind, Text: q.Text, Hint: q.Hint}
		for _, an := range answers {
			if an.QuestionID == q.ID {
				av.Value, av.FromProfile = an.Value, an.FromProfile
			}
		}
		v.Answers = append(v.Answers, av)
	}
	return v, s.answerDocuments(db, a, &v)
}

// applicable are the questions for the categories chosen: those for every category and those
// for any chosen one.
func applicable(qs []Question, chosen map[string]bool) []Question {
	var out []Question
	for _, q := range qs {
		cats := split(q.CategoryIDs)
		if len(cats) == 0 || slices.ContainsFunc(cats, func(c string) bool { return chosen[c] }) {
			out = append(out, q)
		}
	}
	return out
}

// SaveApplication saves a draft's categories and answers.
func (s *Service) SaveApplication(ctx context.Context, p *auth.Principal, id string, in ApplicationInput) (ApplicationView, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, d, err := s.loadApplication(tx, p, id)
		if err != nil {
			return err
		}
		if isStaff(p) {
			return apperr.New(apperr.Forbidden, "Only the supplier can change its application")
		}
		if a.Status != AppDraft {
			return apperr.New(apperr.Conflict, "This application has been submitted and can no longer be changed")
		}
		if err := s.saveDraft(tx, d, a, in); err != nil {
			return err
		}
		return tx.Model(&a).Updates(map[string]any{"version": a.Version + 1, "updated_at": s.stamp()}).Error
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// Submit sends a complete draft for a decision, due the configured number of working days after
// submission (counting from the next working day).
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id string) (ApplicationView, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, d, err := s.loadApplication(tx, p, id)
		if err != nil {
			return err
		}
		if isStaff(p) {
			return apperr.New(apperr.Forbidden, "Only the supplier can submit its application")
		}
		if a.Status != AppDraft {
			return apperr.New(apperr.Conflict, "This application has already been submitted")
		}
		if st := s.status(d); st != PhaseOpen {
			return apperr.New(apperr.Conflict, "This DPS is no longer taking applications")
		}
		v, err := s.applicationView(tx, a, d)
		if err != nil {
			return err
		}
		var errs apperr.Fields
		if len(v.Categories) == 0 {
			errs.Add("categoryIds", "Choose at least one category to apply for")
		}
		for i, an := range v.Answers {
			switch {
			case an.Kind == QDocument && an.Document == nil:
				errs.Add(fmt.Sprintf("answers[%d].document", i), "Upload a file to answer the question: "+an.Text)
			case an.Kind == QDocument:
			case an.Value == "":
				errs.Add(fmt.Sprintf("answers[%d].value", i), "Answer the question: "+an.Text)
			case an.Kind == QYesNo && an.Value != "yes":
				errs.Add(fmt.Sprintf("answers[%d].value", i), "You must be able to answer yes to join: "+an.Text)
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := s.stamp()
		due := s.cal.AddWorkingDays(now, d.DecisionDays)
		if err := tx.Model(&a).Updates(map[string]any{"status": AppSubmitted, "submitted_at": now, "due_at": due, "version": a.Version + 1, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("dps: unable to submit: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.application_submitted", SubjectType: "dps_application", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)}); err != nil {
			return err
		}
		// Every member hears that it went, so nobody wonders whether the button worked, and
		// what happens next.
		body := fmt.Sprintf("We received your application to join %s on %s. The council will decide by %s (%d working days) and tell you here and by email. You can withdraw it until then.",
			d.Title, format.DateTime(now), format.Date(due), d.DecisionDays)
		return s.tellOrganisation(ctx, tx, a.OrganisationID, "applied:"+a.ID+":"+now.Format("20060102150405.000000"), notifications.KindApplied, "",
			"Application sent: "+d.Title, body, "/dps-applications/"+a.ID)
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// Withdraw takes back an application not yet decided.
func (s *Service) Withdraw(ctx context.Context, p *auth.Principal, id string) (ApplicationView, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, _, err := s.loadApplication(tx, p, id)
		if err != nil {
			return err
		}
		if isStaff(p) {
			return apperr.New(apperr.Forbidden, "Only the supplier can withdraw its application")
		}
		if a.Status != AppDraft && a.Status != AppSubmitted {
			return apperr.New(apperr.Conflict, "This application has been decided and cannot be withdrawn")
		}
		now := s.stamp()
		var decided int64
		if err := tx.Model(&AppCategory{}).Where("application_id = ? AND status <> ?", a.ID, CatRequested).Count(&decided).Error; err != nil {
			return fmt.Errorf("dps: unable to read categories: %w", err)
		}
		if decided > 0 {
			// Some categories are decided already: withdrawing takes back only those still
			// waiting, and a place already given stays.
			if err := tx.Where("application_id = ? AND status = ?", a.ID, CatRequested).Delete(&AppCategory{}).Error; err != nil {
				return fmt.Errorf("dps: unable to withdraw: %w", err)
			}
			return tx.Model(&a).Updates(map[string]any{"status": AppDecided, "decided_at": now, "version": a.Version + 1, "updated_at": now}).Error
		}
		return tx.Model(&a).Updates(map[string]any{"status": AppWithdrawn, "version": a.Version + 1, "updated_at": now}).Error
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// MyApplications lists the applications of the supplier's organisations, newest first.
func (s *Service) MyApplications(ctx context.Context, p *auth.Principal) ([]ApplicationView, error) {
	db := s.db.Gorm.WithContext(ctx)
	orgs, err := s.accounts.OrganisationsOf(db, p.UserID)
	if err != nil || len(orgs) == 0 {
		return []ApplicationView{}, err
	}
	var apps []Application
	if err := db.Where("organisation_id IN ?", orgs).Order("created_at DESC").
		Limit(200).Find(&apps).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to list applications: %w", err)
	}
	out := []ApplicationView{}
	for _, a := range apps {
		var d DPS
		if err := db.Take(&d, "id = ?", a.DPSID).Error; err != nil {
			return nil, fmt.Errorf("dps: unable to read: %w", err)
		}
		v, err := s.applicationView(db, a, d)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
