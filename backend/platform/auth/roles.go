package auth

import (
	"context"
	"slices"
)

// Role is what a person does in Fairtender.
type Role string

// The roles, as in DESIGN.md. Suppliers additionally belong to organisations as owner or member.
const (
	RoleSupplier    Role = "supplier"
	RoleBuyer       Role = "buyer"
	RoleEvaluator   Role = "evaluator"
	RoleCaseOfficer Role = "case_officer"
	RoleAdmin       Role = "admin"
)

// Roles lists every role.
func Roles() []Role {
	return []Role{RoleSupplier, RoleBuyer, RoleEvaluator, RoleCaseOfficer, RoleAdmin}
}

// StaffRoles are the council roles an admin may create or invite.
func StaffRoles() []Role {
	return []Role{RoleBuyer, RoleEvaluator, RoleCaseOfficer, RoleAdmin}
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// Principal is the person making a request.
type Principal struct {
	UserID        string
	SessionID     string
	Role          Role
	EmailVerified bool
	// ViaCookie is true when the request was authenticated by the session cookie, which makes it
	// subject to the CSRF check.
	ViaCookie bool
}

// Access declares who may call an operation. The zero value allows nobody, so forgetting to
// declare fails closed.
type Access struct {
	// Public operations need no sign-in.
	Public bool
	// Roles that may call it; empty with AnyRole false means nobody.
	Roles []Role
	// AnyRole allows every signed-in person.
	AnyRole bool
	// AllowUnverified lets suppliers who have not yet confirmed their email address in; by default
	// they can see only their own account.
	AllowUnverified bool
}

// Public is the access of operations anyone may call.
var Public = Access{Public: true}

// SignedIn is the access of operations every signed-in, verified person may call.
var SignedIn = Access{AnyRole: true}

// Only returns an Access for the given roles.
func Only(roles ...Role) Access { return Access{Roles: roles} }

// Allows reports whether p may call an operation with this access.
func (a Access) Allows(p *Principal) bool {
	if a.Public {
		return true
	}
	if p == nil {
		return false
	}
	if !p.EmailVerified && !a.AllowUnverified {
		return false
	}
	return a.AnyRole || slices.Contains(a.Roles, p.Role)
}

// Describe is the human form of the access rule, for the OpenAPI document.
func (a Access) Describe() string {
	switch {
	case a.Public:
		return "public"
	case a.AnyRole && a.AllowUnverified:
		return "any signed-in person, including unverified"
	case a.AnyRole:
		return "any signed-in person with a verified email address"
	case len(a.Roles) == 0:
		return "nobody"
	}
	s := ""
	for i, r := range a.Roles {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the signed-in person, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
