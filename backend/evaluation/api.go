package evaluation

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// API is the HTTP face of the evaluation service.
type API struct{ svc *Service }

// NewAPI returns the evaluation API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

var (
	buyers  = auth.Only(auth.RoleBuyer, auth.RoleAdmin)
	council = auth.Only(auth.RoleBuyer, auth.RoleEvaluator, auth.RoleAdmin)
	tags    = []string{"Evaluation"}
)

type oppInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
}

type evaluationOutput struct{ Body Evaluation }

type methodOutput struct{ Body EvaluationMethod }

type putMethodInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body EvaluationMethodInput
}

type putPanelInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body EvaluationPanelInput
}

type declareInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body InterestDeclarationInput
}

type mitigateInput struct {
	ID            string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	DeclarationID string `path:"declarationId" maxLength:"36"`
	Body          MitigationInput
}

type bidInput struct {
	BidID string `path:"bidId" maxLength:"36"`
}

type marksOutput struct{ Body BidMarks }

type putMarksInput struct {
	BidID string `path:"bidId" maxLength:"36"`
	Body  MarksInput
}

type moderationInput struct {
	ID       string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Page     int    `query:"page" minimum:"1" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"200" default:"25" doc:"Bids per page."`
	BidID    string `query:"bidId" maxLength:"36" doc:"Only this bid."`
}

type moderationOutput struct{ Body ModerationPage }

type moderateInput struct {
	BidID      string `path:"bidId" maxLength:"36"`
	QuestionID string `path:"questionId" maxLength:"36"`
	Body       ModerateInput
}

type spreadOutput struct{ Body QuestionSpread }

type resultsInput struct {
	ID     string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Method string `query:"method" enum:"lowest,budget,ranking" doc:"Preview the ranking under another price method; the published one counts."`
}

type resultsOutput struct{ Body EvaluationResults }

type recordOutput struct{ Body EvaluationRecord }

type reviewPriceInput struct {
	BidID string `path:"bidId" maxLength:"36"`
	Body  PriceReviewInput
}

// Register adds the evaluation operations.
func (a *API) Register(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "getEvaluationMethod", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/evaluation/method", Tags: tags,
		Summary: "How an opportunity's bids will be judged: the marking scale and what each mark means, the price formula and the tie-break"},
		auth.Public, func(ctx context.Context, in *oppInput) (*methodOutput, error) {
			v, err := a.svc.GetMethod(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &methodOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "setEvaluationMethod", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/evaluation/method", Tags: tags,
		Summary: "Set how an opportunity's bids will be judged, before it is published (409 after)"},
		buyers, func(ctx context.Context, in *putMethodInput) (*methodOutput, error) {
			v, err := a.svc.PutMethod(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
			return &methodOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "getEvaluation", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/evaluation", Tags: tags,
		Summary: "An opportunity's evaluation: the panel, declarations of interest, the bids being scored and how far marking has got"},
		council, func(ctx context.Context, in *oppInput) (*evaluationOutput, error) {
			v, err := a.svc.Get(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &evaluationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "setEvaluationPanel", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/evaluation/panel", Tags: tags,
		Summary: "Name the evaluation panel: evaluators (optionally per criterion), one moderator, and who scores price; until marks are submitted"},
		buyers, func(ctx context.Context, in *putPanelInput) (*evaluationOutput, error) {
			v, err := a.svc.SetPanel(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
			return &evaluationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "declareInterests", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/evaluation/declaration", Tags: tags,
		Summary:     "Declare any conflict of interest with the bidders, before reading any bid",
		Description: "Every declaration is kept; the latest counts. A declared conflict keeps the person from the bids unless a buyer records how it is managed."},
		council, func(ctx context.Context, in *declareInput) (*evaluationOutput, error) {
			v, err := a.svc.Declare(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
			return &evaluationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "mitigateConflict", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/evaluation/declarations/{declarationId}/mitigation", Tags: tags,
		Summary: "Record how a declared conflict of interest is managed, so the person may evaluate"},
		buyers, func(ctx context.Context, in *mitigateInput) (*evaluationOutput, error) {
			v, err := a.svc.Mitigate(ctx, auth.PrincipalFrom(ctx), in.ID, in.DeclarationID, in.Body)
			return &evaluationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "startEvaluation", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/evaluation/start", Tags: tags,
		Summary: "Start the evaluation after opening: check every pass/fail question, excluding bids that fail with a reason their bidder will see"},
		buyers, func(ctx context.Context, in *oppInput) (*evaluationOutput, error) {
			v, err := a.svc.Start(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &evaluationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "getMarks", Method: http.MethodGet, Path: "/api/v1/evaluation/bids/{bidId}/marks", Tags: tags,
		Summary:     "An evaluator's marks for a bid, with the next bid to mark",
		Description: "The other evaluators' marks are shown only once you have submitted yours."},
		council, func(ctx context.Context, in *bidInput) (*marksOutput, error) {
			v, err := a.svc.GetMarks(ctx, auth.PrincipalFrom(ctx), in.BidID)
			return &marksOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "saveMarks", Method: http.MethodPut, Path: "/api/v1/evaluation/bids/{bidId}/marks", Tags: tags,
		Summary: "Save marks for a bid as you go (only the questions given change), until you submit"},
		council, func(ctx context.Context, in *putMarksInput) (*marksOutput, error) {
			v, err := a.svc.SaveMarks(ctx, auth.PrincipalFrom(ctx), in.BidID, in.Body)
			return &marksOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "submitMarks", Method: http.MethodPost, Path: "/api/v1/evaluation/bids/{bidId}/marks/submit", Tags: tags,
		Summary: "Submit your marks for a bid: each needs a justification; then they are fixed and you see the other evaluators' marks"},
		council, func(ctx context.Context, in *bidInput) (*marksOutput, error) {
			v, err := a.svc.SubmitMarks(ctx, auth.PrincipalFrom(ctx), in.BidID)
			return &marksOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "getModeration", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/evaluation/moderation", Tags: tags,
		Summary: "The moderator's page: a page of bids (25 by default), each with its marks per question, their spread and the moderated mark"},
		council, func(ctx context.Context, in *moderationInput) (*moderationOutput, error) {
			v, err := a.svc.GetModeration(ctx, auth.PrincipalFrom(ctx), in.ID, ModerationQuery{Page: in.Page, PageSize: in.PageSize, BidID: in.BidID})
			return &moderationOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "moderateMark", Method: http.MethodPut, Path: "/api/v1/evaluation/bids/{bidId}/moderation/{questionId}", Tags: tags,
		Summary: "Agree the moderated mark for one question of one bid, with a rationale and the bidder's feedback; a change needs a reason"},
		council, func(ctx context.Context, in *moderateInput) (*spreadOutput, error) {
			v, err := a.svc.Moderate(ctx, auth.PrincipalFrom(ctx), in.BidID, in.QuestionID, in.Body)
			return &spreadOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "getEvaluationResults", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/evaluation/results", Tags: tags,
		Summary: "Totals and ranking per lot, with abnormally low prices flagged; ?method= previews another price formula"},
		council, func(ctx context.Context, in *resultsInput) (*resultsOutput, error) {
			v, err := a.svc.GetResults(ctx, auth.PrincipalFrom(ctx), in.ID, in.Method)
			return &resultsOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "takePrices", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/evaluation/prices", Tags: tags,
		Summary: "Take the opened prices into the evaluation and score them by the published formula"},
		council, func(ctx context.Context, in *oppInput) (*resultsOutput, error) {
			v, err := a.svc.TakePrices(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &resultsOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "getEvaluationRecord", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/evaluation/record", Tags: tags,
		Summary: "The evaluation's record for the council's files: every mark, change, decision and reason, with who and when"},
		buyers, func(ctx context.Context, in *oppInput) (*recordOutput, error) {
			v, err := a.svc.Record(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &recordOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "reviewPrice", Method: http.MethodPost, Path: "/api/v1/evaluation/bids/{bidId}/price-review", Tags: tags,
		Summary: "Resolve an abnormally low price: accept it or exclude the bid from the lot, with the reason"},
		buyers, func(ctx context.Context, in *reviewPriceInput) (*resultsOutput, error) {
			v, err := a.svc.ReviewPrice(ctx, auth.PrincipalFrom(ctx), in.BidID, in.Body)
			return &resultsOutput{Body: v}, err
		})
}
