package mailer

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"
	"unicode"
)

// Renderer turns a named email template and its data into a subject, a plain-text body and an
// HTML body. It is safe for concurrent use.
type Renderer struct {
	common   map[string]any
	messages map[string]messageTemplates
}

type messageTemplates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// NewRenderer parses every <name>.txt and <name>.html in the root of fsys (normally emails.FS).
// common is merged under the data of every Render call (CouncilName, ServiceName, BaseURL).
//
// Every problem a template can have short of missing data is reported here, at start-up: a
// message without both halves, a text template without {{define "subject"}}, or a syntax error.
func NewRenderer(fsys fs.FS, common map[string]any) (*Renderer, error) {
	texts, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("mailer: unable to list text templates: %w", err)
	}
	htmls, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, fmt.Errorf("mailer: unable to list HTML templates: %w", err)
	}
	names := map[string]bool{}
	for _, f := range slices.Concat(texts, htmls) {
		names[strings.TrimSuffix(f, path.Ext(f))] = true
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("mailer: no email templates found")
	}

	r := &Renderer{common: maps.Clone(common), messages: map[string]messageTemplates{}}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		if !slices.Contains(texts, name+".txt") {
			return nil, fmt.Errorf("mailer: email %q has %s.html but no %s.txt", name, name, name)
		}
		if !slices.Contains(htmls, name+".html") {
			return nil, fmt.Errorf("mailer: email %q has %s.txt but no %s.html", name, name, name)
		}
		// Each message gets its own template set, since every text template defines "subject".
		// missingkey=error turns a forgotten field into a failed send rather than an email that
		// says "<no value>" (text) or silently leaves a gap (HTML).
		text, err := texttemplate.New(name+".txt").Option("missingkey=error").ParseFS(fsys, name+".txt")
		if err != nil {
			return nil, fmt.Errorf("mailer: unable to parse %s.txt: %w", name, err)
		}
		if text.Lookup("subject") == nil {
			return nil, fmt.Errorf(`mailer: %s.txt does not define "subject"`, name)
		}
		html, err := htmltemplate.New(name+".html").Option("missingkey=error").ParseFS(fsys, name+".html")
		if err != nil {
			return nil, fmt.Errorf("mailer: unable to parse %s.html: %w", name, err)
		}
		r.messages[name] = messageTemplates{text: text, html: html}
	}
	return r, nil
}

// Names returns the names of every email the renderer knows, sorted.
func (r *Renderer) Names() []string {
	return slices.Sorted(maps.Keys(r.messages))
}

// OneLine makes s fit for a header such as Subject: every line break and other control character
// (and Unicode's bidirectional overrides, which can disguise text) becomes a space, and runs of
// spaces collapse to one. Names people typed go into subjects, so a name holding "\r\nBcc: …"
// stays harmless text on the one line.
func OneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Render renders the email called name. data is merged over the common data, and the rendered
// subject is added as .Subject so the HTML can use it as its title and heading.
func (r *Renderer) Render(name string, data map[string]any) (subject, text, html string, err error) {
	m, ok := r.messages[name]
	if !ok {
		return "", "", "", fmt.Errorf("mailer: no email template called %q", name)
	}
	merged := maps.Clone(r.common)
	if merged == nil {
		merged = map[string]any{}
	}
	maps.Copy(merged, data)

	var buf bytes.Buffer
	if err := m.text.ExecuteTemplate(&buf, "subject", merged); err != nil {
		return "", "", "", fmt.Errorf("mailer: unable to render the subject of %q: %w", name, err)
	}
	subject = OneLine(buf.String())
	if subject == "" {
		return "", "", "", fmt.Errorf("mailer: the subject of %q is empty", name)
	}
	merged["Subject"] = subject

	buf.Reset()
	if err := m.text.Execute(&buf, merged); err != nil {
		return "", "", "", fmt.Errorf("mailer: unable to render %s.txt: %w", name, err)
	}
	text = strings.TrimSpace(buf.String()) + "\n"

	buf.Reset()
	if err := m.html.Execute(&buf, merged); err != nil {
		return "", "", "", fmt.Errorf("mailer: unable to render %s.html: %w", name, err)
	}
	html = strings.TrimSpace(buf.String()) + "\n"
	return subject, text, html, nil
}
