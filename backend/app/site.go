package app

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/config"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/platform/refdata"
)

// Authority is a local authority by ONS code and name.
type Authority struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type siteOutput struct {
	Body struct {
		ServiceName string      `json:"serviceName"`
		CouncilName string      `json:"councilName"`
		CouncilCode string      `json:"councilCode" doc:"ONS code of the council's local authority."`
		Neighbours  []Authority `json:"neighbours" nullable:"false" doc:"Boroughs bordering the council: their suppliers count as sub-regional."`
		FeedbackURL string      `json:"feedbackUrl"`
		// Pages that leave a supplier with a question the portal cannot answer (a refusal to
		// join a DPS) say where to write.
		ProcurementEmail string    `json:"procurementEmail" doc:"Where suppliers can write to the council's procurement team."`
		Rules            SiteRules `json:"opportunityRules" doc:"The council's publishing rules, so that forms can check them as buyers type (the server checks again)."`
	}
}

// SiteRules are the opportunity publishing rules from the configuration.
type SiteRules struct {
	MinDays                map[string]int `json:"minDays" doc:"Fewest days from publication to the submission deadline, by procedure."`
	SocialValueMinBP       int            `json:"socialValueMinBp" doc:"Social value weight (basis points, 10000 = 100%) needing no justification."`
	SocialValueFloorBP     int            `json:"socialValueFloorBp" doc:"Least social value weight allowed, with a written justification."`
	ReservedThresholdPence int64          `json:"reservedThresholdPence" doc:"Reserving participation, and a quick quote, are allowed only while the estimated value plus 20% VAT is below this: the threshold includes VAT, estimated values do not."`
}

// registerSite adds GET /api/v1/site: what the web app needs to show the council's name.
func registerSite(s *httpapi.Server, cfg config.Config) {
	out := &siteOutput{}
	out.Body.ServiceName = ServiceName
	out.Body.CouncilName = cfg.CouncilName
	out.Body.CouncilCode = cfg.CouncilCode
	out.Body.FeedbackURL = cfg.FeedbackURL
	out.Body.ProcurementEmail = cfg.ProcurementEmail
	r := opportunities.RulesFrom(cfg)
	out.Body.Rules = SiteRules{MinDays: r.MinDays, SocialValueMinBP: r.SocialValueMinBP, SocialValueFloorBP: r.SocialValueFloorBP,
		ReservedThresholdPence: r.ReservedThresholdPence}
	out.Body.Neighbours = []Authority{}
	for _, n := range refdata.Neighbours(cfg.CouncilCode) {
		out.Body.Neighbours = append(out.Body.Neighbours, Authority{Code: n.Code, Name: n.Name})
	}
	httpapi.Register(s, huma.Operation{OperationID: "getSite", Method: http.MethodGet, Path: "/api/v1/site", Tags: []string{"Site"},
		Summary: "The council running this portal"}, auth.Public,
		func(context.Context, *struct{}) (*siteOutput, error) { return out, nil })
}
