package accounts

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

type nameInput struct {
	Body struct {
		Name string `json:"name" maxLength:"200" doc:"The person's full name."`
	}
}

type emailChangeInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254" doc:"The new email address."`
		Password string `json:"password" maxLength:"256" doc:"The person's current password."`
	}
}

type passwordChangeInput struct {
	Body struct {
		CurrentPassword string `json:"currentPassword" maxLength:"256"`
		NewPassword     string `json:"newPassword" maxLength:"256" doc:"At least 12 characters; common passwords are refused (the rule of POST /api/v1/auth/password-check)."`
	}
}

type sessionsOutput struct {
	Body struct {
		Items []SessionInfo `json:"items" nullable:"false"`
	}
}

type sessionIDInput struct {
	ID string `path:"id" maxLength:"36" doc:"The session's ID."`
}

type deletionPlanOutput struct{ Body DeletionPlan }

// registerSettings adds the operations with which a person changes their own account.
func (a *API) registerSettings(s *httpapi.Server) {
	tags := []string{"Accounts"}
	me := auth.SignedIn
	httpapi.Register(s, huma.Operation{OperationID: "changeMyName", Method: http.MethodPut, Path: "/api/v1/me/name", Tags: tags,
		Summary: "Change your name"}, me, a.changeName)
	httpapi.Register(s, huma.Operation{OperationID: "requestEmailChange", Method: http.MethodPost, Path: "/api/v1/me/email", Tags: tags,
		Summary: "Change your email address", DefaultStatus: http.StatusAccepted,
		Description: "Needs the current password. Emails a link to the new address (the change happens when it is followed, within 24 hours) " +
			"and tells the current address. When the new address already has an account, its holder is emailed instead and the answer is the same. " +
			"Someone who has not confirmed their address yet (it may have been mistyped) may call this too: the address is corrected at once, " +
			"the verification link goes to the new one, and they stay signed in."},
		auth.Access{AnyRole: true, AllowUnverified: true}, a.requestEmailChange)
	httpapi.Register(s, huma.Operation{OperationID: "confirmEmailChange", Method: http.MethodPost, Path: "/api/v1/auth/email-change/confirm", Tags: tags,
		Summary: "Confirm a new email address from the emailed link"}, auth.Public, a.confirmEmailChange)
	httpapi.Register(s, huma.Operation{OperationID: "changeMyPassword", Method: http.MethodPost, Path: "/api/v1/me/password", Tags: tags,
		Summary:     "Change your password",
		Description: "Needs the current password. Ends every other session; this one stays signed in. The person is emailed."}, me, a.changePassword)
	httpapi.Register(s, huma.Operation{OperationID: "listMySessions", Method: http.MethodGet, Path: "/api/v1/me/sessions", Tags: tags,
		Summary: "Where you are signed in"}, me, a.listSessions)
	httpapi.Register(s, huma.Operation{OperationID: "endMySession", Method: http.MethodPost, Path: "/api/v1/me/sessions/{id}/end", Tags: tags,
		Summary: "Sign out of one of your other sessions", Description: "The session making the request cannot be ended here: sign out instead."},
		me, a.endSession)
	httpapi.Register(s, huma.Operation{OperationID: "endMyOtherSessions", Method: http.MethodPost, Path: "/api/v1/me/sessions/end-others", Tags: tags,
		Summary: "Sign out everywhere else"}, me, a.endOtherSessions)
	httpapi.Register(s, huma.Operation{OperationID: "planMyAccountDeletion", Method: http.MethodGet, Path: "/api/v1/me/deletion", Tags: tags,
		Summary: "What deleting your account would do to your organisations (suppliers)"}, auth.Only(auth.RoleSupplier), a.planDeletion)
	httpapi.Register(s, huma.Operation{OperationID: "deleteMyAccount", Method: http.MethodPost, Path: "/api/v1/me/delete", Tags: tags,
		Summary: "Delete your account (suppliers)",
		Description: "Needs the current password. Removes the person's details and signs them out; an organisation left with no members is closed. " +
			"Refused (409) while the person is the only owner of an organisation that has other members."},
		auth.Only(auth.RoleSupplier), a.deleteAccount)
}

func (a *API) changeName(ctx context.Context, in *nameInput) (*meOutput, error) {
	id := auth.PrincipalFrom(ctx).UserID
	if err := a.svc.ChangeName(ctx, id, in.Body.Name); err != nil {
		return nil, err
	}
	return a.getMe(ctx, nil)
}

func (a *API) requestEmailChange(ctx context.Context, in *emailChangeInput) (*messageOutput, error) {
	unconfirmed, err := a.svc.RequestEmailChange(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Email, in.Body.Password)
	if err != nil {
		return nil, err
	}
	if unconfirmed {
		return &messageOutput{Body: messageBody{Message: "We have sent a link to " + normaliseEmail(in.Body.Email) +
			". Follow it within 24 hours to confirm your email address. Links sent to your old address no longer work."}}, nil
	}
	return &messageOutput{Body: messageBody{Message: "We have sent an email to " + normaliseEmail(in.Body.Email) +
		". Follow the link in it within 24 hours to start using that address. Until then, keep using your current one."}}, nil
}

func (a *API) confirmEmailChange(ctx context.Context, in *tokenInput) (*messageOutput, error) {
	email, err := a.svc.ConfirmEmailChange(ctx, in.Body.Token)
	if err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "Your email address is now " + email + ". Use it to sign in from now on."}}, nil
}

func (a *API) changePassword(ctx context.Context, in *passwordChangeInput) (*messageOutput, error) {
	p := auth.PrincipalFrom(ctx)
	if err := a.svc.ChangePassword(ctx, p.UserID, p.SessionID, in.Body.CurrentPassword, in.Body.NewPassword); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "Your password has been changed. You have been signed out everywhere else."}}, nil
}

func (a *API) listSessions(ctx context.Context, _ *struct{}) (*sessionsOutput, error) {
	p := auth.PrincipalFrom(ctx)
	items, err := a.svc.ListSessions(ctx, p.UserID, p.SessionID)
	if err != nil {
		return nil, err
	}
	out := &sessionsOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) endSession(ctx context.Context, in *sessionIDInput) (*messageOutput, error) {
	p := auth.PrincipalFrom(ctx)
	if err := a.svc.EndSession(ctx, p.UserID, p.SessionID, in.ID); err != nil {
		return nil, err
	}
	return &messageOutput{Body: messageBody{Message: "You have been signed out of that device."}}, nil
}

func (a *API) endOtherSessions(ctx context.Context, _ *struct{}) (*messageOutput, error) {
	p := auth.PrincipalFrom(ctx)
	n, err := a.svc.EndOtherSessions(ctx, p.UserID, p.SessionID)
	if err != nil {
		return nil, err
	}
	msg := "You were not signed in anywhere else."
	switch {
	case n == 1:
		msg = "You have been signed out of 1 other device."
	case n > 1:
		msg = fmt.Sprintf("You have been signed out of %d other devices.", n)
	}
	return &messageOutput{Body: messageBody{Message: msg}}, nil
}

func (a *API) planDeletion(ctx context.Context, _ *struct{}) (*deletionPlanOutput, error) {
	plan, err := a.svc.PlanDeletion(ctx, auth.PrincipalFrom(ctx).UserID)
	if err != nil {
		return nil, err
	}
	return &deletionPlanOutput{Body: plan}, nil
}

func (a *API) deleteAccount(ctx context.Context, in *passwordInput) (*messageOutput, error) {
	if err := a.svc.DeleteAccount(ctx, auth.PrincipalFrom(ctx).UserID, in.Body.Password); err != nil {
		return nil, err
	}
	httpapi.SetCookies(ctx, httpapi.ClearSessionCookies(a.secure))
	return &messageOutput{Body: messageBody{Message: "Your account has been deleted."}}, nil
}
