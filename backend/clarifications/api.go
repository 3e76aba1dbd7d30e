package clarifications

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// API is the HTTP face of the clarifications service.
type API struct{ svc *Service }

// NewAPI returns the clarifications API.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

var (
	buyers    = auth.Only(auth.RoleBuyer, auth.RoleAdmin)
	suppliers = auth.Only(auth.RoleSupplier)
	tags      = []string{"Clarifications"}
)

type oppInput struct {
	ID string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
}

type publishedAnswersOutput struct {
	Body struct {
		Items []PublishedAnswer `json:"items" nullable:"false"`
		// LateAnswerDecisions are what the council decided when answers came late.
		LateAnswerDecisions []DecisionView `json:"lateAnswerDecisions" nullable:"false" doc:"When answers came late, whether the council extended the deadline for bids, and why or why not."`
	}
}

type dpsInput struct {
	ID string `path:"id" maxLength:"36" doc:"The DPS's ID or reference."`
}

type dpsAnswersOutput struct {
	Body struct {
		Items []PublishedAnswer `json:"items" nullable:"false"`
	}
}

type askDPSInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The DPS's ID or reference."`
	Body AskInput
}

type askInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body AskInput
}

type myQuestionOutput struct{ Body SupplierQuestion }

type mineInput struct {
	OrganisationID string `query:"organisationId" maxLength:"36" doc:"Which of your organisations; needed only if you belong to more than one."`
	OpportunityID  string `query:"opportunityId" maxLength:"36" doc:"Only questions on this opportunity."`
}

type myQuestionsOutput struct {
	Body struct {
		Items []SupplierQuestion `json:"items" nullable:"false"`
	}
}

type queueInput struct {
	OpportunityID string `query:"opportunityId" maxLength:"36" doc:"Only questions on this opportunity."`
	DPSID         string `query:"dpsId" maxLength:"36" doc:"Only questions about joining this DPS."`
	Waiting       bool   `query:"waiting" doc:"Only questions waiting for an answer."`
}

type clarificationQueueOutput struct {
	Body struct {
		Items []CouncilQuestion `json:"items" nullable:"false"`
	}
}

type idInput struct {
	ID string `path:"id" maxLength:"36" doc:"The question's ID."`
}

type councilQuestionOutput struct{ Body CouncilQuestion }

type answerInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The question's ID."`
	Body AnswerQuestionInput
}

type declineInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The question's ID."`
	Body struct {
		Reason string `json:"reason" maxLength:"2000" doc:"Why it will not be answered; the supplier who asked is told."`
	}
}

type mergeInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The question's ID."`
	Body struct {
		IntoThreadRef string `json:"intoThreadRef" maxLength:"20" doc:"The earlier question, answered to everyone, whose answer answers this one."`
	}
}

type clarificationInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body ClarificationInput
}

type clarificationOutput struct{ Body PublishedAnswer }

type lateOutput struct{ Body LateAnswers }

type clarificationUploadInput struct {
	ID          string `path:"id" maxLength:"36" doc:"The opportunity's ID."`
	Filename    string `query:"filename" maxLength:"255"`
	ContentType string `header:"Content-Type"`
}

type clarificationDocumentOutput struct{ Body ClarificationDocument }

type clarificationDocumentInput struct {
	ID string `path:"id" maxLength:"36" doc:"The document's ID."`
}

type lateDecisionInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body LateDecisionInput
}

// Register adds the clarification operations.
func (a *API) Register(s *httpapi.Server) {
	httpapi.Register(s, huma.Operation{OperationID: "listOpportunityQuestions", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/questions", Tags: tags,
		Summary:     "Questions and answers on an opportunity: every answer published to everyone, newest first",
		Description: "Anyone may read them, signed in or not. Nothing here names or hints at who asked: each question has only its thread reference."},
		auth.Public, a.published)
	httpapi.Register(s, huma.Operation{OperationID: "askQuestion", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/questions", Tags: tags,
		Summary: "Ask the council a question about an opportunity, until its clarification deadline", DefaultStatus: http.StatusCreated,
		Description: "The deadline is the server's, as the request completes: after it, 409 saying when questions closed and who to contact. " +
			"An organisation may ask 20 questions an hour (429) and 200 on one opportunity (422)."}, suppliers, a.ask)
	httpapi.Register(s, huma.Operation{OperationID: "listDPSQuestions", Method: http.MethodGet, Path: "/api/v1/dps/{id}/questions", Tags: tags,
		Summary:     "Questions and answers about joining a DPS: every answer published to everyone, newest first",
		Description: "Anyone may read them, signed in or not. Nothing here names or hints at who asked: each question has only its thread reference."},
		auth.Public, a.publishedDPS)
	httpapi.Register(s, huma.Operation{OperationID: "askDPSQuestion", Method: http.MethodPost, Path: "/api/v1/dps/{id}/questions", Tags: tags,
		Summary: "Ask the council a question about joining a DPS, until it stops taking applications", DefaultStatus: http.StatusCreated,
		Description: "Questions close when the DPS does (midnight in London at the end of its last day), by the server's clock as the request completes: " +
			"after that, 409 saying when questions closed and who to contact. The same limits as questions on an opportunity apply."}, suppliers, a.askDPS)
	httpapi.Register(s, huma.Operation{OperationID: "listMyQuestions", Method: http.MethodGet, Path: "/api/v1/supplier/questions", Tags: tags,
		Summary: "Your organisation's questions, what became of each, and the answers (private ones too)"}, suppliers, a.mine)
	httpapi.Register(s, huma.Operation{OperationID: "listClarificationQueue", Method: http.MethodGet, Path: "/api/v1/clarifications/queue", Tags: tags,
		Summary: "Questions across opportunities: waiting ones first, soonest to answer first"}, buyers, a.queue)
	httpapi.Register(s, huma.Operation{OperationID: "getQuestion", Method: http.MethodGet, Path: "/api/v1/questions/{id}", Tags: tags,
		Summary: "One question, with who asked (for the council only; each read is audited) and the answers it could be merged with"}, buyers, a.get)
	httpapi.Register(s, huma.Operation{OperationID: "answerQuestion", Method: http.MethodPost, Path: "/api/v1/questions/{id}/answer", Tags: tags,
		Summary:     "Answer a question: to everyone (with the question edited to remove who asked), or privately when the asker asked",
		Description: "A published answer cannot be deleted: correct it with a later answer (correctsNumber). 409 when the question has been dealt with."},
		buyers, a.answer)
	httpapi.Register(s, huma.Operation{OperationID: "declineQuestion", Method: http.MethodPost, Path: "/api/v1/questions/{id}/decline", Tags: tags,
		Summary: "Decline to answer a question, with a reason the asker is told"}, buyers, a.decline)
	httpapi.Register(s, huma.Operation{OperationID: "mergeQuestion", Method: http.MethodPost, Path: "/api/v1/questions/{id}/merge", Tags: tags,
		Summary: "Answer a question with the published answer to an earlier one; the asker is told where it is"}, buyers, a.merge)
	httpapi.Register(s, huma.Operation{OperationID: "publishClarification", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/clarifications", Tags: tags,
		Summary: "Publish a clarification nobody asked for, to everyone", DefaultStatus: http.StatusCreated}, buyers, a.publish)
	httpapi.Register(s, huma.Operation{OperationID: "getLateAnswers", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/late-answers", Tags: tags,
		Summary: "Questions not answered in time, and the offer to extend the deadline for bids"}, buyers, a.late)
	httpapi.Register(s, huma.Operation{OperationID: "decideLateAnswers", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/late-answers/decision", Tags: tags,
		Summary:     "Extend the deadline for bids because answers were late, or record why not (shown publicly)",
		Description: "Extending is an amendment: the new deadline must be later and leave the minimum time, and everyone working towards a bid is told. 409 when nothing is late."},
		buyers, a.decideLate)
	httpapi.RegisterUpload(s, huma.Operation{OperationID: "uploadClarificationDocument", Method: http.MethodPost, Path: DocumentUploadPrefix + "{id}", Tags: tags,
		Summary: "Upload a document to attach to an answer on an opportunity", DefaultStatus: http.StatusCreated,
		Description: "The request body is the file itself, up to FAIRTENDER_MAX_UPLOAD_BYTES; its name goes in the query string. It is stored whole, " +
			"with its SHA-256, or not at all, and seen by nobody outside the council until an answer attaches it (documentIds)."},
		opportunities.DocumentTypes, buyers, a.upload)
	httpapi.Register(s, huma.Operation{OperationID: "downloadClarificationDocument", Method: http.MethodGet, Path: "/api/v1/clarification-documents/{id}", Tags: tags,
		Summary:     "Download a document attached to an answer (anyone, for an answer to everyone)",
		Responses:   httpapi.FileResponses("The document, in the type it was uploaded as", opportunities.DocumentTypes...),
		Description: "The X-Checksum-SHA256 header carries the file's SHA-256 as recorded when it was uploaded."}, auth.Public, a.download)
}

func (a *API) upload(ctx context.Context, in *clarificationUploadInput) (*clarificationDocumentOutput, error) {
	file, err := httpapi.Upload(ctx, in.Filename, in.ContentType)
	if err != nil {
		return nil, err
	}
	v, err := a.svc.UploadDocument(ctx, auth.PrincipalFrom(ctx), in.ID, file)
	if err != nil {
		return nil, err
	}
	return &clarificationDocumentOutput{Body: v}, nil
}

func (a *API) download(ctx context.Context, in *clarificationDocumentInput) (*huma.StreamResponse, error) {
	rc, v, err := a.svc.OpenDocument(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return httpapi.Attachment(rc, v.ContentType, v.Filename, v.SHA256), nil
}

func (a *API) late(ctx context.Context, in *oppInput) (*lateOutput, error) {
	v, err := a.svc.LateAnswersFor(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &lateOutput{Body: v}, nil
}

func (a *API) decideLate(ctx context.Context, in *lateDecisionInput) (*lateOutput, error) {
	v, err := a.svc.DecideLate(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &lateOutput{Body: v}, nil
}

func (a *API) published(ctx context.Context, in *oppInput) (*publishedAnswersOutput, error) {
	items, err := a.svc.ListPublished(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	decisions, err := a.svc.PublicDecisions(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &publishedAnswersOutput{}
	out.Body.Items, out.Body.LateAnswerDecisions = items, decisions
	return out, nil
}

func (a *API) publishedDPS(ctx context.Context, in *dpsInput) (*dpsAnswersOutput, error) {
	items, err := a.svc.ListPublishedDPS(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	out := &dpsAnswersOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) askDPS(ctx context.Context, in *askDPSInput) (*myQuestionOutput, error) {
	v, err := a.svc.AskAboutDPS(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &myQuestionOutput{Body: v}, nil
}

func (a *API) ask(ctx context.Context, in *askInput) (*myQuestionOutput, error) {
	v, err := a.svc.Ask(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &myQuestionOutput{Body: v}, nil
}

func (a *API) mine(ctx context.Context, in *mineInput) (*myQuestionsOutput, error) {
	items, err := a.svc.ListMine(ctx, auth.PrincipalFrom(ctx), in.OrganisationID, in.OpportunityID)
	if err != nil {
		return nil, err
	}
	out := &myQuestionsOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) queue(ctx context.Context, in *queueInput) (*clarificationQueueOutput, error) {
	items, err := a.svc.Queue(ctx, auth.PrincipalFrom(ctx), in.OpportunityID, in.DPSID, in.Waiting)
	if err != nil {
		return nil, err
	}
	out := &clarificationQueueOutput{}
	out.Body.Items = items
	return out, nil
}

func (a *API) get(ctx context.Context, in *idInput) (*councilQuestionOutput, error) {
	v, err := a.svc.GetForCouncil(ctx, auth.PrincipalFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &councilQuestionOutput{Body: v}, nil
}

func (a *API) answer(ctx context.Context, in *answerInput) (*councilQuestionOutput, error) {
	v, err := a.svc.Answer(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &councilQuestionOutput{Body: v}, nil
}

func (a *API) decline(ctx context.Context, in *declineInput) (*councilQuestionOutput, error) {
	v, err := a.svc.Decline(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &councilQuestionOutput{Body: v}, nil
}

func (a *API) merge(ctx context.Context, in *mergeInput) (*councilQuestionOutput, error) {
	v, err := a.svc.Merge(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body.IntoThreadRef)
	if err != nil {
		return nil, err
	}
	return &councilQuestionOutput{Body: v}, nil
}

func (a *API) publish(ctx context.Context, in *clarificationInput) (*clarificationOutput, error) {
	v, err := a.svc.PublishClarification(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
	if err != nil {
		return nil, err
	}
	return &clarificationOutput{Body: v}, nil
}
