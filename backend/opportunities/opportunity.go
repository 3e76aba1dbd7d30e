package opportunities

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// OpportunityCPV is a CPV code with its description.
type OpportunityCPV struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// OpportunityLot is a lot as shown.
type OpportunityLot struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	Description    string `json:"description"`
	ValuePence     int64  `json:"valuePence"`
	ValueText      string `json:"valueText"`
	CPVCode        string `json:"cpvCode"`
	CPVDescription string `json:"cpvDescription"`
}

// OpportunityCriterion is a criterion as shown.
type OpportunityCriterion struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	WeightBP    int    `json:"weightBp"`
	WeightText  string `json:"weightText" doc:"The weight as a percentage, e.g. 20%."`
}

// Deadline is a moment shown three ways.
type Deadline struct {
	At    time.Time `json:"at" doc:"UTC."`
	Local string    `json:"local" doc:"London wall-clock time, YYYY-MM-DDTHH:MM, as forms take it."`
	Text  string    `json:"text" doc:"For people, e.g. midday on Wednesday 1 July 2026, or 5:30pm on Friday 3 July 2026."`
}

// OpportunityDocument is a document as listed, with its checksum so a supplier can check their copy.
type OpportunityDocument struct {
	ID           string     `json:"id"`
	Filename     string     `json:"filename"`
	ContentType  string     `json:"contentType"`
	Size         int64      `json:"size"`
	SHA256       string     `json:"sha256"`
	UploadedAt   time.Time  `json:"uploadedAt"`
	Current      bool       `json:"current" doc:"False for a document replaced by a later version."`
	ReplacesID   string     `json:"replacesId,omitempty"`
	SupersededAt *time.Time `json:"supersededAt,omitempty"`
	URL          string     `json:"url"`
}

// AmendmentChange is one field changed by an amendment.
type AmendmentChange struct {
	Field  string `json:"field"`
	Label  string `json:"label"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// OpportunityAmendment is an amendment as shown publicly.
type OpportunityAmendment struct {
	Number    int               `json:"number"`
	Kind      string            `json:"kind" doc:"text, deadline, document or cancellation."`
	Note      string            `json:"note"`
	Changes   []AmendmentChange `json:"changes" nullable:"false"`
	CreatedAt time.Time         `json:"createdAt"`
}

// PublishProblem is one thing stopping a draft from being published.
type PublishProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// PublishWarning is something about a draft or an open opportunity worth a second look, which
// does not stop it being published or amended (a deadline on a bank holiday).
type PublishWarning struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// OpportunityView is an opportunity as its page shows it, in plain English.
type OpportunityView struct {
	ID                       string                 `json:"id"`
	Reference                string                 `json:"reference"`
	Status                   Status                 `json:"status" enum:"draft,planned,open,closed,cancelled" doc:"draft, planned, open, closed or cancelled."`
	StatusText               string                 `json:"statusText"`
	Title                    string                 `json:"title"`
	Summary                  string                 `json:"summary"`
	Description              string                 `json:"description"`
	Procedure                string                 `json:"procedure"`
	ProcedureLabel           string                 `json:"procedureLabel"`
	CPVCodes                 []OpportunityCPV       `json:"cpvCodes" nullable:"false"`
	Lots                     []OpportunityLot       `json:"lots" nullable:"false"`
	EstimatedValuePence      int64                  `json:"estimatedValuePence"`
	ValueText                string                 `json:"valueText" doc:"e.g. £120,000 (without VAT)."`
	ContractMonths           int                    `json:"contractMonths"`
	ContractLengthText       string                 `json:"contractLengthText"`
	PlaceOfDelivery          string                 `json:"placeOfDelivery"`
	PlaceOfDeliveryName      string                 `json:"placeOfDeliveryName"`
	Locality                 string                 `json:"locality" doc:"Where the work is relative to the council: local, sub_regional, regional or national."`
	SuitableForSMEs          bool                   `json:"suitableForSmes"`
	SuitableForVCSEs         bool                   `json:"suitableForVcses"`
	Reserved                 string                 `json:"reserved"`
	WhoCanBid                []string               `json:"whoCanBid" nullable:"false"`
	ClarificationDeadline    *Deadline              `json:"clarificationDeadline,omitempty"`
	SubmissionDeadline       *Deadline              `json:"submissionDeadline,omitempty"`
	DaysLeft                 *int                   `json:"daysLeft,omitempty" doc:"Whole days in London from today to the deadline day, while open."`
	TimeLeftText             string                 `json:"timeLeftText" doc:"e.g. 23 days to bid."`
	ExpectedAwardOn          string                 `json:"expectedAwardOn"`
	Criteria                 []OpportunityCriterion `json:"criteria" nullable:"false"`
	SocialValueWeightBP      int                    `json:"socialValueWeightBp"`
	SocialValueWeightText    string                 `json:"socialValueWeightText"`
	SocialValueJustification string                 `json:"socialValueJustification"`
	ShortPeriodReason        string                 `json:"shortPeriodReason"`
	ExpectedQuarter          string                 `json:"expectedQuarter,omitempty"`
	ExpectedQuarterText      string                 `json:"expectedQuarterText,omitempty"`
	ContactEmail             string                 `json:"contactEmail,omitempty" doc:"Who suppliers can ask about it: the named contact, or else (once published) the council's procurement team."`
	Documents                []OpportunityDocument  `json:"documents" nullable:"false"`
	DocumentsHiddenReason    string                 `json:"documentsHiddenReason,omitempty" doc:"Why the documents are not listed for you (a call for competition is for a DPS's members)."`
	Amendments               []OpportunityAmendment `json:"amendments" nullable:"false"`
	CancelReason             string                 `json:"cancelReason,omitempty"`
	PublishedAt              *time.Time             `json:"publishedAt,omitempty"`
	CancelledAt              *time.Time             `json:"cancelledAt,omitempty"`
	UpdatedAt                time.Time              `json:"updatedAt"`
	Version                  int                    `json:"version"`
	// PublishProblems lists, for a draft, what stops it being published right now.
	PublishProblems []PublishProblem `json:"publishProblems" nullable:"false"`
	// PublishWarnings lists, for a draft or an open opportunity, what the buyer may want to
	// change although it is allowed: a deadline on a weekend or a bank holiday.
	PublishWarnings []PublishWarning `json:"publishWarnings" nullable:"false"`
}

// isStaff reports whether p may see drafts and change opportunities.
func isStaff(p *auth.Principal) bool {
	return p != nil && p.EmailVerified && (p.Role == auth.RoleBuyer || p.Role == auth.RoleAdmin)
}

// publicStatus is the status as suppliers see it at now.
func publicStatus(o Opportunity, now time.Time) Status {
	if o.Status == StatusPublished {
		if o.SubmissionDeadline != nil && o.SubmissionDeadline.After(now) {
			return StatusOpen
		}
		return StatusClosed
	}
	return o.Status
}

var statusText = map[Status]string{StatusDraft: "Draft", StatusPlanned: "Planned", StatusOpen: "Open", StatusClosed: "Closed", StatusCancelled: "Cancelled"}

// GetOpportunity returns an opportunity's page by ID or reference. Drafts are shown only to buyers
// and administrators; to anyone else they do not exist.
// Errors: not_found.
func (s *Service) GetOpportunity(ctx context.Context, p *auth.Principal, idOrRef string) (OpportunityView, error) {
	db := s.db.Gorm.WithContext(ctx)
	o, err := s.load(db, idOrRef, false)
	if err != nil {
		return OpportunityView{}, err
	}
	if o.Status == StatusDraft && !isStaff(p) {
		return OpportunityView{}, errNotFound
	}
	v, err := s.view(db, o)
	if err != nil {
		return v, err
	}
	if hidden, why, err := s.documentsHidden(ctx, p, o.ID); err != nil {
		return v, err
	} else if hidden {
		v.Documents, v.DocumentsHiddenReason = []OpportunityDocument{}, why
	}
	return v, nil
}

func (s *Service) view(db *gorm.DB, o Opportunity) (OpportunityView, error) {
	now := s.now()
	v := OpportunityView{ID: o.ID, Reference: o.Reference, Status: publicStatus(o, now), Title: o.Title, Summary: o.Summary, Description: o.Description,
		Procedure: o.Procedure, ProcedureLabel: procedureLabels[o.Procedure], EstimatedValuePence: o.EstimatedValuePence, ContractMonths: o.ContractMonths,
		PlaceOfDelivery: o.PlaceOfDelivery, Locality: o.Locality, SuitableForSMEs: o.SuitableForSMEs, SuitableForVCSEs: o.SuitableForVCSEs,
		Reserved: o.Reserved, ExpectedAwardOn: o.ExpectedAwardOn, SocialValueJustification: o.SocialValueJustification, ShortPeriodReason: o.ShortPeriodReason,
		ExpectedQuarter: o.ExpectedQuarter, ExpectedQuarterText: quarterText(o.ExpectedQuarter), ContactEmail: o.ContactEmail, CancelReason: o.CancelReason,
		PublishedAt: o.PublishedAt, CancelledAt: o.CancelledAt, UpdatedAt: o.UpdatedAt, Version: o.Version,
		CPVCodes: []OpportunityCPV{}, Lots: []OpportunityLot{}, Criteria: []OpportunityCriterion{}, Documents: []OpportunityDocument{}, Amendments: []OpportunityAmendment{}, PublishProblems: []PublishProblem{}, PublishWarnings: []PublishWarning{}}
	v.StatusText = statusText[v.Status]
	if v.ContactEmail == "" && v.Status != StatusDraft {
		// Suppliers always have someone to ask: the procurement team when no one is named. A
		// draft shows only what was saved, so that saving it again keeps it so.
		v.ContactEmail = s.procurementEmail
	}
	v.ValueText = valueText(o.EstimatedValuePence)
	v.ContractLengthText = contractLength(o.ContractMonths)
	if la, ok := refdata.LocalAuthorityByCode(o.PlaceOfDelivery); ok {
		v.PlaceOfDeliveryName = la.Name
	}
	v.WhoCanBid = s.whoCanBid(o)
	v.ClarificationDeadline = deadlineView(o.ClarificationDeadline)
	v.SubmissionDeadline = deadlineView(o.SubmissionDeadline)
	v.DaysLeft, v.TimeLeftText = timeLeft(o, now)

	cpv, lots, criteria, err := s.children(db, o.ID)
	if err != nil {
		return v, err
	}
	for _, c := range cpv {
		d, _ := refdata.CPVByCode(c)
		v.CPVCodes = append(v.CPVCodes, OpportunityCPV{Code: c, Description: d.Description})
	}
	for _, l := range lots {
		d, _ := refdata.CPVByCode(l.CPVCode)
		v.Lots = append(v.Lots, OpportunityLot{ID: l.ID, Title: l.Title, Description: l.Description, ValuePence: l.ValuePence, ValueText: valueText(l.ValuePence),
			CPVCode: l.CPVCode, CPVDescription: d.Description})
	}
	for _, c := range criteria {
		v.Criteria = append(v.Criteria, OpportunityCriterion{Name: c.Name, Kind: c.Kind, Description: c.Description, WeightBP: c.WeightBP, WeightText: FormatPercent(c.WeightBP)})
	}
	v.SocialValueWeightBP = SocialValueWeight(criteria)
	v.SocialValueWeightText = FormatPercent(v.SocialValueWeightBP)
	if v.Documents, err = s.documents(db, o); err != nil {
		return v, err
	}
	if v.Amendments, err = s.amendments(db, o.ID); err != nil {
		return v, err
	}
	if o.Status == StatusDraft {
		for _, e := range s.checkPublish(o, cpv, lots, criteria, now) {
			v.PublishProblems = append(v.PublishProblems, PublishProblem{Field: e.Field, Message: e.Message})
		}
	}
	if v.Status == StatusDraft || v.Status == StatusOpen {
		v.PublishWarnings = s.deadlineWarnings(o)
	}
	return v, nil
}

func (s *Service) children(db *gorm.DB, id string) ([]string, []Lot, []Criterion, error) {
	var cpv []string
	if err := db.Model(&CPVCode{}).Where("opportunity_id = ?", id).Order("code").Pluck("code", &cpv).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("opportunities: unable to read CPV codes: %w", err)
	}
	var lots []Lot
	if err := db.Where("opportunity_id = ?", id).Order("position").Find(&lots).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("opportunities: unable to read lots: %w", err)
	}
	var criteria []Criterion
	if err := db.Where("opportunity_id = ?", id).Order("position").Find(&criteria).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("opportunities: unable to read criteria: %w", err)
	}
	return cpv, lots, criteria, nil
}

func (s *Service) amendments(db *gorm.DB, id string) ([]OpportunityAmendment, error) {
	var rows []Amendment
	if err := db.Where("opportunity_id = ?", id).Order("number").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("opportunities: unable to read amendments: %w", err)
	}
	out := []OpportunityAmendment{}
	for _, a := range rows {
		out = append(out, OpportunityAmendment{Number: a.Number, Kind: a.Kind, Note: a.Note, CreatedAt: a.CreatedAt, Changes: a.Changes()})
	}
	return out, nil
}

// Changes lists the fields the amendment changed, in the order the public page shows them, each
// with its value before and after as people read it (deadlines in London time).
func (a Amendment) Changes() []AmendmentChange {
	var before, after map[string]string
	json.Unmarshal([]byte(a.BeforeValues), &before)
	json.Unmarshal([]byte(a.AfterValues), &after)
	out := []AmendmentChange{}
	for _, field := range changeOrder {
		b, bok := before[field]
		af, aok := after[field]
		if bok || aok {
			out = append(out, AmendmentChange{Field: field, Label: fieldLabels[field], Before: b, After: af})
		}
	}
	return out
}

func deadlineView(t *time.Time) *Deadline {
	if t == nil {
		return nil
	}
	return &Deadline{At: t.UTC(), Local: t.In(london).Format("2006-01-02T15:04"), Text: format.DateTime(*t)}
}

// timeLeft counts whole London calendar days from today to the deadline's day, so a deadline at
// noon in 23 days reads "23 days to bid" all day today.
func timeLeft(o Opportunity, now time.Time) (*int, string) {
	switch publicStatus(o, now) {
	case StatusOpen:
		today := dateOnly(now)
		days := int(dateOnly(*o.SubmissionDeadline).Sub(today).Hours()/24 + 0.5)
		switch days {
		case 0:
			return &days, "Last day to bid: closes at " + format.Time(*o.SubmissionDeadline) + " today"
		case 1:
			return &days, "1 day to bid"
		}
		return &days, strconv.Itoa(days) + " days to bid"
	case StatusClosed:
		return nil, "Closed to bids"
	case StatusCancelled:
		return nil, "Cancelled"
	case StatusPlanned:
		if q := quarterText(o.ExpectedQuarter); q != "" {
			return nil, "Expected to open for bids in " + q
		}
		return nil, "Planned"
	}
	return nil, "Not published yet"
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.In(london).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func valueText(pence int64) string {
	if pence <= 0 {
		return "Not given"
	}
	return format.Money(pence) + " (without VAT)"
}

func contractLength(months int) string {
	switch {
	case months <= 0:
		return "Not given"
	case months == 1:
		return "1 month"
	case months%12 == 0 && months/12 == 1:
		return "1 year"
	case months%12 == 0:
		return strconv.Itoa(months/12) + " years"
	}
	return strconv.Itoa(months) + " months"
}

func (s *Service) whoCanBid(o Opportunity) []string {
	var out []string
	switch o.Reserved {
	case ReservedLocal:
		out = append(out, "Only organisations based in "+s.councilArea()+" can bid.")
	case ReservedUK:
		out = append(out, "Only organisations based in the UK can bid.")
	case ReservedSMEVCSE:
		out = append(out, "Only small and medium-sized businesses (SMEs) and voluntary, community and social enterprise organisations (VCSEs) can bid.")
	default:
		out = append(out, "Any organisation can bid.")
	}
	if o.SuitableForSMEs {
		out = append(out, "Suitable for small and medium-sized businesses (SMEs).")
	}
	if o.SuitableForVCSEs {
		out = append(out, "Suitable for voluntary, community and social enterprise organisations (VCSEs).")
	}
	return out
}

func (s *Service) councilArea() string {
	if la, ok := refdata.LocalAuthorityByCode(s.councilCode); ok {
		return la.Name
	}
	return s.councilName + "’s area"
}

// CreateDraft starts a new draft opportunity with its public reference.
// Errors: invalid.
func (s *Service) CreateDraft(ctx context.Context, p *auth.Principal, in OpportunityInput) (OpportunityView, error) {
	d, err := s.checkDraft(in)
	if err != nil {
		return OpportunityView{}, err
	}
	now := s.stamp()
	var view OpportunityView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		ref, err := s.nextReference(tx, now)
		if err != nil {
			return err
		}
		o := d.o
		o.ID, o.Reference, o.Status, o.Version, o.CreatedBy, o.CreatedAt, o.UpdatedAt = uuid.NewString(), ref, StatusDraft, 1, p.UserID, now, now
		if err := tx.Create(&o).Error; err != nil {
			return fmt.Errorf("opportunities: unable to create opportunity: %w", err)
		}
		if err := s.replaceChildren(tx, o.ID, d); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.created", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reference": ref}}); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}

// UpdateDraft replaces a draft. ifMatch must be the version the buyer loaded; when someone else
// saved in between nothing is written. A published opportunity is changed by amendment instead.
// Errors: invalid, not_found, conflict (published), precondition_failed (someone else saved: ErrVersionMismatch).
func (s *Service) UpdateDraft(ctx context.Context, p *auth.Principal, id string, ifMatch int, in OpportunityInput) (OpportunityView, error) {
	d, err := s.checkDraft(in)
	if err != nil {
		return OpportunityView{}, err
	}
	now := s.stamp()
	var view OpportunityView
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		cur, err := s.load(tx, id, true)
		if err != nil {
			return err
		}
		if cur.Status != StatusDraft {
			return apperr.New(apperr.Conflict, "This opportunity has been published: change it with an amendment, so suppliers can see what changed")
		}
		if cur.Version != ifMatch {
			return ErrVersionMismatch
		}
		o := d.o
		o.ID, o.Reference, o.Status, o.Version, o.CreatedBy, o.CreatedAt, o.UpdatedAt = cur.ID, cur.Reference, cur.Status, cur.Version+1, cur.CreatedBy, cur.CreatedAt, now
		res := tx.Model(&Opportunity{}).Where("id = ? AND version = ?", cur.ID, cur.Version).Select("*").Updates(&o)
		if res.Error != nil {
			return fmt.Errorf("opportunities: unable to save opportunity: %w", res.Error)
		}
		if res.RowsAffected != 1 {
			return ErrVersionMismatch
		}
		if err := s.replaceChildren(tx, o.ID, d); err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.updated", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"version": o.Version}}); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}

func (s *Service) replaceChildren(tx *gorm.DB, id string, d draft) error {
	for _, m := range []any{&CPVCode{}, &Lot{}, &Criterion{}} {
		if err := tx.Where("opportunity_id = ?", id).Delete(m).Error; err != nil {
			return fmt.Errorf("opportunities: unable to replace details: %w", err)
		}
	}
	for _, c := range d.cpv {
		if err := tx.Create(&CPVCode{OpportunityID: id, Code: c}).Error; err != nil {
			return fmt.Errorf("opportunities: unable to save CPV code: %w", err)
		}
	}
	for _, l := range d.lots {
		l.ID, l.OpportunityID = uuid.NewString(), id
		if err := tx.Create(&l).Error; err != nil {
			return fmt.Errorf("opportunities: unable to save lot: %w", err)
		}
	}
	for _, c := range d.criteria {
		c.ID, c.OpportunityID = uuid.NewString(), id
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("opportunities: unable to save criterion: %w", err)
		}
	}
	return nil
}

// Publish makes a draft public once every rule is met, judged by the server's clock now. Checks
// may refuse it first; reactions hear of it in the same transaction.
// Errors: invalid (each broken rule naming its field), not_found, conflict.
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id string) (OpportunityView, error) {
	var view OpportunityView
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.load(tx, id, true)
		if err != nil {
			return err
		}
		if o.Status != StatusDraft {
			return apperr.New(apperr.Conflict, "Only a draft can be published: this opportunity is "+strings.ToLower(statusText[publicStatus(o, s.now())]))
		}
		cpv, lots, criteria, err := s.children(tx, o.ID)
		if err != nil {
			return err
		}
		now := s.stamp()
		if problems := s.checkPublish(o, cpv, lots, criteria, now); len(problems) > 0 {
			return problems
		}
		if err := s.check(ctx, tx, Event{Kind: EventPublished, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		o.Status, o.PublishedAt, o.UpdatedAt, o.Version = StatusPublished, &now, now, o.Version+1
		if err := tx.Model(&Opportunity{}).Where("id = ?", o.ID).Updates(map[string]any{"status": o.Status, "published_at": now, "updated_at": now, "version": o.Version}).Error; err != nil {
			return fmt.Errorf("opportunities: unable to publish: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.published", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reference": o.Reference, "socialValueBp": SocialValueWeight(criteria),
				"shortPeriodReason": o.ShortPeriodReason != ""}}); err != nil {
			return err
		}
		if err := s.scheduleDeadlines(ctx, tx, o); err != nil {
			return err
		}
		if err := s.react(ctx, tx, Event{Kind: EventPublished, OpportunityID: o.ID, At: now}); err != nil {
			return err
		}
		view, err = s.view(tx, o)
		return err
	})
	return view, err
}
