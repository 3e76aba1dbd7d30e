package dps

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// AnswerUploadPrefix is where files answering document questions are uploaded as raw request
// bodies, streamed to the document store. It is apart from /api/v1/dps-applications so that only
// uploads escape the JSON body limit.
const AnswerUploadPrefix = "/api/v1/dps-answer-uploads/"

// API is the HTTP face of the DPS service.
type API struct{ svc *Service }

// NewAPI returns the DPS API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

var (
	buyers        = auth.Only(auth.RoleBuyer, auth.RoleAdmin)
	suppliersOnly = auth.Only(auth.RoleSupplier)
	both          = auth.Only(auth.RoleSupplier, auth.RoleBuyer, auth.RoleAdmin)
	tags          = []string{"Dynamic purchasing systems"}
)

type idInput struct {
	ID string `path:"id" maxLength:"36" doc:"The DPS's ID or reference."`
}

type listOutput struct {
	Body struct {
		Items []View `json:"items" nullable:"false"`
	}
}

type viewOutput struct {
	ETag string `header:"ETag"`
	Body View
}

type createInput struct{ Body DPSInput }

type updateInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag from when you loaded the DPS."`
	Body    DPSInput
}

type applyInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		OrganisationID string `json:"organisationId,omitempty" maxLength:"36" doc:"Which of your organisations applies; needed only if you belong to several."`
		ApplicationInput
	}
}

type appIDInput struct {
	ID string `path:"id" maxLength:"36"`
}

type appOutput struct{ Body ApplicationView }

type appsOutput struct {
	Body struct {
		Items []ApplicationView `json:"items" nullable:"false"`
	}
}

type saveAppInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body ApplicationInput
}

type queueInput struct {
	DPSID string `query:"dpsId" maxLength:"36" doc:"Only this DPS."`
}

type queueOutput struct {
	Body struct {
		Items []QueueItem `json:"items" nullable:"false"`
	}
}

type extendInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		Reason string `json:"reason" maxLength:"5000"`
	}
}

type decideInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		Decisions []DecisionInput `json:"decisions" maxItems:"100"`
	}
}

type membershipInput struct {
	ID         string `path:"id" maxLength:"36"`
	CategoryID string `path:"categoryId" maxLength:"36"`
	Body       struct {
		Action string `json:"action" enum:"suspend,reinstate,remove"`
		Reason string `json:"reason" maxLength:"5000"`
	}
}

type callInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID."`
	Body CallInput
}

type callIDInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID."`
}

type callOutput struct{ Body CallView }

type answerUploadInput struct {
	ID          string `path:"id" maxLength:"36" doc:"The application's ID."`
	QuestionID  string `path:"questionId" maxLength:"36"`
	Filename    string `query:"filename" maxLength:"255"`
	ContentType string `header:"Content-Type"`
}

type answerFileInput struct {
	ID         string `path:"id" maxLength:"36"`
	QuestionID string `path:"questionId" maxLength:"36"`
}

// Register adds the DPS operations.
func (a *API) Register(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "listDPS", Method: http.MethodGet, Path: "/api/v1/dps", Tags: tags,
		Summary: "Dynamic purchasing systems: what each buys, its categories and how many suppliers are in them"}, auth.Public, a.list)
	httpapi.Register(s, huma.Operation{OperationID: "listSupplierDPSApplications", Method: http.MethodGet, Path: "/api/v1/suppliers/{id}/dps-applications", Tags: tags,
		Summary: "The DPS applications a supplier has sent, with each category's decision (council buyers)"}, buyers, a.supplierApplications)
	httpapi.Register(s, huma.Operation{OperationID: "createDPS", Method: http.MethodPost, Path: "/api/v1/dps", Tags: tags,
		Summary: "Set up a DPS (a draft)", DefaultStatus: http.StatusCreated}, buyers, a.create)
	httpapi.Register(s, huma.Operation{OperationID: "getDPS", Method: http.MethodGet, Path: "/api/v1/dps/{id}", Tags: tags,
		Summary: "A DPS's page: what it buys, how to join, how long it runs, its members by category"}, auth.Public, a.get)
	httpapi.Register(s, huma.Operation{OperationID: "updateDPS", Method: http.MethodPut, Path: "/api/v1/dps/{id}", Tags: tags,
		Summary: "Change a DPS", Description: "Send If-Match with the ETag you loaded. If someone else saved in between, the answer is 412 and nothing is written. A dynamic market's conditions of membership cannot change once published (409)."}, buyers, a.update)
	httpapi.Register(s, huma.Operation{OperationID: "publishDPS", Method: http.MethodPost, Path: "/api/v1/dps/{id}/publish", Tags: tags,
		Summary: "Open a DPS to applications"}, buyers, a.publish)
	httpapi.Register(s, huma.Operation{OperationID: "applyToDPS", Method: http.MethodPost, Path: "/api/v1/dps/{id}/applications", Tags: tags,
		Summary: "Start an application (a draft, filled in from your profile where it can be)", DefaultStatus: http.StatusCreated,
		Description: "409 when the DPS is not open."}, suppliersOnly, a.apply)
	httpapi.Register(s, huma.Operation{OperationID: "listMyDPSApplications", Method: http.MethodGet, Path: "/api/v1/supplier/dps-applications", Tags: tags,
		Summary: "Your organisations' applications"}, suppliersOnly, a.mine)
	httpapi.Register(s, huma.Operation{OperationID: "getDPSApplication", Method: http.MethodGet, Path: "/api/v1/dps-applications/{id}", Tags: tags,
		Summary: "An application, its answers and its decisions"}, both, a.getApp)
	httpapi.Register(s, huma.Operation{OperationID: "saveDPSApplication", Method: http.MethodPut, Path: "/api/v1/dps-applications/{id}", Tags: tags,
		Summary: "Save a draft application's categories and answers"}, suppliersOnly, a.saveApp)
	httpapi.Register(s, huma.Operation{OperationID: "submitDPSApplication", Method: http.MethodPost, Path: "/api/v1/dps-applications/{id}/submit", Tags: tags,
		Summary: "Submit an application for a decision"}, suppliersOnly, a.submit)
	httpapi.Register(s, huma.Operation{OperationID: "withdrawDPSApplication", Method: http.MethodPost, Path: "/api/v1/dps-applications/{id}/withdraw", Tags: tags,
		Summary: "Withdraw an application not yet decided"}, suppliersOnly, a.withdraw)
	httpapi.RegisterUpload(s, huma.Operation{OperationID: "uploadDPSAnswerDocument", Method: http.MethodPut, Path: AnswerUploadPrefix + "{id}/{questionId}", Tags: tags,
		Summary: "Upload the file that answers a document question of your draft application",
		Description: "The request body is the file itself (PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP), up to " +
			"FAIRTENDER_MAX_UPLOAD_BYTES; its name goes in the query string. It is stored whole, with its SHA-256, or not at all, and " +
			"replaces any file given before. 409 once the application is submitted; 422 naming questionId when the question is not a document question."},
		opportunities.DocumentTypes, suppliersOnly, a.uploadAnswer)
	httpapi.Register(s, huma.Operation{OperationID: "downloadDPSAnswerDocument", Method: http.MethodGet, Path: "/api/v1/dps-applications/{id}/answers/{questionId}/document",
		Tags: tags, Summary: "Download the file that answers a document question (the applicant and the council's buyers)",
		Responses:   httpapi.FileResponses("The file, in the type it was uploaded as", opportunities.DocumentTypes...),
		Description: "The X-Checksum-SHA256 header carries the file's SHA-256 as recorded when it was uploaded."}, both, a.downloadAnswer)
	httpapi.Register(s, huma.Operation{OperationID: "listDPSQueue", Method: http.MethodGet, Path: "/api/v1/dps-queue", Tags: tags,
		Summary: "Applications waiting for a decision, overdue first"}, buyers, a.queue)
	httpapi.Register(s, huma.Operation{OperationID: "extendDPSDecision", Method: http.MethodPost, Path: "/api/v1/dps-applications/{id}/extend", Tags: tags,
		Summary: "Take 15 working days instead of 10, with a recorded reason (2015 Regulations only)"}, buyers, a.extend)
	httpapi.Register(s, huma.Operation{OperationID: "decideDPSApplication", Method: http.MethodPost, Path: "/api/v1/dps-applications/{id}/decision", Tags: tags,
		Summary:     "Admit or reject categories applied for (rejecting needs reasons)",
		Description: "Decide some of the categories waiting for a decision, or all of them; the application is decided when none is left waiting."}, buyers, a.decide)
	httpapi.Register(s, huma.Operation{OperationID: "changeDPSMembership", Method: http.MethodPost, Path: "/api/v1/dps-applications/{id}/categories/{categoryId}/membership",
		Tags: tags, Summary: "Suspend, reinstate or remove a member from a category, with a reason they are told"}, buyers, a.membership)
	httpapi.Register(s, huma.Operation{OperationID: "linkDPSCall", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/dps-call", Tags: tags,
		Summary:     "Make a draft a call for competition under a DPS's categories",
		Description: "The answer warns about categories nobody is admitted to yet."}, buyers, a.linkCall)
	httpapi.Register(s, huma.Operation{OperationID: "getDPSCall", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/dps-call", Tags: tags,
		Summary: "The DPS and categories a call for competition is for"}, auth.Public, a.getCall)
}

func (a *API) list(ctx context.Context, _ *struct{}) (*listOutput, error) {
	items, err := a.svc.List(ctx, auth.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	out := &listOutput{}
	out.Body.Items = items
	return out, nil
}

func out(v View) *viewOutput { return &viewOutput{ETag: httpapi.ETag(v.Version), Body: v} }

func (a *API) create(ctx context.Context, in *createInput) (*viewOutput, error) {
	v, err := a.svc.Create(ctx, auth.PrincipalFrom(ctx), in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) get(ctx context.Context, in *idInput) (*viewOutput, error) {
	v, err := a.svc.Get(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) update(ctx context.Context, in *updateInput) (*viewOutput, error) {
	version, err := httpapi.IfMatchVersion(in.IfMatch, "DPS")
	if err != nil {
		return nil, err
	}
	v, err := a.svc.Update(ctx, auth.PrincipalFrom(ctx), in.ID, version, in.Body)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) publish(ctx context.Context, in *idInput) (*viewOutput, error) {
	v, err := a.svc.Publish(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

func (a *API) apply(ctx context.Context, in *applyInput) (*appOutput, error) {
	v, err := a.svc.Apply(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.OrganisationID, in.Body.ApplicationInput)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) mine(ctx context.Context, _ *struct{}) (*appsOutput, error) {
	items, err := a.svc.MyApplications(ctx, auth.PrincipalFrom(ctx))
	if err != nil {
		return nil, err
	}
	o := &appsOutput{}
	o.Body.Items = items
	return o, nil
}

func (a *API) getApp(ctx context.Context, in *appIDInput) (*appOutput, error) {
	v, err := a.svc.GetApplication(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) saveApp(ctx context.Context, in *saveAppInput) (*appOutput, error) {
	v, err := a.svc.SaveApplication(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) submit(ctx context.Context, in *appIDInput) (*appOutput, error) {
	v, err := a.svc.Submit(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) withdraw(ctx context.Context, in *appIDInput) (*appOutput, error) {
	v, err := a.svc.Withdraw(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) uploadAnswer(ctx context.Context, in *answerUploadInput) (*appOutput, error) {
	file, err := httpapi.Upload(ctx, in.Filename, in.ContentType)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.UploadAnswer(ctx, auth.PrincipalFrom(ctx), in.ID, in.QuestionID, file)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) downloadAnswer(ctx context.Context, in *answerFileInput) (*huma.StreamResponse, error) {
	rc, f, err := a.svc.OpenAnswerDocument(ctx, auth.PrincipalFrom(ctx), in.ID, in.QuestionID)
	if err != nil {
		return nil, err
	}
	return httpapi.Attachment(rc, f.ContentType, f.Filename, f.SHA256), nil
}

func (a *API) queue(ctx context.Context, in *queueInput) (*queueOutput, error) {
	items, err := a.svc.Queue(ctx, auth.PrincipalFrom(ctx), in.DPSID)
	if err != nil {
		return nil, err
	}
	o := &queueOutput{}
	o.Body.Items = items
	return o, nil
}

func (a *API) extend(ctx context.Context, in *extendInput) (*appOutput, error) {
	v, err := a.svc.Extend(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) decide(ctx context.Context, in *decideInput) (*appOutput, error) {
	v, err := a.svc.Decide(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Decisions)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) membership(ctx context.Context, in *membershipInput) (*appOutput, error) {
	v, err := a.svc.ChangeMembership(ctx, auth.PrincipalFrom(ctx), in.ID, in.CategoryID, in.Body.Action, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &appOutput{Body: v}, nil
}

func (a *API) linkCall(ctx context.Context, in *callInput) (*callOutput, error) {
	v, err := a.svc.LinkCall(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &callOutput{Body: v}, nil
}

func (a *API) getCall(ctx context.Context, in *callIDInput) (*callOutput, error) {
	v, err := a.svc.GetCall(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &callOutput{Body: v}, nil
}

type supplierApplicationsInput struct {
	ID string `path:"id" maxLength:"36" doc:"The supplier organisation's ID."`
}

type supplierApplicationsOutput struct {
	Body struct {
		Items []SupplierApplication `json:"items" nullable:"false"`
	}
}

func (a *API) supplierApplications(ctx context.Context, in *supplierApplicationsInput) (*supplierApplicationsOutput, error) {
	items, err := a.svc.SupplierApplications(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &supplierApplicationsOutput{}
	out.Body.Items = items
	return out, nil
}
