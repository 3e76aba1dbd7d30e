package accounts

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// API is the HTTP face of the account service.
type API struct {
	svc    *Service
	secure bool
}

// NewAPI returns the account API; secure marks cookies Secure (https).
func NewAPI(svc *Service, secure bool) *API { return &API{svc: svc, secure: secure} }

type messageBody struct {
	Message string `json:"message" doc:"What happened, in words to show the person."`
}

type messageOutput struct{ Body messageBody }

type sessionOutput struct {
	Body struct {
		User Me `json:"user"`
	}
}

type registerInput struct {
	Body struct {
		OrganisationName string `json:"organisationName" maxLength:"200" doc:"The organisation's name."`
		LegalForm        string `json:"legalForm" maxLength:"60" enum:"private_limited_company,public_limited_company,limited_liability_partnership,partnership,sole_trader,charitable_incorporated_organisation,charitable_company,community_interest_company,cooperative_or_community_benefit_society,unincorporated_association,public_body" doc:"The organisation's legal form (accounts.LegalForms)."`
		Name             string `json:"name" maxLength:"200" doc:"The first person's full name."`
		Email            string `json:"email" maxLength:"254"`
		Password         string `json:"password" maxLength:"256" doc:"At least 12 characters; common passwords are refused."`
	}
}

type tokenInput struct {
	Body struct {
		Token string `json:"token" maxLength:"200"`
	}
}

type loginInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254"`
		Password string `json:"password" maxLength:"256"`
	}
}

type cookieInput struct {
	Refresh string `cookie:"ft_refresh"`
}

type emptyOutput struct{}

type emailInput struct {
	Body struct {
		Email string `json:"email" maxLength:"254"`
	}
}

type resetConfirmInput struct {
	Body struct {
		Token    string `json:"token" maxLength:"200"`
		Password string `json:"password" maxLength:"256"`
	}
}

type acceptInvitationInput struct {
	Body struct {
		Token    string `json:"token" maxLength:"200"`
		Name     string `json:"name,omitempty" maxLength:"200" doc:"Optional: corrects the name the admin entered."`
		Password string `json:"password" maxLength:"256"`
	}
}

type inviteInput struct {
	Body struct {
		Email string `json:"email" maxLength:"254"`
		Name  string `json:"name" maxLength:"200"`
		Role  string `json:"role" maxLength:"40" doc:"buyer, evaluator, case_officer or admin."`
	}
}

type inviteOutput struct {
	Body struct {
		ID      string `json:"id"`
		Message string `json:"message"`
	}
}

type meOutput struct{ Body Me }

// Register adds the account operations to the server.
func (a *API) Register(s *httpapi.Server) {
	tags := []string{"Accounts"}
	httpapi.Register(s, huma.Operation{OperationID: "register", Method: http.MethodPost, Path: "/api/v1/auth/register", Tags: tags,
		Summary: "Register an organisation and its first person", DefaultStatus: http.StatusAccepted,
		Description: "Always answers 202 whether or not the email already has an account; the account holder is emailed instead."},
		auth.Public, a.register)
	httpapi.Register(s, huma.Operation{OperationID: "checkPassword", Method: http.MethodPost, Path: "/api/v1/auth/password-check", Tags: tags,
		Summary: "Check a new password before using it", DefaultStatus: http.StatusNoContent,
		Description: "Answers 204 when the password would be accepted, or 422 naming body.password with the reason, so the page that asks " +
			"for a password can say so there rather than at the end of a journey. The same rule as registering, resetting a password " +
			"and accepting an invitation; nothing is stored."}, auth.Public, a.checkPassword)
	httpapi.Register(s, huma.Operation{OperationID: "verifyEmail", Method: http.MethodPost, Path: "/api/v1/auth/verify-email", Tags: tags,
		Summary: "Confirm an email address from the emailed link"}, auth.Public, a.verifyEmail)
	httpapi.Register(s, huma.Operation{OperationID: "resendVerification", Method: http.MethodPost, Path: "/api/v1/auth/resend-verification", Tags: tags,
		Summary: "Send a new email confirmation link", DefaultStatus: http.StatusAccepted},
		auth.Access{AnyRole: true, AllowUnverified: true}, a.resendVerification)
	httpapi.Register(s, huma.Operation{OperationID: "login", Method: http.MethodPost, Path: "/api/v1/auth/login", Tags: tags,
		Summary: "Sign in", Description: "Sets the session cookies (ft_access, ft_refresh, ft_csrf) when the password is all that is needed. " +
			"When a second factor must follow (next is two_step_code or two_step_setup), sets only the short-lived " + pendingCookieName +
			" cookie, which the two-step operations under /api/v1/auth/two-step accept, and no session starts."}, auth.Public, a.login)
	httpapi.Register(s, huma.Operation{OperationID: "refresh", Method: http.MethodPost, Path: "/api/v1/auth/refresh", Tags: tags,
		Summary: "Renew the session", Description: "Swaps the refresh cookie for new cookies. Reusing an old refresh token ends the session."},
		auth.Public, a.refresh)
	httpapi.Register(s, huma.Operation{OperationID: "logout", Method: http.MethodPost, Path: "/api/v1/auth/logout", Tags: tags,
		Summary: "Sign out", DefaultStatus: http.StatusNoContent}, auth.Public, a.logout)
	httpapi.Register(s, huma.Operation{OperationID: "requestPasswordReset", Method: http.MethodPost, Path: "/api/v1/auth/password-reset", Tags: tags,
		Summary: "Email a password reset link", DefaultStatus: http.StatusAccepted,
		Description: "Answers the same whether or not the email has an account."}, auth.Public, a.requestPasswordReset)
	httpapi.Register(s, huma.Operation{OperationID: "confirmPasswordReset", Method: http.MethodPost, Path: "/api/v1/auth/password-reset/confirm", Tags: tags,
		Summary: "Set a new password from a reset link", Description: "Ends every session of the account."}, auth.Public, a.confirmPasswordReset)
	httpapi.Register(s, huma.Operation{OperationID: "acceptInvitation", Method: http.MethodPost, Path: "/api/v1/auth/invitations/accept", Tags: tags,
		Summary: "Set a password from a council staff invitation"}, auth.Public, a.acceptInvitation)
	httpapi.Register(s, huma.Operation{OperationID: "getMe", Method: http.MethodGet, Path: "/api/v1/me", Tags: tags,
		Summary: "Your own account"}, auth.Access{AnyRole: true, AllowUnverified: true}, a.getMe)
	httpapi.Register(s, huma.Operation{OperationID: "inviteStaff", Method: http.MethodPost, Path: "/api/v1/admin/invitations", Tags: []string{"Administration"},
		Summary: "Invite a council officer", DefaultStatus: http.StatusCreated}, auth.Only(auth.RoleAdmin), a.invite)
	a.registerAdmin(s)
	a.registerSettings(s)
}

type passwordCheckInput struct {
	Body struct {
		Password         string `json:"password" maxLength:"256"`
		Email            string `json:"email,omitempty" maxLength:"254" doc:"The email the password is for, if known: a password that is the email's name is refused."`
		Name             string `json:"name,omitempty" maxLength:"200" doc:"The person's name, if known."`
		OrganisationName string `json:"organisationName,omitempty" maxLength:"200" doc:"The organisation's name, if known."`
	}
}

func (a *API) checkPassword(_ context.Context, in *passwordCheckInput) (*emptyOutput, error) {
	b := in.Body
	return &emptyOutput{}, CheckNewPassword(b.Password, b.Email, b.Name, b.OrganisationName)
}

func (a *API) register(ctx context.Context, in *registerInput) (*messageOutput, error) {
	b := in.Body
	if err := a.svc.Register(ctx, RegisterInput{OrganisationName: b.OrganisationName, LegalForm: b.LegalForm, Name: b.Name, Email: b.Email, Password: b.Password}); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "We have sent an email to " + normaliseEmail(b.Email) + ". Follow the link in it to confirm your email address."}}, nil
}

func (a *API) verifyEmail(ctx context.Context, in *tokenInput) (*messageOutput, error) {
	already, err := a.svc.VerifyEmail(ctx, in.Body.Token)
	if err != nil {
		return nil, err
	}
	msg := "Your email address is confirmed."
	if already {
		msg = "Your email address was already confirmed."
	}
	return &messageOutput{Body: messageBody{Message: msg}}, nil
}

func (a *API) resendVerification(ctx context.Context, _ *struct{}) (*messageOutput, error) {
	if err := a.svc.ResendVerification(ctx, auth.PrincipalFrom(ctx).UserID); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "We have sent you a new link. It works for 24 hours."}}, nil
}

func (a *API) sessionOut(ctx context.Context, t Tokens) (*sessionOutput, error) {
	me, err := a.svc.GetMe(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	httpapi.SetCookies(ctx, httpapi.SessionCookies(t.Access, t.Refresh, a.svc.refreshTTL, a.secure))
	out := &sessionOutput{}
	out.Body.User = me
	return out, nil
}

func (a *API) login(ctx context.Context, in *loginInput) (*loginOutput, error) {
	t, err := a.svc.Login(ctx, in.Body.Email, in.Body.Password)
	if err != nil {
		return nil, err
	}
	out := &loginOutput{}
	out.Body.Next = string(t.Next)
	if t.Next != NextSignedIn {
		httpapi.SetCookies(ctx, []http.Cookie{pendingCookie(t.Pending, a.secure)})
		return out, nil
	}
	s, err := a.sessionOut(ctx, t)
	if err != nil {
		return nil, err
	}
	out.Body.User = &s.Body.User
	return out, nil
}

func (a *API) refresh(ctx context.Context, in *cookieInput) (*sessionOutput, error) {
	t, err := a.svc.Refresh(ctx, in.Refresh)
	if err != nil {
		return nil, err
	}
	return a.sessionOut(ctx, t)
}

func (a *API) logout(ctx context.Context, in *cookieInput) (*emptyOutput, error) {
	sid := ""
	if p := auth.PrincipalFrom(ctx); p != nil {
		sid = p.SessionID
	}
	if err := a.svc.Logout(ctx, sid, in.Refresh); err != nil {
		return nil, err
	}
	httpapi.SetCookies(ctx, httpapi.ClearSessionCookies(a.secure))
	return &emptyOutput{}, nil
}

func (a *API) requestPasswordReset(ctx context.Context, in *emailInput) (*messageOutput, error) {
	if err := a.svc.RequestPasswordReset(ctx, in.Body.Email); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "If " + normaliseEmail(in.Body.Email) + " has an account, we have sent it a link to reset the password. The link works for 1 hour."}}, nil
}

func (a *API) confirmPasswordReset(ctx context.Context, in *resetConfirmInput) (*messageOutput, error) {
	if err := a.svc.ConfirmPasswordReset(ctx, in.Body.Token, in.Body.Password); err != nil {
		return nil, err
	}
	httpapi.SetCookies(ctx, httpapi.ClearSessionCookies(a.secure))
	return &messageOutput{Body: messageBody{Message: "Your password has been changed. Sign in with your new password."}}, nil
}

func (a *API) acceptInvitation(ctx context.Context, in *acceptInvitationInput) (*messageOutput, error) {
	if err := a.svc.AcceptInvitation(ctx, in.Body.Token, in.Body.Name, in.Body.Password); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "Your password is set. Sign in to continue."}}, nil
}

func (a *API) getMe(ctx context.Context, _ *struct{}) (*meOutput, error) {
	me, err := a.svc.GetMe(ctx, auth.PrincipalFrom(ctx).UserID)
	if err != nil {
		return nil, err
	}
	return &meOutput{Body: me}, nil
}

func (a *API) invite(ctx context.Context, in *inviteInput) (*inviteOutput, error) {
	u, err := a.svc.Invite(ctx, auth.PrincipalFrom(ctx).UserID, InviteInput{Email: in.Body.Email, Name: in.Body.Name, Role: in.Body.Role})
	if err != nil {
		return nil, err
	}
	out := &inviteOutput{}
	out.Body.ID = u.ID
	out.Body.Message = "We have emailed " + u.Email + " a link to set a password. It works for 7 days."
	return out, nil
}
