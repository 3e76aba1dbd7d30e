package accounts

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// pendingCookieName carries the half sign-in token. It is HttpOnly, SameSite=Strict and sent
// only to the two-step operations, so no page script and no other operation ever sees it.
const pendingCookieName = "ft_two_step"

const pendingCookiePath = "/api/v1/auth/two-step"

func pendingCookie(token string, secure bool) http.Cookie {
	age := int(TwoStepPendingTTL.Seconds())
	if token == "" {
		age = -1
	}
	return http.Cookie{Name: pendingCookieName, Value: token, Path: pendingCookiePath, MaxAge: age, HttpOnly: true, Secure: secure,
		SameSite: http.SameSiteStrictMode}
}

type loginOutput struct {
	Body struct {
		Next string `json:"next" enum:"signed_in,two_step_code,two_step_setup" doc:"signed_in: the session has started. two_step_code: enter a code from the authenticator app (or a recovery code) with completeTwoStepSignIn. two_step_setup: this role must use two-step verification; set it up with startTwoStepSetupAtSignIn and confirmTwoStepSetupAtSignIn before any session starts."`
		User *Me    `json:"user,omitempty" doc:"The signed-in person, when next is signed_in."`
	}
}

type pendingInput struct {
	Pending string `cookie:"ft_two_step"`
}

type twoStepSignInInput struct {
	Pending string `cookie:"ft_two_step"`
	Body    struct {
		Code         *string `json:"code,omitempty" maxLength:"20" doc:"The 6-digit code from the authenticator app."`
		RecoveryCode *string `json:"recoveryCode,omitempty" maxLength:"40" doc:"A recovery code the person saved when they set it up, instead of code."`
	}
}

type twoStepSignInOutput struct {
	Body struct {
		User              Me   `json:"user"`
		RecoveryCodesLeft *int `json:"recoveryCodesLeft,omitempty" doc:"How many recovery codes are left, when one was used."`
	}
}

type setupOutput struct{ Body TwoStepSetup }

type codeInput struct {
	Body struct {
		Code string `json:"code" maxLength:"20" doc:"The 6-digit code the authenticator app shows now."`
	}
}

type pendingCodeInput struct {
	Pending string `cookie:"ft_two_step"`
	Body    struct {
		Code string `json:"code" maxLength:"20" doc:"The 6-digit code the authenticator app shows now."`
	}
}

type recoveryCodesBody struct {
	RecoveryCodes []string `json:"recoveryCodes" nullable:"false" doc:"The new recovery codes, shown this once; only their hashes are kept."`
}

type recoveryCodesOutput struct{ Body recoveryCodesBody }

type setupSignInOutput struct {
	Body struct {
		User          Me       `json:"user"`
		RecoveryCodes []string `json:"recoveryCodes" nullable:"false" doc:"The recovery codes, shown this once; only their hashes are kept."`
	}
}

type statusOutput struct{ Body TwoStepStatus }

type passwordInput struct {
	Body struct {
		Password string `json:"password" maxLength:"256"`
	}
}

type policyOutput struct {
	Body struct {
		Roles []RolePolicy `json:"roles" nullable:"false"`
	}
}

type policyInput struct {
	Body struct {
		Required []string `json:"required" nullable:"false" maxItems:"4" enum:"buyer,evaluator,case_officer,admin" doc:"The staff roles that must use two-step verification; the others may choose to."`
	}
}

// RegisterTwoStep adds the two-step verification operations to the server.
func (a *API) RegisterTwoStep(s *httpapi.Server) {
	tags := []string{"Two-step verification"}
	pendingNote := " Needs the " + pendingCookieName + " cookie that sign-in set; answers 401 when it is missing or has expired (sign in again)."
	httpapi.Register(s, huma.Operation{OperationID: "completeTwoStepSignIn", Method: http.MethodPost, Path: "/api/v1/auth/two-step", Tags: tags,
		Summary: "Finish signing in with a code from the authenticator app or a recovery code",
		Description: "Sets the session cookies. A code is accepted within 30 seconds either way and once only; a recovery code once only. " +
			"Wrong codes are throttled like wrong passwords." + pendingNote}, auth.Public, a.completeTwoStepSignIn)
	httpapi.Register(s, huma.Operation{OperationID: "startTwoStepSetupAtSignIn", Method: http.MethodPost, Path: "/api/v1/auth/two-step/setup", Tags: tags,
		Summary:     "Get a new secret and QR code, for someone who must set up two-step verification to sign in",
		Description: "Nothing is turned on until confirmTwoStepSetupAtSignIn." + pendingNote}, auth.Public, a.startSetupAtSignIn)
	httpapi.Register(s, huma.Operation{OperationID: "confirmTwoStepSetupAtSignIn", Method: http.MethodPost, Path: "/api/v1/auth/two-step/setup/confirm", Tags: tags,
		Summary:     "Turn two-step verification on with a current code, and sign in",
		Description: "Returns the recovery codes, shown this once, and sets the session cookies." + pendingNote}, auth.Public, a.confirmSetupAtSignIn)

	httpapi.Register(s, huma.Operation{OperationID: "getTwoStep", Method: http.MethodGet, Path: "/api/v1/me/two-step", Tags: tags,
		Summary: "Whether you use two-step verification, and must"}, auth.SignedIn, a.getTwoStep)
	httpapi.Register(s, huma.Operation{OperationID: "startTwoStepSetup", Method: http.MethodPost, Path: "/api/v1/me/two-step/setup", Tags: tags,
		Summary: "Get a new secret and QR code for your authenticator app", Description: "Nothing is turned on until confirmTwoStepSetup."},
		auth.SignedIn, a.startSetup)
	httpapi.Register(s, huma.Operation{OperationID: "confirmTwoStepSetup", Method: http.MethodPost, Path: "/api/v1/me/two-step/setup/confirm", Tags: tags,
		Summary: "Turn two-step verification on with a current code", Description: "Returns the recovery codes, shown this once."},
		auth.SignedIn, a.confirmSetup)
	httpapi.Register(s, huma.Operation{OperationID: "turnOffTwoStep", Method: http.MethodPost, Path: "/api/v1/me/two-step/turn-off", Tags: tags,
		Summary: "Turn two-step verification off", Description: "Needs your password. Refused (409) when your role must use it.",
		DefaultStatus: http.StatusNoContent}, auth.SignedIn, a.turnOff)
	httpapi.Register(s, huma.Operation{OperationID: "replaceRecoveryCodes", Method: http.MethodPost, Path: "/api/v1/me/two-step/recovery-codes", Tags: tags,
		Summary: "Get new recovery codes", Description: "Needs your password. The old codes stop working."}, auth.SignedIn, a.replaceRecoveryCodes)

	admin := []string{"Administration"}
	httpapi.Register(s, huma.Operation{OperationID: "getTwoStepPolicy", Method: http.MethodGet, Path: "/api/v1/admin/two-step-policy", Tags: admin,
		Summary: "Which staff roles must use two-step verification"}, auth.Only(auth.RoleAdmin), a.getPolicy)
	httpapi.Register(s, huma.Operation{OperationID: "setTwoStepPolicy", Method: http.MethodPut, Path: "/api/v1/admin/two-step-policy", Tags: admin,
		Summary:     "Choose which staff roles must use two-step verification",
		Description: "Applies from each person's next sign-in: someone in a role that now must, who has not set it up, sets it up before they get a session."},
		auth.Only(auth.RoleAdmin), a.setPolicy)
	httpapi.Register(s, huma.Operation{OperationID: "resetTwoStep", Method: http.MethodPost, Path: "/api/v1/admin/two-step-resets", Tags: admin,
		Summary:     "Reset someone's two-step verification, when they have lost their phone",
		Description: "Removes their authenticator secret and recovery codes and signs them out everywhere.", DefaultStatus: http.StatusCreated},
		auth.Only(auth.RoleAdmin), a.resetTwoStep)
}

func (a *API) completeTwoStepSignIn(ctx context.Context, in *twoStepSignInInput) (*twoStepSignInOutput, error) {
	code, recovery := "", in.Body.RecoveryCode != nil
	if recovery {
		code = *in.Body.RecoveryCode
	} else if in.Body.Code != nil {
		code = *in.Body.Code
	}
	t, err := a.svc.CompleteTwoStepSignIn(ctx, in.Pending, code, recovery)
	if err != nil {
		return nil, err
	}
	s, err := a.signedIn(ctx, t.Tokens)
	if err != nil {
		return nil, err
	}
	out := &twoStepSignInOutput{}
	out.Body.User = s.Body.User
	if t.RecoveryCodesLeft >= 0 {
		out.Body.RecoveryCodesLeft = &t.RecoveryCodesLeft
	}
	return out, nil
}

// signedIn starts the browser session and removes the half sign-in cookie.
func (a *API) signedIn(ctx context.Context, t Tokens) (*sessionOutput, error) {
	s, err := a.sessionOut(ctx, t)
	if err != nil {
		return nil, err
	}
	httpapi.SetCookies(ctx, []http.Cookie{pendingCookie("", a.secure)})
	return s, nil
}

func (a *API) startSetupAtSignIn(ctx context.Context, in *pendingInput) (*setupOutput, error) {
	setup, err := a.svc.BeginTwoStepSetupAtSignIn(ctx, in.Pending)
	if err != nil {
		return nil, err
	}
	return &setupOutput{Body: setup}, nil
}

func (a *API) confirmSetupAtSignIn(ctx context.Context, in *pendingCodeInput) (*setupSignInOutput, error) {
	t, err := a.svc.ConfirmTwoStepSetupAtSignIn(ctx, in.Pending, in.Body.Code)
	if err != nil {
		return nil, err
	}
	s, err := a.signedIn(ctx, t.Tokens)
	if err != nil {
		return nil, err
	}
	out := &setupSignInOutput{}
	out.Body.User, out.Body.RecoveryCodes = s.Body.User, t.RecoveryCodes
	return out, nil
}

func (a *API) getTwoStep(ctx context.Context, _ *struct{}) (*statusOutput, error) {
	st, err := a.svc.GetTwoStepStatus(ctx, auth.PrincipalFrom(ctx).UserID)
	if err != nil {
		return nil, err
	}
	return &statusOutput{Body: st}, nil
}

func (a *API) startSetup(ctx context.Context, _ *struct{}) (*setupOutput, error) {
	setup, err := a.svc.BeginTwoStepSetup(ctx, auth.PrincipalFrom(ctx).UserID)
	if err != nil {
		return nil, err
	}
	return &setupOutput{Body: setup}, nil
}

func (a *API) confirmSetup(ctx context.Context, in *codeInput) (*recoveryCodesOutput, error) {
	codes, err := a.svc.ConfirmTwoStepSetup(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Code)
	if err != nil {
		return nil, err
	}
	return &recoveryCodesOutput{Body: recoveryCodesBody{RecoveryCodes: codes}}, nil
}

func (a *API) turnOff(ctx context.Context, in *passwordInput) (*emptyOutput, error) {
	return &emptyOutput{}, a.svc.TurnOffTwoStep(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Password)
}

func (a *API) replaceRecoveryCodes(ctx context.Context, in *passwordInput) (*recoveryCodesOutput, error) {
	codes, err := a.svc.RegenerateRecoveryCodes(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Password)
	if err != nil {
		return nil, err
	}
	return &recoveryCodesOutput{Body: recoveryCodesBody{RecoveryCodes: codes}}, nil
}

func (a *API) getPolicy(ctx context.Context, _ *struct{}) (*policyOutput, error) {
	roles, err := a.svc.TwoStepPolicy(ctx)
	if err != nil {
		return nil, err
	}
	out := &policyOutput{}
	out.Body.Roles = roles
	return out, nil
}

func (a *API) setPolicy(ctx context.Context, in *policyInput) (*policyOutput, error) {
	if err := a.svc.SetTwoStepPolicy(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Required); err != nil {
		return nil, err
	}
	return a.getPolicy(ctx, nil)
}

func (a *API) resetTwoStep(ctx context.Context, in *emailInput) (*messageOutput, error) {
	if err := a.svc.ResetTwoStep(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Email); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "Two-step verification has been reset for " + normaliseEmail(in.Body.Email) +
		". They have been signed out, and set it up again the next time they sign in if their role must use it."}}, nil
}
