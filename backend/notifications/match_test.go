package notifications

import "testing"

func TestAlertMatching(t *testing.T) {
	roofs := &Target{Title: "School roof repairs", Summary: "Flat roof repairs at three primary schools.",
		Description: "Work during the summer holidays. IT equipment must be protected.", CPVCodes: []string{"45261000-4"},
		Locality: "local", Procedure: "open_tender", ValuePence: 15_000_000}
	roofs.prepare()
	cases := []struct {
		name  string
		alert Alert
		want  bool
	}{
		{"an alert with nothing set matches everything", Alert{}, true},
		{"the same CPV code", Alert{CPVCodes: "45261000-4"}, true},
		{"a parent CPV code matches its children", Alert{CPVCodes: "45000000-7"}, true},
		{"a grandparent group matches", Alert{CPVCodes: "45200000-9"}, true},
		{"a sibling CPV code does not", Alert{CPVCodes: "45262000-1"}, false},
		{"another division does not", Alert{CPVCodes: "90910000-9"}, false},
		{"any one of several codes will do", Alert{CPVCodes: "90910000-9,45000000-7"}, true},
		{"a keyword in the title", Alert{Keywords: "roof"}, true},
		{"a keyword matches the words it begins", Alert{Keywords: "repair"}, true},
		{"keywords ignore case", Alert{Keywords: "PRIMARY"}, true},
		{"a keyword not in the text", Alert{Keywords: "cleaning"}, false},
		{"a phrase matches words in order", Alert{Keywords: "primary schools"}, true},
		{"a phrase out of order does not", Alert{Keywords: "schools primary"}, false},
		{"any one of several keywords will do", Alert{Keywords: "cleaning,roof"}, true},
		{"a two-letter keyword must match a whole word", Alert{Keywords: "it"}, true},
		{"a two-letter keyword is not a prefix", Alert{Keywords: "sc"}, false},
		{"the locality", Alert{Localities: "local,sub_regional"}, true},
		{"another locality", Alert{Localities: "national"}, false},
		{"the procedure", Alert{Procedures: "open_tender"}, true},
		{"another procedure", Alert{Procedures: "quick_quote,dps_call"}, false},
		{"value inside the range", Alert{MinValuePence: 10_000_000, MaxValuePence: 20_000_000}, true},
		{"value exactly at the minimum", Alert{MinValuePence: 15_000_000}, true},
		{"value below the minimum", Alert{MinValuePence: 15_000_001}, false},
		{"value above the maximum", Alert{MaxValuePence: 14_999_999}, false},
		{"every criterion must hold", Alert{CPVCodes: "45000000-7", Keywords: "cleaning"}, false},
		{"all criteria holding", Alert{CPVCodes: "45000000-7", Keywords: "roof", Localities: "local", Procedures: "open_tender", MaxValuePence: 20_000_000}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := compile(c.alert).Matches(roofs); got != c.want {
				t.Errorf("Matches(%+v) = %v, want %v", c.alert, got, c.want)
			}
		})
	}
}

func TestUnsubscribeTokens(t *testing.T) {
	s := &Service{unsubKey: []byte("key one")}
	other := &Service{unsubKey: []byte("key two")}
	id := "6f1c2a0e-8d3b-4c55-9a57-2d7e0b1f4a90"
	tok := s.unsubscribeToken(tokenAlert, id)
	if kind, got, ok := s.readToken(tok); !ok || kind != tokenAlert || got != id {
		t.Fatalf("readToken(%q) = %c, %q, %v; want alert %s", tok, kind, got, ok, id)
	}
	for name, bad := range map[string]string{
		"made with another key": other.unsubscribeToken(tokenAlert, id),
		"for another kind":      "i" + tok[1:],
		"with a changed id":     tok[:5] + "0" + tok[6:],
		"cut short":             tok[:len(tok)-2],
		"empty":                 "",
		"without a mac":         tok[:33],
		"not hex":               "a" + "zz" + tok[3:],
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, ok := s.readToken(bad); ok {
				t.Errorf("readToken(%q) accepted a token %s", bad, name)
			}
		})
	}
}

func TestDailyAtKeepsLondonTime(t *testing.T) {
	d := DailyAt{Hour: 8}
	cases := []struct{ after, want string }{
		{"2026-11-26T07:59:00Z", "2026-11-26T08:00:00Z"}, // winter: London is UTC
		{"2026-11-26T08:00:00Z", "2026-11-27T08:00:00Z"},
		{"2026-07-01T06:00:00Z", "2026-07-01T07:00:00Z"}, // summer: 08:00 BST is 07:00 UTC
		{"2026-03-28T09:00:00Z", "2026-03-29T07:00:00Z"}, // the clocks go forward overnight
	}
	for _, c := range cases {
		after, _ := parse(c.after)
		want, _ := parse(c.want)
		if got := d.Next(after); !got.Equal(want) {
			t.Errorf("Next(%s) = %s, want %s", c.after, got.UTC(), c.want)
		}
	}
}
