package notifications

import (
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
)

// The alert text gives the value and the deadline as every other page does: pence are kept
// (an earlier copy of the money formatter dropped them) and the time is London time.
func TestMatchBodySaysValueAndDeadlineInFull(t *testing.T) {
	deadline := time.Date(2026, 7, 1, 16, 30, 0, 0, time.UTC) // 5:30pm British Summer Time
	o := opportunities.Opportunity{Summary: "Library cleaning.", EstimatedValuePence: 12_000_050, SubmissionDeadline: &deadline}
	want := "Library cleaning. Worth about £120,000.50. Bids by 5:30pm on Wednesday 1 July 2026."
	if got := matchBody(o); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
