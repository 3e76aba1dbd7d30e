package httpapi

import (
	"context"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
)

// SignIn is for handlers that huma does not route (the tus uploads, whose protocol is not
// JSON): it applies the rules every API operation gets, the bearer token or session cookie, and
// the CSRF token on a cookie session's unsafe requests, then access. On success it returns the
// context to serve the request with, carrying the signed-in person (auth.PrincipalFrom), the client
// address for the audit and the Fiber request (so UploadBody works). Otherwise it has already
// answered with a problem and returns ok false.
func (s *Server) SignIn(c *fiber.Ctx, access auth.Access) (ctx context.Context, ok bool) {
	ctx, status, msg := s.signIn(c.UserContext(), c)
	if status != 0 {
		_ = problem(c, status, msg)
		return nil, false
	}
	if access.Allows(auth.PrincipalFrom(ctx)) {
		return ctx, true
	}
	p := auth.PrincipalFrom(ctx)
	switch {
	case p == nil:
		_ = problem(c, http.StatusUnauthorized, "Sign in to continue")
	case !p.EmailVerified && access.AnyRole:
		_ = problem(c, http.StatusForbidden, "Confirm your email address first: follow the link in the email we sent you")
	default:
		_ = problem(c, http.StatusForbidden, "You do not have permission to do this")
	}
	return nil, false
}

// Problem answers a request that huma does not route with an RFC 9457 body.
func Problem(c *fiber.Ctx, status int, detail string) error { return problem(c, status, detail) }

// Status is the HTTP status of an error code, for answers written outside huma.
func Status(code apperr.Code) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}
