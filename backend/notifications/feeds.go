package notifications

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
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

// Feed is an Atom document with what a cache needs to revalidate it.
type Feed struct {
	Body []byte
	// ETag is a weak validator of the entries and the filters: two answers with the same ETag
	// differ at most in the feed's own updated when it has no entries.
	ETag string
	// Updated is the feed's updated: when its newest entry last changed.
	Updated time.Time
}

// AtomFeed is the published opportunities matching f (newest first unless f.Sort says
// otherwise; at most feedSize) as an Atom 1.0 document (RFC 4287); query is f as a query string,
// for the feed's own address. An entry's updated is when the opportunity last changed in
// public, so an amendment shows as an update in feed readers; the feed's updated is its newest
// entry's, or now when it has none (the RFC requires one, and there is no better moment).
// Errors: invalid (a malformed filter).
func (s *Service) AtomFeed(ctx context.Context, f opportunities.SearchFilter, query string) (Feed, error) {
	if f.Sort == "" {
		f.Sort = "newest"
	}
	res, err := s.opportunities.Search(ctx, f, 1, feedSize)
	if err != nil {
		return Feed{}, err
	}
	self, page := s.link("/api/v1/feeds/opportunities.atom"), s.link("/opportunities")
	if query != "" {
		self, page = self+"?"+query, page+"?"+query
	}
	feed := atomFeed{Title: "Opportunities from " + s.cfg.CouncilName, ID: self, Author: atomAuthor{Name: s.cfg.CouncilName},
		Links: []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: page, Rel: "alternate", Type: "text/html"}}}
	var newest time.Time
	for _, o := range res.Items {
		updated := o.UpdatedAt.UTC().Truncate(time.Second)
		published := updated
		if o.PublishedAt != nil {
			published = o.PublishedAt.UTC().Truncate(time.Second)
		}
		if updated.Before(published) {
			updated = published
		}
		if updated.After(newest) {
			newest = updated
		}
		summary := o.Summary
		if o.ValueText != "" {
			summary += " Value: " + o.ValueText + "."
		}
		if o.SubmissionDeadline != nil {
			summary += " Deadline for bids: " + o.SubmissionDeadline.Text + "."
		}
		e := atomEntry{Title: o.Title, ID: "urn:uuid:" + o.ID, Updated: updated.Format(time.RFC3339), Published: published.Format(time.RFC3339),
			Links: []atomLink{{Href: s.link("/opportunities/" + o.ID), Rel: "alternate", Type: "text/html"}}, Summary: summary}
		for _, c := range o.CPVCodes {
			e.Category = append(e.Category, atomCat{Term: c})
		}
		feed.Entries = append(feed.Entries, e)
	}
	// The validator covers everything but the feed's updated, which for an empty feed is now.
	unstamped, err := xml.Marshal(feed)
	if err != nil {
		return Feed{}, fmt.Errorf("notifications: unable to write feed: %w", err)
	}
	sum := sha256.Sum256(unstamped)
	if newest.IsZero() {
		newest = s.now().UTC().Truncate(time.Second)
	}
	feed.Updated = newest.Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return Feed{}, fmt.Errorf("notifications: unable to write feed: %w", err)
	}
	return Feed{Body: append([]byte(xml.Header), out...), ETag: `W/"` + hex.EncodeToString(sum[:16]) + `"`, Updated: newest}, nil
}

// eventLength is how long a deadline's calendar event lasts: RFC 5545 wants an event to end
// after it starts, and half an hour shows in a day view without hiding the day.
const eventLength = 30 * time.Minute

// Calendar is an iCalendar (RFC 5545) file with the opportunity's deadlines as events, each with
// an alarm a day before, so a supplier's calendar reminds them. Each event's UID stays the same
// for ever, and its SEQUENCE counts the amendments that moved its date, renamed the opportunity
// or cancelled it, with LAST-MODIFIED the latest of them, so a calendar that subscribed or
// imported it before replaces the old event rather than keeping both. A cancelled
// opportunity's events are STATUS:CANCELLED.
// Errors: not_found.
func (s *Service) Calendar(ctx context.Context, id string) ([]byte, string, error) {
	o, err := s.opportunities.GetOpportunity(ctx, nil, id)
	if err != nil {
		return nil, "", err
	}
	const stampFormat = "20060102T150405Z"
	stamp := s.now().UTC().Format(stampFormat)
	var b strings.Builder
	line := func(l string) { b.WriteString(fold(l)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Fairtender//Opportunities//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	event := func(uidPart, field, summary string, d *opportunities.Deadline) {
		if d == nil {
			return
		}
		sequence, modified := 0, o.UpdatedAt
		if o.PublishedAt != nil {
			modified = *o.PublishedAt
		}
		for _, am := range o.Amendments {
			for _, c := range am.Changes {
				if c.Field == field || c.Field == "title" || c.Field == "status" {
					sequence++
					modified = am.CreatedAt
					break
				}
			}
		}
		line("BEGIN:VEVENT")
		line("UID:" + o.ID + "-" + uidPart + "@" + host(s.cfg.BaseURL))
		line("DTSTAMP:" + stamp)
		line("DTSTART:" + d.At.UTC().Format(stampFormat))
		line("DTEND:" + d.At.Add(eventLength).UTC().Format(stampFormat))
		line("SEQUENCE:" + strconv.Itoa(sequence))
		line("LAST-MODIFIED:" + modified.UTC().Format(stampFormat))
		if o.Status == opportunities.StatusCancelled {
			line("STATUS:CANCELLED")
		}
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
	event("clarifications", "clarificationDeadline", "Last day for questions", o.ClarificationDeadline)
	event("submission", "submissionDeadline", "Deadline for bids", o.SubmissionDeadline)
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
