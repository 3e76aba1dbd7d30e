package suppliers

import (
	"errors"
	"fmt"

	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// SizeThresholds are a council's limits for each size of organisation. Each limit is strict:
// an organisation is micro if it has fewer than MicroStaff staff and a turnover under
// MicroTurnoverPence, and so on; at or above the SME limits it is large.
type SizeThresholds struct {
	MicroStaff         int
	MicroTurnoverPence int64
	SmallStaff         int
	SmallTurnoverPence int64
	SMEStaff           int
	SMETurnoverPence   int64
}

// DefaultSizeThresholds are the Progressive Procurement Strategy's defaults: micro fewer than
// 10 staff and under £2m; small fewer than 50 and under £10m; medium (the top of SME) fewer
// than 250 and under £50m.
func DefaultSizeThresholds() SizeThresholds {
	return SizeThresholds{
		MicroStaff: 10, MicroTurnoverPence: 2_000_000_00,
		SmallStaff: 50, SmallTurnoverPence: 10_000_000_00,
		SMEStaff: 250, SMETurnoverPence: 50_000_000_00,
	}
}

// Validate checks that every limit is positive and that the limits grow from micro to SME, so
// that a misconfigured council fails at start-up rather than classifying suppliers oddly.
func (t SizeThresholds) Validate() error {
	switch {
	case t.MicroStaff <= 0 || t.MicroTurnoverPence <= 0:
		return errors.New("suppliers: size thresholds: micro limits must be positive")
	case t.SmallStaff < t.MicroStaff || t.SmallTurnoverPence < t.MicroTurnoverPence:
		return errors.New("suppliers: size thresholds: small limits must be at least the micro limits")
	case t.SMEStaff < t.SmallStaff || t.SMETurnoverPence < t.SmallTurnoverPence:
		return errors.New("suppliers: size thresholds: SME limits must be at least the small limits")
	}
	return nil
}

// Size is the size class of an organisation.
type Size string

// The sizes, smallest first. Micro, small and medium together are SMEs.
const (
	SizeMicro  Size = "micro"
	SizeSmall  Size = "small"
	SizeMedium Size = "medium"
	SizeLarge  Size = "large"
)

// sizes is in order, so a class can be compared by its index.
var sizes = []Size{SizeMicro, SizeSmall, SizeMedium, SizeLarge}

var sizeWords = map[Size]string{SizeMicro: "Micro", SizeSmall: "Small", SizeMedium: "Medium", SizeLarge: "Large"}

// sizeNames are the words used in "so you are not …".
var sizeNames = map[Size]string{SizeMicro: "micro", SizeSmall: "small", SizeMedium: "medium-sized"}

// Classification is what Classify works out about a supplier, each with the reason shown to it.
type Classification struct {
	Size       Size   `json:"size"`
	SizeReason string `json:"sizeReason"`
	// SME is true for micro, small and medium organisations.
	SME        bool   `json:"sme"`
	VCSE       bool   `json:"vcse"`
	VCSEReason string `json:"vcseReason"`
	// Locality is empty, and LocalityReason says why, when no local authority was given.
	Locality       Locality `json:"locality"`
	LocalityReason string   `json:"localityReason"`
}

// ClassifyInput is what a supplier told us that classification depends on.
type ClassifyInput struct {
	Staff            int
	TurnoverPence    int64
	LegalForm        string
	SocialEnterprise bool
	AssetLock        bool
	// LocalAuthorityCode is the ONS code of the authority the supplier is based in; "" if not
	// given yet.
	LocalAuthorityCode string
}

// limits returns the class limits by index: micro, small, medium.
func (t SizeThresholds) limits() [3]struct {
	staff    int
	turnover int64
} {
	return [3]struct {
		staff    int
		turnover int64
	}{{t.MicroStaff, t.MicroTurnoverPence}, {t.SmallStaff, t.SmallTurnoverPence}, {t.SMEStaff, t.SMETurnoverPence}}
}

// ClassifySize places an organisation in the larger of its class by staff and its class by
// turnover, and says why in words for the supplier. Limits are strict ("fewer than 10 staff",
// "under £2,000,000"), so exactly 10 staff is not micro.
func ClassifySize(t SizeThresholds, staff int, turnoverPence int64) (Size, string) {
	lim := t.limits()
	byStaff, byTurnover := len(lim), len(lim)
	for i := len(lim) - 1; i >= 0; i-- {
		if staff < lim[i].staff {
			byStaff = i
		}
		if turnoverPence < lim[i].turnover {
			byTurnover = i
		}
	}
	class := max(byStaff, byTurnover)
	size := sizes[class]
	word := sizeWords[size]
	staffText := staffWords(staff)
	money := format.Money(turnoverPence)

	if size == SizeLarge {
		switch {
		case byStaff == class && byTurnover == class:
			return size, fmt.Sprintf("%s: you told us you have %s (%s or more) and a turnover of %s (%s or more).",
				word, staffText, format.Int(lim[2].staff), money, format.Money(lim[2].turnover))
		case byStaff == class:
			return size, fmt.Sprintf("%s: you have %s, which is %s or more, so you are not %s.",
				word, staffText, format.Int(lim[2].staff), sizeNames[SizeMedium])
		default:
			return size, fmt.Sprintf("%s: your turnover of %s is %s or more, so you are not %s.",
				word, money, format.Money(lim[2].turnover), sizeNames[SizeMedium])
		}
	}

	if byTurnover > byStaff {
		// Turnover alone lifts the organisation out of the class its staff would put it in.
		return size, fmt.Sprintf("%s: your turnover of %s is %s or more, so you are not %s, but under %s.",
			word, money, format.Money(lim[class-1].turnover), sizeNames[sizes[class-1]], format.Money(lim[class].turnover))
	}
	reason := fmt.Sprintf("%s: you told us you have %s (fewer than %s) and a turnover of %s (under %s).",
		word, staffText, format.Int(lim[class].staff), money, format.Money(lim[class].turnover))
	if byStaff > byTurnover {
		// Staff alone lifts it: say what the smaller class would have needed.
		reason += fmt.Sprintf(" To be %s you would need fewer than %s staff.", sizeNames[sizes[class-1]], format.Int(lim[class-1].staff))
	}
	return size, reason
}

func staffWords(n int) string {
	switch n {
	case 0:
		return "no staff"
	case 1:
		return "1 member of staff"
	}
	return format.Int(n) + " staff"
}

// vcseForms are the legal forms that are voluntary, community or social enterprise
// organisations in themselves, with the words for them in a reason. Values are those of
// accounts.LegalForms.
var vcseForms = map[string]string{
	"charitable_incorporated_organisation":     "charitable incorporated organisations (CIOs)",
	"charitable_company":                       "charitable companies",
	"community_interest_company":               "community interest companies (CICs)",
	"cooperative_or_community_benefit_society": "co-operatives and community benefit societies",
	"unincorporated_association":               "unincorporated associations",
}

// otherForms are the remaining legal forms of accounts.LegalForms, as "a …" in a sentence.
var otherForms = map[string]string{
	"private_limited_company":       "a private limited company",
	"public_limited_company":        "a public limited company",
	"limited_liability_partnership": "a limited liability partnership (LLP)",
	"partnership":                   "a partnership",
	"sole_trader":                   "a sole trader",
	"public_body":                   "a public body",
}

// KnownLegalForm reports whether form is one of the legal forms classification understands
// (the values of accounts.LegalForms).
func KnownLegalForm(form string) bool {
	_, v := vcseForms[form]
	_, o := otherForms[form]
	return v || o
}

const vcseWords = "voluntary, community and social enterprise organisations (VCSEs)"

// ClassifyVCSE decides whether an organisation is a VCSE: by its legal form (charities, CICs,
// co-operatives and community benefit societies, unincorporated associations), or as a social
// enterprise that has an asset lock. A social enterprise without an asset lock is not, because
// nothing stops its assets and profits being taken out of its social purpose. A public body is
// never a VCSE. An unknown or empty legal form is treated as a form that is not VCSE in itself.
func ClassifyVCSE(legalForm string, socialEnterprise, assetLock bool) (bool, string) {
	if words, ok := vcseForms[legalForm]; ok {
		return true, fmt.Sprintf("VCSE: %s count as %s.", words, vcseWords)
	}
	if legalForm == "public_body" {
		return false, "Not VCSE: public bodies are not " + vcseWords + "."
	}
	const assetLockWords = "an asset lock (a rule in your constitution that keeps your assets and profits for your social purpose)"
	switch {
	case socialEnterprise && assetLock:
		return true, "VCSE: you told us you are a social enterprise with an asset lock, so you count as a voluntary, community or social enterprise organisation."
	case socialEnterprise:
		return false, "Not VCSE: you told us you are a social enterprise, but without " + assetLockWords + ". A social enterprise counts as VCSE only if it has an asset lock."
	}
	form, ok := otherForms[legalForm]
	if !ok {
		form = "an organisation"
	}
	if assetLock {
		return false, fmt.Sprintf("Not VCSE: you told us you have an asset lock but are not a social enterprise. %s counts as VCSE only if it is a social enterprise with an asset lock.", capitalise(form))
	}
	return false, fmt.Sprintf("Not VCSE: %s counts as VCSE only if it is a social enterprise with %s.", form, assetLockWords)
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// ClassifyLocality places a supplier based in supplierCode relative to the council councilCode
// (see LocalityOf) and says why, naming the authorities. An unknown supplier code
// is an ErrInvalid error (also wrapping refdata.ErrUnknownLocalAuthority) fit for the form; an
// unknown council code is a configuration error.
func ClassifyLocality(councilCode, supplierCode string) (Locality, string, error) {
	council, ok := refdata.LocalAuthorityByCode(councilCode)
	if !ok {
		return "", "", fmt.Errorf("suppliers: council: %w: %q", refdata.ErrUnknownLocalAuthority, councilCode)
	}
	supplier, ok := refdata.LocalAuthorityByCode(supplierCode)
	if !ok {
		return "", "", &invalidError{msg: "Choose a local authority from the list", cause: refdata.ErrUnknownLocalAuthority}
	}
	loc, err := LocalityOf(council.Code, supplier.Code)
	if err != nil {
		return "", "", fmt.Errorf("suppliers: unable to classify locality: %w", err)
	}
	var reason string
	switch loc {
	case LocalityLocal:
		reason = fmt.Sprintf("Local: your organisation is based in %s.", council.Name)
	case LocalitySubRegional:
		reason = fmt.Sprintf("Sub-regional: %s borders %s.", supplier.Name, council.Name)
	case LocalityRegional:
		reason = fmt.Sprintf("Regional: %s is in %s.", supplier.Name, supplier.Region)
	default:
		reason = fmt.Sprintf("National: %s is outside %s.", supplier.Name, council.Region)
	}
	return loc, reason, nil
}

// Classify works out a supplier's size, VCSE status and locality relative to the council
// councilCode, each with the reason shown to the supplier. Errors: ErrInvalid (with a message
// for the form) for a negative or absurd staff count or turnover, an unknown legal form or an
// unknown local authority; any other error means the council's configuration is wrong
// (thresholds or council code). A missing local authority is not an error: Locality is empty
// and LocalityReason asks for it.
func Classify(t SizeThresholds, councilCode string, p ClassifyInput) (Classification, error) {
	if err := t.Validate(); err != nil {
		return Classification{}, err
	}
	if err := ValidateStaffCount(p.Staff); err != nil {
		return Classification{}, err
	}
	if err := ValidateMoneyPence("Annual turnover", p.TurnoverPence); err != nil {
		return Classification{}, err
	}
	if p.LegalForm != "" && !KnownLegalForm(p.LegalForm) {
		return Classification{}, invalid("Choose your organisation's legal form from the list")
	}
	var c Classification
	c.Size, c.SizeReason = ClassifySize(t, p.Staff, p.TurnoverPence)
	c.SME = c.Size != SizeLarge
	c.VCSE, c.VCSEReason = ClassifyVCSE(p.LegalForm, p.SocialEnterprise, p.AssetLock)
	if p.LocalAuthorityCode == "" {
		if _, ok := refdata.LocalAuthorityByCode(councilCode); !ok {
			return Classification{}, fmt.Errorf("suppliers: council: %w: %q", refdata.ErrUnknownLocalAuthority, councilCode)
		}
		c.LocalityReason = "Tell us which local authority your organisation is based in, so we can work out how local you are."
		return c, nil
	}
	var err error
	c.Locality, c.LocalityReason, err = ClassifyLocality(councilCode, p.LocalAuthorityCode)
	if err != nil {
		return Classification{}, err
	}
	return c, nil
}
