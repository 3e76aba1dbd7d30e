package evaluation

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

var (
	bidders   = auth.Only(auth.RoleSupplier)
	awardTags = []string{"Award"}
)

type awardOutput struct{ Body AwardState }

type proposeAwardInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body AwardProposalInput
}

type awardReasonInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	Body AwardReasonInput
}

type awardSummariesOutput struct{ Body AwardSummaries }

type awardSummaryOutput struct{ Body AwardSummary }

type reviewSummaryInput struct {
	ID    string `path:"id" maxLength:"36" doc:"The opportunity's ID or reference."`
	BidID string `path:"bidId" maxLength:"36"`
	Body  AwardSummaryReviewInput
}

type outcomeInput struct {
	ID string `path:"id" maxLength:"36" doc:"The bid's ID."`
}

type outcomeOutput struct{ Body BidOutcome }

type askFeedbackInput struct {
	ID   string `path:"id" maxLength:"36" doc:"The bid's ID."`
	Body FeedbackQuestionInput
}

type answerFeedbackInput struct {
	QuestionID string `path:"questionId" maxLength:"36"`
	Body       FeedbackAnswerInput
}

type feedbackQuestionOutput struct{ Body AwardFeedbackQuestion }

// RegisterAward adds the award, standstill and bidder outcome operations.
func (a *API) RegisterAward(s *httpapi.Server) {
	opp := func(id, method, path, summary string, call func(context.Context, *auth.Principal, string) (AwardState, error)) {
		httpapi.Register(s, huma.Operation{OperationID: id, Method: method, Path: path, Tags: awardTags, Summary: summary},
			buyers, func(ctx context.Context, in *oppInput) (*awardOutput, error) {
				v, err := call(ctx, auth.PrincipalFrom(ctx), in.ID)
				return &awardOutput{Body: v}, err
			})
	}
	withReason := func(id, path, summary string, call func(context.Context, *auth.Principal, string, AwardReasonInput) (AwardState, error)) {
		httpapi.Register(s, huma.Operation{OperationID: id, Method: http.MethodPost, Path: path, Tags: awardTags, Summary: summary},
			buyers, func(ctx context.Context, in *awardReasonInput) (*awardOutput, error) {
				v, err := call(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
				return &awardOutput{Body: v}, err
			})
	}
	opp("getAward", http.MethodGet, "/api/v1/opportunities/{id}/award",
		"The award: the proposal per lot and its approval, the assessment summaries, the standstill period and the contract", a.svc.GetAward)
	httpapi.Register(s, huma.Operation{OperationID: "proposeAward", Method: http.MethodPost, Path: "/api/v1/opportunities/{id}/award", Tags: awardTags,
		Summary:     "Propose the award per lot: the bid ranked first unless another is chosen with a reason",
		Description: "Only once the evaluation is complete (409 before). A tie for first place needs a reason. It may be proposed again until approved."},
		buyers, func(ctx context.Context, in *proposeAwardInput) (*awardOutput, error) {
			v, err := a.svc.ProposeAward(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
			return &awardOutput{Body: v}, err
		})
	opp("approveAward", http.MethodPost, "/api/v1/opportunities/{id}/award/approve",
		"Approve the proposed award (a second officer: not the one who proposed it); this writes every assessed bidder's assessment summary", a.svc.ApproveAward)
	httpapi.Register(s, huma.Operation{OperationID: "listAssessmentSummaries", Method: http.MethodGet, Path: "/api/v1/opportunities/{id}/award/summaries", Tags: awardTags,
		Summary: "The assessment summaries to review before sending, with warnings where feedback is hard to read"},
		buyers, func(ctx context.Context, in *oppInput) (*awardSummariesOutput, error) {
			v, err := a.svc.GetSummaries(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &awardSummariesOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "reviewAssessmentSummary", Method: http.MethodPut, Path: "/api/v1/opportunities/{id}/award/summaries/{bidId}", Tags: awardTags,
		Summary: "Mark an assessment summary reviewed, optionally rewriting explanations first (until sent)"},
		buyers, func(ctx context.Context, in *reviewSummaryInput) (*awardSummaryOutput, error) {
			v, err := a.svc.ReviewSummary(ctx, auth.PrincipalFrom(ctx), in.ID, in.BidID, in.Body)
			return &awardSummaryOutput{Body: v}, err
		})
	opp("sendAssessmentSummaries", http.MethodPost, "/api/v1/opportunities/{id}/award/summaries/send",
		"Send every assessment summary at the same time (each reviewed first), then publish the award notice and start the standstill period", a.svc.SendSummaries)
	withReason("pauseStandstill", "/api/v1/opportunities/{id}/award/standstill/pause",
		"Pause the standstill period (a challenge, or a decision to re-evaluate); the bidders are told why", a.svc.PauseStandstill)
	withReason("resumeStandstill", "/api/v1/opportunities/{id}/award/standstill/resume",
		"Resume a paused standstill period: the working days left run on; the bidders are told", a.svc.ResumeStandstill)
	opp("enterContract", http.MethodPost, "/api/v1/opportunities/{id}/award/contract",
		"Record that the contract is entered: only after the standstill period ends (409 before, and while paused)", a.svc.EnterContract)
	withReason("terminateProcurement", "/api/v1/opportunities/{id}/award/terminate",
		"End the procurement without award, with the reasons the bidders are told", a.svc.Terminate)
	httpapi.Register(s, huma.Operation{OperationID: "getBidOutcome", Method: http.MethodGet, Path: "/api/v1/bids/{id}/outcome", Tags: awardTags,
		Summary:     "Your bid's outcome: the timeline, then your assessment summary and feedback, the standstill period and the contract",
		Description: "Only for members of the bidding organisation (404 for anyone else). Another unsuccessful bidder's name or marks are never shown."},
		bidders, func(ctx context.Context, in *outcomeInput) (*outcomeOutput, error) {
			v, err := a.svc.GetOutcome(ctx, auth.PrincipalFrom(ctx), in.ID)
			return &outcomeOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "askFeedbackQuestion", Method: http.MethodPost, Path: "/api/v1/bids/{id}/outcome/questions", Tags: awardTags,
		Summary: "Ask the council a question about your feedback, during the standstill period; the answer comes to you only"},
		bidders, func(ctx context.Context, in *askFeedbackInput) (*outcomeOutput, error) {
			v, err := a.svc.AskFeedbackQuestion(ctx, auth.PrincipalFrom(ctx), in.ID, in.Body)
			return &outcomeOutput{Body: v}, err
		})
	httpapi.Register(s, huma.Operation{OperationID: "answerFeedbackQuestion", Method: http.MethodPost, Path: "/api/v1/evaluation/feedback-questions/{questionId}/answer", Tags: awardTags,
		Summary: "Answer a bidder's question about their feedback, privately"},
		buyers, func(ctx context.Context, in *answerFeedbackInput) (*feedbackQuestionOutput, error) {
			v, err := a.svc.AnswerFeedbackQuestion(ctx, auth.PrincipalFrom(ctx), in.QuestionID, in.Body)
			return &feedbackQuestionOutput{Body: v}, err
		})
}
