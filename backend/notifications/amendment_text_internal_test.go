package notifications

import (
	"testing"

	"github.com/fairtender/fairtender/backend/opportunities"
)

func TestAmendmentTextSaysWhatChanged(t *testing.T) {
	cases := []struct {
		name, before, after, want string
	}{
		{"a new title", `{"title":"Roof repairs"}`, `{"title":"School roof repairs"}`,
			"Change 2: Clearer title. The title is now “School roof repairs”; it was “Roof repairs”."},
		{"a replaced document", `{"document":"spec.pdf (SHA-256 ab12)"}`, `{"document":"spec-v2.pdf (SHA-256 cd34)"}`,
			"Change 2: Clearer title. The document spec.pdf is replaced by spec-v2.pdf."},
		{"a new document", `{}`, `{"document":"drawings.pdf (SHA-256 ef56)"}`, "Change 2: Clearer title. New document: drawings.pdf."},
		{"a first deadline for questions", `{}`, `{"clarificationDeadline":"5:00pm on Monday 1 March 2027"}`,
			"Change 2: Clearer title. The deadline for clarification questions is now 5:00pm on Monday 1 March 2027 (London time)."},
		{"a new description", `{"description":"Old"}`, `{"description":"New"}`, "Change 2: Clearer title. The description has changed."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := amendmentText(opportunities.Amendment{Number: 2, Note: "Clearer title", BeforeValues: tc.before, AfterValues: tc.after})
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
