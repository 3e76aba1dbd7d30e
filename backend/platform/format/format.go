// Package format writes money and London dates and times the way GOV.UK style does, so that a
// page, a CSV note and an email all say the same thing the same way: "£1,234.50", "£75",
// "2 December 2026", "5:30pm", "midday on Friday 18 December 2026".
package format

import (
	"strconv"
	"strings"
	"time"

	_ "time/tzdata" // Europe/London must load on machines without a zoneinfo database
)

// London is the council's time zone: times are stored in UTC and shown in London time.
var London = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("format: unable to load Europe/London: " + err.Error())
	}
	return loc
}()

// Money writes an amount in pence as pounds: thousands separated by commas, and pence only when
// there are some ("£1,500,000", "£12.50", "-£3.05"), as GOV.UK style writes amounts.
func Money(pence int64) string {
	sign := ""
	if pence < 0 {
		sign = "-"
		pence = -pence
	}
	s := sign + "£" + Int(pence/100)
	if p := pence % 100; p != 0 {
		s += "." + strconv.FormatInt(p/10, 10) + strconv.FormatInt(p%10, 10)
	}
	return s
}

// Int writes a non-negative whole number with commas between thousands: "1,500".
func Int[T int | int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Date writes the London calendar date of t: "2 December 2026".
func Date(t time.Time) string { return t.In(London).Format("2 January 2006") }

// Time writes the London time of day of t: "5:30pm", "5pm", and "midday" and "midnight" rather
// than 12pm and 12am, which people misread.
func Time(t time.Time) string {
	l := t.In(London)
	switch {
	case l.Hour() == 12 && l.Minute() == 0:
		return "midday"
	case l.Hour() == 0 && l.Minute() == 0:
		return "midnight"
	case l.Minute() == 0:
		return l.Format("3pm")
	}
	return l.Format("3:04pm")
}

// DateTime writes a moment, such as a deadline, in London time with its day of the week:
// "5:30pm on Wednesday 2 December 2026".
func DateTime(t time.Time) string {
	return Time(t) + " on " + t.In(London).Format("Monday 2 January 2006")
}
