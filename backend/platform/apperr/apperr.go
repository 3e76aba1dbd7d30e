// Package apperr is the small error model every feature returns: a code that maps to an HTTP
// status, a message a person can act on, and optionally the field it is about. Only Internal
// errors are failures worth logging; every other code is a normal answer.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error.
type Code string

// The codes, each with one HTTP status (see httpapi).
const (
	Invalid         Code = "invalid"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	Unauthorized    Code = "unauthorized"
	Forbidden       Code = "forbidden"
	TooManyRequests Code = "too_many_requests"
	// PreconditionFailed is a change made from a stale copy: the If-Match the client sent is not
	// the record's current version, so saving would overwrite someone else's changes (412).
	PreconditionFailed Code = "precondition_failed"
	Internal           Code = "internal"
)

// Error is an error with a code, a plain-English message and an optional field.
type Error struct {
	Code    Code
	Message string
	// Field is the JSON name of the request field the error is about, such as "email".
	Field string
	// In is where the field is: InBody (the zero value), InQuery or InPath. Error locations
	// read "body.email", "query.cpv" or "path.id", so a client knows which field to fix.
	In In
	// RetryAfter tells the caller when to try again (TooManyRequests).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// In is the part of a request a field belongs to.
type In string

// The parts of a request a field can be in.
const (
	InBody  In = ""
	InQuery In = "query"
	InPath  In = "path"
)

// Location is where the field of e is, such as "body.email" or "query.cpv".
func (e *Error) Location() string {
	if e.In == InBody {
		return "body." + e.Field
	}
	return string(e.In) + "." + e.Field
}

// New returns an error with a code and message.
func New(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Field returns an Invalid error about one request field.
func Field(field, msg string) *Error { return &Error{Code: Invalid, Field: field, Message: msg} }

// QueryField returns an Invalid error about one query parameter, such as a search filter.
func QueryField(param, msg string) *Error {
	return &Error{Code: Invalid, Field: param, In: InQuery, Message: msg}
}

// Fields collects several field errors so a form shows them all at once.
type Fields []*Error

// Add appends a field error.
func (f *Fields) Add(field, msg string) { *f = append(*f, Field(field, msg)) }

// AddQuery appends an error about a query parameter.
func (f *Fields) AddQuery(param, msg string) { *f = append(*f, QueryField(param, msg)) }

// Err returns the collected errors, or nil when there are none.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return f
}

func (f Fields) Error() string {
	s := ""
	for i, e := range f {
		if i > 0 {
			s += "; "
		}
		s += e.Error()
	}
	return s
}

// CodeOf returns the code of err, Internal for errors that are not *Error or Fields.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var f Fields
	if errors.As(err, &f) {
		return Invalid
	}
	return Internal
}

// Stale is the one answer to a change made from a stale copy of a record (a PreconditionFailed
// error): someone else saved first, so nothing was written. thing names the record, as in "this
// profile".
func Stale(thing string) *Error {
	return New(PreconditionFailed, "Someone else changed this "+thing+" while you were editing it. Reload the page to see their changes, then make yours again.")
}
