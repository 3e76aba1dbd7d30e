package httpapi

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

var (
	requiredRE  = regexp.MustCompile(`^expected required property (\S+) to be present$`)
	maxLengthRE = regexp.MustCompile(`^expected (?:string )?length <= (\d+)$`)
)

// plainProblem is huma's error constructor with its validation messages put into plain English,
// each missing property reported at its own location so forms can link to the field, and the
// submitted values left out (they may hold a password).
func plainProblem(status int, msg string, errs ...error) huma.StatusError {
	details := make([]*huma.ErrorDetail, 0, len(errs))
	for _, e := range errs {
		if e == nil {
			continue
		}
		d := &huma.ErrorDetail{Message: e.Error()}
		if ed, ok := e.(huma.ErrorDetailer); ok {
			d = ed.ErrorDetail()
		}
		d.Value = nil
		if m := requiredRE.FindStringSubmatch(d.Message); m != nil {
			d.Location = strings.TrimSuffix(d.Location, ".") + "." + m[1]
			d.Message = "Enter " + words(m[1])
		} else if m := maxLengthRE.FindStringSubmatch(d.Message); m != nil {
			d.Message = "Must be " + m[1] + " characters or fewer"
		} else if d.Message == "unexpected property" {
			d.Message = "This field is not expected here"
		}
		details = append(details, d)
	}
	if msg == "validation failed" {
		msg = "There is a problem with what you entered"
	}
	return &huma.ErrorModel{Status: status, Title: http.StatusText(status), Detail: msg, Errors: details}
}

// words turns a JSON field name such as organisationName into "organisation name".
func words(field string) string {
	var b strings.Builder
	for _, r := range field {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func init() {
	huma.NewError = plainProblem
}
