package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/evaluation"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// demoClock is the demo's clock: the portal's rules take "now" from it, so the demo can publish
// an opportunity and take its bids some weeks ago, then open and evaluate them today, as a
// council would have, without bending any rule.
type demoClock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the time the demo is acting at.
func (c *demoClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *demoClock) set(d time.Duration) {
	c.mu.Lock()
	c.offset = d
	c.mu.Unlock()
}

// advance moves the clock on, as waiting would: a two-step code is good once per 30 seconds.
func (c *demoClock) advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

type demoStaff struct{ buyer, evaluator, admin string }

// demoPast are the opportunities whose bids came in weeks ago: one being evaluated today, one
// evaluated and awarded, with feedback sent to its bidders.
var demoPast = []demoOpening{
	{"Cleaning of two community centres", "Evening cleaning of the Elm Road and Caledonian community centres, five days a week.", "open_tender", "90910000-9", 6_000_000, 30},
	{"Lunches for the Elm Road day centre", "Hot, fresh lunches for about 40 older people a day at the Elm Road day centre.", "open_tender", "55520000-1", 9_000_000, 30},
}

// demoBid is what a demo supplier answered.
type demoBid struct {
	email, method, social string
	pricePence            int64
}

var demoPastBids = [][]demoBid{
	{
		{"cleaners@demo.fairtender.localhost", "Two cleaners each evening, trained in our eco-friendly method; a supervisor checks each centre weekly and reports to the centre manager.", "Two local apprentices a year, recruited with the council's job centre.", 5_400_000},
		{"builder@demo.fairtender.localhost", "Our maintenance staff clean after their repair rounds, three evenings a week.", "We buy supplies from local shops.", 4_900_000},
	},
	{
		{"supplier@demo.fairtender.localhost", "We cook each morning in our kitchen at the Angel and deliver in heated boxes by 12:15; menus change weekly and are agreed with the centre's members.", "Our young trainee chefs, from the borough, cook and serve the lunches.", 8_200_000},
		{"cleaners@demo.fairtender.localhost", "We would hire a catering partner to cook meals, delivered chilled and heated at the centre.", "Local jobs through our partner.", 7_400_000},
	},
}

// demoEvaluations publishes the past opportunities as the council did weeks ago, takes their
// bids, then (today) opens them with the opening panel, names the evaluation panel (everyone
// declares no conflict of interest) and evaluates: the first part-way, the second to the end.
func demoEvaluations(ctx context.Context, a *app.App, clock *demoClock, staff demoStaff) error {
	defer clock.set(0)
	buyer, err := demoPrincipal(ctx, a, staff.buyer, auth.RoleBuyer)
	if err != nil {
		return err
	}
	var ids []string
	clock.set(-45 * 24 * time.Hour)
	for i, d := range demoPast {
		id, err := demoPastOpportunity(ctx, a, clock, buyer, d, []string{staff.evaluator, staff.admin})
		if err != nil {
			return fmt.Errorf("%s: %w", d.title, err)
		}
		for _, b := range demoPastBids[i] {
			if err := demoSubmit(ctx, a, id, b); err != nil {
				return fmt.Errorf("%s: bid by %s: %w", d.title, b.email, err)
			}
		}
		ids = append(ids, id)
	}
	clock.set(0)
	evaluator, err := demoPrincipal(ctx, a, staff.evaluator, auth.RoleEvaluator)
	if err != nil {
		return err
	}
	admin, err := demoPrincipal(ctx, a, staff.admin, auth.RoleAdmin)
	if err != nil {
		return err
	}
	for i, id := range ids {
		for _, email := range []string{staff.evaluator, staff.admin} {
			if err := demoOpen(ctx, a, clock, email, id); err != nil {
				return fmt.Errorf("%s: opening by %s: %w", demoPast[i].title, email, err)
			}
		}
		if _, err := a.Evaluation.SetPanel(ctx, buyer, id, evaluation.EvaluationPanelInput{Seats: []evaluation.EvaluationPanelSeatInput{
			{UserID: evaluator.UserID, Role: evaluation.RoleEvaluator}, {UserID: admin.UserID, Role: evaluation.RoleModerator},
			{UserID: buyer.UserID, Role: evaluation.RolePrice}}}); err != nil {
			return err
		}
		for _, p := range []*auth.Principal{evaluator, admin, buyer} {
			if _, err := a.Evaluation.Declare(ctx, p, id, evaluation.InterestDeclarationInput{}); err != nil {
				return err
			}
		}
		ev, err := a.Evaluation.Start(ctx, buyer, id)
		if err != nil {
			return err
		}
		// The bids in the order the demo lists them (references are random): the first bidder
		// scores best.
		rank := map[string]int{}
		for k, b := range demoPastBids[i] {
			for _, o := range demoOrganisations {
				if o.email == b.email {
					rank[o.org] = k
				}
			}
		}
		slices.SortFunc(ev.Bids, func(x, y evaluation.EvaluationBid) int { return rank[x.OrganisationName] - rank[y.OrganisationName] })
		marked := ev.Bids[:1] // being evaluated: the evaluator has marked one bid of two
		if i == 1 {
			marked = ev.Bids
		}
		for k, b := range marked {
			if err := demoMark(ctx, a, evaluator, ev, b.ID, 4-k); err != nil {
				return err
			}
		}
		if i == 1 {
			if err := demoModerateAndPrice(ctx, a, admin, buyer, ev); err != nil {
				return err
			}
			if err := demoAward(ctx, a, buyer, admin, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func demoPastOpportunity(ctx context.Context, a *app.App, clock *demoClock, buyer *auth.Principal, d demoOpening, panel []string) (string, error) {
	clar, sub := d.deadlines(clock.Now())
	in := opportunities.OpportunityInput{Title: d.title, Summary: d.summary, Description: d.summary + " The contract runs for two years.",
		Procedure: d.procedure, CPVCodes: []string{d.cpv}, EstimatedValuePence: d.valuePence, ContractMonths: 24, PlaceOfDelivery: a.Config.CouncilCode,
		SuitableForSMEs: true, SuitableForVCSEs: true, Reserved: "none", ContactEmail: "buyer@demo.fairtender.localhost",
		ClarificationDeadline: clar.UTC().Format(time.RFC3339), SubmissionDeadline: sub.UTC().Format(time.RFC3339),
		ExpectedAwardOn: time.Now().AddDate(0, 0, 14).In(format.London).Format("2006-01-02"),
		Criteria: []opportunities.OpportunityCriterionInput{{Name: "Price", Kind: "price", WeightBP: 4000},
			{Name: "Quality", Kind: "quality", WeightBP: 4000}, {Name: "Social value", Kind: "social_value", WeightBP: 2000}}}
	v, err := a.Opportunities.CreateDraft(ctx, buyer, in)
	if err != nil {
		return "", err
	}
	if _, err := a.Bids.PutForm(ctx, buyer, v.ID, 0, bids.BidFormInput{Questions: []bids.BidFormQuestionInput{
		{Kind: bids.KindPassFail, Title: "Do you pay all staff at least the London Living Wage?", Required: true, RequiredAnswer: "yes"},
		{Kind: bids.KindText, Title: "How will you do the work?", Required: true, WordLimit: 500, Criterion: "Quality", WeightShareBp: 10000},
		{Kind: bids.KindPrice, Title: "Your price for the whole contract", Required: true, PriceMode: "per_lot", Criterion: "Price", WeightShareBp: 10000},
		{Kind: bids.KindSocialValue, Title: "What will you do for the borough?", Required: true, WordLimit: 300, Criterion: "Social value", WeightShareBp: 10000},
	}}); err != nil {
		return "", err
	}
	var ids []string
	for _, email := range panel {
		id, err := a.Accounts.UserIDByEmail(ctx, email)
		if err != nil {
			return "", err
		}
		ids = append(ids, id)
	}
	if _, err := a.Bids.PutPanel(ctx, buyer, v.ID, bids.PanelInput{UserIDs: ids}); err != nil {
		return "", err
	}
	if _, err := a.Opportunities.Publish(ctx, buyer, v.ID); err != nil {
		return "", err
	}
	return v.ID, nil
}

// demoSubmit has a demo supplier answer every question and submit.
func demoSubmit(ctx context.Context, a *app.App, opportunityID string, b demoBid) error {
	p, err := demoPrincipal(ctx, a, b.email, auth.RoleSupplier)
	if err != nil {
		return err
	}
	v, err := a.Bids.Start(ctx, p, opportunityID, bids.StartInput{})
	if err != nil {
		return err
	}
	form, err := a.Bids.Form(ctx, opportunityID)
	if err != nil {
		return err
	}
	var answers []bids.Answer
	for _, q := range form.Questions {
		switch q.Kind {
		case bids.KindPassFail:
			answers = append(answers, bids.Answer{QuestionID: q.ID, PassFail: "yes"})
		case bids.KindText:
			answers = append(answers, bids.Answer{QuestionID: q.ID, Text: b.method})
		case bids.KindSocialValue:
			answers = append(answers, bids.Answer{QuestionID: q.ID, Text: b.social})
		case bids.KindPrice:
			answers = append(answers, bids.Answer{QuestionID: q.ID, Prices: []bids.LotPrice{{PricePence: b.pricePence}}})
		}
	}
	if v, err = a.Bids.Update(ctx, p, v.ID, v.Version, bids.UpdateInput{Answers: answers}); err != nil {
		return err
	}
	_, err = a.Bids.Submit(ctx, p, v.ID, "demo-"+v.ID)
	return err
}

// demoOpen signs an officer of the opening panel in with their password and two-step code, as
// they would, and confirms the opening with a fresh code.
func demoOpen(ctx context.Context, a *app.App, clock *demoClock, email, opportunityID string) error {
	code := func() (string, error) {
		return totp.GenerateCodeCustom(demoTwoStepSecret, clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	}
	tokens, err := a.Accounts.Login(ctx, email, demoPassword)
	if err != nil {
		return err
	}
	if tokens.Next != accounts.NextSignedIn {
		c, err := code()
		if err != nil {
			return err
		}
		done, err := a.Accounts.CompleteTwoStepSignIn(ctx, tokens.Pending, c, false)
		if err != nil {
			return err
		}
		tokens = done.Tokens
	}
	claims, err := a.Signer.Parse(tokens.Access)
	if err != nil {
		return err
	}
	p, err := a.Accounts.Resolve(ctx, tokens.UserID, claims.SessionID)
	if err != nil {
		return err
	}
	clock.advance(31 * time.Second)
	c, err := code()
	if err != nil {
		return err
	}
	_, err = a.Bids.Confirm(ctx, p, opportunityID, bids.OpeningInput{Password: demoPassword, Code: c})
	return err
}

// demoMark has the evaluator mark every scored question of a bid and submit.
func demoMark(ctx context.Context, a *app.App, evaluator *auth.Principal, ev evaluation.Evaluation, bidID string, mark int) error {
	var marks []evaluation.MarkInput
	for _, q := range ev.Questions {
		m := mark
		marks = append(marks, evaluation.MarkInput{QuestionID: q.ID, Mark: &m,
			Justification: fmt.Sprintf("The answer to question %d says how the work is staffed and checked, with named times and who reports to whom.", q.Number)})
	}
	if _, err := a.Evaluation.SaveMarks(ctx, evaluator, bidID, evaluation.MarksInput{Marks: marks}); err != nil {
		return err
	}
	_, err := a.Evaluation.SubmitMarks(ctx, evaluator, bidID)
	return err
}

// demoModerateAndPrice moderates every mark, with feedback for the bidders, and scores the prices.
func demoModerateAndPrice(ctx context.Context, a *app.App, moderator, buyer *auth.Principal, ev evaluation.Evaluation) error {
	for k, b := range ev.Bids {
		for _, q := range ev.Questions {
			m := 4 - k
			strengths, improvements := "You said clearly who cooks, when the food leaves the kitchen and how it stays hot.", "Say how you would cover a day when your kitchen cannot cook."
			if k > 0 {
				strengths, improvements = "You offered a price the council could afford.", "Say who would cook the meals and how you would check the food is good. A named partner and a sample menu would score higher."
			}
			if _, err := a.Evaluation.Moderate(ctx, moderator, b.ID, q.ID, evaluation.ModerateInput{Mark: &m, Rationale: "The evaluator's mark, checked against the answer.",
				Strengths: strengths, Improvements: improvements}); err != nil {
				return err
			}
		}
	}
	_, err := a.Evaluation.TakePrices(ctx, buyer, ev.OpportunityID)
	return err
}

// demoAward has the buyer propose the first-ranked bid, the admin (a second officer) approve,
// the buyer review every assessment summary and send them all: the bidders have their feedback
// and the standstill runs from today.
func demoAward(ctx context.Context, a *app.App, buyer, approver *auth.Principal, opportunityID string) error {
	if _, err := a.Evaluation.ProposeAward(ctx, buyer, opportunityID, evaluation.AwardProposalInput{}); err != nil {
		return err
	}
	if _, err := a.Evaluation.ApproveAward(ctx, approver, opportunityID); err != nil {
		return err
	}
	sums, err := a.Evaluation.GetSummaries(ctx, buyer, opportunityID)
	if err != nil {
		return err
	}
	for _, sum := range sums.Summaries {
		if _, err := a.Evaluation.ReviewSummary(ctx, buyer, opportunityID, sum.BidID, evaluation.AwardSummaryReviewInput{}); err != nil {
			return err
		}
	}
	_, err = a.Evaluation.SendSummaries(ctx, buyer, opportunityID)
	return err
}
