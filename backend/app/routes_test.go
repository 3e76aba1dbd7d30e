package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

const password = "orange kestrel ladder"

// policy is who may call each operation, written out by hand so that a change to an operation's
// declared access has to be made twice, deliberately. Public operations list "public".
var policy = map[string]string{
	"getSite":               "public",
	"register":              "public",
	"checkPassword":         "public",
	"verifyEmail":           "public",
	"login":                 "public",
	"refresh":               "public",
	"logout":                "public",
	"requestPasswordReset":  "public",
	"confirmPasswordReset":  "public",
	"acceptInvitation":      "public",
	"getMe":                 "anyone signed in, including unverified",
	"resendVerification":    "anyone signed in, including unverified",
	"inviteStaff":           "admin",
	"listAccounts":          "admin",
	"getAccount":            "admin",
	"deactivateAccount":     "admin",
	"reactivateAccount":     "admin",
	"changeAccountRole":     "admin",
	"endAccountSessions":    "admin",
	"changeMyName":          "anyone verified",
	"requestEmailChange":    "anyone signed in, including unverified",
	"confirmEmailChange":    "public",
	"changeMyPassword":      "anyone verified",
	"listMySessions":        "anyone verified",
	"endMySession":          "anyone verified",
	"endMyOtherSessions":    "anyone verified",
	"planMyAccountDeletion": "supplier",
	"deleteMyAccount":       "supplier",

	"completeTwoStepSignIn":       "public",
	"startTwoStepSetupAtSignIn":   "public",
	"confirmTwoStepSetupAtSignIn": "public",
	"getTwoStep":                  "anyone verified",
	"startTwoStepSetup":           "anyone verified",
	"confirmTwoStepSetup":         "anyone verified",
	"turnOffTwoStep":              "anyone verified",
	"replaceRecoveryCodes":        "anyone verified",
	"getTwoStepPolicy":            "admin",
	"setTwoStepPolicy":            "admin",
	"resetTwoStep":                "admin",

	"getSupplierProfile":          "supplier",
	"saveSupplierProfile":         "supplier",
	"getSupplierProfileDraft":     "supplier",
	"saveSupplierProfileDraft":    "supplier",
	"discardSupplierProfileDraft": "supplier",
	"saveSupplierDeclarations":    "supplier",
	"listSuppliers":               "buyer, evaluator, case_officer, admin",
	"exportSuppliers":             "buyer, evaluator, case_officer, admin",
	"getSupplier":                 "buyer, evaluator, case_officer, admin",
	"searchCPV":                   "public",
	"listLocalAuthorities":        "public",
	"lookupPostcode":              "public",
	"listMembers":                 "supplier",
	"inviteMember":                "supplier",
	"changeMemberRole":            "supplier",
	"removeMember":                "supplier",
	"acceptMemberInvitation":      "public",
	"getBankDetails":              "supplier",
	"requestBankChange":           "supplier",
	"reportBankChangeNotUs":       "supplier",
	"listBankChanges":             "buyer, admin",
	"recordBankCallback":          "buyer, admin",
	"approveBankChange":           "buyer, admin",
	"rejectBankChange":            "buyer, admin",
	"addInsurance":                "supplier",
	"listInsurances":              "supplier",
	"deleteInsurance":             "supplier",
	"downloadInsurance":           "supplier, buyer, evaluator, case_officer, admin",
	"listSupplierInsurances":      "buyer, evaluator, case_officer, admin",
	"lookUpMemberInvitation":      "public",
	"cancelMemberInvitation":      "supplier",
	"resendMemberInvitation":      "supplier",

	"searchOpportunities":         "public",
	"createOpportunity":           "buyer, admin",
	"getOpportunity":              "public",
	"updateOpportunity":           "buyer, admin",
	"publishOpportunity":          "buyer, admin",
	"amendOpportunity":            "buyer, admin",
	"cancelOpportunity":           "buyer, admin",
	"addOpportunityDocument":      "buyer, admin",
	"downloadOpportunityDocument": "public",
	"removeOpportunityDocument":   "buyer, admin",
	"listBuyerOpportunities":      "buyer, admin",
	"listPipeline":                "public",
	"createPlannedProcurement":    "buyer, admin",
	"updatePlannedProcurement":    "buyer, admin",

	"listAlerts":                  "supplier",
	"createAlert":                 "supplier",
	"getAlert":                    "supplier",
	"updateAlert":                 "supplier",
	"deleteAlert":                 "supplier",
	"listNotifications":           "anyone verified",
	"countUnreadNotifications":    "anyone verified",
	"markNotificationRead":        "anyone verified",
	"markAllNotificationsRead":    "anyone verified",
	"getInterest":                 "supplier",
	"registerInterest":            "supplier",
	"listInterested":              "buyer, admin",
	"listAlertOpenMatches":        "supplier",
	"pauseAlert":                  "supplier",
	"resumeAlert":                 "supplier",
	"createProfileAlert":          "supplier",
	"listSupplierDPSApplications": "buyer, admin",
	"withdrawInterest":            "supplier",
	"listMyInterests":             "supplier",
	"describeUnsubscribe":         "public",
	"unsubscribe":                 "public",
	"opportunitiesFeed":           "public",
	"opportunityCalendar":         "public",

	"listDPS":                   "public",
	"createDPS":                 "buyer, admin",
	"getDPS":                    "public",
	"updateDPS":                 "buyer, admin",
	"publishDPS":                "buyer, admin",
	"applyToDPS":                "supplier",
	"listMyDPSApplications":     "supplier",
	"getDPSApplication":         "supplier, buyer, admin",
	"saveDPSApplication":        "supplier",
	"submitDPSApplication":      "supplier",
	"withdrawDPSApplication":    "supplier",
	"uploadDPSAnswerDocument":   "supplier",
	"downloadDPSAnswerDocument": "supplier, buyer, admin",
	"listDPSQueue":              "buyer, admin",
	"extendDPSDecision":         "buyer, admin",
	"decideDPSApplication":      "buyer, admin",
	"changeDPSMembership":       "buyer, admin",
	"linkDPSCall":               "buyer, admin",
	"getDPSCall":                "public",

	"listOpportunityQuestions": "public",
	"getResponseForm":          "public",
	"saveResponseForm":         "buyer, admin",
	"getOpeningPanel":          "buyer, admin",
	"saveOpeningPanel":         "buyer, admin",
	"startBid":                 "supplier",
	"getBid":                   "supplier, buyer, evaluator, admin",
	"updateBid":                "supplier",
	"deleteBidDocument":        "supplier",
	"downloadBidDocument":      "supplier, buyer, evaluator, admin",
	"submitBid":                "supplier",
	"withdrawBid":              "supplier",
	"confirmBidStands":         "supplier",
	"getBidReceipt":            "supplier",
	"listMyBids":               "supplier",
	"getOpening":               "public",
	"confirmOpening":           "buyer, evaluator, admin",
	"confirmPriceOpening":      "buyer, evaluator, admin",
	"listOpportunityBids":      "buyer, evaluator, admin",

	"getEvaluationMethod":  "public",
	"setEvaluationMethod":  "buyer, admin",
	"getEvaluation":        "buyer, evaluator, admin",
	"setEvaluationPanel":   "buyer, admin",
	"declareInterests":     "buyer, evaluator, admin",
	"mitigateConflict":     "buyer, admin",
	"startEvaluation":      "buyer, admin",
	"getMarks":             "buyer, evaluator, admin",
	"saveMarks":            "buyer, evaluator, admin",
	"submitMarks":          "buyer, evaluator, admin",
	"getModeration":        "buyer, evaluator, admin",
	"moderateMark":         "buyer, evaluator, admin",
	"getEvaluationResults": "buyer, evaluator, admin",
	"takePrices":           "buyer, evaluator, admin",
	"reviewPrice":          "buyer, admin",
	"getEvaluationRecord":  "buyer, admin",

	"getAward":                "buyer, admin",
	"proposeAward":            "buyer, admin",
	"approveAward":            "buyer, admin",
	"listAssessmentSummaries": "buyer, admin",
	"reviewAssessmentSummary": "buyer, admin",
	"sendAssessmentSummaries": "buyer, admin",
	"pauseStandstill":         "buyer, admin",
	"resumeStandstill":        "buyer, admin",
	"enterContract":           "buyer, admin",
	"terminateProcurement":    "buyer, admin",
	"getBidOutcome":           "supplier",
	"askFeedbackQuestion":     "supplier",
	"answerFeedbackQuestion":  "buyer, admin",

	"askQuestion":                   "supplier",
	"listMyQuestions":               "supplier",
	"listDPSQuestions":              "public",
	"askDPSQuestion":                "supplier",
	"listClarificationQueue":        "buyer, admin",
	"getQuestion":                   "buyer, admin",
	"answerQuestion":                "buyer, admin",
	"declineQuestion":               "buyer, admin",
	"mergeQuestion":                 "buyer, admin",
	"publishClarification":          "buyer, admin",
	"getLateAnswers":                "buyer, admin",
	"decideLateAnswers":             "buyer, admin",
	"uploadClarificationDocument":   "buyer, admin",
	"downloadClarificationDocument": "public",
}

func expectedAllowed(rule string, a actor) bool {
	switch rule {
	case "public":
		return true
	case "anyone signed in, including unverified":
		return a.principal != nil
	case "anyone verified":
		return a.principal != nil && a.principal.EmailVerified
	}
	for _, r := range strings.Split(rule, ",") {
		if a.principal != nil && a.principal.EmailVerified && string(a.principal.Role) == strings.TrimSpace(r) {
			return true
		}
	}
	return false
}

type actor struct {
	name      string
	principal *auth.Principal // nil for anonymous
	email     string
}

// TestEveryRouteAgainstEveryRole calls every API operation as every kind of person and checks
// that exactly those the operation declares get past the door. It also fails when an operation
// was added without declaring who may call it.
func TestEveryRouteAgainstEveryRole(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	actors := []actor{{name: "anonymous"}}
	for _, r := range auth.StaffRoles() {
		email := string(r) + "@council.example"
		p.CreateStaff(t, accounts.CreateUserInput{Email: email, Name: "Staff " + string(r), Role: string(r), Password: password})
		actors = append(actors, actor{name: string(r), email: email, principal: &auth.Principal{Role: r, EmailVerified: true}})
	}
	for _, s := range []struct {
		email    string
		verified bool
	}{{"supplier@example.org", true}, {"unverified@example.org", false}} {
		if err := p.App.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: "Org " + s.email, LegalForm: "sole_trader",
			Name: "Supplier", Email: s.email, Password: password}); err != nil {
			t.Fatal(err)
		}
		if !s.verified {
			p.App.DB.Gorm.Exec("UPDATE users SET email_verified_at = NULL WHERE email = ?", s.email)
		}
		name := "supplier"
		if !s.verified {
			name = "unverified supplier"
		}
		actors = append(actors, actor{name: name, email: s.email, principal: &auth.Principal{Role: auth.RoleSupplier, EmailVerified: s.verified}})
	}

	routes := p.App.Server.Routes.All()
	checkEveryOperationDeclared(t, p, len(routes))
	sessions := map[string]*apptest.Client{}
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, rt := range routes {
		rule, ok := policy[rt.OperationID]
		if !ok {
			t.Errorf("operation %s is not in the policy table of this test: add who may call it", rt.OperationID)
			continue
		}
		if (rule == "public") != rt.Access.Public {
			t.Errorf("%s: policy says %q but the operation declares %q", rt.OperationID, rule, rt.Access.Describe())
		}
		for _, a := range actors {
			t.Run(rt.OperationID+" as "+a.name, func(t *testing.T) {
				// Signing in is slow by design (argon2id), so each person signs in once and only
				// operations that end the session get a session of their own.
				c := sessions[a.name]
				if c != nil {
					c = c.For(t)
				}
				if c == nil || rt.OperationID == "logout" {
					c = p.Client(t)
					if a.principal != nil {
						login := c.SignIn(a.email, password)
						if login.Status != 200 {
							t.Fatalf("sign in as %s: %d %s", a.name, login.Status, login.Body)
						}
					}
					if rt.OperationID != "logout" {
						sessions[a.name] = c
					}
				}
				path := param.ReplaceAllString(rt.Path, "00000000-0000-0000-0000-000000000000")
				var body any
				if rt.Method != http.MethodGet {
					body = map[string]any{}
				}
				r := c.Do(rt.Method, path, body)
				if r.Status >= 500 {
					t.Fatalf("%s %s as %s: %d %s", rt.Method, path, a.name, r.Status, r.Body)
				}
				denied := r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden
				switch {
				case rt.Access.Public:
					if r.Status == http.StatusForbidden {
						t.Fatalf("public operation refused %s: %s", a.name, r.Body)
					}
				case rt.Access.Allows(a.principal) != expectedAllowed(rule, a):
					t.Fatalf("%s: declared access (%s) and policy (%s) disagree for %s", rt.OperationID, rt.Access.Describe(), rule, a.name)
				case rt.Access.Allows(a.principal) && denied:
					t.Fatalf("%s may call %s (%s) but got %d: %s", a.name, rt.OperationID, rt.Access.Describe(), r.Status, r.Body)
				case !rt.Access.Allows(a.principal) && !denied:
					t.Fatalf("%s may not call %s (%s) but got %d: %s", a.name, rt.OperationID, rt.Access.Describe(), r.Status, r.Body)
				}
			})
		}
	}
}

// checkEveryOperationDeclared compares the OpenAPI document with the routes registered through
// httpapi.Register: an operation added with huma.Register directly has no access rule.
func checkEveryOperationDeclared(t *testing.T, p *apptest.Portal, registered int) {
	t.Helper()
	n := 0
	for path, item := range p.App.Server.API.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
			if op == nil {
				continue
			}
			n++
			if _, ok := op.Extensions[httpapi.AccessExtension]; !ok {
				t.Errorf("%s %s has no declared access: register it with httpapi.Register", op.Method, path)
			}
		}
	}
	if n != registered {
		t.Errorf("OpenAPI has %d operations but %d were registered with an access rule", n, registered)
	}
	if n < 10 {
		t.Errorf("only %d operations found", n)
	}
}
