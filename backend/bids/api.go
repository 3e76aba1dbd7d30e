package bids

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// API is the HTTP face of the bids service.
type API struct{ svc *Service }

// NewAPI returns the bids API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

var (
	buyers = auth.Only(auth.RoleBuyer, auth.RoleAdmin)
	tags   = []string{"Bids"}
)

type oppInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
}

type formOutput struct {
	ETag string `header:"ETag"`
	Body BidForm
}

type putFormInput struct {
	ID      string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	IfMatch string `header:"If-Match" required:"false" doc:"The form's ETag; needed once the form exists (version above 0)."`
	Body    BidFormInput
}

type panelOutput struct{ Body OpeningPanel }

type putPanelInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body PanelInput
}

// Register adds the bid operations.
func (a *API) Register(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "getResponseForm", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/response-form", Tags: tags,
		Summary:     "The questions a bid answers: public once the opportunity is published, so suppliers can judge the work before signing in",
		Description: "Council staff also read drafts' forms. An opportunity without a form has version 0 and no questions, and takes no bids in the portal."},
		auth.Public, a.getForm)
	httpapi.Register(s, huma.Operation{OperationID: "saveResponseForm", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/response-form", Tags: tags,
		Summary: "Set a draft opportunity's response form (the whole form each time)",
		Description: "Scored questions name one of the opportunity's criteria and their share of its weight. Send If-Match with the ETag once the form exists: " +
			"412 when someone else saved in between. 409 once published."}, buyers, a.putForm)
	httpapi.Register(s, huma.Operation{OperationID: "getOpeningPanel", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/opening-panel", Tags: tags,
		Summary: "The officers who together open the opportunity's bids, and how many of them must confirm"}, buyers, a.getPanel)
	httpapi.Register(s, huma.Operation{OperationID: "saveOpeningPanel", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/opening-panel", Tags: tags,
		Summary:     "Name a draft opportunity's opening panel",
		Description: "Council buyers, evaluators or admins, at least the quorum (FAIRTENDER_OPENING_QUORUM). An opportunity with a response form cannot be published without a panel."},
		buyers, a.putPanel)
	a.registerBids(s)
}

func (a *API) getForm(ctx context.Context, in *oppInput) (*formOutput, error) {
	v, err := a.svc.GetForm(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &formOutput{ETag: httpapi.ETag(v.Version), Body: v}, nil
}

func (a *API) putForm(ctx context.Context, in *putFormInput) (*formOutput, error) {
	version := 0
	if in.IfMatch != "" {
		var err error
		if version, err = httpapi.IfMatchVersion(in.IfMatch, "response form"); err != nil {
			return nil, err
		}
	}
	v, err := a.svc.PutForm(ctx, auth.PrincipalFrom(ctx), in.ID, version, in.Body)
	if err != nil {
		return nil, err
	}
	return &formOutput{ETag: httpapi.ETag(v.Version), Body: v}, nil
}

func (a *API) getPanel(ctx context.Context, in *oppInput) (*panelOutput, error) {
	v, err := a.svc.GetPanel(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &panelOutput{Body: v}, nil
}

func (a *API) putPanel(ctx context.Context, in *putPanelInput) (*panelOutput, error) {
	v, err := a.svc.PutPanel(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &panelOutput{Body: v}, nil
}
