package suppliers

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// BankAPI is the HTTP face of bank details and their checks against mandate fraud.
type BankAPI struct{ svc *Service }

// NewBankAPI returns the bank details API.
func NewBankAPI(svc *Service) *BankAPI { return &BankAPI{svc: svc} }

type bankOrgQuery struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"The organisation to act for; needed only by people in more than one."`
}

type bankDetailsOutput struct{ Body BankDetails }

// Input structs repeat their parameters rather than embed a shared struct: huma skips embedded
// structs of unexported types, which would silently drop the parameter.
type bankRequestInput struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"The organisation to act for; needed only by people in more than one."`
	Body           struct {
		AccountName   string `json:"accountName" maxLength:"200" doc:"The name on the account."`
		SortCode      string `json:"sortCode" maxLength:"20" doc:"6 digits; spaces and dashes are ignored."`
		AccountNumber string `json:"accountNumber" maxLength:"20" doc:"8 digits. It is never shown again: only its last 4 digits."`
	}
}

type bankChangeOutput struct {
	Body struct {
		Change  BankChangeView `json:"change"`
		Message string         `json:"message"`
	}
}

type bankIDInput struct {
	ID string `path:"id" maxLength:"36" doc:"The change's ID."`
}

type bankQueueInput struct {
	Status   string `query:"status" enum:"pending,frozen,cooling_off" doc:"Only changes in this state; all three when left out."`
	Page     int    `query:"page" minimum:"1" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

type bankQueueOutput struct{ Body BankQueue }

type bankCallbackInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The change's ID."`
	Body struct {
		Phone  string `json:"phone" maxLength:"40" doc:"The number called. It must have been on the supplier's record for at least 30 days (configurable), unless these are the supplier's first bank details and source says where it was found."`
		Note   string `json:"note,omitempty" maxLength:"2000" doc:"What the supplier confirmed, and who you spoke to."`
		Source string `json:"source,omitempty" maxLength:"500" doc:"First bank details only: where you found a number that is not on the supplier's record long enough, in a source the supplier does not control (their Companies House or charity register record, their website)."`
	}
}

type bankRejectInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The change's ID."`
	Body struct {
		Reason string `json:"reason" maxLength:"1000" doc:"Why the change is refused; the supplier sees it."`
	}
}

type bankItemOutput struct{ Body BankQueueItem }

// Register adds the bank details operations to the server.
func (a *BankAPI) Register(s *httpapi.Server) {
	supplier := auth.Only(auth.RoleSupplier)
	tags := []string{"Bank details"}
	httpapi.Register(s, huma.Operation{OperationID: "getBankDetails", Method: http.MethodGet, Path: "/api/v1/supplier/bank-details", Tags: tags,
		Summary:     "Your organisation's bank details and any change on its way",
		Description: "Only the last 4 digits of an account number are ever shown. Each change not yet in effect is explained."},
		supplier, a.getBankDetails)
	httpapi.Register(s, huma.Operation{OperationID: "requestBankChange", Method: http.MethodPost, Path: "/api/v1/supplier/bank-details", Tags: tags,
		Summary: "Ask to set or change your organisation's bank details", DefaultStatus: http.StatusAccepted,
		Description: "Any member may ask. The change does not take effect at once: every owner is emailed, a council officer calls back " +
			"on a number held for at least 30 days, a second officer approves, and a cooling-off period of 3 working days passes. " +
			"A change still pending or cooling off is replaced by this one."},
		supplier, a.requestBankChange)
	httpapi.Register(s, huma.Operation{OperationID: "reportBankChangeNotUs", Method: http.MethodPost, Path: "/api/v1/supplier/bank-details/{id}/not-us", Tags: tags,
		Summary:     "Say a bank details change was not made by your organisation",
		Description: "Owners only. Freezes the change: it can never take effect, and the council looks into it."},
		supplier, a.reportNotUs)
	officer := BankOfficerAccess
	tags = []string{"Bank detail checks"}
	httpapi.Register(s, huma.Operation{OperationID: "listBankChanges", Method: http.MethodGet, Path: "/api/v1/bank-changes", Tags: tags,
		Summary:     "The queue of bank detail changes to check, oldest first",
		Description: "Changes not yet in effect: pending, frozen (flagged) and cooling off, with each supplier's numbers that may be called back."},
		officer, a.listBankChanges)
	httpapi.Register(s, huma.Operation{OperationID: "recordBankCallback", Method: http.MethodPost, Path: "/api/v1/bank-changes/{id}/callback", Tags: tags,
		Summary: "Record that you called the supplier back and they confirmed the change"}, officer, a.recordCallback)
	httpapi.Register(s, huma.Operation{OperationID: "approveBankChange", Method: http.MethodPost, Path: "/api/v1/bank-changes/{id}/approve", Tags: tags,
		Summary:     "Approve a change another officer called back on",
		Description: "Starts the cooling-off period; the change takes effect when it ends."}, officer, a.approve)
	httpapi.Register(s, huma.Operation{OperationID: "rejectBankChange", Method: http.MethodPost, Path: "/api/v1/bank-changes/{id}/reject", Tags: tags,
		Summary: "Refuse a change", Description: "Also clears a frozen change once it has been looked into."}, officer, a.reject)
}

func (a *BankAPI) getBankDetails(ctx context.Context, in *bankOrgQuery) (*bankDetailsOutput, error) {
	p := auth.PrincipalFrom(ctx)
	orgID, err := a.bankOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	d, err := a.svc.BankDetails(ctx, p, orgID)
	if err != nil {
		return nil, err
	}
	return &bankDetailsOutput{Body: d}, nil
}

func (a *BankAPI) requestBankChange(ctx context.Context, in *bankRequestInput) (*bankChangeOutput, error) {
	p := auth.PrincipalFrom(ctx)
	orgID, err := a.bankOrganisation(ctx, p, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	b := in.Body
	v, err := a.svc.RequestBankChange(ctx, p, orgID, BankChangeInput{AccountName: b.AccountName, SortCode: b.SortCode, AccountNumber: b.AccountNumber})
	if err != nil {
		return nil, err
	}
	out := &bankChangeOutput{}
	out.Body.Change = v
	out.Body.Message = "We have emailed every owner of your organisation about this change. It will not take effect until the council has checked it."
	if v.First {
		out.Body.Message = a.svc.FirstDetailsSentMessage()
	}
	return out, nil
}

func (a *BankAPI) reportNotUs(ctx context.Context, in *bankIDInput) (*bankChangeOutput, error) {
	v, err := a.svc.ReportNotUs(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &bankChangeOutput{}
	out.Body.Change = v
	out.Body.Message = "Thank you. We have frozen this change: it will not take effect. The council will look into it."
	return out, nil
}

func (a *BankAPI) listBankChanges(ctx context.Context, in *bankQueueInput) (*bankQueueOutput, error) {
	q, err := a.svc.BankChangeQueue(ctx, auth.PrincipalFrom(ctx), BankStatus(in.Status), in.Page, in.PageSize)
	if err != nil {
		return nil, err
	}
	return &bankQueueOutput{Body: q}, nil
}

func (a *BankAPI) recordCallback(ctx context.Context, in *bankCallbackInput) (*bankItemOutput, error) {
	it, err := a.svc.RecordCallback(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Phone, in.Body.Note, in.Body.Source)
	if err != nil {
		return nil, err
	}
	return &bankItemOutput{Body: it}, nil
}

func (a *BankAPI) approve(ctx context.Context, in *bankIDInput) (*bankItemOutput, error) {
	it, err := a.svc.ApproveBankChange(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &bankItemOutput{Body: it}, nil
}

func (a *BankAPI) reject(ctx context.Context, in *bankRejectInput) (*bankItemOutput, error) {
	it, err := a.svc.RejectBankChange(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &bankItemOutput{Body: it}, nil
}

// bankOrganisation picks the organisation the supplier acts for. An ID that is not a UUID names
// no organisation of theirs, and is kept away from PostgreSQL, which refuses to compare it.
func (a *BankAPI) bankOrganisation(ctx context.Context, p *auth.Principal, id string) (string, error) {
	if id != "" && !isUUID(id) {
		return "", errNotMember
	}
	return a.svc.DefaultOrganisation(ctx, p, id)
}
