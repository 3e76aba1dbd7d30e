package workdays_test

import (
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/workdays"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is a Europe/London wall-clock time.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, london)
}

func TestIsWorkingDay(t *testing.T) {
	cal := workdays.Default()
	for _, tc := range []struct {
		name string
		t    time.Time
		want bool
	}{
		{"Christmas Eve 2026, a Thursday", at(2026, 12, 24, 9, 0), true},
		{"Christmas Day 2026, a Friday", at(2026, 12, 25, 9, 0), false},
		{"Boxing Day 2026, a Saturday", at(2026, 12, 26, 9, 0), false},
		{"Boxing Day substitute, Monday 28 December 2026", at(2026, 12, 28, 9, 0), false},
		{"Tuesday 29 December 2026", at(2026, 12, 29, 9, 0), true},
		{"Christmas Day substitute, Monday 27 December 2027", at(2027, 12, 27, 9, 0), false},
		{"Boxing Day substitute, Tuesday 28 December 2027", at(2027, 12, 28, 9, 0), false},
		{"Good Friday 2027", at(2027, 3, 26, 9, 0), false},
		{"Easter Monday 2027", at(2027, 3, 29, 9, 0), false},
		{"Tuesday after Easter 2027", at(2027, 3, 30, 9, 0), true},
		{"New Year's Day 2028 substitute (provisional)", at(2028, 1, 3, 9, 0), false},
		{"an ordinary Wednesday", at(2026, 11, 25, 9, 0), true},
		{"a Sunday", at(2026, 11, 29, 9, 0), false},
		// 23:30 UTC on the Summer bank holiday is already Tuesday in London (BST).
		{"judged in London, not UTC", time.Date(2026, 8, 31, 23, 30, 0, 0, time.UTC), true},
		{"the bank holiday itself, in UTC", time.Date(2026, 8, 31, 12, 0, 0, 0, time.UTC), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cal.IsWorkingDay(tc.t); got != tc.want {
				t.Errorf("IsWorkingDay(%v) = %v, want %v", tc.t, got, tc.want)
			}
		})
	}
}

func TestHoliday(t *testing.T) {
	cal := workdays.Default()
	if got, ok := cal.Holiday(at(2026, 12, 28, 9, 0)); !ok || got != "Boxing Day (Substitute day)" {
		t.Errorf("28 Dec 2026: got %q, %v; want Boxing Day (Substitute day)", got, ok)
	}
	if got, ok := cal.Holiday(at(2027, 3, 26, 9, 0)); !ok || got != "Good Friday" {
		t.Errorf("26 Mar 2027: got %q, %v; want Good Friday", got, ok)
	}
	if got, ok := cal.Holiday(at(2026, 12, 29, 9, 0)); ok {
		t.Errorf("29 Dec 2026: got %q, want no holiday", got)
	}
}

func TestAddWorkingDays(t *testing.T) {
	cal := workdays.Default()
	for _, tc := range []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"Christmas Eve 2026 plus one skips Christmas, the weekend and the Boxing Day substitute",
			at(2026, 12, 24, 17, 0), 1, at(2026, 12, 29, 17, 0)},
		{"Christmas Eve 2027 plus one skips both substitute days",
			at(2027, 12, 24, 17, 0), 1, at(2027, 12, 29, 17, 0)},
		{"8 working-day standstill from Friday 18 December 2026 ends on 4 January 2027",
			at(2026, 12, 18, 12, 0), 8, at(2027, 1, 4, 12, 0)},
		{"Thursday before Easter 2027 plus one is the Tuesday after",
			at(2027, 3, 25, 10, 0), 1, at(2027, 3, 30, 10, 0)},
		{"backwards over Easter 2027",
			at(2027, 3, 30, 10, 0), -1, at(2027, 3, 25, 10, 0)},
		{"backwards over Christmas 2026",
			at(2026, 12, 29, 9, 30), -1, at(2026, 12, 24, 9, 30)},
		{"autumn clock change keeps 17:00",
			at(2026, 10, 23, 17, 0), 1, at(2026, 10, 26, 17, 0)},
		{"Saturday plus one is Monday",
			at(2026, 11, 28, 11, 0), 1, at(2026, 11, 30, 11, 0)},
		{"Saturday minus one is Friday",
			at(2026, 11, 28, 11, 0), -1, at(2026, 11, 27, 11, 0)},
		{"zero returns a non-working day unchanged",
			at(2026, 12, 25, 8, 0), 0, at(2026, 12, 25, 8, 0)},
		{"25 working days across the December 2027 / January 2028 boundary",
			at(2027, 12, 1, 12, 0), 25, at(2028, 1, 10, 12, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cal.AddWorkingDays(tc.from, tc.n); !got.Equal(tc.want) {
				t.Errorf("AddWorkingDays(%v, %d) = %v, want %v", tc.from, tc.n, got, tc.want)
			}
		})
	}

	t.Run("spring clock change keeps the London time of day, and the caller's location", func(t *testing.T) {
		// Thursday 25 March 2027 10:00 GMT; clocks go forward on Sunday 28 March; Easter
		// Monday is the 29th. The answer is 10:00 BST, which is 09:00 UTC.
		from := time.Date(2027, 3, 25, 10, 0, 0, 0, time.UTC)
		got := cal.AddWorkingDays(from, 1)
		want := time.Date(2027, 3, 30, 9, 0, 0, 0, time.UTC)
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("got %v, want %v", got, want)
		}
		if h := got.In(london).Hour(); h != 10 {
			t.Errorf("London hour: got %d, want 10", h)
		}
	})
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := workdays.Default()
	for _, tc := range []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day", at(2026, 12, 24, 9, 0), at(2026, 12, 24, 17, 0), 0},
		{"over Christmas 2026", at(2026, 12, 24, 17, 0), at(2026, 12, 29, 9, 0), 1},
		{"reversed is negative", at(2026, 12, 29, 9, 0), at(2026, 12, 24, 17, 0), -1},
		{"into a weekend", at(2026, 11, 27, 9, 0), at(2026, 11, 29, 9, 0), 0},
		{"the whole of 2026 has 253 working days", at(2025, 12, 31, 12, 0), at(2026, 12, 31, 12, 0), 253},
		{"the whole of 2027 has 253 working days", at(2026, 12, 31, 12, 0), at(2027, 12, 31, 12, 0), 253},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cal.WorkingDaysBetween(tc.a, tc.b); got != tc.want {
				t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}

	t.Run("inverse of AddWorkingDays", func(t *testing.T) {
		for start := at(2026, 3, 1, 23, 30); start.Year() < 2028; start = start.AddDate(0, 0, 5) {
			for n := 0; n <= 30; n += 3 {
				end := cal.AddWorkingDays(start, n)
				if got := cal.WorkingDaysBetween(start, end); got != n {
					t.Fatalf("WorkingDaysBetween(%v, AddWorkingDays(…, %d) = %v) = %d, want %d", start, n, end, got, n)
				}
				if n > 0 && !cal.IsWorkingDay(end) {
					t.Fatalf("AddWorkingDays(%v, %d) = %v, not a working day", start, n, end)
				}
				if h, m, _ := end.Clock(); h != 23 || m != 30 {
					t.Fatalf("AddWorkingDays(%v, %d) = %v, time of day changed", start, n, end)
				}
			}
		}
	})
}

func TestCovers(t *testing.T) {
	cal := workdays.Default()
	for _, tc := range []struct {
		t                   time.Time
		covers, provisional bool
	}{
		{at(2023, 12, 31, 23, 59), false, false},
		{at(2024, 1, 1, 0, 0), true, false},
		{at(2026, 11, 26, 12, 0), true, false},
		{at(2027, 12, 31, 23, 59), true, false},
		{at(2028, 1, 1, 0, 0), true, true},
		{at(2028, 12, 31, 23, 59), true, true},
		{at(2029, 1, 1, 0, 0), false, false},
	} {
		if got := cal.Covers(tc.t); got != tc.covers {
			t.Errorf("Covers(%v) = %v, want %v", tc.t, got, tc.covers)
		}
		if got := cal.Provisional(tc.t); got != tc.provisional {
			t.Errorf("Provisional(%v) = %v, want %v", tc.t, got, tc.provisional)
		}
	}
}

func TestDefaultIsShared(t *testing.T) {
	if workdays.Default() != workdays.Default() {
		t.Error("Default built the calendar twice")
	}
}
