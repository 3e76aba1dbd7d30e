package bids

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// QuestionKind is what a question asks for.
type QuestionKind string

// Question kinds.
const (
	KindPassFail    QuestionKind = "pass_fail"
	KindText        QuestionKind = "text"
	KindDocument    QuestionKind = "document"
	KindPrice       QuestionKind = "price"
	KindSocialValue QuestionKind = "social_value"
)

// Envelopes: in a two-stage opening the council sees quality answers first, prices later.
const (
	EnvelopeQuality = "quality"
	EnvelopePrice   = "price"
)

// documentTypes are the file types a document question may allow, as suppliers name them. The
// enum tags of DocumentTypes list the same names (TestDocumentTypesEnum keeps them in step).
var documentTypes = map[string][]string{
	"pdf":  {"application/pdf"},
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"odt":  {"application/vnd.oasis.opendocument.text"},
	"ods":  {"application/vnd.oasis.opendocument.spreadsheet"},
	"jpg":  {"image/jpeg"},
	"png":  {"image/png"},
}

// allDocumentTypes are the media types of every file type a question may allow.
func allDocumentTypes() []string {
	var out []string
	for _, t := range slices.Sorted(maps.Keys(documentTypes)) {
		out = append(out, documentTypes[t]...)
	}
	return out
}

// Limits on a form: generous for a real tender, small enough to keep a bid page usable.
const (
	maxQuestions = 100
	maxWordLimit = 10000
	maxFilesMax  = 20
	maxLines     = 200
	// maxQuantity, with the largest prices, keeps every total well inside the pence an int64
	// holds (10⁶ × £100m × 200 lines).
	maxQuantity = 1e6
)

// ScheduleLine is a line of a pricing schedule: the bidder gives a unit price, the total is
// quantity × unit price.
type ScheduleLine struct {
	ID          string  `json:"id" maxLength:"36" doc:"Assigned by the server when empty."`
	Description string  `json:"description" maxLength:"500"`
	Quantity    float64 `json:"quantity" minimum:"0" doc:"May have a decimal point (2.5 hours); a line's total is rounded to the penny."`
	Unit        string  `json:"unit" maxLength:"50" doc:"e.g. hours, visits, each."`
}

// BidFormQuestion is one question of a response form.
type BidFormQuestion struct {
	ID             string         `json:"id" maxLength:"36" doc:"Assigned by the server when empty."`
	Number         int            `json:"number" doc:"Its place in the form, from 1; set by the server."`
	Kind           QuestionKind   `json:"kind" enum:"pass_fail,text,document,price,social_value"`
	Title          string         `json:"title" maxLength:"500"`
	Guidance       string         `json:"guidance" maxLength:"5000"`
	Required       bool           `json:"required"`
	RequiredAnswer string         `json:"requiredAnswer,omitempty" enum:"yes,no" doc:"pass_fail: the answer that passes, yes or no."`
	WordLimit      int            `json:"wordLimit,omitempty" doc:"text and social_value: most words allowed."`
	DocumentTypes  []string       `json:"documentTypes,omitempty" enum:"pdf,docx,xlsx,odt,ods,jpg,png" doc:"document: the file types allowed (pdf, docx, xlsx, odt, ods, jpg, png)."`
	MaxFiles       int            `json:"maxFiles,omitempty" doc:"document: most files allowed."`
	PriceMode      string         `json:"priceMode,omitempty" enum:"per_lot,schedule" doc:"price: per_lot (one price per lot) or schedule (a schedule of lines)."`
	ScheduleLines  []ScheduleLine `json:"scheduleLines,omitempty" doc:"price with a schedule: the lines priced."`
	Criterion      string         `json:"criterion,omitempty" maxLength:"200" doc:"The name of the opportunity's criterion this question is scored under; empty when not scored."`
	WeightShareBp  int            `json:"weightShareBp,omitempty" doc:"Its share of that criterion's weight, in basis points (10000 = all of it)."`
	Envelope       string         `json:"envelope" enum:"quality,price" doc:"Set by the server: price questions are in the price envelope."`
}

// BidForm is an opportunity's response form.
type BidForm struct {
	OpportunityID string            `json:"opportunityId"`
	Version       int               `json:"version" doc:"0 when there is no form yet; send it in If-Match when changing one."`
	TwoStage      bool              `json:"twoStage" doc:"Open the quality answers first and the prices only after quality is scored."`
	Questions     []BidFormQuestion `json:"questions" nullable:"false"`
}

// BidFormInput is a response form as the buyer saves it: the whole form each time.
type BidFormInput struct {
	TwoStage  bool                   `json:"twoStage,omitempty"`
	Questions []BidFormQuestionInput `json:"questions" nullable:"false" maxItems:"100"`
}

// BidFormQuestionInput is a question as the buyer sends it: BidFormQuestion without what the
// server sets (number, envelope), and an empty ID for a new question.
type BidFormQuestionInput struct {
	ID             string              `json:"id,omitempty" maxLength:"36" doc:"Empty for a new question."`
	Kind           QuestionKind        `json:"kind" enum:"pass_fail,text,document,price,social_value"`
	Title          string              `json:"title" maxLength:"500"`
	Guidance       string              `json:"guidance,omitempty" maxLength:"5000"`
	Required       bool                `json:"required,omitempty"`
	RequiredAnswer string              `json:"requiredAnswer,omitempty" enum:"yes,no" doc:"pass_fail: yes or no, the answer that passes."`
	WordLimit      int                 `json:"wordLimit,omitempty"`
	DocumentTypes  []string            `json:"documentTypes,omitempty" maxItems:"10" enum:"pdf,docx,xlsx,odt,ods,jpg,png"`
	MaxFiles       int                 `json:"maxFiles,omitempty"`
	PriceMode      string              `json:"priceMode,omitempty" enum:"per_lot,schedule" doc:"per_lot or schedule."`
	ScheduleLines  []ScheduleLineInput `json:"scheduleLines,omitempty" maxItems:"200"`
	Criterion      string              `json:"criterion,omitempty" maxLength:"200"`
	WeightShareBp  int                 `json:"weightShareBp,omitempty"`
}

// ScheduleLineInput is a schedule line as the buyer sends it.
type ScheduleLineInput struct {
	ID          string  `json:"id,omitempty" maxLength:"36" doc:"Empty for a new line."`
	Description string  `json:"description" maxLength:"500"`
	Quantity    float64 `json:"quantity"`
	Unit        string  `json:"unit,omitempty" maxLength:"50"`
}

var (
	errNoOpportunity = apperr.New(apperr.NotFound, "There is no such opportunity")
	errNotDraft      = apperr.New(apperr.Conflict, "The opportunity is published: its response form and opening panel can no longer change")
)

// loadForm reads an opportunity's form; found is false when it has none.
func loadForm(db *gorm.DB, opportunityID string) (f formRow, qs []BidFormQuestion, found bool, err error) {
	err = db.Take(&f, "opportunity_id = ?", opportunityID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return f, []BidFormQuestion{}, false, nil
	} else if err != nil {
		return f, nil, false, fmt.Errorf("bids: unable to read the response form: %w", err)
	}
	if err := json.Unmarshal([]byte(f.Questions), &qs); err != nil {
		return f, nil, false, fmt.Errorf("bids: unable to read the response form's questions: %w", err)
	}
	return f, qs, true, nil
}

// GetForm returns an opportunity's response form: anyone may read a published opportunity's, so
// suppliers can judge the work before signing in; council staff read drafts'. An opportunity with
// no form has version 0 and no questions. Errors: not_found.
func (s *Service) GetForm(ctx context.Context, p *auth.Principal, opportunityID string) (BidForm, error) {
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return BidForm{}, err
	}
	f, qs, _, err := loadForm(s.db.Gorm.WithContext(ctx), o.ID)
	if err != nil {
		return BidForm{}, err
	}
	return BidForm{OpportunityID: o.ID, Version: f.Version, TwoStage: f.TwoStage, Questions: qs}, nil
}

// PutForm replaces a draft opportunity's response form. version is the one the buyer last saw
// (0 when there was none). Errors: not_found, forbidden (not council staff), conflict
// (published), invalid (field), precondition_failed (someone else saved it first).
func (s *Service) PutForm(ctx context.Context, p *auth.Principal, opportunityID string, version int, in BidFormInput) (BidForm, error) {
	if !isBuyer(p) {
		return BidForm{}, apperr.New(apperr.Forbidden, "Only council buyers can set a response form")
	}
	o, err := s.opps.GetOpportunity(ctx, p, opportunityID)
	if err != nil {
		return BidForm{}, err
	}
	if o.Status != opportunities.StatusDraft {
		return BidForm{}, errNotDraft
	}
	qs, err := checkQuestions(o, in.Questions)
	if err != nil {
		return BidForm{}, err
	}
	raw, err := json.Marshal(qs)
	if err != nil {
		return BidForm{}, fmt.Errorf("bids: unable to encode the form: %w", err)
	}
	var out BidForm
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		cur, _, found, err := loadForm(tx, o.ID)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return apperr.Stale("response form")
		}
		row := formRow{OpportunityID: o.ID, Version: version + 1, TwoStage: in.TwoStage, Questions: string(raw), UpdatedBy: p.UserID, UpdatedAt: s.stamp()}
		if found {
			res := tx.Model(&formRow{}).Where("opportunity_id = ? AND version = ?", o.ID, version).
				Updates(map[string]any{"version": row.Version, "two_stage": row.TwoStage, "questions": row.Questions, "updated_by": row.UpdatedBy, "updated_at": row.UpdatedAt})
			if res.Error != nil {
				return fmt.Errorf("bids: unable to save the form: %w", res.Error)
			}
			if res.RowsAffected != 1 {
				return apperr.Stale("response form")
			}
		} else if err := tx.Create(&row).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.Stale("response form")
			}
			return fmt.Errorf("bids: unable to save the form: %w", err)
		}
		out = BidForm{OpportunityID: o.ID, Version: row.Version, TwoStage: row.TwoStage, Questions: qs}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "bids.form_saved", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"version": row.Version, "questions": len(qs)}})
	})
	return out, err
}

// checkQuestions validates a form against its opportunity and fills in what the server sets.
func checkQuestions(o opportunities.OpportunityView, in []BidFormQuestionInput) ([]BidFormQuestion, error) {
	var f apperr.Fields
	if len(in) > maxQuestions {
		f.Add("questions", fmt.Sprintf("A form may have at most %d questions", maxQuestions))
		return nil, f.Err()
	}
	criteria := map[string]bool{}
	for _, c := range o.Criteria {
		criteria[c.Name] = true
	}
	shares := map[string]int{}
	seen := map[string]bool{}
	out := make([]BidFormQuestion, 0, len(in))
	for i, q := range in {
		at := func(field string) string { return fmt.Sprintf("questions[%d].%s", i, field) }
		number := i + 1
		q.Title, q.Guidance, q.Criterion = strings.TrimSpace(q.Title), strings.TrimSpace(q.Guidance), strings.TrimSpace(q.Criterion)
		if q.ID == "" {
			q.ID = uuid.NewString()
		} else if !isID(q.ID) || seen[q.ID] {
			f.Add(at("id"), "Leave the ID empty for a new question; each question's ID must be its own")
		}
		seen[q.ID] = true
		if q.Title == "" {
			f.Add(at("title"), "Enter the question")
		}
		// Only the fields of the question's kind are kept, so a changed kind leaves nothing behind.
		kept := BidFormQuestion{ID: q.ID, Number: number, Kind: q.Kind, Title: q.Title, Guidance: q.Guidance, Required: q.Required,
			Criterion: q.Criterion, WeightShareBp: q.WeightShareBp, Envelope: EnvelopeQuality}
		switch q.Kind {
		case KindPassFail:
			if q.RequiredAnswer != "yes" && q.RequiredAnswer != "no" {
				f.Add(at("requiredAnswer"), "Choose the answer that passes: yes or no")
			}
			kept.RequiredAnswer = q.RequiredAnswer
		case KindText, KindSocialValue:
			if q.WordLimit < 1 || q.WordLimit > maxWordLimit {
				f.Add(at("wordLimit"), fmt.Sprintf("Enter a word limit from 1 to %d", maxWordLimit))
			}
			kept.WordLimit = q.WordLimit
		case KindDocument:
			if len(q.DocumentTypes) == 0 {
				f.Add(at("documentTypes"), "Choose at least one type of file")
			}
			for j, t := range q.DocumentTypes {
				if _, ok := documentTypes[t]; !ok {
					f.Add(fmt.Sprintf("questions[%d].documentTypes[%d]", i, j), "Choose from pdf, docx, xlsx, odt, ods, jpg and png")
				}
			}
			if q.MaxFiles < 1 || q.MaxFiles > maxFilesMax {
				f.Add(at("maxFiles"), fmt.Sprintf("Enter how many files may be uploaded, from 1 to %d", maxFilesMax))
			}
			kept.DocumentTypes, kept.MaxFiles = slices.Compact(slices.Sorted(slices.Values(q.DocumentTypes))), q.MaxFiles
		case KindPrice:
			kept.Envelope, kept.PriceMode = EnvelopePrice, q.PriceMode
			switch q.PriceMode {
			case "per_lot":
			case "schedule":
				if len(q.ScheduleLines) == 0 || len(q.ScheduleLines) > maxLines {
					f.Add(at("scheduleLines"), fmt.Sprintf("Add from 1 to %d lines to the pricing schedule", maxLines))
				}
				for j, l := range q.ScheduleLines {
					l.Description, l.Unit = strings.TrimSpace(l.Description), strings.TrimSpace(l.Unit)
					if l.ID == "" {
						l.ID = uuid.NewString()
					} else if !isID(l.ID) || seen[l.ID] {
						f.Add(fmt.Sprintf("questions[%d].scheduleLines[%d].id", i, j), "Leave the ID empty for a new line")
					}
					seen[l.ID] = true
					if l.Description == "" {
						f.Add(fmt.Sprintf("questions[%d].scheduleLines[%d].description", i, j), "Enter what the line is for")
					}
					if !(l.Quantity > 0 && l.Quantity <= maxQuantity) {
						f.Add(fmt.Sprintf("questions[%d].scheduleLines[%d].quantity", i, j), "Enter a quantity more than 0, like 12 or 2.5")
					}
					kept.ScheduleLines = append(kept.ScheduleLines, ScheduleLine(l))
				}
			default:
				f.Add(at("priceMode"), "Choose per_lot or schedule")
			}
		default:
			f.Add(at("kind"), "Choose pass_fail, text, document, price or social_value")
		}
		if q.Criterion != "" {
			if !criteria[q.Criterion] {
				f.Add(at("criterion"), "Choose one of the opportunity's criteria")
			}
			if q.WeightShareBp < 1 || q.WeightShareBp > 10000 {
				f.Add(at("weightShareBp"), "Enter its share of the criterion's weight, from 1 to 10000 basis points")
			}
			shares[q.Criterion] += q.WeightShareBp
			if shares[q.Criterion] > 10000 {
				f.Add(at("weightShareBp"), "The questions under "+q.Criterion+" share more than all of its weight")
			}
		} else if q.WeightShareBp != 0 {
			f.Add(at("criterion"), "Choose the criterion this question's share of weight is of")
		}
		out = append(out, kept)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
