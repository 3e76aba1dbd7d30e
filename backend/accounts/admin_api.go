package accounts

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

type listAccountsInput struct {
	AccountFilter
	Page     int `query:"page" minimum:"1" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"200" default:"50"`
}

type listAccountsOutput struct{ Body AccountList }

type accountInput struct {
	ID string `path:"id" maxLength:"36" doc:"The account's ID."`
}

type accountOutput struct{ Body Account }

type accountRoleInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		Role string `json:"role" enum:"buyer,evaluator,case_officer,admin" doc:"The council staff role to give."`
	}
}

// registerAdmin adds the operations admins use to find accounts and switch them off.
func (a *API) registerAdmin(s *httpapi.Server) {
	tags := []string{"Administration"}
	admin := auth.Only(auth.RoleAdmin)
	httpapi.Register(s, huma.Operation{OperationID: "listAccounts", Method: http.MethodGet, Path: "/api/v1/admin/accounts", Tags: tags,
		Summary: "Find accounts by name or email, role and status (admins)"}, admin, a.listAccounts)
	httpapi.Register(s, huma.Operation{OperationID: "getAccount", Method: http.MethodGet, Path: "/api/v1/admin/accounts/{id}", Tags: tags,
		Summary: "One account: role, status, organisations, last sign-in (admins)"}, admin, a.getAccount)
	httpapi.Register(s, huma.Operation{OperationID: "deactivateAccount", Method: http.MethodPost, Path: "/api/v1/admin/accounts/{id}/deactivate", Tags: tags,
		Summary:     "Switch an account off (admins)",
		Description: "Ends the person's sessions and emailed links at once; they cannot sign in until reactivated. The last active admin cannot be switched off."},
		admin, a.deactivate)
	httpapi.Register(s, huma.Operation{OperationID: "reactivateAccount", Method: http.MethodPost, Path: "/api/v1/admin/accounts/{id}/reactivate", Tags: tags,
		Summary: "Switch an account back on (admins)"}, admin, a.reactivate)
	httpapi.Register(s, huma.Operation{OperationID: "changeAccountRole", Method: http.MethodPut, Path: "/api/v1/admin/accounts/{id}/role", Tags: tags,
		Summary:     "Give a council officer another staff role (admins)",
		Description: "Supplier accounts cannot be given a staff role, nor staff made suppliers. The last active admin stays an admin."},
		admin, a.changeAccountRole)
	httpapi.Register(s, huma.Operation{OperationID: "endAccountSessions", Method: http.MethodPost, Path: "/api/v1/admin/accounts/{id}/end-sessions", Tags: tags,
		Summary: "Sign a person out everywhere (admins)"}, admin, a.endSessions)
}

func (a *API) listAccounts(ctx context.Context, in *listAccountsInput) (*listAccountsOutput, error) {
	l, err := a.svc.ListAccounts(ctx, in.AccountFilter, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &listAccountsOutput{Body: l}, nil
}

func (a *API) getAccount(ctx context.Context, in *accountInput) (*accountOutput, error) {
	acc, err := a.svc.GetAccount(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &accountOutput{Body: acc}, nil
}

// accountChanged answers an admin change with the account as it now is and a sentence for the
// notification banner.
func (a *API) accountChanged(ctx context.Context, id, message string) (*accountChangedOutput, error) {
	acc, err := a.svc.GetAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &accountChangedOutput{}
	out.Body.Account, out.Body.Message = acc, fmt.Sprintf(message, acc.Name)
	return out, nil
}

type accountChangedOutput struct {
	Body struct {
		Message string  `json:"message" doc:"What happened, in words to show the admin."`
		Account Account `json:"account"`
	}
}

func (a *API) deactivate(ctx context.Context, in *accountInput) (*accountChangedOutput, error) {
	if err := a.svc.Deactivate(ctx, auth.PrincipalFrom(ctx).UserID, in.ID); err != nil {
		return nil, err
	}
	return a.accountChanged(ctx, in.ID, "%s’s account has been deactivated. They have been signed out and cannot sign in.")
}

func (a *API) reactivate(ctx context.Context, in *accountInput) (*accountChangedOutput, error) {
	if err := a.svc.Reactivate(ctx, auth.PrincipalFrom(ctx).UserID, in.ID); err != nil {
		return nil, err
	}
	return a.accountChanged(ctx, in.ID, "%s’s account has been reactivated. They can sign in again.")
}

func (a *API) changeAccountRole(ctx context.Context, in *accountRoleInput) (*accountChangedOutput, error) {
	if err := a.svc.ChangeRole(ctx, auth.PrincipalFrom(ctx).UserID, in.ID, in.Body.Role); err != nil {
		return nil, err
	}
	return a.accountChanged(ctx, in.ID, "%s’s role has been changed.")
}

func (a *API) endSessions(ctx context.Context, in *accountInput) (*accountChangedOutput, error) {
	if _, err := a.svc.EndSessions(ctx, auth.PrincipalFrom(ctx).UserID, in.ID); err != nil {
		return nil, err
	}
	return a.accountChanged(ctx, in.ID, "%s has been signed out everywhere.")
}
