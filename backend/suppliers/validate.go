package suppliers

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/fairtender/fairtender/backend/platform/format"
)

// ErrInvalid is matched (errors.Is) by every error the Normalise… and Validate… functions
// return. The error's text is a plain-English message fit to show next to the form field, so
// callers pass err.Error() straight to apperr.Field; it carries no package prefix for that
// reason.
var ErrInvalid = errors.New("suppliers: invalid value")

// invalidError is a message for the person filling in the form. It may wrap a lower-level
// cause (such as refdata.ErrUnknownLocalAuthority) without that cause leaking into the text.
type invalidError struct {
	msg   string
	cause error
}

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) Unwrap() error        { return e.cause }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

func invalid(msg string) error { return &invalidError{msg: msg} }

// compact upper-cases s and drops white space and the separators people type inside
// identifiers ("-" is kept where it means something, so callers pass which to drop).
func compact(s, drop string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(drop, r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// companyPrefixes are the two-character prefixes Companies House puts before a 6-digit number
// for registers other than England and Wales companies (SC Scotland, NI Northern Ireland, OC
// LLPs, LP limited partnerships, CE charitable incorporated organisations, FC overseas
// companies, OE overseas entities, IP/SP/NP/RS registered societies, R0 pre-partition Northern
// Ireland, and the rest). Sources: Companies House "Uniform resource identifiers customer
// guide" (assets.publishing.service.gov.uk …/426891/uniformResourceIdentifiersCustomerGuide.pdf)
// as summarised by doorda.com/glossary/company-number-prefixes-defined, and the patterns of the
// live register in gist.github.com/drkane/ef0c41aa19275a6c7cf1f3fff00356e6. The list is
// deliberately generous: rejecting a real number is worse than accepting an unused prefix.
var companyPrefixes = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`
		AC BR CE CS EN ES FC FE GE GN GS IC IP IS LP NA NC NF NI NL NO NP NR NV NZ OC OE PC
		R0 RC RS SA SC SE SF SG SI SL SO SP SR SY SZ ZC`) {
		companyPrefixes[p] = true
	}
}

// A few registers end the number in a letter instead of a sixth digit: registered societies
// copied from the FCA (IP00141R, SP02252R), some "C" numbers, and Northern Ireland companies and
// Scottish limited partnerships ending in A. Checked against 13.6 million live numbers in
// gist.github.com/rob-murray/01d43581114a6b319034732bcbda29e1.
var companyLetterSuffixRE = regexp.MustCompile(`^[0-9]{5}[CR]$`)

const msgCompanyNumber = "Enter a Companies House number in the correct format, like 01234567 or SC123456"

// NormaliseCompanyNumber checks a Companies House company number and returns it in the
// register's own 8-character form: upper case, no spaces, and a number of digits only padded
// with leading zeros to 8 ("445790" → "00445790", "sc 123456" → "SC123456"). A prefixed number
// is 2 letters (a known prefix) and 6 digits; it is not padded, because a short one is more
// likely a typing slip than an abbreviation.
func NormaliseCompanyNumber(s string) (string, error) {
	n := compact(s, "")
	switch {
	case n == "":
		return "", invalid("Enter a Companies House number")
	case allDigits(n):
		if len(n) > 8 {
			return "", invalid("A Companies House number must be 8 characters or fewer, like 01234567 or SC123456")
		}
		if strings.Trim(n, "0") == "" {
			return "", invalid(msgCompanyNumber)
		}
		return strings.Repeat("0", 8-len(n)) + n, nil
	case len(n) == 8 && companyPrefixes[n[:2]]:
		rest := n[2:]
		if allDigits(rest) || companyLetterSuffixRE.MatchString(rest) ||
			((n[:2] == "NI" || n[:2] == "SL") && allDigits(rest[:5]) && rest[5] == 'A') {
			return n, nil
		}
	}
	return "", invalid(msgCompanyNumber)
}

var charityRE = regexp.MustCompile(`^[1-9][0-9]{5,6}(-[0-9]{1,3})?$`)

// NormaliseCharityNumber checks a registered charity number from the Charity Commission for
// England and Wales: 6 or 7 digits, optionally followed by "-" and the number of a linked
// charity ("1234567-1"). Spaces are dropped, including around the dash.
func NormaliseCharityNumber(s string) (string, error) {
	n := compact(s, "")
	if n == "" {
		return "", invalid("Enter a charity registration number")
	}
	if !charityRE.MatchString(n) {
		return "", invalid("Enter a charity registration number in the correct format, like 1123456 or 1123456-1")
	}
	return n, nil
}

var oscrRE = regexp.MustCompile(`^SC[0-9]{6}$`)

// NormaliseOSCRNumber checks a Scottish Charity Register number from OSCR: "SC" and 6 digits,
// returned in upper case without spaces ("sc 012345" → "SC012345").
func NormaliseOSCRNumber(s string) (string, error) {
	n := compact(s, "")
	if n == "" {
		return "", invalid("Enter a Scottish charity number")
	}
	if !oscrRE.MatchString(n) {
		return "", invalid("Enter a Scottish charity number in the correct format, like SC012345")
	}
	return n, nil
}

var fcaMutualRE = regexp.MustCompile(`^([0-9]{1,6})([A-Z]{0,4})$`)

// NormaliseFCAMutualNumber checks a society's number on the FCA Mutuals Public Register:
// up to 6 digits followed by the register's suffix for the kind of society, returned in upper
// case without spaces ("12345 r" → "12345R").
//
// The register says "All of the mutual society numbers are followed by a suffix"
// (mutuals.fsa.gov.uk/Glossary.aspx): R for a registered (co-operative or community benefit)
// society, RS in Scotland, C for a credit union, B for a building society, and longer ones of up
// to 4 letters for friendly society branches (AOFS). Societies registered since 2014 show plain
// numbers (Companies House copies them as RS007123), so the suffix is optional. Any suffix of up
// to 4 letters is accepted because the register's full list is long and not all of it was
// available to check.
func NormaliseFCAMutualNumber(s string) (string, error) {
	n := compact(s, "")
	if n == "" {
		return "", invalid("Enter your society's register number")
	}
	m := fcaMutualRE.FindStringSubmatch(n)
	if m == nil || strings.Trim(m[1], "0") == "" {
		return "", invalid("Enter your society's number from the FCA Mutuals Public Register, like 12345R")
	}
	return n, nil
}

const msgVATFormat = "Enter a VAT registration number in the correct format, like GB123456782"

// NormaliseVATNumber checks a UK VAT registration number and returns it as "GB" followed by its
// digits, or "GBGD"/"GBHA" and 3 digits for government departments (000–499) and health
// authorities (500–999). It accepts the number with or without "GB" (or "XI", the Northern
// Ireland prefix for the same number), with spaces, dashes or dots, and with a 3-digit branch
// suffix (12 digits).
//
// The first 9 digits must pass HMRC's check: weight the first 7 digits 8, 7, 6, 5, 4, 3, 2, add
// the last two as a number, and the total must divide by 97 (numbers issued before 2010) or the
// total plus 55 must ("9755", issued since November 2009).
func NormaliseVATNumber(s string) (string, error) {
	n := compact(s, "-.")
	if n == "" {
		return "", invalid("Enter a VAT registration number")
	}
	if strings.HasPrefix(n, "GB") || strings.HasPrefix(n, "XI") {
		n = n[2:]
	}
	switch {
	case len(n) == 5 && (n[:2] == "GD" || n[:2] == "HA") && allDigits(n[2:]):
		v, _ := strconv.Atoi(n[2:])
		if (n[:2] == "GD") != (v < 500) {
			return "", invalid(msgVATFormat)
		}
		return "GB" + n, nil
	case (len(n) == 9 || len(n) == 12) && allDigits(n):
		if !vatCheckDigitsOK(n[:9]) {
			return "", invalid("Enter a real VAT registration number. Check you have copied all the digits correctly")
		}
		return "GB" + n, nil
	}
	return "", invalid(msgVATFormat)
}

// vatCheckDigitsOK applies HMRC's modulus 97 and "9755" checks to a 9-digit number.
func vatCheckDigitsOK(d string) bool {
	total := 0
	for i := range 7 {
		total += int(d[i]-'0') * (8 - i)
	}
	check := int(d[7]-'0')*10 + int(d[8]-'0')
	if check > 96 {
		return false
	}
	total += check
	return total%97 == 0 || (total+55)%97 == 0
}

// NormaliseSortCode checks a UK bank sort code and returns its 6 digits ("12-34-56" and
// "12 34 56" → "123456").
func NormaliseSortCode(s string) (string, error) {
	n := compact(s, "-–")
	if n == "" {
		return "", invalid("Enter a sort code")
	}
	if len(n) != 6 || !allDigits(n) {
		return "", invalid("Enter a valid sort code, like 309430")
	}
	return n, nil
}

// NormaliseAccountNumber checks a UK bank account number: exactly 8 digits, spaces and dashes
// ignored. Shorter numbers are not padded, because a bank that issues them tells its customers
// how to write them as 8 digits (usually a leading zero) and guessing would risk paying the
// wrong account; building society roll numbers are not bank account numbers.
func NormaliseAccountNumber(s string) (string, error) {
	n := compact(s, "-–")
	if n == "" {
		return "", invalid("Enter an account number")
	}
	if len(n) != 8 || !allDigits(n) {
		return "", invalid("Enter an account number that is 8 digits long, like 00733445")
	}
	return n, nil
}

const msgUKPhone = "Enter a UK telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"

// NormaliseUKPhone checks a UK telephone number and returns it in E.164 form ("020 7946 0000"
// → "+442079460000"). It accepts a leading 0, +44 or 0044, with spaces, brackets, dashes or
// dots, and the common "+44 (0)20 …" form. The number after the 0 must be 10 digits starting 1,
// 2, 3, 5, 7, 8 or 9 (UK numbers starting 04 and 06 are not in use). A handful of old 9-digit
// numbers and 0800 1111 are not accepted; they are rare enough to be given some other way.
func NormaliseUKPhone(s string) (string, error) {
	n := compact(s, "()-.–")
	if n == "" {
		return "", invalid("Enter a telephone number")
	}
	var nsn string
	switch {
	case strings.HasPrefix(n, "+44"):
		nsn = strings.TrimPrefix(n[3:], "0")
	case strings.HasPrefix(n, "0044"):
		nsn = strings.TrimPrefix(n[4:], "0")
	case strings.HasPrefix(n, "0"):
		nsn = n[1:]
	case strings.HasPrefix(n, "+"):
		return "", invalid("Enter a UK telephone number. Numbers from other countries cannot be used")
	default:
		return "", invalid(msgUKPhone)
	}
	if len(nsn) != 10 || !allDigits(nsn) || !strings.ContainsRune("1235789", rune(nsn[0])) {
		return "", invalid(msgUKPhone)
	}
	return "+44" + nsn, nil
}

// MaxMoneyPence is the largest amount ValidateMoneyPence accepts: £100 billion, far above any
// supplier's turnover or council contract, and small enough that sums of many such amounts
// cannot overflow an int64.
const MaxMoneyPence int64 = 100_000_000_000 * 100

// ValidateMoneyPence checks an amount of money in pence: not negative and no more than
// MaxMoneyPence. field is the words naming the amount as the page shows them ("Annual
// turnover"); it begins the message, so its first letter is made a capital.
func ValidateMoneyPence(field string, v int64) error {
	field = capitalise(field)
	switch {
	case v < 0:
		return invalid(field + " must be £0 or more")
	case v > MaxMoneyPence:
		return invalid(field + " must be " + format.Money(MaxMoneyPence) + " or less")
	}
	return nil
}

// MaxStaffCount is the largest staff count ValidateStaffCount accepts, above the headcount of
// any employer in the world, so anything larger is a typing slip.
const MaxStaffCount = 10_000_000

// ValidateStaffCount checks the number of people an organisation employs.
func ValidateStaffCount(n int) error {
	switch {
	case n < 0:
		return invalid("Number of staff must be 0 or more")
	case n > MaxStaffCount:
		return invalid("Number of staff must be " + format.Int(MaxStaffCount) + " or fewer")
	}
	return nil
}
