package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// demoPassword is shared by every demo account; it is printed, so it is for demos only.
const demoPassword = "demo-portal-password-2026"

// loadDemo creates demo accounts once (running it again changes nothing) and prints how to sign in.
func loadDemo(ctx context.Context, a *app.App, out io.Writer) error {
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
	supplier := "supplier@demo.fairtender.localhost"
	if err := a.Accounts.CreateDemoSupplier(ctx, accounts.RegisterInput{OrganisationName: "Angel Community Kitchen CIC",
		LegalForm: "community_interest_company", Name: "Sam Supplier", Email: supplier, Password: demoPassword}); err != nil {
		return fmt.Errorf("demo: supplier: %w", err)
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
		fmt.Fprintf(out, "  %-13s %s\n", s.Role, s.Email)
	}
	fmt.Fprintf(out, "  %-13s %s\n\n", "supplier", supplier)
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
