package notifications

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
)

// feedSize is how many of the newest opportunities an Atom feed holds.
const feedSize = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
	Category  []atomCat  `xml:"category"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// AtomFeed is the newest published opportunities matching f, newest first, as an Atom 1.0
// document; query is f as a query string, for the feed's own address.
func (s *Service) AtomFeed(ctx context.Context, f opportunities.SearchFilter, query string) ([]byte, error) {
	f.Sort = "newest"
	res, err := s.opportunities.Search(ctx, f, 1, feedSize)
	if err != nil {
		return nil, err
	}
	self := s.link("/api/v1/feeds/opportunities.atom")
	if query != "" {
		self += "?" + query
	}
	feed := atomFeed{Title: "Opportunities from " + s.cfg.CouncilName, ID: self, Author: atomAuthor{Name: s.cfg.CouncilName},
		Links:   []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: s.link("/opportunities?" + query), Rel: "alternate", Type: "text/html"}},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339)}
	for i, o := range res.Items {
		at := o.PublishedAt
		if at == nil {
			now := s.now().UTC()
			at = &now
		}
		if i == 0 {
			feed.Updated = at.UTC().Format(time.RFC3339)
		}
		summary := o.Summary
		if o.ValueText != "" {
			summary += " Value: " + o.ValueText + "."
		}
		if o.SubmissionDeadline != nil {
			summary += " Deadline for bids: " + o.SubmissionDeadline.Text + "."
		}
		e := atomEntry{Title: o.Title, ID: "urn:uuid:" + o.ID, Updated: at.UTC().Format(time.RFC3339), Published: at.UTC().Format(time.RFC3339),
			Links: []atomLink{{Href: s.link("/opportunities/" + o.ID), Rel: "alternate", Type: "text/html"}}, Summary: summary}
		for _, c := range o.CPVCodes {
			e.Category = append(e.Category, atomCat{Term: c})
		}
		feed.Entries = append(feed.Entries, e)
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("notifications: unable to write feed: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}

// Calendar is an iCalendar (RFC 5545) file with the opportunity's deadlines as events, each with
// an alarm a day before, so a supplier's calendar reminds them.
func (s *Service) Calendar(ctx context.Context, id string) ([]byte, string, error) {
	o, err := s.opportunities.GetOpportunity(ctx, nil, id)
	if err != nil {
		return nil, "", err
	}
	stamp := s.now().UTC().Format("20060102T150405Z")
	var b strings.Builder
	line := func(l string) { b.WriteString(fold(l)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Fairtender//Opportunities//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	event := func(uidPart, summary string, d *opportunities.Deadline) {
		if d == nil {
			return
		}
		at := d.At.UTC().Format("20060102T150405Z")
		line("BEGIN:VEVENT")
		line("UID:" + o.ID + "-" + uidPart + "@" + host(s.cfg.BaseURL))
		line("DTSTAMP:" + stamp)
		line("DTSTART:" + at)
		line("DTEND:" + at)
		line("SUMMARY:" + escapeText(summary+": "+o.Title))
		line("DESCRIPTION:" + escapeText(o.Reference+". "+d.Text+". "+s.link("/opportunities/"+o.ID)))
		line("URL:" + s.link("/opportunities/"+o.ID))
		line("BEGIN:VALARM")
		line("ACTION:DISPLAY")
		line("DESCRIPTION:" + escapeText(summary+" tomorrow: "+o.Title))
		line("TRIGGER:-P1D")
		line("END:VALARM")
		line("END:VEVENT")
	}
	event("clarifications", "Last day for questions", o.ClarificationDeadline)
	event("submission", "Deadline for bids", o.SubmissionDeadline)
	line("END:VCALENDAR")
	return []byte(b.String()), o.Reference, nil
}

// escapeText escapes an iCalendar TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold ends a content line with CRLF, folding it at 75 octets without splitting a UTF-8
// character (RFC 5545 3.1).
func fold(l string) string {
	var b strings.Builder
	n := 0
	for _, r := range l {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}

func host(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return "fairtender"
}
