package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// Route is one registered operation and who may call it, for the role × route test.
type Route struct {
	OperationID string
	Method      string
	Path        string
	Tags        []string
	Access      auth.Access
}

// Routes records every operation registered through Register.
type Routes struct {
	mu     sync.Mutex
	routes []Route
}

// All returns the registered routes.
func (r *Routes) All() []Route {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Route(nil), r.routes...)
}

// AccessExtension is the OpenAPI extension naming who may call an operation.
const AccessExtension = "x-fairtender-access"

// Register adds an operation to the API with its access rule. The rule is checked before the
// request body is read, so nobody learns anything about an operation they may not call. Every
// operation then refuses control characters and bidirectional overrides in its text (checkText).
func Register[I, O any](s *Server, op huma.Operation, access auth.Access, handler func(context.Context, *I) (*O, error)) {
	if op.Extensions == nil {
		op.Extensions = map[string]any{}
	}
	op.Extensions[AccessExtension] = access.Describe()
	if access.Public {
		// An empty list, not none: this operation needs no sign-in, whatever the document's default.
		op.Security = []map[string][]string{}
	} else {
		op.Security = []map[string][]string{{"cookie": {}}, {"bearer": {}}}
	}
	if op.RequestBody == nil && s.isUpload(op) {
		op.RequestBody = FileBody("*/*")
	}
	// Who may call comes first; then text no one means to send is refused, before any handler
	// (present or future) sees it.
	op.Middlewares = append(huma.Middlewares{s.authorize(access), s.checkText}, op.Middlewares...)
	s.Routes.mu.Lock()
	s.Routes.routes = append(s.Routes.routes, Route{OperationID: op.OperationID, Method: op.Method, Path: op.Path, Tags: op.Tags, Access: access})
	s.Routes.mu.Unlock()
	log := s.log
	huma.Register(s.API, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := handler(ctx, in)
		if err != nil {
			return nil, toHuma(ctx, log, op.OperationID, err)
		}
		return out, nil
	})
}

func (s *Server) authorize(access auth.Access) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if access.Allows(auth.PrincipalFrom(ctx.Context())) {
			next(ctx)
			return
		}
		p := auth.PrincipalFrom(ctx.Context())
		switch {
		case p == nil:
			huma.WriteErr(s.API, ctx, http.StatusUnauthorized, "Sign in to continue")
		case !p.EmailVerified && access.AnyRole:
			huma.WriteErr(s.API, ctx, http.StatusForbidden, "Confirm your email address first: follow the link in the email we sent you")
		default:
			huma.WriteErr(s.API, ctx, http.StatusForbidden, "You do not have permission to do this")
		}
	}
}

// statusOf maps each error code to its HTTP status, in one place.
var statusOf = map[apperr.Code]int{
	apperr.Invalid:            http.StatusUnprocessableEntity,
	apperr.NotFound:           http.StatusNotFound,
	apperr.Conflict:           http.StatusConflict,
	apperr.Unauthorized:       http.StatusUnauthorized,
	apperr.Forbidden:          http.StatusForbidden,
	apperr.TooManyRequests:    http.StatusTooManyRequests,
	apperr.PreconditionFailed: http.StatusPreconditionFailed,
	apperr.Internal:           http.StatusInternalServerError,
}

// toHuma turns a feature's error into a problem+json answer naming the fields at fault.
func toHuma(ctx context.Context, log *slog.Logger, opID string, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return se
	}
	var fields apperr.Fields
	if errors.As(err, &fields) {
		details := make([]error, len(fields))
		for i, f := range fields {
			details[i] = &huma.ErrorDetail{Message: f.Message, Location: f.Location()}
		}
		return huma.NewError(http.StatusUnprocessableEntity, "There is a problem with what you entered", details...)
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		status := statusOf[ae.Code]
		if ae.Field != "" {
			return huma.NewError(status, ae.Message, &huma.ErrorDetail{Message: ae.Message, Location: ae.Location()})
		}
		herr := huma.NewError(status, ae.Message)
		if ae.RetryAfter > 0 {
			return huma.ErrorWithHeaders(herr, http.Header{"Retry-After": {strconv.Itoa(int(ae.RetryAfter.Seconds() + 0.999))}})
		}
		return herr
	}
	log.ErrorContext(ctx, "request failed", "operation", opID, "error", err.Error(), "request_id", RequestID(ctx))
	return huma.NewError(http.StatusInternalServerError, fmt.Sprintf("Sorry, something went wrong on our side. Try again later. If it keeps happening, quote reference %s.", RequestID(ctx)))
}

// FileBody declares a request body that is a file sent as it is (not multipart), in one of the
// given media types, so that generated clients can send it.
func FileBody(types ...string) *huma.RequestBody {
	rb := &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{},
		Description: "The file's bytes as they are (not a multipart form), with its own Content-Type."}
	for _, t := range types {
		rb.Content[t] = &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}
	}
	return rb
}

// FileResponses declares a 200 answer that is a file in one of the given media types (a
// download or an export), for an operation whose handler writes the bytes itself.
func FileResponses(description string, types ...string) map[string]*huma.Response {
	r := &huma.Response{Description: description, Content: map[string]*huma.MediaType{}}
	for _, t := range types {
		r.Content[t] = &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}
	}
	return map[string]*huma.Response{"200": r}
}

// isUpload reports whether op takes a document as its raw body (UploadPrefixes).
func (s *Server) isUpload(op huma.Operation) bool {
	if op.Method != http.MethodPost && op.Method != http.MethodPut {
		return false
	}
	for _, p := range s.opts.UploadPrefixes {
		if strings.HasPrefix(op.Path, p) {
			return true
		}
	}
	return false
}
