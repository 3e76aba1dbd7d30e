package format_test

import (
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/format"
)

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		pence int64
		want  string
	}{
		{0, "£0"},
		{5, "£0.05"},
		{7500, "£75"},
		{7550, "£75.50"},
		{123450, "£1,234.50"},
		{123400, "£1,234"},
		{100_000_000_000_00, "£100,000,000,000"},
		{21490400, "£214,904"},
		{-305, "-£3.05"},
		{150, "£1.50"},
		{99_999, "£999.99"},
		{100_000, "£1,000"},
		{123_456_789, "£1,234,567.89"},
		{1_500_000_00, "£1,500,000"},
		{-250, "-£2.50"},
	} {
		if got := format.Money(tc.pence); got != tc.want {
			t.Errorf("Money(%d) = %q, want %q", tc.pence, got, tc.want)
		}
	}
}

func TestInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := format.Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLondonDatesAndTimes(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		utc                   string
		date, clock, dateTime string
	}{
		// British Summer Time (UTC+1) ends at 01:00 UTC on 25 October 2026.
		{"summer time is an hour ahead of UTC", "2026-07-01T16:30:00Z", "1 July 2026", "5:30pm", "5:30pm on Wednesday 1 July 2026"},
		{"the hour before the clocks go back", "2026-10-25T00:30:00Z", "25 October 2026", "1:30am", "1:30am on Sunday 25 October 2026"},
		{"the hour after the clocks go back", "2026-10-25T01:30:00Z", "25 October 2026", "1:30am", "1:30am on Sunday 25 October 2026"},
		{"winter time is UTC", "2026-12-02T17:30:00Z", "2 December 2026", "5:30pm", "5:30pm on Wednesday 2 December 2026"},
		{"on the hour has no minutes", "2026-12-18T17:00:00Z", "18 December 2026", "5pm", "5pm on Friday 18 December 2026"},
		{"noon is midday", "2026-07-01T11:00:00Z", "1 July 2026", "midday", "midday on Wednesday 1 July 2026"},
		{"midnight starts the London day, not the UTC one", "2026-06-30T23:00:00Z", "1 July 2026", "midnight", "midnight on Wednesday 1 July 2026"},
		// The clocks go forward at 01:00 UTC on 29 March 2026.
		{"after the clocks go forward", "2026-03-29T01:00:00Z", "29 March 2026", "2am", "2am on Sunday 29 March 2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tc.utc)
			if err != nil {
				t.Fatal(err)
			}
			if got := format.Date(at); got != tc.date {
				t.Errorf("Date = %q, want %q", got, tc.date)
			}
			if got := format.Time(at); got != tc.clock {
				t.Errorf("Time = %q, want %q", got, tc.clock)
			}
			if got := format.DateTime(at); got != tc.dateTime {
				t.Errorf("DateTime = %q, want %q", got, tc.dateTime)
			}
		})
	}
}
