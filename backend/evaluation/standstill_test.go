package evaluation_test

import (
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/evaluation"
	"github.com/fairtender/fairtender/backend/platform/workdays"
)

// The standstill ends at the end of the 8th working day after the award notice's day, in
// London, skipping weekends and England and Wales bank holidays (worked out by hand from the
// GOV.UK calendar).
func TestTheStandstillEndDateSkipsChristmasAndEaster(t *testing.T) {
	london := mustLondon()
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, london) }
	endOf := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 23, 59, 59, 0, london) }
	cases := []struct {
		name         string
		notice, ends time.Time
	}{
		{"an ordinary fortnight", at(2026, time.November, 2, 9, 0), endOf(2026, time.November, 12)},
		{"a Saturday notice counts from Monday", at(2026, time.November, 7, 12, 0), endOf(2026, time.November, 18)},
		// Christmas Day (Friday), Boxing Day substitute (Monday 28th) and New Year's Day (Friday).
		{"over Christmas 2026", at(2026, time.December, 23, 10, 0), endOf(2027, time.January, 7)},
		{"a notice on Christmas Eve", at(2026, time.December, 24, 16, 30), endOf(2027, time.January, 8)},
		// Good Friday 3 April and Easter Monday 6 April 2026; the clocks have gone forward.
		{"over Easter 2026", at(2026, time.April, 2, 15, 0), endOf(2026, time.April, 16)},
		{"late in the evening, British Summer Time", at(2026, time.April, 1, 23, 30), endOf(2026, time.April, 15)},
		// Good Friday 26 March and Easter Monday 29 March 2027, across the clock change on the 28th.
		{"over Easter 2027", at(2027, time.March, 25, 11, 0), endOf(2027, time.April, 8)},
	}
	cal := workdays.Default()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !cal.Covers(c.ends) {
				t.Fatalf("the calendar does not cover %s", c.ends)
			}
			got := evaluation.StandstillEnd(cal, c.notice)
			if !got.Equal(c.ends) {
				t.Fatalf("notice %s: standstill ends %s, want %s", c.notice, got.In(london), c.ends)
			}
			if n := cal.WorkingDaysBetween(c.notice, got); n != evaluation.StandstillDays {
				t.Fatalf("%d working days between, want %d", n, evaluation.StandstillDays)
			}
		})
	}
}
