package notifications

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// maxAlerts per person: plenty for every kind of work a small business does.
const maxAlerts = 20

// AlertInput is an alert as a supplier sets it. Empty lists match anything.
type AlertInput struct {
	Name          string   `json:"name" maxLength:"100" doc:"What the person calls it, such as \"Cleaning in Islington\"."`
	Keywords      []string `json:"keywords,omitempty" maxItems:"20" doc:"Words or phrases; an opportunity matches if it uses any of them (\"clean\" finds \"cleaning\")."`
	CPVCodes      []string `json:"cpvCodes,omitempty" maxItems:"50" doc:"CPV codes; a code matches itself and every code below it."`
	Localities    []string `json:"localities,omitempty" maxItems:"4" doc:"Where the work is done relative to the council: local, sub_regional, regional, national."`
	Procedures    []string `json:"procedures,omitempty" maxItems:"3" doc:"open_tender, quick_quote, dps_call."`
	MinValuePence int64    `json:"minValuePence,omitempty" minimum:"0" doc:"Estimated value at least this, in pence."`
	MaxValuePence int64    `json:"maxValuePence,omitempty" minimum:"0" doc:"Estimated value at most this, in pence; 0 for no limit."`
	Frequency     string   `json:"frequency" enum:"instant,daily" doc:"instant: an email for each match; daily: one email at 08:00 with the day's matches."`
}

// AlertView is an alert as shown to its owner.
type AlertView struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Keywords      []string  `json:"keywords" nullable:"false"`
	CPVCodes      []CPVName `json:"cpvCodes" nullable:"false"`
	Localities    []string  `json:"localities" nullable:"false"`
	Procedures    []string  `json:"procedures" nullable:"false"`
	MinValuePence int64     `json:"minValuePence"`
	MaxValuePence int64     `json:"maxValuePence"`
	Frequency     string    `json:"frequency"`
	FromProfile   bool      `json:"fromProfile" doc:"Made from the kinds of work on the organisation's profile."`
	CreatedAt     time.Time `json:"createdAt"`
	// PausedAt is set while the alert is paused (its emails were unsubscribed from): it tells of
	// nothing until resumed.
	PausedAt *time.Time `json:"pausedAt,omitempty" doc:"When the alert was paused; absent while it is on."`
}

// CPVName is a CPV code with its description.
type CPVName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

var (
	errAlertNotFound = apperr.New(apperr.NotFound, "There is no such alert")
	validLocalities  = []string{"local", "sub_regional", "regional", "national"}
	validProcedures  = []string{"open_tender", "quick_quote", "dps_call"}
)

func view(a Alert) AlertView {
	v := AlertView{ID: a.ID, Name: a.Name, Keywords: splitList(a.Keywords), CPVCodes: []CPVName{}, Localities: splitList(a.Localities),
		Procedures: splitList(a.Procedures), MinValuePence: a.MinValuePence, MaxValuePence: a.MaxValuePence, Frequency: a.Frequency,
		FromProfile: a.FromProfile, CreatedAt: a.CreatedAt, PausedAt: a.PausedAt}
	if v.Keywords == nil {
		v.Keywords = []string{}
	}
	if v.Localities == nil {
		v.Localities = []string{}
	}
	if v.Procedures == nil {
		v.Procedures = []string{}
	}
	for _, c := range splitList(a.CPVCodes) {
		n := CPVName{Code: c}
		if e, ok := refdata.CPVByCode(c); ok {
			n.Name = e.Description
		}
		v.CPVCodes = append(v.CPVCodes, n)
	}
	return v
}

// check cleans in and reports every problem at once.
func check(in AlertInput) (AlertInput, error) {
	var errs apperr.Fields
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	if in.Name == "" {
		errs.Add("name", "Enter a name for the alert")
	}
	var kws []string
	for i, k := range in.Keywords {
		k = strings.Join(strings.Fields(k), " ")
		switch {
		case k == "":
			continue
		case strings.Contains(k, ","):
			errs.Add(fmt.Sprintf("keywords[%d]", i), "Enter one word or phrase in each box, without commas")
		case len(k) > 60:
			errs.Add(fmt.Sprintf("keywords[%d]", i), "Keywords must be 60 characters or fewer")
		case len(tokens(k)) == 0:
			errs.Add(fmt.Sprintf("keywords[%d]", i), "Keywords must include letters or numbers")
		default:
			kws = append(kws, k)
		}
	}
	in.Keywords = kws
	for i, c := range in.CPVCodes {
		if err := refdata.ValidCPV(strings.TrimSpace(c)); err != nil {
			errs.Add(fmt.Sprintf("cpvCodes[%d]", i), "Choose a CPV code from the list, such as 90910000-9")
		}
		in.CPVCodes[i] = strings.TrimSpace(c)
	}
	for i, l := range in.Localities {
		if !contains(validLocalities, l) {
			errs.Add(fmt.Sprintf("localities[%d]", i), "Choose where the work is done from the list")
		}
	}
	for i, p := range in.Procedures {
		if !contains(validProcedures, p) {
			errs.Add(fmt.Sprintf("procedures[%d]", i), "Choose a kind of opportunity from the list")
		}
	}
	if in.MaxValuePence > 0 && in.MaxValuePence < in.MinValuePence {
		errs.Add("maxValuePence", "The highest value must be more than the lowest value")
	}
	if in.Frequency != FrequencyInstant && in.Frequency != FrequencyDaily {
		errs.Add("frequency", "Choose how often you want emails")
	}
	return in, errs.Err()
}

func supplierOnly(p *auth.Principal) error {
	if p == nil || p.Role != auth.RoleSupplier {
		return apperr.New(apperr.Forbidden, "Only suppliers can have alerts")
	}
	return nil
}

// ListAlerts returns the person's alerts, first making the one from their organisation's profile
// if they have never had it (people who joined an organisation after its profile was saved).
func (s *Service) ListAlerts(ctx context.Context, p *auth.Principal) ([]AlertView, error) {
	if err := supplierOnly(p); err != nil {
		return nil, err
	}
	var alerts []Alert
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		orgs, err := s.accounts.OrganisationsOf(tx, p.UserID)
		if err != nil {
			return err
		}
		var made []string
		if len(orgs) > 0 {
			if err := tx.Model(&profileDefault{}).Where("user_id = ? AND organisation_id IN ?", p.UserID, orgs).Pluck("organisation_id", &made).Error; err != nil {
				return fmt.Errorf("notifications: unable to read profile alerts: %w", err)
			}
		}
		orgs = slices.DeleteFunc(orgs, func(o string) bool { return slices.Contains(made, o) })
		codes, err := s.suppliers.CPVCodes(tx, orgs)
		if err != nil {
			return err
		}
		for _, o := range orgs {
			if len(codes[o]) == 0 {
				continue
			}
			if err := s.ensureProfileAlert(tx, p.UserID, o, codes[o]); err != nil {
				return err
			}
		}
		return tx.Where("user_id = ?", p.UserID).Order("created_at, id").Find(&alerts).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]AlertView, len(alerts))
	for i, a := range alerts {
		out[i] = view(a)
	}
	return out, nil
}

// GetAlert returns one of the person's alerts.
func (s *Service) GetAlert(ctx context.Context, p *auth.Principal, id string) (AlertView, error) {
	a, err := s.alert(s.db.Gorm.WithContext(ctx), p, id)
	if err != nil {
		return AlertView{}, err
	}
	return view(a), nil
}

func (s *Service) alert(db *gorm.DB, p *auth.Principal, id string) (Alert, error) {
	if err := supplierOnly(p); err != nil {
		return Alert{}, err
	}
	var a Alert
	if _, err := uuid.Parse(id); err != nil {
		return a, errAlertNotFound
	}
	// Someone else's alert is "not found", so alert IDs cannot be probed.
	if err := db.Take(&a, "id = ? AND user_id = ?", id, p.UserID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return a, errAlertNotFound
		}
		return a, fmt.Errorf("notifications: unable to read alert: %w", err)
	}
	return a, nil
}

// CreateAlert saves a new alert, for the organisation orgID (see actsFor).
// Errors: invalid, forbidden.
func (s *Service) CreateAlert(ctx context.Context, p *auth.Principal, orgID string, in AlertInput) (AlertView, error) {
	if err := supplierOnly(p); err != nil {
		return AlertView{}, err
	}
	in, err := check(in)
	if err != nil {
		return AlertView{}, err
	}
	now := s.stamp()
	a := Alert{ID: uuid.NewString(), UserID: p.UserID, CreatedAt: now}
	apply(&a, in, now)
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if full, err := alertsFull(tx, p.UserID); err != nil || full != "" {
			if err == nil {
				err = apperr.Field("name", full)
			}
			return err
		}
		if a.OrganisationID, err = s.actsFor(tx, p, orgID); err != nil {
			return err
		}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("notifications: unable to save alert: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "alert.created", SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AlertView{}, err
	}
	return view(a), nil
}

// actsFor is the organisation an alert or an interest is for, by accounts' one rule (the one
// named, else the only one; someone in several must say which). A supplier who belongs to none any
// more (they left it) may still keep alerts and interest: theirs are for no organisation, nil.
// Errors: invalid, forbidden.
func (s *Service) actsFor(tx *gorm.DB, p *auth.Principal, orgID string) (*string, error) {
	org, err := s.accounts.ActsFor(tx, p.UserID, orgID, apperr.InQuery)
	if orgID == "" && errors.Is(err, accounts.ErrNotMember) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &org, nil
}

func apply(a *Alert, in AlertInput, now time.Time) {
	a.Name, a.Keywords, a.CPVCodes = in.Name, joinList(in.Keywords), joinList(in.CPVCodes)
	a.Localities, a.Procedures = joinList(in.Localities), joinList(in.Procedures)
	a.MinValuePence, a.MaxValuePence, a.Frequency, a.UpdatedAt = in.MinValuePence, in.MaxValuePence, in.Frequency, now
}

// UpdateAlert changes one of the person's alerts.
func (s *Service) UpdateAlert(ctx context.Context, p *auth.Principal, id string, in AlertInput) (AlertView, error) {
	in, err := check(in)
	if err != nil {
		return AlertView{}, err
	}
	var a Alert
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if a, err = s.alert(tx, p, id); err != nil {
			return err
		}
		apply(&a, in, s.stamp())
		if err := tx.Select("*").Updates(&a).Error; err != nil {
			return fmt.Errorf("notifications: unable to save alert: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "alert.updated", SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AlertView{}, err
	}
	return view(a), nil
}

// DeleteAlert removes one of the person's alerts; matches waiting for an email are not sent.
func (s *Service) DeleteAlert(ctx context.Context, p *auth.Principal, id string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, err := s.alert(tx, p, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&a).Error; err != nil {
			return fmt.Errorf("notifications: unable to delete alert: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "alert.deleted", SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
	})
}

// SetPaused pauses or resumes one of the person's alerts. A paused alert keeps its search but
// tells of nothing, so an unsubscribe link in an email is not the end of it.
// Errors: not_found, forbidden.
func (s *Service) SetPaused(ctx context.Context, p *auth.Principal, id string, paused bool) (AlertView, error) {
	var out Alert
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, err := s.alert(tx, p, id)
		if err != nil {
			return err
		}
		if (a.PausedAt != nil) == paused {
			out = a
			return nil // already so: pausing twice is harmless
		}
		var at *time.Time
		action := "alert.resumed"
		if paused {
			now := s.stamp()
			at, action = &now, "alert.paused"
		}
		if err := tx.Model(&Alert{}).Where("id = ?", a.ID).Updates(map[string]any{"paused_at": at, "updated_at": s.stamp()}).Error; err != nil {
			return fmt.Errorf("notifications: unable to pause or resume alert: %w", err)
		}
		a.PausedAt = at
		out = a
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: action, SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AlertView{}, err
	}
	return view(out), nil
}

// CreateProfileAlert makes again the alert from the organisation's profile (its kinds of work
// as they are now), for someone who deleted it. Errors: conflict (they have it), invalid (the
// profile names no kind of work), forbidden.
func (s *Service) CreateProfileAlert(ctx context.Context, p *auth.Principal, orgID string) (AlertView, error) {
	if err := supplierOnly(p); err != nil {
		return AlertView{}, err
	}
	var a Alert
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		org, err := s.actsFor(tx, p, orgID)
		if err != nil {
			return err
		}
		if org == nil {
			return apperr.New(apperr.Invalid, "You need to belong to an organisation with a profile to have an alert from it")
		}
		var n int64
		if err := tx.Model(&Alert{}).Where("user_id = ? AND organisation_id = ? AND from_profile = ?", p.UserID, *org, true).Count(&n).Error; err != nil {
			return fmt.Errorf("notifications: unable to read alerts: %w", err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "You already have the alert from your profile. If it is paused, resume it instead.")
		}
		if full, err := alertsFull(tx, p.UserID); err != nil || full != "" {
			if err == nil {
				err = apperr.New(apperr.Invalid, full)
			}
			return err
		}
		codes, err := s.suppliers.CPVCodes(tx, []string{*org})
		if err != nil {
			return err
		}
		if len(codes[*org]) == 0 {
			return apperr.New(apperr.Invalid, "Your profile does not say what kinds of work you do yet. Add them to your profile first.")
		}
		a = profileAlert(p.UserID, *org, codes[*org], s.stamp())
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("notifications: unable to make the profile alert: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "alert.created", SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return AlertView{}, err
	}
	return view(a), nil
}

// alertsFull says why the person cannot have another alert ("" when they can): the one limit
// that creating an alert and making the profile alert again both keep.
func alertsFull(tx *gorm.DB, userID string) (string, error) {
	var n int64
	if err := tx.Model(&Alert{}).Where("user_id = ?", userID).Count(&n).Error; err != nil {
		return "", fmt.Errorf("notifications: unable to count alerts: %w", err)
	}
	if n >= maxAlerts {
		return fmt.Sprintf("You can have up to %d alerts. Delete one you no longer need first.", maxAlerts), nil
	}
	return "", nil
}
