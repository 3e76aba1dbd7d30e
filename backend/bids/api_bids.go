package bids

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

var (
	suppliers = auth.Only(auth.RoleSupplier)
	council   = auth.Only(auth.RoleBuyer, auth.RoleEvaluator, auth.RoleAdmin)
	readers   = auth.Only(auth.RoleSupplier, auth.RoleBuyer, auth.RoleEvaluator, auth.RoleAdmin)
	openers   = auth.Only(auth.RoleBuyer, auth.RoleEvaluator, auth.RoleAdmin)
)

type startInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body StartInput
}

type bidOutput struct {
	ETag string `header:"ETag"`
	Body BidView
}

type bidIDInput struct {
	ID string `path:"id" maxLength:"36" doc:"The bid's ID."`
}

type updateInput struct {
	ID      string `path:"id" maxLength:"36" doc:"The bid's ID."`
	IfMatch string `header:"If-Match" doc:"The bid's ETag from when you loaded it."`
	Body    UpdateInput
}

type documentInput struct {
	ID         string `path:"id" maxLength:"36" doc:"The bid's ID."`
	DocumentID string `path:"documentId" maxLength:"36"`
}

type submitInput struct {
	ID             string `path:"id" maxLength:"36" doc:"The bid's ID."`
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"A fresh random value per submission attempt; send the same one when retrying."`
}

type receiptOutput struct{ Body BidReceipt }

type receiptInput struct {
	ID      string `path:"id" maxLength:"36" doc:"The bid's ID."`
	Version int    `query:"version" minimum:"0" doc:"A submitted version; the latest when left out."`
}

type summariesOutput struct {
	Body struct {
		Items []BidSummary `json:"items" nullable:"false"`
	}
}

type mineInput struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"Only this organisation's bids."`
}

type openingOutput struct{ Body Opening }

type confirmInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body OpeningInput
}

func (a *API) registerBids(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "startBid", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/bids", Tags: tags,
		Summary: "Start a bid for your organisation (one per organisation per opportunity)", DefaultStatus: http.StatusCreated,
		Description: "409 when the opportunity takes no bids in the portal, is closed, or your organisation already has a bid."}, suppliers, a.start)
	httpapi.Register(s, huma.Operation{OperationID: "getBid", Method: http.MethodGet, Path: "/api/v1/bids/{id}", Tags: tags,
		Summary:     "A bid: to its organisation at any time; to council staff only after opening (each read audited)",
		Description: "Before opening, council staff get 404 for every bid, as for one that does not exist."}, readers, a.get)
	httpapi.Register(s, huma.Operation{OperationID: "updateBid", Method: http.MethodPut, Path: "/api/v1/bids/{id}", Tags: tags,
		Summary:     "Save answers (only those sent change) and the lots of a bid, before the deadline",
		Description: "Send If-Match with the ETag: 412 when someone in your organisation saved in between, and nothing is written."}, suppliers, a.update)
	httpapi.Register(s, huma.Operation{OperationID: "deleteBidDocument", Method: http.MethodDelete, Path: "/api/v1/bids/{id}/documents/{documentId}", Tags: tags,
		Summary: "Take a file out of a bid, before the deadline", DefaultStatus: http.StatusNoContent}, suppliers, a.removeDocument)
	httpapi.Register(s, huma.Operation{OperationID: "downloadBidDocument", Method: http.MethodGet, Path: "/api/v1/bids/{id}/documents/{documentId}", Tags: tags,
		Summary:   "Download a file of a bid: its organisation, or council staff after opening (audited)",
		Responses: httpapi.FileResponses("The file as uploaded; X-Checksum-SHA256 is its SHA-256, as on the receipt", allDocumentTypes()...)}, readers, a.download)
	httpapi.Register(s, huma.Operation{OperationID: "submitBid", Method: http.MethodPost, Path: "/api/v1/bids/{id}/submit", Tags: tags,
		Summary: "Submit the bid as it stands and get a receipt",
		Description: "The deadline is the server's clock as the request completes: a millisecond late is refused and nothing is stored. " +
			"422 lists what is missing. With Idempotency-Key a retry gets the same receipt and a concurrent duplicate gets 409."}, suppliers, a.submit)
	httpapi.Register(s, huma.Operation{OperationID: "withdrawBid", Method: http.MethodPost, Path: "/api/v1/bids/{id}/withdraw", Tags: tags,
		Summary: "Withdraw a submitted bid before the deadline; it may be submitted again"}, suppliers, a.withdraw)
	httpapi.Register(s, huma.Operation{OperationID: "confirmBidStands", Method: http.MethodPost, Path: "/api/v1/bids/{id}/confirm", Tags: tags,
		Summary: "Confirm that your bid, submitted before an amendment, stands as submitted",
		Description: "Before the deadline only. Clears the mark \"submitted before amendment N\"; evaluators still see it, with your confirmation. " +
			"409 when there is nothing to confirm or the deadline has passed."}, suppliers, a.confirmStands)
	httpapi.Register(s, huma.Operation{OperationID: "getBidReceipt", Method: http.MethodGet, Path: "/api/v1/bids/{id}/receipt", Tags: tags,
		Summary: "The receipt of a submitted version of your bid (the latest by default)"}, suppliers, a.receipt)
	httpapi.Register(s, huma.Operation{OperationID: "listMyBids", Method: http.MethodGet, Path: "/api/v1/supplier/bids", Tags: tags,
		Summary: "Your organisations' bids and where each stands"}, suppliers, a.mine)
	httpapi.Register(s, huma.Operation{OperationID: "getOpening", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/opening", Tags: tags,
		Summary: "Whether the bids are sealed, ready to open or opened; after opening, every receipt hash"}, auth.Public, a.getOpening)
	httpapi.Register(s, huma.Operation{OperationID: "confirmOpening", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/opening", Tags: tags,
		Summary:     "One panel member's confirmation, with password and two-step code, that the bids may be opened",
		Description: "Only after the deadline; the bids open when the quorum of different panel members has confirmed. Nobody who belongs to a bidding organisation may confirm."},
		openers, a.confirm)
	httpapi.Register(s, huma.Operation{OperationID: "confirmPriceOpening", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/opening/prices", Tags: tags,
		Summary: "Two-stage opening: one panel member's confirmation, with password and two-step code, that the prices may be opened",
		Description: "Only after the bids are opened; the prices open when the quorum of different panel members has confirmed. " +
			"Until then nobody can read any price answer. 409 for a one-stage opening."}, openers, a.confirmPrices)
	httpapi.Register(s, huma.Operation{OperationID: "listOpportunityBids", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/bids", Tags: tags,
		Summary: "The bids opened for an opportunity (404 before opening); the read is audited"}, council, a.listForOpportunity)
}

func bidOut(v BidView) *bidOutput { return &bidOutput{ETag: httpapi.ETag(v.Version), Body: v} }

func (a *API) start(ctx context.Context, in *startInput) (*bidOutput, error) {
	v, err := a.svc.Start(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return bidOut(v), nil
}

func (a *API) get(ctx context.Context, in *bidIDInput) (*bidOutput, error) {
	v, err := a.svc.Get(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return bidOut(v), nil
}

func (a *API) update(ctx context.Context, in *updateInput) (*bidOutput, error) {
	version, err := httpapi.IfMatchVersion(in.IfMatch, "bid")
	if err != nil {
		return nil, err
	}
	v, err := a.svc.Update(ctx, auth.PrincipalFrom(ctx), in.ID, version, in.Body)
	if err != nil {
		return nil, err
	}
	return bidOut(v), nil
}

func (a *API) removeDocument(ctx context.Context, in *documentInput) (*struct{}, error) {
	return nil, a.svc.RemoveDocument(ctx, auth.PrincipalFrom(ctx), in.ID, in.DocumentID)
}

func (a *API) download(ctx context.Context, in *documentInput) (*huma.StreamResponse, error) {
	rc, v, err := a.svc.OpenDocument(ctx, auth.PrincipalFrom(ctx), in.ID, in.DocumentID)
	if err != nil {
		return nil, err
	}
	return httpapi.Attachment(rc, v.ContentType, v.Filename, v.SHA256), nil
}

func (a *API) submit(ctx context.Context, in *submitInput) (*receiptOutput, error) {
	r, err := a.svc.Submit(ctx, auth.PrincipalFrom(ctx), in.ID, in.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	return &receiptOutput{Body: r}, nil
}

func (a *API) withdraw(ctx context.Context, in *bidIDInput) (*bidOutput, error) {
	v, err := a.svc.Withdraw(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return bidOut(v), nil
}

func (a *API) confirmStands(ctx context.Context, in *bidIDInput) (*bidOutput, error) {
	v, err := a.svc.ConfirmStands(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return bidOut(v), nil
}

func (a *API) receipt(ctx context.Context, in *receiptInput) (*receiptOutput, error) {
	r, err := a.svc.Receipt(ctx, auth.PrincipalFrom(ctx), in.ID, in.Version)
	if err != nil {
		return nil, err
	}
	return &receiptOutput{Body: r}, nil
}

func (a *API) mine(ctx context.Context, in *mineInput) (*summariesOutput, error) {
	items, err := a.svc.ListMine(ctx, auth.PrincipalFrom(ctx), in.OrganisationID)
	if err != nil {
		return nil, err
	}
	out := &summariesOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) getOpening(ctx context.Context, in *oppInput) (*openingOutput, error) {
	v, err := a.svc.GetOpening(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &openingOutput{Body: v}, nil
}

func (a *API) confirm(ctx context.Context, in *confirmInput) (*openingOutput, error) {
	v, err := a.svc.Confirm(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &openingOutput{Body: v}, nil
}

func (a *API) confirmPrices(ctx context.Context, in *confirmInput) (*openingOutput, error) {
	v, err := a.svc.ConfirmPrices(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &openingOutput{Body: v}, nil
}

func (a *API) listForOpportunity(ctx context.Context, in *oppInput) (*summariesOutput, error) {
	items, err := a.svc.ListForOpportunity(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &summariesOutput{}
	out.Body.Items = items
	return out, nil
}
