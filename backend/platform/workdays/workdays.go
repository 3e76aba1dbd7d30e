// Package workdays is the England and Wales working-day calendar: Monday to Friday, except bank
// holidays, in Europe/London. Statutory periods counted in working days (the Procurement Act
// 2023 standstill of 8 working days, the PCR 2015 regulation 34 assessment of 10) are computed
// with it.
//
// The bank holidays are embedded from GOV.UK (see data/SOURCES.md). GOV.UK publishes about two
// years ahead, so the calendar runs out: check Covers before relying on an answer, and replace
// the data files when GOV.UK publishes further years.
package workdays

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	// The binary is built with CGO_ENABLED=0 and may run on an image without /usr/share/zoneinfo;
	// Europe/London must still load, or every deadline would be wrong.
	_ "time/tzdata"
)

//go:embed data/*.json
var files embed.FS

const (
	// officialFile is GOV.UK's england-and-wales data, authoritative.
	officialFile = "data/uk_bank_holidays_england_wales.json"
	// derivedFile extends the calendar by one year with dates computed from the standing rules
	// until GOV.UK publishes that year. It is embedded because periods started in late 2027
	// end in 2028; without it the calendar would stop covering them months before GOV.UK is
	// likely to publish. Its years are reported by Provisional. Delete it (and this constant)
	// when the official file covers 2028: loading fails while both cover the same year.
	derivedFile = "data/uk_bank_holidays_england_wales_2028_DERIVED.json"
)

// Calendar answers working-day questions for England and Wales. It is immutable and safe for
// concurrent use.
type Calendar struct {
	loc         *time.Location
	holidays    map[day]string // date → GOV.UK title, e.g. "Boxing Day (Substitute day)"
	first, last int            // the years the data covers, inclusive
	provisional map[int]bool   // covered years whose dates are derived, not published
}

// day is a calendar date, comparable and free of time zones.
type day struct {
	y int
	m time.Month
	d int
}

// govukDivision is one division of https://www.gov.uk/bank-holidays.json.
type govukDivision struct {
	Division string `json:"division"`
	Events   []struct {
		Title string `json:"title"`
		Date  string `json:"date"`
		Notes string `json:"notes"`
	} `json:"events"`
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(fmt.Sprintf("workdays: unable to load Europe/London: %v", err))
	}
	c := &Calendar{loc: loc, holidays: map[day]string{}, provisional: map[int]bool{}}

	var official map[string]govukDivision
	readJSON(officialFile, &official)
	officialYears := c.add(officialFile, official["england-and-wales"])

	var derived govukDivision
	readJSON(derivedFile, &derived)
	for y := range c.add(derivedFile, derived) {
		if officialYears[y] {
			panic(fmt.Sprintf("workdays: %s and %s both cover %d: delete the derived file", officialFile, derivedFile, y))
		}
		c.provisional[y] = true
	}

	all := maps.Clone(officialYears)
	maps.Copy(all, c.provisional)
	years := slices.Sorted(maps.Keys(all))
	c.first, c.last = years[0], years[len(years)-1]
	if len(years) != c.last-c.first+1 {
		panic(fmt.Sprintf("workdays: the bank holiday data skips a year: covers %v", years))
	}
	return c
})

func readJSON(name string, v any) {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("workdays: unable to read %s: %v", name, err))
	}
	if err := json.Unmarshal(b, v); err != nil {
		panic(fmt.Sprintf("workdays: unable to parse %s: %v", name, err))
	}
}

// add records a division's events and returns the years they fall in. Like all embedded data,
// a defect here is a build defect, so it panics.
func (c *Calendar) add(name string, div govukDivision) map[int]bool {
	if div.Division != "england-and-wales" || len(div.Events) == 0 {
		panic(fmt.Sprintf("workdays: %s has no england-and-wales events", name))
	}
	years := map[int]bool{}
	for _, e := range div.Events {
		t, err := time.Parse(time.DateOnly, e.Date)
		if err != nil {
			panic(fmt.Sprintf("workdays: %s: bad date %q: %v", name, e.Date, err))
		}
		d := day{t.Year(), t.Month(), t.Day()}
		if _, dup := c.holidays[d]; dup {
			panic(fmt.Sprintf("workdays: %s: %s listed twice", name, e.Date))
		}
		title := e.Title
		if e.Notes != "" {
			title += " (" + e.Notes + ")"
		}
		c.holidays[d] = title
		years[d.y] = true
	}
	return years
}

// Default returns the England and Wales calendar built from the embedded GOV.UK data, plus the
// provisional year described in data/SOURCES.md.
func Default() *Calendar {
	return defaultCalendar()
}

// dayOf is the Europe/London calendar date of t.
func (c *Calendar) dayOf(t time.Time) day {
	y, m, d := t.In(c.loc).Date()
	return day{y, m, d}
}

func (c *Calendar) working(d day) bool {
	// Noon is never skipped or repeated by a clock change, so it names the day safely.
	switch time.Date(d.y, d.m, d.d, 12, 0, 0, 0, c.loc).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := c.holidays[d]
	return !holiday
}

// IsWorkingDay reports whether t falls, in Europe/London, on a Monday to Friday that is not a
// bank holiday. Outside the years Covers reports, only weekends are known.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	return c.working(c.dayOf(t))
}

// Holiday returns the name of the bank holiday on t's date in Europe/London, such as "Boxing Day
// (Substitute day)", so that a moved deadline can be explained.
func (c *Calendar) Holiday(t time.Time) (name string, ok bool) {
	name, ok = c.holidays[c.dayOf(t)]
	return name, ok
}

// AddWorkingDays moves t forward by n working days (backward if n is negative), keeping its
// Europe/London time of day across clock changes: Friday 10:00 GMT plus one working day is
// Monday 10:00 BST. A non-working t counts from its date, so Saturday plus one is Monday. n == 0
// returns t unchanged. The result is in t's location.
//
// Every result is a working day, never a Sunday, so it never lands on the hour a clock change
// skips or repeats (UK changes happen early on Sunday mornings): the time of day is exact.
//
// Outside the years Covers reports, bank holidays are unknown and only weekends are skipped;
// callers must check Covers on the result.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n == 0 {
		return t
	}
	lt := t.In(c.loc)
	y, m, d := lt.Date()
	step, left := 1, n
	if n < 0 {
		step, left = -1, -n
	}
	for left > 0 {
		d += step
		norm := time.Date(y, m, d, 12, 0, 0, 0, c.loc)
		y, m, d = norm.Date()
		if c.working(day{y, m, d}) {
			left--
		}
	}
	return time.Date(y, m, d, lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), c.loc).In(t.Location())
}

// WorkingDaysBetween counts the working days after a's date up to and including b's date (dates
// in Europe/London), negated when b is before a. Times of day are ignored. For n >= 0,
// WorkingDaysBetween(t, c.AddWorkingDays(t, n)) == n.
//
// Outside the years Covers reports, only weekends are excluded.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	from, to := c.dayOf(a), c.dayOf(b)
	sign := 1
	if before(to, from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from; before(d, to); {
		next := time.Date(d.y, d.m, d.d+1, 12, 0, 0, 0, c.loc)
		d = day{next.Year(), next.Month(), next.Day()}
		if c.working(d) {
			n++
		}
	}
	return sign * n
}

func before(a, b day) bool {
	if a.y != b.y {
		return a.y < b.y
	}
	if a.m != b.m {
		return a.m < b.m
	}
	return a.d < b.d
}

// Covers reports whether the calendar knows the bank holidays of t's year (in Europe/London).
// When it does not, working-day answers for that year may be wrong: callers should refuse or
// warn rather than set a deadline from them.
func (c *Calendar) Covers(t time.Time) bool {
	y := c.dayOf(t).y
	return y >= c.first && y <= c.last
}

// Provisional reports whether t's year is covered only by dates derived from the standing
// rules, not yet published by GOV.UK. Such dates are very likely right, but a one-off bank
// holiday could still be proclaimed: say so where a deadline depends on them.
func (c *Calendar) Provisional(t time.Time) bool {
	return c.provisional[c.dayOf(t).y]
}
