package mailer_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fairtender/fairtender/backend/platform/mailer"
	"github.com/fairtender/fairtender/emails"
)

var common = map[string]any{
	"CouncilName": "Islington Council",
	"ServiceName": "Find and win council work",
	"BaseURL":     "https://fairtender.example.org",
}

// sample holds data for every email in emails.FS; a new template without an entry here fails
// TestRendererRendersEveryEmail, so it cannot ship untested.
var sample = map[string]map[string]any{
	"opportunity-alert": {"Name": "Ada Lovelace", "AlertName": "Cleaning", "Planned": false, "OpportunityTitle": "Cleaning of three libraries",
		"Summary": "Daily cleaning of three public libraries.", "Value": "£120,000", "Deadline": "midday on Friday 18 December 2026", "Quarter": "",
		"Link": "https://fairtender.example.org/opportunities/1", "UnsubscribeLink": "https://fairtender.example.org/unsubscribe/a1.x", "AlertsLink": "https://fairtender.example.org/alerts"},
	"opportunity-update": {"Name": "Ada Lovelace", "Title": "Changed: Cleaning of three libraries", "Body": "Change 1: the deadline is a week later.",
		"OpportunityTitle": "Cleaning of three libraries", "Link": "https://fairtender.example.org/opportunities/1", "UnsubscribeLink": "https://fairtender.example.org/unsubscribe/i1.x"},
	"notice": {"Name": "Ada Lovelace", "Title": "You are invited to bid: Cleaning of three libraries", "Body": "You are admitted to the DPS category Cleaning.",
		"Link": "https://fairtender.example.org/opportunities/1"},
	"opportunity-digest": {"Name": "Ada Lovelace", "AlertName": "Cleaning", "Count": 2, "Link": "https://fairtender.example.org/opportunities/2", "Items": []map[string]string{
		{"Title": "Cleaning of three libraries", "Summary": "Daily cleaning.", "Value": "£120,000", "Deadline": "midday on Friday 18 December 2026", "Link": "https://fairtender.example.org/opportunities/1"},
		{"Title": "Window cleaning", "Summary": "Quarterly.", "Value": "", "Deadline": "", "Link": "https://fairtender.example.org/opportunities/2"}},
		"UnsubscribeLink": "https://fairtender.example.org/unsubscribe/a1.x", "AlertsLink": "https://fairtender.example.org/alerts"},
	"verify-email":         {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/verify-email?token=vvv111"},
	"account-exists":       {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/sign-in"},
	"password-reset":       {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/reset-password?token=rrr222"},
	"password-changed":     {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/sign-in"},
	"email-change-confirm": {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/account/settings/confirm-email?token=eee555"},
	"email-change-requested": {"Name": "Ada Lovelace", "NewEmail": "ada@newmail.example",
		"Link": "https://fairtender.example.org/account/settings/password"},
	"email-change-taken": {"Name": "Ada Lovelace", "Link": "https://fairtender.example.org/sign-in"},
	"invitation":         {"Name": "Grace Hopper", "Role": "case_officer", "Link": "https://fairtender.example.org/accept-invitation?token=iii333"},
	"member-invitation": {"Name": "sam@example.org", "Inviter": "Priya Shah", "Organisation": "Holloway Handyman Ltd", "Role": "member",
		"Link": "https://fairtender.example.org/join-organisation?token=mmm444"},
	"bank-change-requested": {"Name": "Ada Lovelace", "OrganisationName": "Holloway Handyman Ltd", "RequesterName": "Sam Smith", "RequesterEmail": "sam@example.org",
		"RequestedAt": "4:05pm on Thursday 3 December 2026", "AccountName": "Holloway Handyman Ltd", "SortCode": "12-34-56", "AccountLast4": "5678",
		"CallbackDays": 30, "CoolingOffDays": 3, "First": true, "CheckWorkdays": 5, "TotalWorkdays": 8, "Link": "https://fairtender.example.org/bank-details/not-us?change=abc"},
	"email-changed": {"Name": "Ada Lovelace", "OldEmail": "ada@oldmail.example", "NewEmail": "ada@newmail.example",
		"ChangedAt": "4:05pm on Thursday 3 December 2026", "Link": "https://fairtender.example.org/sign-in"},
	"account-deleted": {"Name": "Ada Lovelace", "DeletedAt": "4:05pm on Thursday 3 December 2026", "Closed": []string{"Holloway Handyman Ltd"},
		"Left": []string{"Islington Gardeners CIC"}, "Link": "https://fairtender.example.org/register"},
	"insurance-expiring": {"Name": "Ada Lovelace", "Organisation": "Holloway Handyman Ltd", "Insurance": "public liability", "ExpiresOn": "31 December 2026",
		"Link": "https://fairtender.example.org/supplier/profile"},
	"bank-change-active": {"Name": "Ada Lovelace", "OrganisationName": "Holloway Handyman Ltd", "AccountName": "Holloway Handyman Ltd", "SortCode": "12-34-56",
		"AccountLast4": "5678", "RequestedAt": "3 December 2026", "EffectiveAt": "9:15am on Wednesday 9 December 2026", "Link": "https://fairtender.example.org/bank-details"},
	"bid-receipt": {"Name": "Ada Lovelace", "OrganisationName": "Holloway Handyman Ltd", "Reference": "BID-ABCD-2345", "Version": 3, "Submission": "first submission",
		"OpportunityTitle": "Library cleaning", "OpportunityReference": "FT-2026-000123", "SubmittedAtText": "13:59:59 on Tuesday 3 March 2026",
		"SubmittedAt": "2026-03-03T13:59:59.123456Z", "ReceiptHash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"Items": []map[string]any{{"Kind": "answer", "Name": "Question 1: Describe your method", "Size": "120", "SHA256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
			{"Kind": "document", "Name": "costing.pdf", "Size": "48,213", "SHA256": "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"}},
		"Link": "https://fairtender.example.org/bids/6f1c0c1e-0000-4000-8000-000000000001/receipt"},
}

func newRenderer(t *testing.T) *mailer.Renderer {
	t.Helper()
	r, err := mailer.NewRenderer(emails.FS, common)
	if err != nil {
		t.Fatalf("NewRenderer(emails.FS): %v", err)
	}
	return r
}

func TestRendererRendersEveryEmail(t *testing.T) {
	r := newRenderer(t)
	names := r.Names()
	if len(names) != len(sample) {
		t.Errorf("got emails %v, want one for each of the %d with sample data", names, len(sample))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, ok := sample[name]
			if !ok {
				t.Fatalf("no sample data for %q: add it to sample", name)
			}
			subject, text, html, err := r.Render(name, data)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if subject == "" {
				t.Error("got an empty subject")
			}
			if strings.ContainsAny(subject, "\r\n") {
				t.Errorf("got subject %q, want one line", subject)
			}
			link := data["Link"].(string)
			for part, body := range map[string]string{"text": text, "html": html} {
				if !strings.Contains(body, link) {
					t.Errorf("%s part does not contain the link %q:\n%s", part, link, body)
				}
				for _, missing := range []string{"<no value>", "%!", "ZgotmplZ"} {
					if strings.Contains(body, missing) {
						t.Errorf("%s part contains %q:\n%s", part, missing, body)
					}
				}
				for _, want := range []string{"Islington Council", "Find and win council work", data["Name"].(string)} {
					if !strings.Contains(body, want) {
						t.Errorf("%s part does not mention %q", part, want)
					}
				}
			}
			if !strings.Contains(html, `<html lang="en">`) {
				t.Error(`html part has no <html lang="en">`)
			}
			if !strings.Contains(html, `<a href="`+link+`"`) {
				t.Errorf("html part has no <a> to %s", link)
			}
			if !strings.Contains(html, "<title>"+subject+"</title>") {
				t.Errorf("html part has no title %q", subject)
			}
			for _, banned := range []string{"<img", "<style", "<script", "<link"} {
				if strings.Contains(html, banned) {
					t.Errorf("html part contains %s: emails use inline styles and no images", banned)
				}
			}
		})
	}
}

func TestRendererInvitationNamesTheRole(t *testing.T) {
	r := newRenderer(t)
	tests := []struct{ role, want string }{
		{"buyer", "as a buyer."},
		{"evaluator", "as an evaluator."},
		{"case_officer", "as a case officer."},
		{"admin", "as an administrator."},
		{"a contracts manager", "as a contracts manager."},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			data := map[string]any{"Name": "Grace", "Role": tt.role, "Link": "https://x.example/accept-invitation?token=t"}
			_, text, html, err := r.Render("invitation", data)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if !strings.Contains(text, tt.want) {
				t.Errorf("text part does not say %q:\n%s", tt.want, text)
			}
			if !strings.Contains(html, tt.want) {
				t.Errorf("html part does not say %q", tt.want)
			}
		})
	}
}

func TestRendererData(t *testing.T) {
	r := newRenderer(t)

	t.Run("data overrides common data", func(t *testing.T) {
		data := map[string]any{"Name": "Ada", "Link": "https://x.example/l", "CouncilName": "Hackney Council"}
		_, text, _, err := r.Render("password-changed", data)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		if !strings.Contains(text, "Hackney Council") || strings.Contains(text, "Islington Council") {
			t.Errorf("got text naming the wrong council:\n%s", text)
		}
	})

	t.Run("html part escapes data", func(t *testing.T) {
		data := map[string]any{"Name": `<b>Ada</b>`, "Link": "https://x.example/l"}
		_, text, html, err := r.Render("password-changed", data)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		if strings.Contains(html, "<b>Ada</b>") || !strings.Contains(html, "&lt;b&gt;Ada&lt;/b&gt;") {
			t.Errorf("html part did not escape the name")
		}
		if !strings.Contains(text, "<b>Ada</b>") {
			t.Errorf("text part changed the name:\n%s", text)
		}
	})

	t.Run("html part refuses a javascript link", func(t *testing.T) {
		data := map[string]any{"Name": "Ada", "Link": "javascript:alert(1)"}
		_, _, html, err := r.Render("password-changed", data)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		if strings.Contains(html, "javascript:") {
			t.Errorf("html part contains a javascript: link")
		}
	})

	t.Run("empty name gets a plain greeting", func(t *testing.T) {
		_, text, _, err := r.Render("password-changed", map[string]any{"Name": "", "Link": "https://x.example/l"})
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		if !strings.HasPrefix(text, "Hello,\n") {
			t.Errorf("got text starting %q, want %q", text[:min(len(text), 20)], "Hello,\n")
		}
	})

	t.Run("missing field is an error", func(t *testing.T) {
		_, _, _, err := r.Render("verify-email", map[string]any{"Name": "Ada"})
		if err == nil {
			t.Fatal("got no error for data without Link")
		}
	})

	t.Run("unknown email is an error", func(t *testing.T) {
		_, _, _, err := r.Render("no-such-email", sample["verify-email"])
		if err == nil {
			t.Fatal("got no error for an unknown email")
		}
	})
}

func TestNewRendererRejectsBrokenTemplates(t *testing.T) {
	ok := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"html without text", fstest.MapFS{"a.html": ok("x")}, "no a.txt"},
		{"text without html", fstest.MapFS{"a.txt": ok(`{{define "subject"}}s{{end}}x`)}, "no a.html"},
		{"text without subject", fstest.MapFS{"a.txt": ok("x"), "a.html": ok("x")}, `define "subject"`},
		{"syntax error", fstest.MapFS{"a.txt": ok(`{{define "subject"}}s{{end}}{{.X`), "a.html": ok("x")}, "a.txt"},
		{"no templates", fstest.MapFS{}, "no email templates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mailer.NewRenderer(tt.fsys, common)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestSubjectIsOneLineWhateverTheNames(t *testing.T) {
	r, err := mailer.NewRenderer(emails.FS, common)
	if err != nil {
		t.Fatal(err)
	}
	hostile := "Eve\r\nBcc: victim@example.org\x00\x1b[2J\u202eLtd\u2028X"
	subject, _, _, err := r.Render("member-invitation", map[string]any{"Name": "sam@example.org", "Inviter": hostile, "Organisation": hostile,
		"Role": "member", "Link": "https://fairtender.example.org/join-organisation?token=mmm444"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range subject {
		if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u202e' || c == '\u2028' {
			t.Fatalf("subject %q holds control character %U", subject, c)
		}
	}
	if want := "Eve Bcc: victim@example.org [2J Ltd X invited you to join"; !strings.HasPrefix(subject, want) {
		t.Errorf("subject = %q, want it to start %q: the name kept as text on one line", subject, want)
	}
}
