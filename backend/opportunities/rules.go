package opportunities

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/suppliers"
)

// Procedures an opportunity can follow.
const (
	ProcedureOpenTender = "open_tender"
	ProcedureQuickQuote = "quick_quote"
	ProcedureDPSCall    = "dps_call"
)

// Procedures lists them in the order forms offer them.
var Procedures = []string{ProcedureOpenTender, ProcedureQuickQuote, ProcedureDPSCall}

var procedureLabels = map[string]string{
	ProcedureOpenTender: "Open tender",
	ProcedureQuickQuote: "Quick quote (below the threshold)",
	ProcedureDPSCall:    "Call for competition under a dynamic purchasing system (DPS)",
}

// Reserved participation: who may bid when the council keeps the work for some suppliers.
const (
	ReservedNone    = "none"
	ReservedLocal   = "local"
	ReservedUK      = "uk"
	ReservedSMEVCSE = "sme_vcse"
)

// Criterion kinds. Social value criteria count towards the social value weighting.
const (
	KindPrice       = "price"
	KindQuality     = "quality"
	KindSocialValue = "social_value"
)

// FullWeightBP is 100% in basis points.
const FullWeightBP = 10000

// MaxMoneyPence is the largest amount accepted, £100 billion: far above any council contract
// and small enough that sums of many cannot overflow.
const MaxMoneyPence int64 = 100_000_000_000 * 100

// OpportunityLotInput is a lot as the buyer enters it.
type OpportunityLotInput struct {
	Title       string `json:"title" maxLength:"200"`
	Description string `json:"description,omitempty" maxLength:"5000"`
	ValuePence  int64  `json:"valuePence,omitempty" minimum:"0" doc:"Estimated value of the lot in pence, without VAT."`
	CPVCode     string `json:"cpvCode,omitempty" maxLength:"12"`
}

// OpportunityCriterionInput is an evaluation criterion as the buyer enters it.
type OpportunityCriterionInput struct {
	Name        string `json:"name" maxLength:"200"`
	Kind        string `json:"kind" enum:"price,quality,social_value"`
	Description string `json:"description,omitempty" maxLength:"2000"`
	WeightBP    int    `json:"weightBp" minimum:"0" maximum:"10000" doc:"Weight in basis points: 100% is 10000, 19.99% is 1999."`
}

// OpportunityInput is a whole draft as the buyer saves it. A draft may be incomplete; what
// publishing needs is checked when publishing (and listed in the view's publishProblems).
type OpportunityInput struct {
	Title                    string                      `json:"title" maxLength:"200"`
	Summary                  string                      `json:"summary,omitempty" maxLength:"1000" doc:"What the council wants, in plain English, in a few sentences."`
	Description              string                      `json:"description,omitempty" maxLength:"20000"`
	Procedure                string                      `json:"procedure,omitempty" enum:"open_tender,quick_quote,dps_call,"`
	CPVCodes                 []string                    `json:"cpvCodes,omitempty" maxItems:"50"`
	Lots                     []OpportunityLotInput       `json:"lots,omitempty" maxItems:"50"`
	EstimatedValuePence      int64                       `json:"estimatedValuePence,omitempty" minimum:"0" doc:"In pence, without VAT."`
	ContractMonths           int                         `json:"contractMonths,omitempty" minimum:"0" maximum:"600"`
	PlaceOfDelivery          string                      `json:"placeOfDelivery,omitempty" maxLength:"9" doc:"ONS code of the local authority where the work is done, e.g. E09000019."`
	SuitableForSMEs          bool                        `json:"suitableForSmes,omitempty"`
	SuitableForVCSEs         bool                        `json:"suitableForVcses,omitempty"`
	Reserved                 string                      `json:"reserved,omitempty" enum:"none,local,uk,sme_vcse," doc:"Keep the opportunity for local suppliers, UK suppliers or SMEs and VCSEs; only below the threshold."`
	ClarificationDeadline    string                      `json:"clarificationDeadline,omitempty" maxLength:"40" doc:"London time as YYYY-MM-DDTHH:MM, or RFC 3339 with an offset."`
	SubmissionDeadline       string                      `json:"submissionDeadline,omitempty" maxLength:"40" doc:"London time as YYYY-MM-DDTHH:MM, or RFC 3339 with an offset."`
	ExpectedAwardOn          string                      `json:"expectedAwardOn,omitempty" maxLength:"10" doc:"YYYY-MM-DD"`
	Criteria                 []OpportunityCriterionInput `json:"criteria,omitempty" maxItems:"30"`
	SocialValueJustification string                      `json:"socialValueJustification,omitempty" maxLength:"5000" doc:"Why social value weighs less than 20%; shown publicly."`
	ShortPeriodReason        string                      `json:"shortPeriodReason,omitempty" maxLength:"5000" doc:"Why suppliers get less than the minimum time to bid; shown publicly."`
	ContactEmail             string                      `json:"contactEmail,omitempty" maxLength:"254" doc:"Who suppliers can ask about it; the council's procurement team when left empty."`
}

// draft is a checked, normalised OpportunityInput ready to store.
type draft struct {
	o        Opportunity
	cpv      []string
	lots     []Lot
	criteria []Criterion
}

// parseLondonTime reads a deadline typed as London wall-clock time (2026-07-01T12:00) or given
// with an explicit offset (RFC 3339), and returns it in UTC.
func parseLondonTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, london); err == nil {
			return t.UTC(), nil
		}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC().Truncate(time.Second), nil
}

func parseDate(s string) (time.Time, error) { return time.ParseInLocation("2006-01-02", s, london) }

// checkDraft validates and normalises what a buyer saves, reporting every problem at once with
// the JSON path of its field. Only what makes the draft meaningless is refused here; what
// publication needs is checkPublish's job.
func (s *Service) checkDraft(in OpportunityInput) (draft, error) {
	var f apperr.Fields
	d := draft{}
	o := &d.o
	o.Title = strings.TrimSpace(in.Title)
	o.Summary = strings.TrimSpace(in.Summary)
	o.Description = strings.TrimSpace(in.Description)
	o.Procedure = in.Procedure
	o.EstimatedValuePence = in.EstimatedValuePence
	o.ContractMonths = in.ContractMonths
	o.PlaceOfDelivery = strings.ToUpper(strings.TrimSpace(in.PlaceOfDelivery))
	o.SuitableForSMEs = in.SuitableForSMEs
	o.SuitableForVCSEs = in.SuitableForVCSEs
	o.Reserved = in.Reserved
	if o.Reserved == "" {
		o.Reserved = ReservedNone
	}
	o.SocialValueJustification = strings.TrimSpace(in.SocialValueJustification)
	o.ShortPeriodReason = strings.TrimSpace(in.ShortPeriodReason)
	if o.Title == "" {
		f.Add("title", "Enter a title that says what the council wants to buy")
	}
	if o.ContactEmail = strings.ToLower(strings.TrimSpace(in.ContactEmail)); o.ContactEmail != "" && !checkEmail(o.ContactEmail) {
		f.Add("contactEmail", "Enter an email address in the correct format, like procurement@example.gov.uk")
	}
	if o.EstimatedValuePence > MaxMoneyPence {
		f.Add("estimatedValuePence", "The estimated value must be £100,000,000,000 or less")
	}
	if o.PlaceOfDelivery != "" {
		if _, ok := refdata.LocalAuthorityByCode(o.PlaceOfDelivery); !ok {
			f.Add("placeOfDelivery", "Choose the place of delivery from the list of local authorities")
		} else if loc, err := suppliers.LocalityOf(s.councilCode, o.PlaceOfDelivery); err == nil {
			o.Locality = string(loc)
		}
	}
	deadline := func(field, v string) *time.Time {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		t, err := parseLondonTime(v)
		if err != nil {
			f.Add(field, "Enter the deadline as a date and a time in London, for example 2026-07-01T12:00")
			return nil
		}
		return &t
	}
	o.ClarificationDeadline = deadline("clarificationDeadline", in.ClarificationDeadline)
	o.SubmissionDeadline = deadline("submissionDeadline", in.SubmissionDeadline)
	if v := strings.TrimSpace(in.ExpectedAwardOn); v != "" {
		if t, err := parseDate(v); err != nil {
			f.Add("expectedAwardOn", "Enter the expected award date as a real date, for example 2026-09-30")
		} else {
			o.ExpectedAwardOn = t.Format("2006-01-02")
		}
	}
	d.cpv = checkCPVCodes(&f, "cpvCodes", in.CPVCodes)
	for i, l := range in.Lots {
		path := "lots[" + strconv.Itoa(i) + "]."
		lot := Lot{Position: i, Title: strings.TrimSpace(l.Title), Description: strings.TrimSpace(l.Description), ValuePence: l.ValuePence}
		if lot.Title == "" {
			f.Add(path+"title", "Enter a title for the lot")
		}
		if lot.ValuePence > MaxMoneyPence {
			f.Add(path+"valuePence", "The value must be £100,000,000,000 or less")
		}
		if c := strings.TrimSpace(l.CPVCode); c != "" {
			if cpv, ok := refdata.CPVByCode(c); ok && refdata.ValidCPV(c) == nil {
				lot.CPVCode = cpv.Code
			} else {
				f.Add(path+"cpvCode", fmt.Sprintf("%q is not a CPV code: search for the kind of work and choose from the list", c))
			}
		}
		d.lots = append(d.lots, lot)
	}
	for i, c := range in.Criteria {
		path := "criteria[" + strconv.Itoa(i) + "]."
		cr := Criterion{Position: i, Name: strings.TrimSpace(c.Name), Kind: c.Kind, Description: strings.TrimSpace(c.Description), WeightBP: c.WeightBP}
		if cr.Name == "" {
			f.Add(path+"name", "Enter the name of the criterion, for example Price or Social value")
		}
		if !slices.Contains([]string{KindPrice, KindQuality, KindSocialValue}, cr.Kind) {
			f.Add(path+"kind", "Choose whether the criterion is about price, quality or social value")
		}
		if cr.WeightBP < 0 || cr.WeightBP > FullWeightBP {
			f.Add(path+"weightBp", "Enter a weight between 0% and 100%")
		}
		d.criteria = append(d.criteria, cr)
	}
	if o.Reserved != ReservedNone && s.reachesThreshold(o.EstimatedValuePence) {
		f.Add("reserved", s.reservedMessage(o.EstimatedValuePence))
	}
	return d, f.Err()
}

// VATRateBP is the standard rate of VAT in basis points (20%).
const VATRateBP = 2000

// withVAT adds VAT at the standard rate to an amount in pence, rounding down.
func withVAT(pence int64) int64 { return pence + pence*VATRateBP/FullWeightBP }

// reachesThreshold reports whether an estimated value (without VAT, as buyers enter it) is worth
// the procurement threshold or more. The threshold is set in law including VAT, so VAT is added
// before comparing: £180,000 without VAT is £216,000 with it, over a £214,904 threshold.
func (s *Service) reachesThreshold(valuePence int64) bool {
	return valuePence > 0 && valuePence*(FullWeightBP+VATRateBP) >= s.rules.ReservedThresholdPence*FullWeightBP
}

// thresholdReason says how an estimated value compares with the threshold, VAT included, for a
// message that refuses what is allowed only below it.
func (s *Service) thresholdReason(valuePence int64) string {
	return "the threshold is " + format.Money(s.rules.ReservedThresholdPence) + " including VAT, and the estimated value of " +
		format.Money(valuePence) + " without VAT is " + format.Money(withVAT(valuePence)) + " with 20% VAT added"
}

func (s *Service) reservedMessage(valuePence int64) string {
	return "You can only keep an opportunity for local, UK or small suppliers when it is worth less than the threshold: " +
		s.thresholdReason(valuePence) + ". Choose “Anyone can bid” or lower the estimated value."
}

func (s *Service) quickQuoteMessage(valuePence int64) string {
	return "A quick quote is only for work worth less than the threshold: " + s.thresholdReason(valuePence) +
		". Choose open tender, or lower the estimated value."
}

// checkCPVCodes validates and de-duplicates CPV codes, returning them in canonical form, sorted.
func checkCPVCodes(f *apperr.Fields, field string, in []string) []string {
	codes := []string{}
	seen := map[string]bool{}
	for i, c := range in {
		c = strings.TrimSpace(c)
		cpv, ok := refdata.CPVByCode(c)
		if refdata.ValidCPV(c) != nil || !ok {
			f.Add(field+"["+strconv.Itoa(i)+"]", fmt.Sprintf("%q is not a CPV code: search for the kind of work and choose from the list", c))
			continue
		}
		if !seen[cpv.Code] {
			seen[cpv.Code] = true
			codes = append(codes, cpv.Code)
		}
	}
	slices.Sort(codes)
	return codes
}

// SocialValueWeight is the total weight of the social value criteria, in basis points.
func SocialValueWeight(criteria []Criterion) int {
	n := 0
	for _, c := range criteria {
		if c.Kind == KindSocialValue {
			n += c.WeightBP
		}
	}
	return n
}

// checkPublish applies the council's rules for publishing at the moment now (the server's clock):
// everything a supplier needs is there, the weights add up to 100%, social value weighs enough
// (or the lower weight is justified), the deadlines are in the future and in order, and suppliers
// get the minimum time to bid (or the buyer has recorded why not). Each problem names its field.
func (s *Service) checkPublish(o Opportunity, cpv []string, lots []Lot, criteria []Criterion, now time.Time) apperr.Fields {
	var f apperr.Fields
	if o.Summary == "" {
		f.Add("summary", "Enter a summary in plain English of what the council wants")
	}
	if o.Description == "" {
		f.Add("description", "Enter a full description of the work")
	}
	if o.Procedure == "" {
		f.Add("procedure", "Choose how suppliers will bid: open tender, quick quote or call for competition under a DPS")
	}
	if len(cpv) == 0 {
		f.Add("cpvCodes", "Add at least one CPV code so that suppliers interested in this kind of work hear about it")
	}
	for i, l := range lots {
		if l.CPVCode == "" {
			f.Add("lots["+strconv.Itoa(i)+"].cpvCode", "Choose a CPV code for the lot")
		}
	}
	if o.EstimatedValuePence <= 0 {
		f.Add("estimatedValuePence", "Enter the estimated value, without VAT")
	}
	if o.ContractMonths <= 0 {
		f.Add("contractMonths", "Enter how many months the contract lasts")
	}
	if o.PlaceOfDelivery == "" {
		f.Add("placeOfDelivery", "Choose where the work will be done")
	}
	if o.Reserved != ReservedNone && s.reachesThreshold(o.EstimatedValuePence) {
		f.Add("reserved", s.reservedMessage(o.EstimatedValuePence))
	}
	if o.Procedure == ProcedureQuickQuote && s.reachesThreshold(o.EstimatedValuePence) {
		f.Add("procedure", s.quickQuoteMessage(o.EstimatedValuePence))
	}
	s.checkDeadlines(&f, o, now)
	if o.ExpectedAwardOn == "" {
		f.Add("expectedAwardOn", "Enter the date you expect to award the contract")
	} else if o.ExpectedAwardOn < now.In(london).Format("2006-01-02") {
		award, _ := parseDate(o.ExpectedAwardOn)
		f.Add("expectedAwardOn", "The expected award date, "+format.Date(award)+", is in the past: enter the date you now expect to award the contract")
	} else if o.SubmissionDeadline != nil && o.ExpectedAwardOn < o.SubmissionDeadline.In(london).Format("2006-01-02") {
		f.Add("expectedAwardOn", "The expected award date must be after the submission deadline")
	}
	s.checkCriteria(&f, o, criteria)
	return f
}

// checkDeadlines: both deadlines set, in the future, clarification first, and the minimum period
// from now (publication) to the submission deadline unless a reason is recorded.
func (s *Service) checkDeadlines(f *apperr.Fields, o Opportunity, now time.Time) {
	sub, clar := o.SubmissionDeadline, o.ClarificationDeadline
	switch {
	case sub == nil:
		f.Add("submissionDeadline", "Enter the deadline for bids")
	case !sub.After(now):
		f.Add("submissionDeadline", "The deadline for bids must be in the future")
	default:
		if min := s.rules.MinDays[o.Procedure]; min > 0 && sub.Sub(now) < time.Duration(min)*24*time.Hour && o.ShortPeriodReason == "" {
			f.Add("submissionDeadline", fmt.Sprintf("%s must give suppliers at least %d days to bid from today: set a deadline on or after %s, or record in “Reason for a shorter time to bid” why it must be shorter (the reason is shown publicly)",
				procedureLabels[o.Procedure], min, format.DateTime(now.Add(time.Duration(min)*24*time.Hour))))
		}
	}
	switch {
	case clar == nil:
		f.Add("clarificationDeadline", "Enter the deadline for clarification questions")
	case !clar.After(now):
		f.Add("clarificationDeadline", "The deadline for clarification questions must be in the future")
	case sub != nil && !clar.Before(*sub):
		f.Add("clarificationDeadline", "The deadline for clarification questions must be before the deadline for bids, so that answers reach every supplier in time")
	}
}

// deadlineWarnings lists the deadlines that fall on a weekend or a bank holiday, with the next
// working day to consider. They are warnings, not refusals: a council may mean it, and a
// deadline a few days from now (as tests and demos set) would otherwise be refused on some days.
func (s *Service) deadlineWarnings(o Opportunity) []PublishWarning {
	out := []PublishWarning{}
	for _, d := range []struct {
		field, label string
		at           *time.Time
	}{{"clarificationDeadline", "The deadline for clarification questions", o.ClarificationDeadline}, {"submissionDeadline", "The deadline for bids", o.SubmissionDeadline}} {
		if d.at == nil || s.calendar.IsWorkingDay(*d.at) {
			continue
		}
		why := "a weekend"
		if name, ok := s.calendar.Holiday(*d.at); ok {
			why = name + ", a bank holiday"
		}
		out = append(out, PublishWarning{Field: d.field, Message: d.label + " is on " + dayText(*d.at) + ", " + why +
			": suppliers and the council’s helpdesk may not be working. Consider " + dayText(s.calendar.AddWorkingDays(*d.at, 1)) + "."})
	}
	return out
}

// dayText names a day as people read it: Friday 1 January 2027.
func dayText(t time.Time) string { return t.In(london).Format("Monday 2 January 2006") }

// checkCriteria: at least one criterion, weights adding up to 100%, and social value weighing at
// least SocialValueMinBP, or at least SocialValueFloorBP with a written justification.
func (s *Service) checkCriteria(f *apperr.Fields, o Opportunity, criteria []Criterion) {
	if len(criteria) == 0 {
		f.Add("criteria", "Add the criteria bids will be judged on, with their weights")
		return
	}
	total := 0
	for _, c := range criteria {
		total += c.WeightBP
	}
	if total != FullWeightBP {
		f.Add("criteria", "The weights add up to "+FormatPercent(total)+": they must add up to 100%")
	}
	sv := SocialValueWeight(criteria)
	switch {
	case sv < s.rules.SocialValueFloorBP:
		f.Add("criteria", fmt.Sprintf("Social value weighs %s: it must weigh at least %s, and at least %s unless you explain why",
			FormatPercent(sv), FormatPercent(s.rules.SocialValueFloorBP), FormatPercent(s.rules.SocialValueMinBP)))
	case sv < s.rules.SocialValueMinBP && o.SocialValueJustification == "":
		f.Add("socialValueJustification", fmt.Sprintf("Social value weighs %s, less than %s: explain why (the explanation is shown publicly), or give social value more weight",
			FormatPercent(sv), FormatPercent(s.rules.SocialValueMinBP)))
	}
}

// FormatPercent writes basis points as a percentage for people: 2000 → "20%", 1999 → "19.99%",
// 2050 → "20.5%".
func FormatPercent(bp int) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	s := sign + strconv.Itoa(bp/100)
	if frac := bp % 100; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", frac), "0")
	}
	return s + "%"
}

// checkEmail reports whether s looks like one plain email address.
func checkEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@") && utf8.RuneCountInString(s) <= 254
}
