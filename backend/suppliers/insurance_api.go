package suppliers

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// InsuranceUploadPrefix is where certificate documents are uploaded as raw request bodies.
const InsuranceUploadPrefix = "/api/v1/supplier/insurances"

type addInsuranceInput struct {
	OrganisationQuery
	Kind        string `query:"kind" maxLength:"40" doc:"public_liability, employers_liability or professional_indemnity"`
	AmountPence int64  `query:"amountPence" doc:"Cover in pence."`
	ExpiresOn   string `query:"expiresOn" maxLength:"10" doc:"YYYY-MM-DD"`
	Filename    string `query:"filename" maxLength:"255"`
	ContentType string `header:"Content-Type"`
}

type insuranceOutput struct{ Body InsuranceView }

type insurancesOutput struct {
	Body struct {
		Items []InsuranceView `json:"items" nullable:"false"`
	}
}

type insuranceIDInput struct {
	ID string `path:"id" maxLength:"36"`
}

type supplierInsurancesInput struct {
	ID string `path:"id" maxLength:"36"`
}

// RegisterInsurance adds the insurance certificate operations.
func (a *API) RegisterInsurance(s *httpapi.Server) {
	tags := []string{"Insurance"}
	supplier := auth.Only(auth.RoleSupplier)
	httpapi.RegisterUpload(s, huma.Operation{OperationID: "addInsurance", Method: http.MethodPost, Path: InsuranceUploadPrefix, Tags: tags,
		Summary:       "Upload an insurance certificate",
		Description:   "The request body is the file itself (PDF, JPG or PNG), up to FAIRTENDER_MAX_UPLOAD_BYTES; details go in the query string. It is stored whole, with its SHA-256, or not at all.",
		DefaultStatus: http.StatusCreated}, insuranceTypes, supplier, a.addInsurance)
	httpapi.Register(s, huma.Operation{OperationID: "listInsurances", Method: http.MethodGet, Path: InsuranceUploadPrefix, Tags: tags,
		Summary: "Your insurance certificates"}, supplier, a.listInsurances)
	httpapi.Register(s, huma.Operation{OperationID: "deleteInsurance", Method: http.MethodDelete, Path: InsuranceUploadPrefix + "/{id}", Tags: tags,
		Summary: "Remove an insurance certificate", DefaultStatus: http.StatusNoContent}, supplier, a.deleteInsurance)
	httpapi.Register(s, huma.Operation{OperationID: "downloadInsurance", Method: http.MethodGet, Path: "/api/v1/insurances/{id}/document", Tags: tags,
		Summary:   "Download a certificate (members of the organisation and council staff)",
		Responses: httpapi.FileResponses("The certificate, in the type it was uploaded as", insuranceTypes...)},
		auth.Only(auth.RoleSupplier, auth.RoleBuyer, auth.RoleEvaluator, auth.RoleCaseOfficer, auth.RoleAdmin), a.downloadInsurance)
	httpapi.Register(s, huma.Operation{OperationID: "listSupplierInsurances", Method: http.MethodGet, Path: "/api/v1/suppliers/{id}/insurances", Tags: tags,
		Summary: "A supplier's insurance certificates (council staff)"}, officers, a.listSupplierInsurances)
}

func (a *API) addInsurance(ctx context.Context, in *addInsuranceInput) (*insuranceOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	file, err := httpapi.Upload(ctx, in.Filename, in.ContentType)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.AddInsurance(ctx, p, org, InsuranceInput{Kind: in.Kind, AmountPence: in.AmountPence, ExpiresOn: in.ExpiresOn}, file)
	if err != nil {
		return nil, err
	}
	return &insuranceOutput{Body: v}, nil
}

func (a *API) listInsurances(ctx context.Context, in *OrganisationQuery) (*insurancesOutput, error) {
	p := auth.PrincipalFrom(ctx)
	org, err := a.svc.DefaultOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	items, err := a.svc.ListInsurances(ctx, p, org)
	if err != nil {
		return nil, err
	}
	out := &insurancesOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) listSupplierInsurances(ctx context.Context, in *supplierInsurancesInput) (*insurancesOutput, error) {
	items, err := a.svc.ListInsurances(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &insurancesOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) deleteInsurance(ctx context.Context, in *insuranceIDInput) (*noContent, error) {
	return &noContent{}, a.svc.DeleteInsurance(ctx, auth.PrincipalFrom(ctx), in.ID)
}

func (a *API) downloadInsurance(ctx context.Context, in *insuranceIDInput) (*huma.StreamResponse, error) {
	rc, v, contentType, err := a.svc.InsuranceDocument(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return httpapi.Attachment(rc, contentType, v.Filename, v.SHA256), nil
}
