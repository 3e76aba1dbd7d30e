package suppliers

import (
	"bufio"
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// API is the HTTP face of the supplier service.
type API struct{ svc *Service }

// NewAPI returns the supplier API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

// officers are the council roles that may look at suppliers.
var officers = auth.Only(auth.RoleBuyer, auth.RoleEvaluator, auth.RoleCaseOfficer, auth.RoleAdmin)

// OrganisationQuery names which of the caller's organisations a request is about. It is exported
// because huma reads parameters only from exported embedded structs.
type OrganisationQuery struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"Which of your organisations; needed only if you belong to several."`
}

type profileOutput struct {
	ETag string `header:"ETag"`
	Body ProfileView
}

type saveProfileInput struct {
	OrganisationQuery
	IfMatch string `header:"If-Match" doc:"The ETag from when you loaded the profile; \"0\" (quoted) for a first save."`
	Body    ProfileInput
}

type declarationsInput struct {
	OrganisationQuery
	Body struct {
		Declarations []DeclarationInput `json:"declarations" maxItems:"20"`
	}
}

type declarationsOutput struct {
	Body struct {
		Declarations []DeclarationView `json:"declarations"`
	}
}

type listInput struct {
	ListFilter
	Page     int `query:"page" minimum:"1" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"200" default:"50"`
}

type listOutput struct{ Body SupplierList }

type exportInput struct{ ListFilter }

type supplierInput struct {
	ID string `path:"id" maxLength:"36"`
}

type cpvInput struct {
	Q     string `query:"q" maxLength:"100" doc:"A code or words."`
	Limit int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

// CPVResult is a CPV code with its place in the hierarchy.
type CPVResult struct {
	Code        string    `json:"code"`
	Description string    `json:"description"`
	Ancestors   []CPVView `json:"ancestors" nullable:"false" doc:"From the division down to the parent."`
}

type cpvOutput struct {
	Body struct {
		Items []CPVResult `json:"items" nullable:"false"`
	}
}

type authoritiesOutput struct {
	Body struct {
		Items []AuthorityView `json:"items"`
	}
}

// AuthorityView is a UK local authority.
type AuthorityView struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

type postcodeInput struct {
	Postcode string `path:"postcode" maxLength:"10"`
}

type postcodeOutput struct {
	Body struct {
		Postcode       string          `json:"postcode"`
		LocalAuthority *AuthorityView  `json:"localAuthority,omitempty" doc:"Present only when the postcode district lies clearly in one authority."`
		Among          []AuthorityView `json:"among" nullable:"false" doc:"When the district is split and none is clear: the authorities to choose between, the largest share first (N1: Islington, Hackney)."`
	}
}

// Register adds the supplier operations to the server.
func (a *API) Register(s *httpapi.Server) {
	tags := []string{"Suppliers"}
	supplier := auth.Only(auth.RoleSupplier)
	httpapi.Register(s, huma.Operation{OperationID: "getSupplierProfile", Method: http.MethodGet, Path: "/api/v1/supplier/profile", Tags: tags,
		Summary: "Your organisation's profile and how it is classified"}, supplier, a.getProfile)
	httpapi.Register(s, huma.Operation{OperationID: "saveSupplierProfile", Method: http.MethodPut, Path: "/api/v1/supplier/profile", Tags: tags,
		Summary:     "Save your organisation's profile",
		Description: "Send If-Match with the ETag you loaded. If someone else saved in between, the answer is 412 and nothing is written."},
		supplier, a.saveProfile)
	httpapi.Register(s, huma.Operation{OperationID: "getSupplierProfileDraft", Method: http.MethodGet, Path: "/api/v1/supplier/profile/draft", Tags: tags,
		Summary: "The profile as you are editing it, page by page, on any device"}, supplier, a.getProfileDraft)
	httpapi.Register(s, huma.Operation{OperationID: "saveSupplierProfileDraft", Method: http.MethodPut, Path: "/api/v1/supplier/profile/draft", Tags: tags,
		Summary:     "Keep the profile's answers as they stand, as each page is continued from",
		Description: "Only the shape is checked: the answers become the profile when it is saved (PUT /api/v1/supplier/profile), which deletes the draft."},
		supplier, a.saveProfileDraft)
	httpapi.Register(s, huma.Operation{OperationID: "discardSupplierProfileDraft", Method: http.MethodDelete, Path: "/api/v1/supplier/profile/draft", Tags: tags,
		Summary: "Forget the changes being made to the profile", DefaultStatus: http.StatusNoContent}, supplier, a.discardProfileDraft)
	httpapi.Register(s, huma.Operation{OperationID: "saveSupplierDeclarations", Method: http.MethodPut, Path: "/api/v1/supplier/declarations", Tags: tags,
		Summary: "Answer the ethical standards declarations"}, supplier, a.saveDeclarations)
	httpapi.Register(s, huma.Operation{OperationID: "listSuppliers", Method: http.MethodGet, Path: "/api/v1/suppliers", Tags: tags,
		Summary: "Suppliers, filtered, with counts per class (council staff)"}, officers, a.list)
	httpapi.Register(s, huma.Operation{OperationID: "exportSuppliers", Method: http.MethodGet, Path: "/api/v1/suppliers/export.csv", Tags: tags,
		Summary:   "Every supplier matching the filters, as CSV (council staff)",
		Responses: httpapi.FileResponses("The suppliers, one a row, as CSV with a header row", "text/csv")}, officers, a.export)
	httpapi.Register(s, huma.Operation{OperationID: "getSupplier", Method: http.MethodGet, Path: "/api/v1/suppliers/{id}", Tags: tags,
		Summary: "One supplier's record with its declarations (council staff)"}, officers, a.getSupplier)
	ref := []string{"Reference data"}
	httpapi.Register(s, huma.Operation{OperationID: "searchCPV", Method: http.MethodGet, Path: "/api/v1/cpv", Tags: ref,
		Summary: "Search the 9,454 CPV codes by code or words"}, auth.Public, a.searchCPV)
	httpapi.Register(s, huma.Operation{OperationID: "listLocalAuthorities", Method: http.MethodGet, Path: "/api/v1/local-authorities", Tags: ref,
		Summary: "UK local authorities"}, auth.Public, a.localAuthorities)
	httpapi.Register(s, huma.Operation{OperationID: "lookupPostcode", Method: http.MethodGet, Path: "/api/v1/postcodes/{postcode}", Tags: ref,
		Summary: "Check a postcode and suggest its local authority"}, auth.Public, a.postcode)
}

func (a *API) getProfile(ctx context.Context, in *OrganisationQuery) (*profileOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.GetProfile(ctx, p, org)
	if err != nil {
		return nil, err
	}
	return &profileOutput{ETag: httpapi.ETag(v.Version), Body: v}, nil
}

func (a *API) saveProfile(ctx context.Context, in *saveProfileInput) (*profileOutput, error) {
	p := auth.PrincipalFrom(ctx)
	version, err := httpapi.IfMatchVersion(in.IfMatch, "profile")
	if err != nil {
		return nil, err
	}
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.SaveProfile(ctx, p, org, version, in.Body)
	if err != nil {
		return nil, err
	}
	return &profileOutput{ETag: httpapi.ETag(v.Version), Body: v}, nil
}

type profileDraftOutput struct{ Body ProfileDraft }

type profileDraftInput struct {
	OrganisationQuery
	Body ProfileDraftInput
}

func (a *API) getProfileDraft(ctx context.Context, in *OrganisationQuery) (*profileDraftOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	d, err := a.svc.ProfileDraft(ctx, p, org)
	return &profileDraftOutput{Body: d}, err
}

func (a *API) saveProfileDraft(ctx context.Context, in *profileDraftInput) (*profileDraftOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	d, err := a.svc.SaveProfileDraft(ctx, p, org, in.Body)
	return &profileDraftOutput{Body: d}, err
}

func (a *API) discardProfileDraft(ctx context.Context, in *OrganisationQuery) (*struct{}, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	return &struct{}{}, a.svc.DiscardProfileDraft(ctx, p, org)
}

func (a *API) saveDeclarations(ctx context.Context, in *declarationsInput) (*declarationsOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	d, err := a.svc.SaveDeclarations(ctx, p, org, in.Body.Declarations)
	if err != nil {
		return nil, err
	}
	out := &declarationsOutput{}
	out.Body.Declarations = d
	return out, nil
}

func (a *API) list(ctx context.Context, in *listInput) (*listOutput, error) {
	l, err := a.svc.ListSuppliers(ctx, in.ListFilter, in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &listOutput{Body: l}, nil
}

func (a *API) export(ctx context.Context, in *exportInput) (*huma.StreamResponse, error) {
	if in.CPV != "" {
		if _, err := cpvPrefix(in.CPV); err != nil {
			return nil, err
		}
	}
	filter := in.ListFilter
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		fc := humafiber.Unwrap(hctx)
		fc.Set("Content-Type", "text/csv; charset=utf-8")
		fc.Set("Content-Disposition", `attachment; filename="suppliers-`+a.svc.now().Format("2006-01-02")+`.csv"`)
		// fasthttp would buffer the whole body; a stream writer sends rows as they are read. It
		// runs after the handler returns, so it has its own deadline rather than the request's.
		fc.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			if err := a.svc.ExportCSV(ctx, filter, w); err != nil {
				a.svc.logExportError(err)
				w.WriteString("\r\nThe export stopped early because of an error. Try again.\r\n")
			}
		})
	}}, nil
}

func (a *API) getSupplier(ctx context.Context, in *supplierInput) (*profileOutput, error) {
	v, err := a.svc.GetProfile(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &profileOutput{ETag: httpapi.ETag(v.Version), Body: v}, nil
}

func (a *API) searchCPV(_ context.Context, in *cpvInput) (*cpvOutput, error) {
	out := &cpvOutput{}
	out.Body.Items = []CPVResult{}
	for _, c := range refdata.SearchCPV(in.Q, in.Limit) {
		r := CPVResult{Code: c.Code, Description: c.Description, Ancestors: []CPVView{}}
		for _, anc := range refdata.CPVAncestors(c.Code) {
			if anc.Code != c.Code {
				r.Ancestors = append(r.Ancestors, CPVView{Code: anc.Code, Description: anc.Description})
			}
		}
		out.Body.Items = append(out.Body.Items, r)
	}
	return out, nil
}

func (a *API) localAuthorities(context.Context, *struct{}) (*authoritiesOutput, error) {
	out := &authoritiesOutput{}
	for _, la := range refdata.LocalAuthorities() {
		out.Body.Items = append(out.Body.Items, AuthorityView{Code: la.Code, Name: la.Name, Region: la.Region})
	}
	return out, nil
}

func (a *API) postcode(_ context.Context, in *postcodeInput) (*postcodeOutput, error) {
	pc, err := refdata.NormalisePostcode(in.Postcode)
	if err != nil {
		return nil, apperr.Field("postcode", "Enter a real postcode, like N1 9GU")
	}
	out := &postcodeOutput{}
	out.Body.Postcode, out.Body.Among = pc, []AuthorityView{}
	if la, ok := refdata.SuggestLocalAuthority(pc); ok {
		out.Body.LocalAuthority = &AuthorityView{Code: la.Code, Name: la.Name, Region: la.Region}
	}
	for _, la := range refdata.LocalAuthoritiesAmong(pc) {
		out.Body.Among = append(out.Body.Among, AuthorityView{Code: la.Code, Name: la.Name, Region: la.Region})
	}
	return out, nil
}
