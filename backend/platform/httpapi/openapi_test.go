package httpapi_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/dps"
	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"github.com/fairtender/fairtender/backend/suppliers"
)

type oaSchema struct {
	Type        any                  `json:"type"`
	Enum        []string             `json:"enum"`
	Description string               `json:"description"`
	Properties  map[string]*oaSchema `json:"properties"`
	Ref         string               `json:"$ref"`
}

type oaOperation struct {
	OperationID string                            `json:"operationId"`
	Tags        []string                          `json:"tags"`
	Access      string                            `json:"x-fairtender-access"`
	Security    *[]map[string]any                 `json:"security"`
	RequestBody *struct{ Content map[string]any } `json:"requestBody"`
	Responses   map[string]struct {
		Content map[string]any `json:"content"`
	} `json:"responses"`
}

type oaDocument struct {
	Servers    []struct{ URL string }               `json:"servers"`
	Tags       []struct{ Name, Description string } `json:"tags"`
	Paths      map[string]map[string]*oaOperation   `json:"paths"`
	Components struct {
		Schemas map[string]*oaSchema `json:"schemas"`
	} `json:"components"`
}

// TestOpenAPIDocumentDescribesTheAPI walks the served document and checks what a generated client
// or a reader relies on.
func TestOpenAPIDocumentDescribesTheAPI(t *testing.T) {
	p := apptest.Start(t, apptest.Options{})
	resp, body := send(t, "GET", p.URL+"/api/v1/openapi.json", nil, nil)
	wantStatus(t, resp.StatusCode, http.StatusOK, body)
	var doc oaDocument
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}

	if len(doc.Servers) != 1 || doc.Servers[0].URL != p.URL {
		t.Errorf("servers = %+v, want one with the base URL %s", doc.Servers, p.URL)
	}
	described := map[string]bool{}
	for _, tag := range doc.Tags {
		described[tag.Name] = tag.Description != ""
	}
	uploads := []string{suppliers.InsuranceUploadPrefix, opportunities.DocumentUploadPrefix, dps.AnswerUploadPrefix}
	for path, item := range doc.Paths {
		for method, op := range item {
			name := strings.ToUpper(method) + " " + path
			for _, tag := range op.Tags {
				if !described[tag] {
					t.Errorf("%s: tag %q is not among the document's tags with a description", name, tag)
				}
			}
			switch {
			case op.Security == nil:
				t.Errorf("%s states no security: public operations need security [], others the schemes", name)
			case op.Access == "public" && len(*op.Security) != 0:
				t.Errorf("%s is public but has security %v, want []", name, *op.Security)
			case op.Access != "public" && len(*op.Security) == 0:
				t.Errorf("%s needs signing in (%s) but has security []", name, op.Access)
			}
			upload := (method == "post" || method == "put") && slices.ContainsFunc(uploads, func(u string) bool { return strings.HasPrefix(path, u) })
			if upload && (op.RequestBody == nil || len(op.RequestBody.Content) == 0) {
				t.Errorf("%s takes a file but declares no request body", name)
			}
			for status, r := range op.Responses {
				if status == "200" && len(r.Content) == 0 {
					t.Errorf("%s: answer %s declares no content type", name, status)
				}
			}
		}
	}
	if ops := doc.Paths["/api/v1/suppliers/export.csv"]["get"]; ops == nil || ops.Responses["200"].Content["text/csv"] == nil {
		t.Errorf("the supplier export does not declare text/csv")
	}

	var forms []string
	for _, f := range accounts.LegalForms {
		forms = append(forms, f.Value)
	}
	for name, s := range doc.Components.Schemas {
		for prop, ps := range s.Properties {
			switch {
			// A draft may not have been answered yet: its enum may also allow "".
			case prop == "legalForm" && !slices.Equal(ps.Enum, forms) && !slices.Equal(ps.Enum, append([]string{""}, forms...)):
				t.Errorf("%s.legalForm: enum %v, want accounts.LegalForms %v", name, ps.Enum, forms)
			case prop == "status" && ps.Type == "string" && len(ps.Enum) == 0:
				t.Errorf("%s.status is a string without enum", name)
			case strings.HasPrefix(ps.Description, "One of") && len(ps.Enum) == 0:
				t.Errorf("%s.%s lists its values in its description (%q) but has no enum", name, prop, ps.Description)
			}
		}
	}
	if !strings.Contains(string(body), httpapi.AccessExtension) {
		t.Errorf("the document lacks %s", httpapi.AccessExtension)
	}
}
