package suppliers

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

type membersOutput struct{ Body Members }

type inviteMemberInput struct {
	OrganisationQuery
	Body struct {
		Email string `json:"email" maxLength:"254"`
		Role  string `json:"role" maxLength:"10" doc:"owner or member"`
	}
}

type memberInput struct {
	OrganisationQuery
	UserID string `path:"userId" maxLength:"36"`
}

type memberRoleInput struct {
	OrganisationQuery
	UserID string `path:"userId" maxLength:"36"`
	Body   struct {
		Role string `json:"role" maxLength:"10" doc:"owner or member"`
	}
}

type acceptMemberInput struct {
	Body struct {
		Token    string `json:"token" maxLength:"200"`
		Name     string `json:"name,omitempty" maxLength:"200" doc:"Only when you have no account yet."`
		Password string `json:"password,omitempty" maxLength:"256" doc:"Only when you have no account yet."`
	}
}

type acceptMemberOutput struct {
	Body struct {
		Message      string `json:"message"`
		Organisation string `json:"organisation"`
	}
}

type invitationInput struct {
	OrganisationQuery
	InvitationID string `path:"invitationId" maxLength:"36"`
}

type lookUpInvitationInput struct {
	Body struct {
		Token string `json:"token" maxLength:"200"`
	}
}

type invitationDetailsOutput struct{ Body InvitationDetails }

type noContent struct{}

// RegisterMembers adds the organisation membership operations.
func (a *API) RegisterMembers(s *httpapi.Server) {
	tags := []string{"Organisation members"}
	supplier := auth.Only(auth.RoleSupplier)
	httpapi.Register(s, huma.Operation{OperationID: "listMembers", Method: http.MethodGet, Path: "/api/v1/supplier/members", Tags: tags,
		Summary: "People in your organisation and open invitations"}, supplier, a.listMembers)
	httpapi.Register(s, huma.Operation{OperationID: "inviteMember", Method: http.MethodPost, Path: "/api/v1/supplier/members/invitations", Tags: tags,
		Summary: "Invite someone to your organisation (owners)", DefaultStatus: http.StatusAccepted}, supplier, a.inviteMember)
	httpapi.Register(s, huma.Operation{OperationID: "changeMemberRole", Method: http.MethodPut, Path: "/api/v1/supplier/members/{userId}", Tags: tags,
		Summary: "Make someone an owner or a member (owners)", DefaultStatus: http.StatusNoContent}, supplier, a.changeRole)
	httpapi.Register(s, huma.Operation{OperationID: "removeMember", Method: http.MethodDelete, Path: "/api/v1/supplier/members/{userId}", Tags: tags,
		Summary: "Remove someone, or leave yourself", DefaultStatus: http.StatusNoContent,
		Description: "The last owner can neither leave nor be removed."}, supplier, a.removeMember)
	httpapi.Register(s, huma.Operation{OperationID: "cancelMemberInvitation", Method: http.MethodDelete, Path: "/api/v1/supplier/members/invitations/{invitationId}",
		Tags: tags, Summary: "Cancel an invitation still waiting (owners)", DefaultStatus: http.StatusNoContent}, supplier, a.cancelInvitation)
	httpapi.Register(s, huma.Operation{OperationID: "resendMemberInvitation", Method: http.MethodPost, Path: "/api/v1/supplier/members/invitations/{invitationId}/resend",
		Tags: tags, Summary: "Email an invitation again, with a new link and a new week to accept it (owners)", DefaultStatus: http.StatusAccepted},
		supplier, a.resendInvitation)
	// The token is in the body, never the address, so that it stays out of logs.
	httpapi.Register(s, huma.Operation{OperationID: "lookUpMemberInvitation", Method: http.MethodPost, Path: "/api/v1/organisation-invitations/look-up", Tags: tags,
		Summary: "Which organisation an invitation link is for, who sent it and to which address"}, auth.Public, a.lookUpInvitation)
	httpapi.Register(s, huma.Operation{OperationID: "acceptMemberInvitation", Method: http.MethodPost, Path: "/api/v1/organisation-invitations/accept", Tags: tags,
		Summary:     "Join an organisation from an emailed invitation",
		Description: "Signed in: joins with your account, which must be the invited address. Without an account: give a name and password."},
		auth.Public, a.acceptMember)
}

func (a *API) listMembers(ctx context.Context, in *OrganisationQuery) (*membersOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	m, err := a.svc.ListMembers(ctx, p, org)
	if err != nil {
		return nil, err
	}
	return &membersOutput{Body: m}, nil
}

func (a *API) inviteMember(ctx context.Context, in *inviteMemberInput) (*noContent, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &noContent{}, a.svc.InviteMember(ctx, p, org, in.Body.Email, in.Body.Role)
}

func (a *API) changeRole(ctx context.Context, in *memberRoleInput) (*noContent, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &noContent{}, a.svc.ChangeMemberRole(ctx, p, org, in.UserID, in.Body.Role)
}

func (a *API) removeMember(ctx context.Context, in *memberInput) (*noContent, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &noContent{}, a.svc.RemoveMember(ctx, p, org, in.UserID)
}

func (a *API) acceptMember(ctx context.Context, in *acceptMemberInput) (*acceptMemberOutput, error) {
	org, err := a.svc.AcceptMemberInvitation(ctx, auth.PrincipalFrom(ctx), in.Body.Token, in.Body.Name, in.Body.Password)
	if err != nil {
		return nil, err
	}
	out := &acceptMemberOutput{}
	out.Body.Organisation = org
	out.Body.Message = "You are now in " + org + "."
	return out, nil
}

func (a *API) cancelInvitation(ctx context.Context, in *invitationInput) (*noContent, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &noContent{}, a.svc.CancelInvitation(ctx, p, org, in.InvitationID)
}

func (a *API) resendInvitation(ctx context.Context, in *invitationInput) (*noContent, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &noContent{}, a.svc.ResendInvitation(ctx, p, org, in.InvitationID)
}

func (a *API) lookUpInvitation(ctx context.Context, in *lookUpInvitationInput) (*invitationDetailsOutput, error) {
	d, err := a.svc.LookUpInvitation(ctx, in.Body.Token)
	if err != nil {
		return nil, err
	}
	return &invitationDetailsOutput{Body: d}, nil
}
