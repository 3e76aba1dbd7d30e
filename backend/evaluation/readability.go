package evaluation

import (
	"fmt"
	"strings"
	"unicode"
)

// ReadingEase is the Flesch reading-ease score of English text: 206.835 − 1.015 × (words per
// sentence) − 84.6 × (syllables per word). Plain English scores 60 to 70; legal prose scores
// under 30. Feedback a small business can use should read easily, so the buyer is warned below
// the configured level (FAIRTENDER_READING_EASE_MIN). Text without words scores 100: there is
// nothing hard to read. Syllables are estimated from vowel groups (a silent final "e" not
// counted, at least one per word), which is close enough to rank text, not to grade it.
func ReadingEase(text string) float64 {
	words, syllables, sentences := 0, 0, 0
	inSentence := false
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '—' || r == '–' }) {
		letters := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, w)
		if letters != "" {
			words++
			syllables += syllableCount(letters)
			inSentence = true
		} else if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			words++ // a number reads as one short word
			syllables++
			inSentence = true
		}
		if inSentence && strings.ContainsAny(w[len(w)-1:], ".!?;:") {
			sentences++
			inSentence = false
		}
	}
	if words == 0 {
		return 100
	}
	if inSentence {
		sentences++
	}
	return 206.835 - 1.015*float64(words)/float64(sentences) - 84.6*float64(syllables)/float64(words)
}

// syllableCount estimates the syllables of one lower-case word.
func syllableCount(w string) int {
	n, prevVowel := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if n > 1 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && !strings.HasSuffix(w, "ee") {
		n--
	}
	if n > 1 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded") {
		n-- // "scored" is one syllable; "rated" keeps its two
	}
	return max(n, 1)
}

// AwardReadabilityWarning flags one piece of feedback as hard to read.
type AwardReadabilityWarning struct {
	LotID      string  `json:"lotId"`
	QuestionID string  `json:"questionId" doc:"Empty for the explanation of why the tender was not the most advantageous."`
	Field      string  `json:"field" enum:"explanation,strengths,improvements,not_most_advantageous"`
	Score      float64 `json:"score" doc:"The Flesch reading-ease score (higher is easier; plain English is 60 to 70)."`
	Message    string  `json:"message"`
}

// hardToRead is the warning for text scoring under min, if any (min 0: never).
func hardToRead(min int, lotID, questionID, field, label, text string) []AwardReadabilityWarning {
	if min <= 0 || strings.TrimSpace(text) == "" {
		return nil
	}
	score := ReadingEase(text)
	if score >= float64(min) {
		return nil
	}
	return []AwardReadabilityWarning{{LotID: lotID, QuestionID: questionID, Field: field, Score: round2(score),
		Message: label + " is hard to read (reading ease " + formatScore(score) + ", aim for at least " + formatScore(float64(min)) +
			"): use shorter sentences and everyday words"}}
}

func formatScore(x float64) string { return fmt.Sprintf("%.0f", x) }
