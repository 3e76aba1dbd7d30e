package main

import (
	"bytes"
	"time"

	"context"
	"errors"
	"fmt"
	"github.com/fairtender/fairtender/backend/bids"
	"github.com/fairtender/fairtender/backend/dps"
	"github.com/fairtender/fairtender/backend/opportunities"
	"io"
	"strings"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/clarifications"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/platform/workdays"
	"github.com/fairtender/fairtender/backend/suppliers"
)

// demoPassword is shared by every demo account; it is printed, so it is for demos only.
const demoPassword = "demo-portal-password-2026"

// demoTwoStepSecret is the authenticator app key (base32) of every demo officer whose role must
// use two-step verification; it is printed, so it is for demos only.
const demoTwoStepSecret = "DEMOFAIRTENDERTOTPKEY234567ABCDE"

// loadDemo creates demo accounts once (running it again changes nothing) and prints how to sign in.
func loadDemo(ctx context.Context, a *app.App, clock *demoClock, out io.Writer) error {
	staff := []accounts.CreateUserInput{
		{Email: "buyer@demo.fairtender.localhost", Name: "Bola Buyer", Role: "buyer"},
		{Email: "evaluator@demo.fairtender.localhost", Name: "Eve Evaluator", Role: "evaluator"},
		{Email: "caseofficer@demo.fairtender.localhost", Name: "Cas Officer", Role: "case_officer"},
		{Email: "admin@demo.fairtender.localhost", Name: "Ade Admin", Role: "admin"},
	}
	for _, s := range staff {
		s.Password = demoPassword
		if _, err := a.Accounts.CreateUser(ctx, s); err != nil && !alreadyExists(err) {
			return fmt.Errorf("demo: %s: %w", s.Email, err)
		}
	}
	twoStep := map[string]bool{}
	for _, s := range staff {
		required, err := a.Accounts.RoleRequiresTwoStep(ctx, auth.Role(s.Role))
		if err != nil {
			return err
		}
		// The evaluator sits on the demo's opening panel, and opening bids takes a two-step code.
		if required || s.Role == "evaluator" {
			if err := a.Accounts.SetUpDemoTwoStep(ctx, s.Email, demoTwoStepSecret); err != nil {
				return fmt.Errorf("demo: %s: %w", s.Email, err)
			}
			twoStep[s.Email] = true
		}
	}
	supplier := demoOrganisations[0].email

	if err := demoSuppliers(ctx, a); err != nil {
		return fmt.Errorf("demo: supplier profiles: %w", err)
	}
	created, err := demoOpportunities(ctx, a, staff[0].Email, []string{staff[1].Email, staff[3].Email})
	if err != nil {
		return fmt.Errorf("demo: opportunities: %w", err)
	}
	if created {
		if err := demoEvaluations(ctx, a, clock, demoStaff{buyer: staff[0].Email, evaluator: staff[1].Email, admin: staff[3].Email}); err != nil {
			return fmt.Errorf("demo: evaluations: %w", err)
		}
	}
	if err := demoDPS(ctx, a, staff[0].Email); err != nil {
		return fmt.Errorf("demo: DPS: %w", err)
	}
	if err := demoQuestions(ctx, a, staff[0].Email); err != nil {
		return fmt.Errorf("demo: questions: %w", err)
	}

	cfg := a.Config
	fmt.Fprintf(out, "\nDemo council: %s (%s)\n", cfg.CouncilName, cfg.CouncilCode)
	fmt.Fprint(out, "Bordering boroughs (their suppliers count as sub-regional):")
	for i, n := range refdata.Neighbours(cfg.CouncilCode) {
		sep := ", "
		if i == 0 {
			sep = " "
		}
		fmt.Fprint(out, sep+n.Name)
	}
	fmt.Fprintf(out, "\n\nDemo sign-ins at %s/sign-in (password for all: %s)\n", cfg.BaseURL, demoPassword)
	for _, s := range staff {
		note := ""
		if twoStep[s.Email] {
			note = "  (asks for a two-step code)"
		}
		fmt.Fprintf(out, "  %-13s %s%s\n", s.Role, s.Email, note)
	}
	fmt.Fprintf(out, "  %-13s %s\n", "supplier", supplier)
	if len(twoStep) > 0 {
		fmt.Fprintf(out, "\nFor the two-step code, add this key to an authenticator app (time-based, 6 digits, 30 seconds):\n  %s\n",
			strings.Join(accounts.KeyGroups(demoTwoStepSecret), " "))
		fmt.Fprint(out, "or type the code it shows now from the command line: oathtool --totp -b "+demoTwoStepSecret+"\n")
	}
	fmt.Fprintf(out, "\n%d supplier organisations have complete profiles, so buyers have a list to filter and export.\n", len(demoOrganisations))
	fmt.Fprintf(out, "%d opportunities are published and 1 is planned; each supplier has an alert from its profile, so the matches are in its inbox.\n", len(demoOpenings))
	fmt.Fprint(out, "A dynamic purchasing system for facilities services is open to applications at /dps.\n")
	fmt.Fprint(out, "The library cleaning opportunity has a question answered to everyone; one about school meals waits in the buyers' queue.\n")
	fmt.Fprint(out, "The library cleaning opportunity takes sealed bids in the portal; the evaluator and the admin open them together after the deadline.\n")
	fmt.Fprintf(out, "%q closed for bids weeks ago and is being evaluated: the evaluator has one bid of two still to mark.\n", demoPast[0].title)
	fmt.Fprintf(out, "%q is awarded to %s: every bidder has their feedback, and the standstill runs from today.\n\n", demoPast[1].title, demoOrganisations[0].org)
	if cfg.SMTPURL == "" {
		fmt.Fprintf(out, "Emails are written to %s\n\n", cfg.OutboxDir())
	}
	return nil
}

func alreadyExists(err error) bool {
	var fields apperr.Fields
	if errors.As(err, &fields) {
		for _, f := range fields {
			if f.Field == "email" && f.Message == "There is already an account with this email address" {
				return true
			}
		}
	}
	var e *apperr.Error
	return errors.As(err, &e) && e.Field == "email" && e.Code == apperr.Invalid
}

// demoOrganisation is a supplier with a complete profile, so buyers have a list to look at.
type demoOrganisation struct {
	email, org, form, number, la, postcode, description string
	staff                                               int
	turnover                                            int64
	cpv                                                 []string
}

var demoOrganisations = []demoOrganisation{
	{"supplier@demo.fairtender.localhost", "Angel Community Kitchen CIC", "community_interest_company", "11223344", "E09000019", "N1 9GU",
		"A community kitchen that cooks fresh school and care-home meals and trains local young people as chefs.", 14, 45_000_000, []string{"55520000-1", "80530000-8"}},
	{"builder@demo.fairtender.localhost", "Holloway Repairs Ltd", "private_limited_company", "09876543", "E09000019", "N7 6PA",
		"Repairs and planned maintenance for council homes and schools.", 6, 90_000_000, []string{"50700000-2", "45453000-7", "45261000-4"}},
	{"cleaners@demo.fairtender.localhost", "Camden Green Cleaning Co-operative", "cooperative_or_community_benefit_society", "", "E09000007", "NW1 8NP",
		"A worker-owned cleaning co-operative using eco-friendly products.", 38, 180_000_000, []string{"90910000-9"}},
	{"digital@demo.fairtender.localhost", "Northern Digital Ltd", "private_limited_company", "12345678", "E08000003", "M1 1AE",
		"Accessible websites and digital services for the public sector.", 120, 1_500_000_000, []string{"72000000-5"}},
}

func demoSuppliers(ctx context.Context, a *app.App) error {
	for _, d := range demoOrganisations {
		if err := a.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: d.org, LegalForm: d.form, Name: "Owner of " + d.org,
			Email: d.email, Password: demoPassword}); err != nil {
			return err
		}
		user, err := a.Accounts.UserIDByEmail(ctx, d.email)
		if err != nil {
			return err
		}
		orgs, err := a.Directory.OrganisationsOf(a.DB.Gorm.WithContext(ctx), user)
		if err != nil || len(orgs) == 0 {
			return fmt.Errorf("%s: no organisation: %w", d.org, err)
		}
		org := orgs[0]
		p := &auth.Principal{UserID: user, Role: auth.RoleSupplier, EmailVerified: true}
		v, err := a.Suppliers.GetProfile(ctx, p, org)
		if err != nil {
			return err
		}
		if v.Version > 0 {
			continue
		}
		in := suppliers.ProfileInput{LegalForm: d.form, LegalName: d.org, CompaniesHouseNumber: d.number, AddressLine1: "1 High Street", Town: "London",
			Postcode: d.postcode, LocalAuthorityCode: d.la, StaffCount: d.staff, TurnoverPence: d.turnover, Description: d.description,
			CPVCodes: d.cpv, Accreditations: []string{"Cyber Essentials"},
			Contacts: []suppliers.ContactInput{{Name: "Owner of " + d.org, JobTitle: "Director", Email: d.email, Phone: "020 7527 2000"}}}
		if d.form == "cooperative_or_community_benefit_society" {
			in.FCANumber = "31234R"
		}
		if _, err := a.Suppliers.SaveProfile(ctx, p, org, 0, in); err != nil {
			return fmt.Errorf("%s: %w", d.org, err)
		}
		var answers []suppliers.DeclarationInput
		for _, st := range suppliers.Standards {
			ans := suppliers.AnswerYes
			if st.NotApplicableAllowed {
				ans = suppliers.AnswerNotApplicable
			}
			answers = append(answers, suppliers.DeclarationInput{Standard: st.Key, Answer: ans})
		}
		if _, err := a.Suppliers.SaveDeclarations(ctx, p, org, answers); err != nil {
			return err
		}
	}
	return nil
}

// demoOpening is a published opportunity for the demo, matching one of the demo suppliers.
type demoOpening struct {
	title, summary, procedure, cpv string
	valuePence                     int64
	days                           int
}

var demoOpenings = []demoOpening{
	{"Cleaning of three libraries", "Daily cleaning of Central, North and West libraries, using products that are kind to the environment.", "open_tender", "90910000-9", 12_000_000, 30},
	{"Fresh school meals for four primary schools", "Cooking fresh, healthy lunches for about 900 children a day, with local ingredients where possible.", "open_tender", "55520000-1", 18_000_000, 40},
	{"Roof repairs at Holloway primary schools", "Flat roof repairs at three primary schools, done during the summer holidays.", "quick_quote", "45261000-4", 4_500_000, 14},
	{"An accessible website for the libraries", "A new website for the libraries that everyone can use, including on a phone and with a screen reader.", "quick_quote", "72000000-5", 3_000_000, 12},
}

// deadlines are the opening's deadlines when the demo is loaded at now: questions close a week
// before bids, each at midday London time on a working day (moved forward past weekends and bank
// holidays), so the demo never asks suppliers to bid on Christmas Day or New Year's Day, and
// moving forward keeps at least the days the procedure's minimum needs.
func (d demoOpening) deadlines(now time.Time) (clar, sub time.Time) {
	cal := workdays.Default()
	midday := func(days int) time.Time {
		y, m, day := now.In(format.London).AddDate(0, 0, days).Date()
		t := time.Date(y, m, day, 12, 0, 0, 0, format.London)
		if !cal.IsWorkingDay(t) {
			t = cal.AddWorkingDays(t, 1)
		}
		return t
	}
	return midday(d.days - 7), midday(d.days)
}

// demoOpportunities publishes a few opportunities and plans one, once. The first takes bids in
// the portal: it has a response form and an opening panel of the officers named by panel.
func demoOpportunities(ctx context.Context, a *app.App, buyerEmail string, panel []string) (created bool, err error) {
	buyer, err := a.Accounts.UserIDByEmail(ctx, buyerEmail)
	if err != nil {
		return false, err
	}
	p := &auth.Principal{UserID: buyer, Role: auth.RoleBuyer, EmailVerified: true}
	if have, err := a.Opportunities.ListForBuyers(ctx, p, opportunities.BuyerFilter{}, 1, 1); err != nil || have.Total > 0 {
		return false, err
	}
	now := time.Now()
	for i, d := range demoOpenings {
		clar, sub := d.deadlines(now)
		in := opportunities.OpportunityInput{Title: d.title, Summary: d.summary, Description: d.summary + " The contract starts in the spring.",
			Procedure: d.procedure, CPVCodes: []string{d.cpv}, EstimatedValuePence: d.valuePence, ContractMonths: 24, PlaceOfDelivery: a.Config.CouncilCode,
			SuitableForSMEs: true, SuitableForVCSEs: true, Reserved: "none", ContactEmail: buyerEmail,
			ClarificationDeadline: clar.UTC().Format(time.RFC3339),
			SubmissionDeadline:    sub.UTC().Format(time.RFC3339),
			ExpectedAwardOn:       sub.AddDate(0, 0, 30).In(format.London).Format("2006-01-02"),
			Criteria: []opportunities.OpportunityCriterionInput{{Name: "Price", Kind: "price", WeightBP: 4000},
				{Name: "Quality", Kind: "quality", WeightBP: 4000}, {Name: "Social value", Kind: "social_value", WeightBP: 2000}}}
		v, err := a.Opportunities.CreateDraft(ctx, p, in)
		if err != nil {
			return false, fmt.Errorf("%s: %w", d.title, err)
		}
		spec := demoPDF(d.title, "Specification", d.summary, "Bids by "+format.DateTime(sub)+". Questions by "+format.DateTime(clar)+".")
		if _, err := a.Opportunities.AddDocument(ctx, p, v.ID, opportunities.DocumentInput{}, blobstore.Upload{Filename: "specification.pdf",
			ContentType: "application/pdf", Body: bytes.NewReader(spec), Length: int64(len(spec))}); err != nil {
			return false, fmt.Errorf("%s: specification: %w", d.title, err)
		}
		if i == 0 {
			if err := demoResponseForm(ctx, a, p, v.ID, panel); err != nil {
				return false, fmt.Errorf("%s: %w", d.title, err)
			}
		}
		if _, err := a.Opportunities.Publish(ctx, p, v.ID); err != nil {
			return false, fmt.Errorf("%s: %w", d.title, err)
		}
	}
	next := now.AddDate(0, 4, 0)
	_, err = a.Opportunities.CreatePlan(ctx, p, opportunities.PlannedProcurementInput{Title: "Grounds maintenance for parks",
		Summary: "Grass cutting, planting and litter picking in the borough's parks, from next year.", ExpectedQuarter: fmt.Sprintf("%d-Q%d", next.Year(), (int(next.Month())+2)/3),
		EstimatedValuePence: 40_000_000, CPVCodes: []string{"77310000-6"}, ContactEmail: buyerEmail, Procedure: "open_tender", SuitableForSMEs: true, SuitableForVCSEs: true})
	return err == nil, err
}

// demoPDF writes a one-page PDF of a title and lines of text (PDF 1.4, Helvetica, no
// dependencies), so that every demo opportunity has a specification a supplier can open.
func demoPDF(title string, lines ...string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "’", "'", "£", "GBP ")
	var text strings.Builder
	text.WriteString("BT /F1 18 Tf 72 770 Td (" + esc.Replace(title) + ") Tj /F1 11 Tf")
	for _, l := range lines {
		for len(l) > 0 {
			n := min(len(l), 90)
			if n < len(l) {
				if i := strings.LastIndex(l[:n], " "); i > 0 {
					n = i
				}
			}
			text.WriteString(" 0 -18 Td (" + esc.Replace(strings.TrimSpace(l[:n])) + ") Tj")
			l = strings.TrimSpace(l[n:])
		}
	}
	text.WriteString(" ET")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", text.Len(), text.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// demoResponseForm gives a draft the questions a bid answers and its opening panel.
func demoResponseForm(ctx context.Context, a *app.App, p *auth.Principal, opportunityID string, panel []string) error {
	_, err := a.Bids.PutForm(ctx, p, opportunityID, 0, bids.BidFormInput{Questions: []bids.BidFormQuestionInput{
		{Kind: bids.KindPassFail, Title: "Do you pay all staff at least the London Living Wage?", Required: true, RequiredAnswer: "yes"},
		{Kind: bids.KindText, Title: "How will you clean the libraries while they are open?", Guidance: "Say how you keep noise and closed areas to a minimum.",
			Required: true, WordLimit: 500, Criterion: "Quality", WeightShareBp: 10000},
		{Kind: bids.KindDocument, Title: "Your method statement", Required: true, DocumentTypes: []string{"pdf", "docx"}, MaxFiles: 2},
		{Kind: bids.KindPrice, Title: "Your price for the whole contract", Required: true, PriceMode: "per_lot", Criterion: "Price", WeightShareBp: 10000},
		{Kind: bids.KindSocialValue, Title: "What will you do for the borough?", Guidance: "For example, jobs for local people or apprenticeships.",
			Required: true, WordLimit: 300, Criterion: "Social value", WeightShareBp: 10000},
	}})
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(panel))
	for _, email := range panel {
		id, err := a.Accounts.UserIDByEmail(ctx, email)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	_, err = a.Bids.PutPanel(ctx, p, opportunityID, bids.PanelInput{UserIDs: ids})
	return err
}

// demoDPS publishes a dynamic purchasing system suppliers can apply to, once.
func demoDPS(ctx context.Context, a *app.App, buyerEmail string) error {
	buyer, err := a.Accounts.UserIDByEmail(ctx, buyerEmail)
	if err != nil {
		return err
	}
	p := &auth.Principal{UserID: buyer, Role: auth.RoleBuyer, EmailVerified: true}
	if have, err := a.DPS.List(ctx, p); err != nil || len(have) > 0 {
		return err
	}
	today := time.Now()
	v, err := a.DPS.Create(ctx, p, dps.DPSInput{Title: "Facilities services for council buildings",
		Description: "Cleaning, window cleaning and grounds maintenance for libraries, community centres and offices. Join at any time while it runs; every job in your categories comes to you.",
		Regime:      dps.RegimePCR2015, StartsOn: today.AddDate(0, 0, -1).Format("2006-01-02"), EndsOn: today.AddDate(4, 0, 0).Format("2006-01-02"),
		Categories: []dps.CategoryInput{{Name: "Cleaning", CPVCodes: []string{"90910000-9"}}, {Name: "Grounds maintenance", CPVCodes: []string{"77310000-6"}}},
		Questions: []dps.QuestionInput{{Kind: "yes_no", Text: "Do you pay all your staff at least the London Living Wage?"},
			{Kind: "text", Text: "Tell us about a similar job you have done in the last three years.", Hint: "Who it was for, what you did and how long it lasted."},
			{Kind: "text", Text: "Your public liability insurance", ProfileField: "insurance:public_liability"},
			{Kind: "document", Text: "Your health and safety policy", Hint: "Upload it as a PDF or Word document. A page or two is plenty for a small business."}}})
	if err != nil {
		return err
	}
	_, err = a.DPS.Publish(ctx, p, v.ID)
	return err
}

// demoQuestions asks two questions as demo suppliers and answers one to everyone, once: the
// answer shows on the opportunity's page without the asker, the other waits in the buyers' queue.
func demoQuestions(ctx context.Context, a *app.App, buyerEmail string) error {
	buyer, err := demoPrincipal(ctx, a, buyerEmail, auth.RoleBuyer)
	if err != nil {
		return err
	}
	if q, err := a.Clarifications.Queue(ctx, buyer, "", "", false); err != nil || len(q) > 0 {
		return err
	}
	opps, err := a.Opportunities.ListForBuyers(ctx, buyer, opportunities.BuyerFilter{Status: "open"}, 1, 50)
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, o := range opps.Items {
		ids[o.Title] = o.ID
	}
	cleaners, err := demoPrincipal(ctx, a, demoOrganisations[2].email, auth.RoleSupplier)
	if err != nil {
		return err
	}
	q, err := a.Clarifications.Ask(ctx, cleaners, ids[demoOpenings[0].title], clarifications.AskInput{Subject: "Staff already working at the libraries",
		Question: "We are Camden Green Cleaning and we already clean Central library for its landlord. Would TUPE apply to our staff there?"})
	if err != nil {
		return err
	}
	if _, err := a.Clarifications.Answer(ctx, buyer, q.ID, clarifications.AnswerQuestionInput{Visibility: clarifications.Everyone,
		Question: "A supplier already cleans one of the libraries for its landlord. Would TUPE apply to those staff?",
		Answer:   "TUPE may apply to staff who spend most of their time on this work. The current staff list is in the tender documents, appendix C."}); err != nil {
		return err
	}
	kitchen, err := demoPrincipal(ctx, a, demoOrganisations[0].email, auth.RoleSupplier)
	if err != nil {
		return err
	}
	_, err = a.Clarifications.Ask(ctx, kitchen, ids[demoOpenings[1].title], clarifications.AskInput{Subject: "Kitchens at the schools",
		Question: "Do all four schools have a working kitchen, or would some meals need to be cooked elsewhere and delivered?"})
	return err
}

// demoPrincipal is the signed-in person with email, as the demo acts for them.
func demoPrincipal(ctx context.Context, a *app.App, email string, role auth.Role) (*auth.Principal, error) {
	id, err := a.Accounts.UserIDByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	return &auth.Principal{UserID: id, Role: role, EmailVerified: true}, nil
}
