package evaluation_test

import (
	"testing"

	"github.com/fairtender/fairtender/backend/evaluation"
)

func TestReadingEaseTellsPlainEnglishFromJargon(t *testing.T) {
	cases := []struct {
		text     string
		min, max float64
	}{
		{"", 100, 100},
		{"The cat sat on the mat.", 100, 125},
		{"Your rota is clear. Say who covers a branch when a cleaner is ill.", 75, 110},
		{"Your answer explains how you would clean each library and when. It would have scored higher with a plan for staff absence.", 55, 90},
		{"Notwithstanding the aforementioned considerations, comprehensive operational documentation demonstrating organisational contingency arrangements was insufficiently substantiated.", -300, 20},
	}
	for _, c := range cases {
		if got := evaluation.ReadingEase(c.text); got < c.min || got > c.max {
			t.Errorf("ReadingEase(%q) = %.1f, want %.0f to %.0f", c.text, got, c.min, c.max)
		}
	}
	// Easier text scores higher.
	if evaluation.ReadingEase("We clean daily.") <= evaluation.ReadingEase("Cleaning is undertaken systematically on a quotidian basis.") {
		t.Error("plain text does not score higher than jargon")
	}
}
