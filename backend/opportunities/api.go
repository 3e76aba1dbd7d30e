package opportunities

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// DocumentUploadPrefix is where documents are uploaded as raw request bodies, streamed to the
// document store. It is apart from /api/v1/opportunities so that only uploads escape the JSON
// body limit.
const DocumentUploadPrefix = "/api/v1/opportunity-uploads/"

// API is the HTTP face of the opportunity service.
type API struct{ svc *Service }

// NewAPI returns the opportunity API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

// buyers are who may create and change opportunities.
var buyers = auth.Only(auth.RoleBuyer, auth.RoleAdmin)

type idInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference (FT-2026-000123)."`
}

type opportunityOutput struct {
	ETag string `header:"ETag"`
	Body OpportunityView
}

type createInput struct{ Body OpportunityInput }

type updateInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag from when you loaded the draft."`
	Body    OpportunityInput
}

type publishInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" required:"false" doc:"Optionally, the ETag of the draft you checked: publishing fails if it changed since."`
}

type amendInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body AmendInput
}

type cancelInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		Reason string `json:"reason" maxLength:"2000" doc:"Why; shown publicly."`
	}
}

type searchInput struct {
	SearchFilter
	Page     int `query:"page" minimum:"1" maximum:"10000" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type buyerListInput struct {
	BuyerFilter
	Page     int `query:"page" minimum:"1" maximum:"10000" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type resultsOutput struct{ Body OpportunityResults }

type uploadInput struct {
	ID          string `path:"id" maxLength:"36"`
	Filename    string `query:"filename" maxLength:"255"`
	Replaces    string `query:"replaces" maxLength:"36" doc:"ID of the document this one replaces."`
	Note        string `query:"note" maxLength:"2000" doc:"What the document is or what changed; required once published."`
	ContentType string `header:"Content-Type"`
}

type documentOutput struct{ Body OpportunityDocument }

type documentInput struct {
	ID         string `path:"id" maxLength:"36"`
	DocumentID string `path:"documentId" maxLength:"36"`
}

type planInput struct{ Body PlannedProcurementInput }

type updatePlanInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body PlannedProcurementInput
}

type pipelineInput struct {
	Q        string `query:"q" maxLength:"200"`
	CPV      string `query:"cpv" maxLength:"12"`
	Page     int    `query:"page" minimum:"1" maximum:"10000" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type noContent struct{}

// Register adds the opportunity operations to the server.
func (a *API) Register(s *httpapi.Server) {
	tags := []string{"Opportunities"}
	httpapi.Register(s, huma.Operation{OperationID: "searchOpportunities", Method: http.MethodGet, Path: "/api/v1/opportunities", Tags: tags,
		Summary:     "Search opportunities (no sign-in needed)",
		Description: "Full-text search with filters. A malformed query is answered 422 naming the parameter, never 500."}, auth.Public, a.search)
	httpapi.Register(s, huma.Operation{OperationID: "createOpportunity", Method: http.MethodPost, Path: "/api/v1/opportunities", Tags: tags,
		Summary: "Start a draft opportunity", DefaultStatus: http.StatusCreated}, buyers, a.create)
	httpapi.Register(s, huma.Operation{OperationID: "getOpportunity", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}", Tags: tags,
		Summary: "An opportunity's page (drafts: buyers and administrators only)"}, auth.Public, a.get)
	httpapi.Register(s, huma.Operation{OperationID: "updateOpportunity", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}", Tags: tags,
		Summary:     "Save a draft opportunity",
		Description: "Send If-Match with the ETag you loaded. If someone else saved in between, the answer is 412 and nothing is written."}, buyers, a.update)
	httpapi.Register(s, huma.Operation{OperationID: "publishOpportunity", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/publish", Tags: tags,
		Summary:     "Publish a draft",
		Description: "Checks the council's rules at the server's time: weights, social value, deadlines and minimum time to bid. Each broken rule is a field error."}, buyers, a.publish)
	httpapi.Register(s, huma.Operation{OperationID: "amendOpportunity", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/amendments", Tags: tags,
		Summary:       "Amend a published opportunity",
		Description:   "Corrected text, later deadlines or a later award date, with a note shown publicly beside the earlier values. 409 once closed or cancelled.",
		DefaultStatus: http.StatusCreated}, buyers, a.amend)
	httpapi.Register(s, huma.Operation{OperationID: "cancelOpportunity", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/cancel", Tags: tags,
		Summary: "Cancel a published opportunity or planned procurement, with a reason"}, buyers, a.cancel)
	httpapi.RegisterUpload(s, huma.Operation{OperationID: "addOpportunityDocument", Method: http.MethodPost, Path: DocumentUploadPrefix + "{id}", Tags: tags,
		Summary:       "Upload a document to an opportunity",
		Description:   "The request body is the file itself, up to FAIRTENDER_MAX_UPLOAD_BYTES; details go in the query string. It is stored whole, with its SHA-256, or not at all. Once published, a note is required and the upload is an amendment.",
		DefaultStatus: http.StatusCreated}, DocumentTypes, buyers, a.addDocument)
	httpapi.Register(s, huma.Operation{OperationID: "downloadOpportunityDocument", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/documents/{documentId}", Tags: tags,
		Summary:   "Download a document (drafts: buyers and administrators only)",
		Responses: httpapi.FileResponses("The document, in the type it was uploaded as", DocumentTypes...)}, auth.Public, a.downloadDocument)
	httpapi.Register(s, huma.Operation{OperationID: "removeOpportunityDocument", Method: http.MethodDelete, Path: "/api/v1/opportunities/{id}/documents/{documentId}", Tags: tags,
		Summary: "Remove a document from a draft", DefaultStatus: http.StatusNoContent}, buyers, a.removeDocument)
	httpapi.Register(s, huma.Operation{OperationID: "listBuyerOpportunities", Method: http.MethodGet, Path: "/api/v1/buyer/opportunities", Tags: tags,
		Summary: "Every opportunity including drafts, newest first (buyers and administrators)"}, buyers, a.buyerList)
	pipe := []string{"Pipeline"}
	httpapi.Register(s, huma.Operation{OperationID: "listPipeline", Method: http.MethodGet, Path: "/api/v1/pipeline", Tags: pipe,
		Summary: "Planned procurements, soonest first (no sign-in needed)"}, auth.Public, a.pipeline)
	httpapi.Register(s, huma.Operation{OperationID: "createPlannedProcurement", Method: http.MethodPost, Path: "/api/v1/pipeline", Tags: pipe,
		Summary: "Add a planned procurement to the public pipeline", DefaultStatus: http.StatusCreated}, buyers, a.createPlan)
	httpapi.Register(s, huma.Operation{OperationID: "updatePlannedProcurement", Method: http.MethodPut, Path: "/api/v1/pipeline/{id}", Tags: pipe,
		Summary: "Change a planned procurement"}, buyers, a.updatePlan)
}

func out(v OpportunityView) *opportunityOutput {
	return &opportunityOutput{ETag: httpapi.ETag(v.Version), Body: v}
}

func (a *API) search(ctx context.Context, in *searchInput) (*resultsOutput, error) {
	r, err := a.svc.Search(ctx, in.SearchFilter, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &resultsOutput{Body: r}, nil
}

func (a *API) buyerList(ctx context.Context, in *buyerListInput) (*resultsOutput, error) {
	r, err := a.svc.ListForBuyers(ctx, auth.PrincipalFrom(ctx), in.BuyerFilter, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &resultsOutput{Body: r}, nil
}

func (a *API) pipeline(ctx context.Context, in *pipelineInput) (*resultsOutput, error) {
	r, err := a.svc.Search(ctx, SearchFilter{Q: in.Q, CPV: in.CPV, Status: StatusPlanned, Sort: "closing"}, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &resultsOutput{Body: r}, nil
}

func (a *API) create(ctx context.Context, in *createInput) (*opportunityOutput, error) {
	v, err := a.svc.CreateDraft(ctx, auth.PrincipalFrom(ctx), in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) get(ctx context.Context, in *idInput) (*opportunityOutput, error) {
	v, err := a.svc.GetOpportunity(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) update(ctx context.Context, in *updateInput) (*opportunityOutput, error) {
	version, err := httpapi.IfMatchVersion(in.IfMatch, "draft")
	if err != nil {
		return nil, err
	}
	v, err := a.svc.UpdateDraft(ctx, auth.PrincipalFrom(ctx), in.ID, version, in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) publish(ctx context.Context, in *publishInput) (*opportunityOutput, error) {
	p := auth.PrincipalFrom(ctx)
	if in.IfMatch != "" {
		version, err := httpapi.IfMatchVersion(in.IfMatch, "draft")
		if err != nil {
			return nil, err
		}
		cur, err := a.svc.GetOpportunity(ctx, p, in.ID)
		if err != nil {
			return nil, err
		}
		if version != cur.Version {
			return nil, ErrVersionMismatch
		}
	}
	v, err := a.svc.Publish(ctx, p, in.ID)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) amend(ctx context.Context, in *amendInput) (*opportunityOutput, error) {
	v, err := a.svc.Amend(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) cancel(ctx context.Context, in *cancelInput) (*opportunityOutput, error) {
	v, err := a.svc.Cancel(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) addDocument(ctx context.Context, in *uploadInput) (*documentOutput, error) {
	file, err := httpapi.Upload(ctx, in.Filename, in.ContentType)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.AddDocument(ctx, auth.PrincipalFrom(ctx), in.ID, DocumentInput{Replaces: in.Replaces, Note: in.Note}, file)
	if err != nil {
		return nil, err
	}
	return &documentOutput{Body: v}, nil
}

func (a *API) downloadDocument(ctx context.Context, in *documentInput) (*huma.StreamResponse, error) {
	rc, v, err := a.svc.OpenDocument(ctx, auth.PrincipalFrom(ctx), in.ID, in.DocumentID)
	if err != nil {
		return nil, err
	}
	return httpapi.Attachment(rc, v.ContentType, v.Filename, v.SHA256), nil
}

func (a *API) removeDocument(ctx context.Context, in *documentInput) (*noContent, error) {
	return &noContent{}, a.svc.RemoveDocument(ctx, auth.PrincipalFrom(ctx), in.ID, in.DocumentID)
}

func (a *API) createPlan(ctx context.Context, in *planInput) (*opportunityOutput, error) {
	v, err := a.svc.CreatePlan(ctx, auth.PrincipalFrom(ctx), in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) updatePlan(ctx context.Context, in *updatePlanInput) (*opportunityOutput, error) {
	v, err := a.svc.UpdatePlan(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}
